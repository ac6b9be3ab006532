"""What a blog's own recent posts say about how its posts are written.

Whether posts have a TOC at all, its heading, level, bullet, indentation and markers; the
title pattern and the weekday weeks start on; the file name pattern; the front matter
keys in their order. Read cheaply: the few newest posts beside the one at hand, the first
``_MAX_BYTES`` of each, and a post that cannot be read or parsed is skipped.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from tui.digest.weeks import parse_date, render_title, week_of_month

POST_SUFFIXES = (".md", ".markdown")
_NEWEST = 6  # posts read
_MAX_BYTES = 64 * 1024  # a TOC sits near the top; a giant post's tail says nothing more
_BUNDLE_NAMES = ("index.md", "_index.md", "index.markdown", "README.md")
_MAX_BUNDLES = 200  # page-bundle folders looked into


class Sample(NamedTuple):
    path: Path
    title: str | None
    day: date | None
    front_keys: tuple[str, ...]
    sections: int  # items and groups
    toc: tuple | None  # (heading text, level, bullet, indent, marked) of its TOC, when it has one
    date_format: str | None = None  # the strftime format its date is written in


class Conventions(NamedTuple):
    posts: tuple[Path, ...] = ()  # what was read, newest first
    with_items: int = 0  # of those, posts with items
    with_toc: int = 0  # of those, posts with a TOC
    toc_heading_text: str | None = None
    toc_level: int | None = None
    toc_bullet: str | None = None
    toc_indent: str | None = None
    toc_markers: bool | None = None
    title_template: str | None = None
    week_start: int | None = None
    filename_template: str | None = None
    front_keys: tuple[str, ...] = ()
    date_format: str | None = None

    @property
    def has_toc(self) -> bool | None:
        """Whether the blog's posts have a TOC (most of those with items), None when no
        post with items was found to tell."""
        if not self.with_items:
            return None
        return self.with_toc * 2 > self.with_items


def sibling_posts(post: Path) -> list[Path]:
    """The other posts of ``post``'s blog directory; for a page bundle (``slug/index.md``)
    the other bundles' pages."""
    post = Path(post)
    folder = post.parent if not post.is_dir() else post
    bundle = post.name in _BUNDLE_NAMES
    try:
        if bundle:
            found = []
            for sub in itertools.islice(folder.parent.iterdir(), _MAX_BUNDLES):
                page = next((sub / n for n in _BUNDLE_NAMES if (sub / n).is_file()), None)
                if sub != folder and page is not None:
                    found.append(page)
            return found
        return [p for p in folder.iterdir()
                if p.suffix.lower() in POST_SUFFIXES and p.is_file() and p != post and not p.name.startswith("_")]
    except OSError:
        return []


# A date in the front matter's first lines (YAML "date: 2020.06.20", TOML "date = 2020-06-20"),
# else in the file name (Jekyll's "2020-06-20-title.md"): read by pattern, not by a YAML
# parser, because a blog of a thousand posts is sorted on every `check`.
_FRONT_DATE = re.compile(r"^date\s*[:=]\s*['\"]?(\d{4})\D(\d{1,2})\D(\d{1,2})(?:\D+(\d{1,2})\D(\d{1,2}))?", re.M)
_NAME_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _age_key(path: Path) -> tuple:
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).decode("utf-8", errors="replace")
        mtime = path.stat().st_mtime
    except OSError:
        return (0, (), 0.0)
    found = _FRONT_DATE.search(head) or _NAME_DATE.search(path.name)
    when = tuple(int(g) for g in found.groups() if g is not None) if found else ()
    return (1 if when else 0, when, mtime)


def _newest(paths: list[Path]) -> list[Path]:
    return sorted(paths, key=lambda p: (_age_key(p), p.name), reverse=True)[:_NEWEST]


def _day(value, raw: str | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(raw if raw is not None else value))[0].date()
    except ValueError:
        return None


def read_sample(path: Path) -> Sample | None:
    from tui.digest.frontmatter import raw_value
    from tui.digest.post import Post
    from tui.digest.toc import find_markers, find_list

    try:
        with path.open("rb") as handle:
            text = handle.read(_MAX_BYTES).decode("utf-8", errors="replace").lstrip("\ufeff")
        post = Post.parse(text)
    except Exception:  # noqa: BLE001 - a post this cannot read teaches nothing; the others still do
        return None
    data = post.front.data or {}
    title = data.get("title")
    raw_date = raw_value(post.front, "date") if "date" in data else None
    day = _day(data.get("date"), raw_date) if "date" in data else None
    try:
        date_format = parse_date(raw_date)[1] if raw_date else None
    except ValueError:
        date_format = None
    toc = None
    if post.toc is not None:
        lead = post.toc.lead_heading()
        region = find_list(post.toc.content, lead.end if lead else 0)
        toc = (post.toc.title, post.toc.level) + _list_shape(region)
    elif post.blocks and (region := find_markers(post.blocks[0].content)) is not None:
        toc = (None, None) + _list_shape(region)
    return Sample(path, title if isinstance(title, str) else None, day, tuple(map(str, data)),
                  len(post.sections), toc, date_format)


def _list_shape(region) -> tuple:
    top = [e for e in region.entries if not e.indent]
    nested = [e for e in region.entries if e.indent]
    bullet = top[0].bullet if top else None
    if bullet and bullet[0].isdigit():
        bullet = "1" + bullet[-1]
    return (bullet, nested[0].indent if nested else None, region.marked)


def learn(post: Path) -> Conventions:
    """The conventions of the blog ``post`` (a post file, existing or not) belongs to."""
    samples = [s for s in map(read_sample, _newest(sibling_posts(Path(post)))) if s is not None]
    if not samples:
        return Conventions()
    with_items = [s for s in samples if s.sections]
    with_toc = [s for s in with_items if s.toc is not None]
    toc_fields: dict = {}
    if with_toc:
        heading, level, bullet, indent, marked = with_toc[0].toc
        toc_fields = dict(toc_heading_text=heading, toc_level=level, toc_bullet=bullet,
                          toc_indent=indent, toc_markers=marked)
    template, week_start = learn_title(
        [(s.title, s.day) for s in samples if s.title and s.day])
    return Conventions(
        posts=tuple(s.path for s in samples),
        with_items=len(with_items),
        with_toc=len(with_toc),
        title_template=template,
        week_start=week_start,
        filename_template=learn_filename([(s.path.name, s.day, week_start) for s in samples if s.day]),
        front_keys=samples[0].front_keys,
        date_format=samples[0].date_format,
        **toc_fields,
    )


# -- titles -------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+")


def _skeleton(title: str) -> str:
    return _NUMBER.sub("#", title.strip())


def _templates(title: str, day: date, week_start: int):
    """Every template that gives ``title`` for ``day``: each number in it read as the
    year, month, week or day it equals, or kept as written."""
    month, week = week_of_month(day, week_start)
    values = {"year": day.year, "month": month, "week": week, "day": day.day}
    parts = _NUMBER.split(title.strip())
    numbers = _NUMBER.findall(title.strip())
    if len(numbers) > 5:
        return
    choices = []
    for number in numbers:
        names = [f"{{{name}}}" for name, value in values.items() if str(value) == number]
        choices.append(names + [number])
    for picked in itertools.product(*choices):
        yield "".join(p + (picked[i] if i < len(picked) else "") for i, p in enumerate(parts))


def learn_title(pairs: list[tuple[str, date]]) -> tuple[str | None, int | None]:
    """The title template and week start that reproduce the most common kind of title
    (two posts or more, all of that kind), or (None, None)."""
    if not pairs:
        return None, None
    skeleton, count = Counter(_skeleton(t) for t, _ in pairs).most_common(1)[0]
    group = [(t, d) for t, d in pairs if _skeleton(t) == skeleton]
    if count < 2 or "#" not in skeleton:
        return None, None
    weekdays = Counter(d.weekday() for _, d in group).most_common(1)[0][0]
    # Weeks start on the publishing weekday in a weekly series; Saturday, then Monday, else.
    for week_start in dict.fromkeys((weekdays, 5, 0, 1, 2, 3, 4, 6)):
        first, day0 = group[0]
        for template in _templates(first, day0, week_start):
            if "{" not in template:
                continue
            if all(render_title(template, d, week_start) == t.strip() for t, d in group):
                return template, (week_start if "{week}" in template else None)
    return None, None


def learn_filename(names: list[tuple[str, date, int | None]]) -> str | None:
    """The file name template (``str.format`` fields year, month, week, day) that gives the
    names of two posts or more from their dates."""
    counts: Counter[str] = Counter()
    for name, day, week_start in names:
        month, week = week_of_month(day, 5 if week_start is None else week_start)
        values = {"year": (f"{day.year}", "{year}"), "month2": (f"{month:02d}", "{month:02d}"),
                  "month": (f"{month}", "{month}"), "day2": (f"{day.day:02d}", "{day:02d}"),
                  "day": (f"{day.day}", "{day}"), "week": (f"{week}", "{week}")}
        parts = re.split(r"(\d+)", name.replace("{", "{{").replace("}", "}}"))
        options = []
        for i, part in enumerate(parts):
            if i % 2 == 0:
                options.append([part])
            else:
                options.append([field for text, field in values.values() if text == part] + [part])
        if len(options) > 11:
            continue
        for picked in itertools.islice(itertools.product(*options), 256):
            template = "".join(picked)
            if "{" in template.replace("{{", "").replace("}}", ""):
                counts[template] += 1
    for template, count in counts.most_common():
        if count >= 2:
            return template
    return None


# -- the post's own language ----------------------------------------------------------------

_HANGUL = re.compile(r"[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
_LATIN = re.compile(r"[A-Za-z]")
_URL = re.compile(r"\]\([^)\s]*\)?|https?://\S+")

TOC_HEADINGS_BY_LANGUAGE = {"ko": "목차", "ja": "目次", "zh": "目录", "en": "Contents"}


def language_of(text: str) -> str:
    """"ko", "ja", "zh" or "en": the script most of the post's letters are written in
    (an English post quoting one Korean name stays English)."""
    sample = _URL.sub("", text[:_MAX_BYTES])  # links are Latin whatever the prose is
    hangul, kana, han = (len(p.findall(sample)) for p in (_HANGUL, _KANA, _HAN))
    latin = len(_LATIN.findall(sample))
    # One CJK character carries a word's weight: a few letters of Latin make one.
    if (hangul + kana + han) * 10 < latin or hangul + kana + han == 0:
        return "en"
    if hangul >= kana + han:
        return "ko"
    return "ja" if kana else "zh"


def toc_heading_for(text: str) -> str:
    return TOC_HEADINGS_BY_LANGUAGE[language_of(text)]
