"""Has this link been shared lately? An index of the links in the last few posts.

Curators paste from the same feeds every week, so a link that already went out in a
recent post is the most common slip; the editor warns with the post's short label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from .errors import PostReadError
from .frontmatter_limits import HostileFrontMatter, load_toml, load_yaml
from .links import DEFAULT_TRACKING, links_in, normalize_url

_DATE = re.compile(r"(\d{4})[-./_ ](\d{1,2})[-./_ ](\d{1,2})(?:[T _]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_TOML = re.compile(r"\A\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_YAML = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_LABEL = re.compile(r"\(([^()]+)\)\s*$")
_SUFFIXES = (".md", ".markdown")


@dataclass
class Seen:
    post_path: Path
    post_label: str


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def _as_datetime(value) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)  # mixing aware and naive dates must not crash sorting
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    match = _DATE.search(str(value)) if isinstance(value, (str, int, float)) else None
    if not match:
        return None
    try:
        return datetime(*(int(g) for g in match.groups() if g is not None))
    except ValueError:
        return None


def _read(path: Path) -> tuple[dict, str]:
    """(front matter, body); front matter that does not parse still leaves the body.
    HostileFrontMatter (an alias bomb, deep nesting) and PostReadError propagate: such a
    sibling is skipped with a warning."""
    from .decode import read_post  # the same size, binary and encoding checks as any post

    text = read_post(path).text
    toml = _TOML.match(text)
    if toml:
        import tomllib  # Hugo's TOML posts only; read on the duplicate worker's thread

        try:
            meta = load_toml(toml.group(1))
        except tomllib.TOMLDecodeError:
            meta = {}
        return meta, text[toml.end():]
    yaml = _YAML.match(text)
    if not yaml:
        return {}, text
    import yaml as pyyaml

    try:
        meta = load_yaml(yaml.group(1) + "\n")
    except HostileFrontMatter:
        raise
    except (pyyaml.YAMLError, ValueError, TypeError):  # bad dates raise ValueError; the links still count
        meta = None
    return (meta if isinstance(meta, dict) else {}), text[yaml.end():]


def _label(path: Path, meta: dict) -> str:
    title = meta.get("title")
    # Only a scalar: str() of a list an alias bomb built would expand it whole.
    title = " ".join(str(title).split()) if isinstance(title, (str, int, float)) else ""
    if title:
        match = _LABEL.search(title)
        return match.group(1).strip() if match else title
    # Hugo page bundles keep the post in <slug>/index.md: the slug is the name.
    return path.parent.name if path.stem == "index" else path.stem


def _candidates(directory: Path) -> list[Path]:
    found = [p for p in directory.iterdir() if p.suffix.lower() in _SUFFIXES and p.is_file()]
    for sub in directory.iterdir():
        if sub.is_dir():
            found += [sub / f"index{s}" for s in _SUFFIXES if (sub / f"index{s}").is_file()]
    return found


class DuplicateIndex:
    def __init__(self, seen: dict[str, list[Seen]] | None = None, tracking=DEFAULT_TRACKING,
                 skipped: list[str] | None = None):
        self._seen = seen or {}
        self._tracking = tracking
        # "name: reason" of each sibling refused for hostile front matter, for one warning each.
        self.skipped = skipped or []

    @classmethod
    def build(cls, directory: Path, *, exclude: Path | None = None, last_n: int = 12,
              tracking=DEFAULT_TRACKING, before: datetime | None = None) -> "DuplicateIndex":
        """``before``: the date of the post being checked. A link can only be a repeat of a
        post published earlier: opening an old post must not flag what later posts took."""
        directory = Path(directory)
        skip = Path(exclude).resolve() if exclude is not None else None
        try:
            paths = [p for p in _candidates(directory) if p.resolve() != skip]
        except OSError:
            return cls(tracking=tracking)
        posts, skipped = [], []
        for path in paths:
            try:
                meta, body = _read(path)
                mtime = path.stat().st_mtime
            except HostileFrontMatter as exc:
                skipped.append(f"{path.name}: {exc}")
                continue
            except (OSError, PostReadError, ValueError):
                continue
            when = (_as_datetime(meta.get("date")) or _as_datetime(path.stem)
                    or datetime.fromtimestamp(mtime))
            if before is None or when < before:
                posts.append((when, path.name, path, meta, body))
        posts.sort(key=lambda post: (post[0], post[1]), reverse=True)
        seen: dict[str, list[Seen]] = {}
        for _, _, path, meta, body in posts[: max(0, last_n)]:
            entry = Seen(path, _label(path, meta))
            for url in links_in(body):
                if not _is_web(url):
                    continue
                entries = seen.setdefault(normalize_url(url, tracking), [])
                if entry not in entries:
                    entries.append(entry)
        return cls(seen, tracking, skipped)

    def lookup(self, url: str, key: str | None = None) -> list[Seen]:
        """The posts that already carry this link, newest first (``key``: the url already
        normalised with this index's tracking parameters)."""
        if not self._seen:
            return []
        return list(self._seen.get(key if key is not None else normalize_url(url, self._tracking), ()))

    def __len__(self) -> int:
        return len(self._seen)


def post_date(date_value, path: Path) -> datetime | None:
    """A post's date from its front matter value, else from its file name."""
    return _as_datetime(date_value) or _as_datetime(Path(path).stem)


def already_in(seen: list[Seen]) -> str | None:
    """The warning the editor shows, e.g. "already in 6월 3주차"."""
    if not seen:
        return None
    return "already in " + ", ".join(dict.fromkeys(s.post_label for s in seen))


def duplicates_within(markdowns: list[str], tracking=DEFAULT_TRACKING) -> dict[str, list[int]]:
    return duplicate_keys([links_in(markdown) for markdown in markdowns], tracking)


def duplicate_keys(links: list[list[str]], tracking=DEFAULT_TRACKING, keys: dict[str, str] | None = None
                   ) -> dict[str, list[int]]:
    """``duplicates_within`` for links already found, one list per item; ``keys`` (url to
    normalised url) is filled and reused, as `check` looks every url up again."""
    keys = {} if keys is None else keys
    where: dict[str, list[int]] = {}
    for index, urls in enumerate(links):
        web = [u for u in urls if _is_web(u)]
        for url in web:
            if url not in keys:
                keys[url] = normalize_url(url, tracking)
        for key in dict.fromkeys(keys[u] for u in web):
            where.setdefault(key, []).append(index)
    return {key: items for key, items in where.items() if len(items) > 1}
