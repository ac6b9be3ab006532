"""The posts of a blog directory, read cheaply from the top of each file: title, date and
tags for the post picker, the newest-post choice and the tag suggestions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tui.digest.frontmatter import FrontMatter, raw_value, split_front_matter
from tui.digest.weeks import parse_date

POST_SUFFIXES = (".md", ".markdown")
HEAD_BYTES = 4096  # front matter sits at the top; reading whole posts would make big folders slow


@dataclass
class PostHead:
    """What the top of a post file says about it, read cheaply."""

    path: Path
    title: str
    when: float  # front matter date as a timestamp, else the file's mtime
    when_text: str
    tags: list[str]


def read_head(path: Path) -> PostHead:
    """Title, date and tags from the first few KB of ``path`` (never raises on odd files)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        mtime = path.stat().st_mtime
    except OSError:
        return PostHead(path, "", 0.0, "unreadable", [])
    front, _ = split_front_matter(head.decode("utf-8", errors="replace").lstrip("\ufeff"))
    data = front.data or {}
    title = str(data.get("title") or "")
    when, when_text = _front_date(front, data.get("date"))
    if when is None:
        when, when_text = mtime, datetime.fromtimestamp(mtime).strftime("%Y-%m-%d %H:%M") + " (modified)"
    return PostHead(path, title, when, when_text, as_list(data.get("tags")))


def _front_date(front: FrontMatter, value) -> tuple[float | None, str]:
    if isinstance(value, datetime):
        return value.timestamp(), str(raw_value(front, "date") or value)
    if isinstance(value, date):
        return datetime.combine(value, datetime.min.time()).timestamp(), value.isoformat()
    if value is None:
        return None, ""
    text = raw_value(front, "date") or str(value)
    try:
        return parse_date(text)[0].timestamp(), text
    except ValueError:
        return None, ""


def read_post_heads(directory: Path) -> list[PostHead]:
    """Heads of every post file directly inside ``directory`` (unsorted)."""
    try:
        paths = [p for p in directory.iterdir() if p.suffix.lower() in POST_SUFFIXES and p.is_file()]
    except OSError:
        return []
    return [read_head(path) for path in paths]


def as_list(value) -> list[str]:
    """A front matter list as strings: ``tags: ML`` is one tag, a missing key none."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None]
    return [str(value)]


def known_tags(directory: Path, limit: int = 50) -> list[str]:
    """Tags used by the posts of ``directory``, most used first, to offer as suggestions."""
    counts: Counter[str] = Counter()
    for head in read_post_heads(Path(directory)):
        counts.update(dict.fromkeys(head.tags, 1))
    return [tag for tag, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))][:limit]
