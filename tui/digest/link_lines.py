"""Links of an item read line by line, for items too plain to need a Markdown parser.

Most items are a heading, a "[참고링크](url)" line and paragraphs of prose: mistune's full
parse of each cost ~0.2 ms, most of `check`'s time on a big post. Anything this reader is
not sure of (code, HTML, lists, tables, references, a link inside prose) returns None, and
the caller asks mistune; tests compare both on generated texts.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from .lazy_pattern import lazy

# Only "[" (links, references), "<" (autolinks) and a bare http(s) URL (the url plugin) can
# make a link node: a text without any of them needs no parse at all (see has_hint).
_URL = lazy(r"https?://", re.IGNORECASE)


def has_hint(text: str) -> bool:
    """Whether ``text`` has "[", "<" or an http(s):// URL; substring tests first, as a
    case-blind regex over all of a post's prose is slow (a URL needs "://")."""
    return "[" in text or "<" in text or ("://" in text and _URL.search(text) is not None)


# The shape of most items' link lines: a whole line that is one inline link (or image) with
# a label of plain text and a destination with nothing that needs parsing. The label may not
# hold "^" (a footnote reference wins), emphasis, code, escapes, entities or brackets.
_LINK_LINE = lazy(r"(!?)\[([^\[\]\\`*_~&<>!^\n]+)\]\(([^\s()<>\\`\x00-\x1f\x7f]+)\)[ \t]*")
# First characters that can open a block other than a paragraph or an ATX heading (lists,
# quotes, code, HTML, breaks, setext underlines, tables), so a line starting with one makes
# an item's structure worth mistune's full parse.
_OPENERS = frozenset(" \t>-+*=_~`<|")
_ORDERED = lazy(r"\d{1,9}[.)]")


def _escape_url(url: str) -> str:
    """mistune.util.escape_url without importing mistune (~16 ms of `check`'s start-up) for a
    url with no "&" (whose entity decoding is then a no-op); the differential test against
    mistune guards the copied safe set."""
    if "&" in url:
        from mistune.util import escape_url

        return escape_url(url)
    return quote(url, safe=":/?#@!$&()*+,;=%")


def _lines_with(text: str, needle: str) -> set[int]:
    """Start offsets of the lines of ``text`` (\\n-separated) that contain ``needle``."""
    found = set()
    at = text.find(needle)
    while at >= 0:
        found.add(text.rfind("\n", 0, at) + 1)
        line_end = text.find("\n", at)
        if line_end < 0:
            break
        at = text.find(needle, line_end)
    return found


def line_links(markdown: str) -> list[tuple[str, str]] | None:
    """(label, url as mistune escapes it) of each link of ``markdown`` when its structure is
    plain enough to read without mistune (paragraphs, ATX headings, quotes of plain text, and
    links only as whole lines), else None.

    In such a text every line is a paragraph, heading or plain quote line, so a link line is
    always inline text and nothing on another line can hide it (no code spans, HTML, fences,
    lists or reference definitions); its node is built as mistune builds it.
    """
    # Whole-text substring tests, not per line: prose lines are long and most have no hint.
    if "`" in markdown or "|" in markdown or "<" in markdown:
        return None
    text = markdown.replace("\r\n", "\n").replace("\r", "\n")
    hinted = _lines_with(text, "[")
    urls = _lines_with(text, "://")
    found = []
    start = 0
    for line in text.split("\n"):
        at, start = start, start + len(line) + 1
        if not line or (line[0] in " \t" and not line.strip(" \t")):
            continue
        if line[0] == ">":
            line = line[2:] if line[1:2] == " " else line[1:]
            if not line:
                return None
        if line[0] in _OPENERS or line[0].isspace() or (line[0].isdigit() and _ORDERED.match(line)):
            return None
        if at not in hinted:
            if at in urls and _URL.search(line):
                return None  # a bare URL: the url plugin's business
            continue  # plain words: no link
        link = _LINK_LINE.fullmatch(line)
        if link is None or has_hint(link.group(2)):
            return None
        if not link.group(1):
            found.append((link.group(2), _escape_url(link.group(3))))
    return found
