"""The TOC list: reading the one a post has, and writing the one it should have."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote

from tui.digest.blocks import _FENCE, _html_start, split_lines
from tui.digest.lazy_pattern import lazy

# A TOC entry's anchor: anything but ")", ">" and ASCII blanks. Python's Unicode \s also
# refuses U+0085 and other blanks a slug can keep (hexo keeps what JavaScript's \s does not
# match), and a fix that writes an entry it then cannot read is not idempotent.
# Balanced parentheses are part of it: markdown-it-anchor keeps "(" and ")" in its ids.
# An anchor this cannot hold (a lone ")" or a blank) is written in angle brackets, `(<#a-)>)`,
# where CommonMark takes everything up to the ">" as the destination.
_ANCHOR = r"(?a:(?:[^()\s>]|\([^()\s>]*\))*|(?<=<\#)[^<>\n]*(?=>))"
_PLAIN_ANCHOR = re.compile(r"(?a:(?:[^()\s>]|\([^()\s>]*\))*)")
_ENTRY = lazy(
    r"^(?P<indent>[ \t]*)(?P<bullet>[-*+]|\d{1,9}[.)])[ \t]+"
    rf"\[(?P<label>(?:\\.|[^\]\\]|\[(?:\\.|[^\]\\])*\])*)\]\(<?#(?P<anchor>{_ANCHOR})>?\)[ \t]*$"
)
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_MARK_OPEN = lazy(r"^[ \t]*<!--\s*toc\s*-->[ \t]*$", re.I)
_MARK_CLOSE = lazy(r"^[ \t]*<!--\s*(?:tocstop|/toc)\s*-->[ \t]*$", re.I)


class TocEntry(NamedTuple):  # a tuple: a 10,000-entry TOC builds 10,000 of them per read
    indent: str
    bullet: str
    label: str
    anchor: str  # percent-decoded, so `#%EB%AA%A9%EC%B0%A8` and `#목차` compare equal


class TocList(NamedTuple):  # not a frozen dataclass: defining one cost ~1.4 ms of start-up
    start: int  # region to replace, as offsets into the text it was found in
    end: int
    entries: tuple[TocEntry, ...]
    marked: bool  # bounded by <!-- toc --> ... <!-- tocstop -->


def _lines(text: str, start: int):
    offset = start
    for line in split_lines(text[start:]):
        yield offset, line
        offset += len(line)


def find_markers(text: str) -> TocList | None:
    """The region between <!-- toc --> and <!-- tocstop --> in ``text``, if both are there."""
    if "<!--" not in text:
        return None  # most TOCs have no markers: no need to look at every line
    open_end = None
    for offset, line in _lines(text, 0):
        if open_end is None and _MARK_OPEN.match(line.rstrip("\r\n")):
            open_end = offset + len(line)
        elif open_end is not None and _MARK_CLOSE.match(line.rstrip("\r\n")):
            # All between the markers is the TOC's: it is rewritten the way markdown-toc
            # writes it (see markdown_toc_region), so a blog using both never sees a diff.
            return TocList(open_end, offset, _entries(text[open_end:offset]), True)
    return None


def _is_list_line(body: str) -> bool:
    # "* * *" and "- - -" are thematic breaks, not one-entry lists.
    return bool(_LIST_ITEM.match(body)) and not _THEMATIC.match(body)


# One TOC entry line without its line ending (_ENTRY_LINES below explains the label's form).
_ENTRY_LINE = (r"[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+"
               rf"\[(?:[^\[\]\\\n]++|\\.|\[|\[(?:[^\]\\\n]++|\\.)*\])*\]\(<?#{_ANCHOR}>?\)[ \t]*")
# The rest of a TOC list after its first entry, for texts whose lines end in "\n" only: blank
# lines, then an entry line, as often as they come. Blank lines after the last entry are not
# the list's, and neither is any other line: a plain list item, an indented sentence, a fence
# or an HTML block after the entries is the author's, and a rewrite must leave it.
_LIST_REST = re.compile(rf"(?:(?:[^\S\n]*\n)*{_ENTRY_LINE}(?:\n|\Z))*")


def _is_entry_line(body: str) -> bool:
    return _is_list_line(body) and bool(_ENTRY.match(body))


def _skipped_until(body: str):
    """What ends the fenced code, HTML block or comment ``body`` opens (a line test), or None
    when it opens none: no list starts inside one, so a fix never takes its lines for the TOC."""
    fence = _FENCE.match(body)
    if fence and not (fence[2][0] == "`" and "`" in fence[3]):
        mark = fence[2]
        closing = re.compile(rf"^ {{0,3}}{re.escape(mark[0])}{{{len(mark)},}}[ \t]*$")
        return lambda line: bool(closing.match(line))
    if _MARK_OPEN.match(body) or _MARK_CLOSE.match(body):
        return None
    end = _html_start(body, interrupting=False)
    if end is False:
        return None
    if end is None:
        return lambda line: not line.strip()
    if end.search(body, body.index("<") + 1):
        return None  # opened and closed on its own line
    return lambda line: bool(end.search(line))


def _list_span(text: str, start: int, stop: int | None = None) -> tuple[int, int] | None:
    """The first TOC list in ``text[start:stop]``: from its first entry to its last.

    A sentence or a plain list before it is skipped; fenced code, HTML blocks and comments
    are skipped whole (a list inside one is not the TOC). The list ends at the first line
    that is neither an entry (``- [label](#anchor)``) nor blank: only entries are rewritten,
    so no line of the author's is ever replaced."""
    first = last = None
    text = text[:stop] if stop is not None else text
    inside = None  # the end test of a fence, HTML block or comment being skipped
    for offset, line in _lines(text, start):
        body = line.rstrip("\r\n")
        if first is None:
            if inside is not None:
                if inside(body):
                    inside = None
                continue
            inside = _skipped_until(body)
            if inside is None and _is_entry_line(body):
                first, last = offset, offset + len(line)
                if "\r" not in text:
                    # A 10,000-entry TOC in one regex match rather than a loop over its lines.
                    return first, max(last, _LIST_REST.match(text, last).end())
            continue
        if _is_entry_line(body):
            last = offset + len(line)
        elif body.strip():
            break
    return (first, last) if first is not None else None


_last: tuple[str, int, TocList] | None = None


def find_list(text: str, start: int) -> TocList:
    """The first list after ``start`` (the TOC heading's end), or an empty region there.

    The region runs from the first list line to the last line that still belongs to
    the list, so the text around it (a sentence, blank lines) stays as written.
    """
    # Reading a post and saving it both look for the list in the same TOC text (the item
    # level comes from it, then the save rewrites it): the second look is a string compare.
    global _last
    if _last is not None and _last[1] == start and _last[0] == text:
        return _last[2]
    found = _find_list(text, start)
    _last = (text, start, found)
    return found


def _find_list(text: str, start: int) -> TocList:
    marked = find_markers(text)
    if marked is not None:
        return marked
    found = _list_span(text, start)
    if found is None:
        return TocList(start, start, (), False)
    return TocList(found[0], found[1], _entries(text[found[0]:found[1]]), False)


# _ENTRY for a whole region at once, three times faster: the label may not run past its
# line, and its plain characters are taken a run at a time (possessively: a run never ends
# at a "]", so giving characters back could not help) instead of one alternation per
# character, which was most of the 10 ms a 2,000-entry TOC took to read. "[" stays a
# character of its own, tried as plain text before as the start of a bracketed part, the
# order _ENTRY tries them in, so both find the same label in the same line.
_ENTRY_LINES = re.compile(
    r"^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+"
    rf"\[((?:[^\[\]\\\n]++|\\.|\[|\[(?:[^\]\\\n]++|\\.)*\])*)\]\(<?#({_ANCHOR})>?\)[ \t]*$",
    re.MULTILINE,
)


def _entries(region: str) -> tuple[TocEntry, ...]:
    if "\r" not in region:
        entries = tuple(map(TocEntry._make, _ENTRY_LINES.findall(region)))
        if "%" in region:
            entries = tuple(e._replace(anchor=unquote(e.anchor)) if "%" in e.anchor else e for e in entries)
        return entries
    found = []
    for line in split_lines(region):
        match = _ENTRY.match(line.rstrip("\r\n"))
        if match:
            found.append(
                TocEntry(match["indent"], match["bullet"], match["label"], unquote(match["anchor"]))
            )
    return tuple(found)


class TocRow(NamedTuple):
    depth: int  # 0 for groups and ungrouped items, 1 for items inside a group
    label: str
    anchor: str


def markdown_toc_region(new_list: str, eol: str) -> str:
    """What goes between ``<!-- toc -->`` and ``<!-- tocstop -->``: markdown-toc writes
    the opening marker, a blank line, the list, a blank line, the closing marker."""
    return eol + new_list + eol if new_list else eol * 3


def render(rows: list[TocRow], old: TocList, eol: str, bullet: str = "-", indent: str = "  ") -> str:
    """The list text for ``rows``, in the bullet and indentation the old list used (with
    none, ``bullet`` and ``indent``: the blog's usual ones)."""
    top = [e for e in old.entries if not e.indent]
    nested = [e for e in old.entries if e.indent]
    bullet = (top or list(old.entries) or [TocEntry("", bullet, "", "")])[0].bullet
    inner = nested[0].indent if nested else indent
    inner_bullet = nested[0].bullet if nested else bullet
    out = []
    counters = [0, 0]
    for row in rows:
        counters[row.depth] += 1
        if row.depth == 0:
            counters[1] = 0
        mark = bullet if row.depth == 0 else inner_bullet
        if mark[0].isdigit():
            mark = f"{counters[row.depth]}{mark[-1]}"
        target = f"#{row.anchor}" if _PLAIN_ANCHOR.fullmatch(row.anchor) else f"<#{row.anchor}>"
        out.append(f"{inner * row.depth}{mark} [{row.label}]({target}){eol}")
    return "".join(out)


def describe_change(old: list[str], new: list[str], relabeled: int) -> str | None:
    """A short account of how the TOC changed, e.g. "TOC 3 entries reordered, 1 added"."""
    old_set, new_set = set(old), set(new)
    added = sum(1 for a in new if a not in old_set)
    removed = sum(1 for a in old if a not in new_set)
    kept_old = [a for a in old if a in new_set]
    kept_new = [a for a in new if a in old_set]
    reordered = len(kept_new) - _lcs(kept_old, kept_new)
    parts = []
    if reordered:
        parts.append(f"{reordered} {'entry' if reordered == 1 else 'entries'} reordered")
    if added:
        parts.append(f"{added} added")
    if removed:
        parts.append(f"{removed} removed")
    if relabeled:
        parts.append(f"{relabeled} relabeled")
    return "TOC " + ", ".join(parts) if parts else None


def _lcs(a: list[str], b: list[str]) -> int:
    """Longest common subsequence length via patience-style LIS (entries are unique keys)."""
    import bisect

    position = {key: i for i, key in enumerate(a)}
    tails: list[int] = []
    for key in b:
        i = position.get(key)
        if i is None:
            continue
        at = bisect.bisect_left(tails, i)
        if at == len(tails):
            tails.append(i)
        else:
            tails[at] = i
    return len(tails)
