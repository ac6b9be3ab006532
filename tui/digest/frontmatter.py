"""Front matter split off a post and edited surgically.

Saving must leave every key the editor did not touch byte-identical (quotes,
comments, order, list style), so edits are text splices located by the YAML
composer's marks (or a small TOML scanner), never a re-dump of the mapping.
Each splice is re-parsed and checked before it is accepted.
"""

from __future__ import annotations

import re
from datetime import datetime

from . import frontmatter_yaml as yaml_text
from .errors import FrontMatterError
from .lazy_pattern import lazy
from .weeks import format_date, parse_date, render_title, title_matches_template

_OPENERS = {"---": "yaml", "+++": "toml"}
_CLOSERS = {"yaml": ("---", "..."), "toml": ("+++",)}


def _toml_text():
    # TOML front matter is Hugo's; YAML posts (and the editor's start) skip tomllib's import.
    from . import frontmatter_toml

    return frontmatter_toml


class FrontMatter:
    """`raw` is the exact source, opener line through the closing line and its
    line ending ("" when absent); `data` is None when absent or broken, and then
    `error` says why, naming the file line, and nothing may rewrite it.

    `data` and `error` are read on first use: PyYAML costs ~35 ms to import, and the
    editor's first paint needs no more of the front matter than its title (`peek`)."""

    def __init__(self, raw: str, format: str | None, data: dict | None = None, error: str | None = None) -> None:
        self.raw = raw
        self.format = format
        self._data = data
        self._error = error
        self._unread = False

    @classmethod
    def read_later(cls, raw: str, format: str) -> "FrontMatter":
        fm = cls(raw, format)
        fm._unread = True
        return fm

    def read(self) -> None:
        """Read ``data`` and ``error`` now, if not yet done."""
        if self._unread:
            self._data, self._error = _load(self.inner, self.format)
            self._unread = False  # only once read: a reader never sees it half-done

    @property
    def data(self) -> dict | None:
        self.read()
        return self._data

    @property
    def error(self) -> str | None:
        self.read()
        return self._error

    def peek(self, key: str) -> str | None:
        """A top-level scalar's value without reading the whole front matter when it is
        written plainly (``key: text`` or quoted without escapes); else read as `data`.

        For showing a title before the first paint: a key written plainly is returned even
        if another key is broken (then `data` is None)."""
        if self._unread and self.format == "yaml":
            value = _plain_scalar(self.inner, key)
            if value is not None:
                return value
        value = (self.data or {}).get(key)
        return None if value is None else str(value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FrontMatter):
            return NotImplemented
        return (self.raw, self.format, self.data, self.error) == (other.raw, other.format, other.data, other.error)

    __hash__ = None  # mutable, as the dataclass it replaces was

    def __repr__(self) -> str:
        return f"FrontMatter(raw={self.raw!r}, format={self.format!r}, data={self.data!r}, error={self.error!r})"

    @property
    def eol(self) -> str:
        return "\r\n" if self.raw.split("\n", 1)[0].endswith("\r") else "\n"

    @property
    def inner(self) -> str:
        """The text between the delimiter lines (ends with a line break or is empty)."""
        start = self.raw.index("\n") + 1
        end = self.raw.rstrip("\r\n").rfind("\n") + 1
        return self.raw[start:end] if end > start else ""

    def _with_inner(self, inner: str) -> "FrontMatter":
        head = self.raw[: self.raw.index("\n") + 1]
        tail = self.raw[len(head) + len(self.inner):]
        return _parse(head + inner + tail, self.format)


# A plain scalar YAML reads as the same string: no indicator first, no ": " or " #"
# inside, not a number, date, bool or null (those would be read as another type), no
# trailing colon. Anything else is left to PyYAML.
_PLAIN = re.compile(r"(?![-?:,\[\]{}#&*!|>'\"%@`~ ])(?!.*(?:: | #|:$))(?![-+.0-9])(?!(?:true|false|yes|no|on|off|null|y|n|=|<<)$)[^\x00-\x1f]+", re.IGNORECASE)


def _yaml_printable(text: str) -> bool:
    """Only characters PyYAML accepts in a document (a regex for this class costs ~9 ms
    to compile, more than the front matter takes to check)."""
    return all(
        " " <= c <= "~" or c in "\t\n\r\x85" or "\xa0" <= c <= "\ud7ff" or "\ue000" <= c <= "\ufffd" or c >= "\U00010000"
        for c in text
    )


_QUOTE_SPECIAL = lazy(r"[\\'\"\x00-\x1f]")


def _plain_scalar(inner: str, key: str) -> str | None:
    """``key``'s value when the YAML in ``inner`` says it so plainly that reading it needs
    no YAML parser; None when PyYAML must decide."""
    found = list(re.finditer(rf"^{re.escape(key)}: +([^\t]*?) *\r?$", inner, re.MULTILINE))
    if len(found) != 1:
        return None  # absent, or repeated (PyYAML keeps the last)
    value = found[0].group(1)
    if re.match(r"(?:\r?\n[ \t]*)*\r?\n[ \t]+\S", inner[found[0].end():]):
        return None  # an indented next line, even after blank ones, continues a plain scalar
    if not _yaml_printable(inner):
        return None
    # No other line quoted: a quoted value can run over lines, and a "title:" inside it is
    # no key. (Tabs are out too: the pattern stops at them, and PyYAML trips on some.)
    quoted_lines = sum(1 for line in inner.splitlines() if "'" in line or '"' in line)
    if quoted_lines > (1 if "'" in value or '"' in value else 0):
        return None
    if _PLAIN.fullmatch(value):
        return value
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"" and not _QUOTE_SPECIAL.search(value[1:-1]):
        return value[1:-1]
    return None


_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def _lines(text: str):
    """Yield (line_without_ending, line_with_ending).

    Lines end at "\n" only: str.splitlines also splits at \x0b, \x0c, \x1c-\x1e, \x85 and
    \u2028, which would find a closing "---" in the middle of a line.
    """
    for match in _LINE.finditer(text):
        line = match.group(0)
        yield line.rstrip("\r\n"), line


def _delimiter(line: str) -> str:
    # Trailing blanks after a delimiter are common and harmless to Jekyll/Hexo.
    return line.rstrip(" \t")


def split_front_matter(text: str) -> tuple[FrontMatter, str]:
    """Split `text` (no BOM) into front matter and body; `fm.raw + body == text`."""
    # Lazily: a 1 MB post without front matter must not be split into lines here.
    lines = _lines(text)
    first = next(lines, None)
    if first is None:
        return FrontMatter("", None, None, None), text
    fmt = _OPENERS.get(_delimiter(first[0]))
    if fmt is None or not first[1].endswith("\n"):
        return FrontMatter("", None, None, None), text
    size = len(first[1])
    for bare, full in lines:
        size += len(full)
        if _delimiter(bare) in _CLOSERS[fmt]:
            raw = text[:size]
            return _parse(raw, fmt), text[size:]
    # An opener never closed is a thematic break at the top of the body.
    return FrontMatter("", None, None, None), text


def _parse(raw: str, fmt: str) -> FrontMatter:
    return FrontMatter.read_later(raw, fmt)


def _load(inner: str, fmt: str) -> tuple[dict | None, str | None]:
    """(data, error) of the text between the delimiters."""
    # Line numbers in messages count from the top of the file; the opener is line 1.
    if fmt == "yaml":
        import yaml  # PyYAML costs ~35 ms of start-up: only posts with YAML front matter pay it

        from .frontmatter_limits import HostileFrontMatter, load_yaml

        try:
            # Only comments (or nothing) between the delimiters is an empty mapping.
            data = load_yaml(inner)
            data = {} if data is None else data
        except HostileFrontMatter as exc:
            return None, str(exc)
        except yaml.MarkedYAMLError as exc:
            return None, yaml_text.error_message(exc, line_offset=1)
        except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
            # PyYAML raises plain ValueError for impossible dates (2024-02-30) and bad
            # !!int values; the front matter is then broken like any other.
            return None, f"front matter does not parse: {exc}"
    else:
        import tomllib

        from .frontmatter_limits import HostileFrontMatter, load_toml

        try:
            data = load_toml(inner)
        except HostileFrontMatter as exc:
            return None, str(exc)
        except tomllib.TOMLDecodeError as exc:
            return None, _toml_text().error_message(exc, line_offset=1)
    if not isinstance(data, dict):
        return None, "front matter (line 2) is not a list of key: value pairs"
    return data, None


def _require_editable(fm: FrontMatter) -> None:
    if fm.error:
        raise FrontMatterError(f"front matter is kept as written because it does not parse: {fm.error}")
    if fm.format is None:
        raise FrontMatterError("the post has no front matter to edit")


def raw_value(fm: FrontMatter, key: str) -> str | None:
    """The scalar text of a top-level key as written, quotes and escapes resolved."""
    if fm.format is None or fm.error:
        return None
    if fm.format == "yaml":
        return yaml_text.raw_value(fm.inner, key)
    return _toml_text().raw_value(fm.inner, key)


def _accept(fm: FrontMatter, inner: str, key: str, check) -> FrontMatter:
    new = fm._with_inner(inner)
    if new.error or new.data is None:
        raise FrontMatterError(f"could not rewrite {key!r} safely: {new.error}")
    others_before = {k: v for k, v in fm.data.items() if k != key}
    others_after = {k: v for k, v in new.data.items() if k != key}
    if others_before != others_after or not check(new):
        raise FrontMatterError(f"could not rewrite {key!r} without disturbing the front matter")
    return new


def set_key(fm: FrontMatter, key: str, value: str) -> FrontMatter:
    """Rewrite one top-level scalar in place, or append it before the closing line."""
    _require_editable(fm)
    if fm.format == "yaml":
        inner = yaml_text.set_scalar(fm.inner, key, value, fm.eol)
    else:
        inner = _toml_text().set_scalar(fm.inner, key, value, fm.eol)
    if inner == fm.inner:
        return fm
    return _accept(fm, inner, key, lambda new: raw_value(new, key) == value)


def set_list(fm: FrontMatter, key: str, values: list[str]) -> FrontMatter:
    """Rewrite one top-level list keeping its block or flow style."""
    _require_editable(fm)
    values = [str(v) for v in values]
    if fm.format == "yaml":
        inner = yaml_text.set_list(fm.inner, key, values, fm.eol)
    else:
        inner = _toml_text().set_list(fm.inner, key, values, fm.eol)
    if inner == fm.inner:
        return fm

    def check(new: FrontMatter) -> bool:
        got = new.data.get(key)
        return isinstance(got, list) and [str(v) for v in got] == values

    return _accept(fm, inner, key, check)


def regenerate(
    fm: FrontMatter,
    *,
    template: str,
    week_start: int,
    now: datetime,
    body_changed: bool,
) -> tuple[FrontMatter, list[str]]:
    """Apply FORMAT.md's save-time rules; returns the front matter and change notes.

    `body_changed` should be True for any edit besides the title (body text or
    another key), since only then is `updated` refreshed.
    """
    if fm.format is None or fm.error or fm.data is None:
        return fm, []
    notes: list[str] = []
    date_fmt = None
    date_text = raw_value(fm, "date")
    parsed = None
    if date_text is not None:
        try:
            parsed, date_fmt = parse_date(date_text)
        except ValueError:
            parsed = None

    title = raw_value(fm, "title")
    if parsed is not None and title is not None and title_matches_template(title, template):
        fresh = render_title(template, parsed.date(), week_start)
        if fresh != title:
            fm = set_key(fm, "title", fresh)
            notes.append("title updated")

    updated = raw_value(fm, "updated")
    if updated is not None and (body_changed or notes):
        fmt = date_fmt
        if fmt is None:
            # Without a readable `date`, keep `updated` in its own format.
            try:
                fmt = parse_date(updated)[1]
            except ValueError:
                fmt = None
        if fmt is not None:
            if parsed is not None and parsed.tzinfo is not None:
                # Stamp in the post's own offset rather than the machine's.
                now = now.astimezone(parsed.tzinfo)
            stamp = format_date(now, fmt)
            if stamp != updated:
                fm = set_key(fm, "updated", stamp)
                notes.append("updated refreshed")
    return fm, notes


__all__ = [
    "FrontMatter",
    "split_front_matter",
    "raw_value",
    "set_key",
    "set_list",
    "regenerate",
]
