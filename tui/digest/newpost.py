"""The week's new post: its date, file name and starting text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from tui.digest.store import write_atomic
from tui.digest.weeks import format_date, render_title, week_of_month


@dataclass(frozen=True)
class NewPostRules:
    title_template: str = "Weekly ML/DL News ({month}월 {week}주차)"
    week_start: int = 5
    date_format: str = "%Y.%m.%d %H:%M:%S"
    publish_weekday: int = 5
    publish_time: str = "12:00:00"
    filename_template: str = "weekly-ml-dl-news-{year}-{month:02d}-w{week}.md"
    categories: tuple[str, ...] = ("news",)
    tags: tuple[str, ...] = ("ML", "DL")
    toc_heading_text: str = "목차"
    insert_toc: bool = True  # start the post with its TOC heading
    toc_level: int = 2
    front_matter_keys: tuple[str, ...] = ("title", "date", "categories", "tags")  # which, in order


def publish_date(today: date, weekday: int) -> date:
    """The week's publishing day: today when it is that day, else the next one."""
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def file_name(rules: NewPostRules, day: date) -> str:
    month, week = week_of_month(day, rules.week_start)
    return rules.filename_template.format(year=day.year, month=month, week=week, day=day.day)


def _yaml_list(name: str, values: tuple[str, ...]) -> str:
    if not values:
        return f"{name}: []\n"
    return f"{name}:\n" + "".join(f"- {v}\n" for v in values)


def post_text(rules: NewPostRules, day: date) -> str:
    hour, minute, *second = (int(part) for part in rules.publish_time.split(":"))
    when = datetime.combine(day, time(hour, minute, second[0] if second else 0))
    title = render_title(rules.title_template, day, rules.week_start)
    lines = {
        "title": f"title: {title}\n",
        "date": f"date: {format_date(when, rules.date_format)}\n",
        "categories": _yaml_list("categories", rules.categories),
        "tags": _yaml_list("tags", rules.tags),
    }
    keys = [k for k in rules.front_matter_keys if k in lines] or ["title", "date"]
    toc = f"{'#' * rules.toc_level} {rules.toc_heading_text}\n" if rules.insert_toc else ""
    return "---\n" + "".join(lines[k] for k in keys) + "---\n\n" + toc


def create_post(directory: Path, rules: NewPostRules, day: date) -> tuple[Path, bool]:
    """Create the post for ``day`` in ``directory``; (path, created). An existing post is kept."""
    path = Path(directory) / file_name(rules, day)
    if path.exists():
        return path, False
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, post_text(rules, day).encode("utf-8"))
    return path, True
