"""Find the top-level headings of a Markdown body, with exact source offsets.

A line scanner rather than a full Markdown parser: it only has to know which lines
are headings, and it must do that on a 1 MB post in a few milliseconds. It follows
CommonMark where a heading's existence depends on it: fenced code (``` and ~~~),
indented code, HTML blocks (comments included), setext underlines only under a
top-level paragraph, list items and block quotes (headings inside containers are not
the post's structure).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .lazy_pattern import LazyPattern, lazy

LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_ATX = lazy(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_ATX_CLOSE = lazy(r"(?:^|[ \t]+)#+$")
# What _ATX matches in a line without line breaks, minus its text group: that group is the
# rest of the line stripped of blanks, and _ATX finds it slowly (its lazy group tries the
# end of the line at every character).
_ATX_OPEN = re.compile(r" {0,3}(#{1,6})(?:[ \t]|$)")
SETEXT = lazy(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}>")
_SPECIAL = frozenset(" \t#`~=-*_+<>|")
_LIST = re.compile(r"^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)")

_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
# (start pattern, end marker or None for "ends at a blank line", may interrupt a paragraph)
_HTML_STARTS = (
    (lazy(r"^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.I), lazy(r"</(?:script|pre|style|textarea)>", re.I), True),
    (lazy(r"^ {0,3}<!--"), lazy(r"-->"), True),
    (lazy(r"^ {0,3}<\?"), lazy(r"\?>"), True),
    (lazy(r"^ {0,3}<![A-Za-z]"), lazy(r">"), True),
    (lazy(r"^ {0,3}<!\[CDATA\["), lazy(r"\]\]>"), True),
    (lazy(rf"^ {{0,3}}</?(?:{_HTML_BLOCK_TAGS})(?:\s|/?>|$)", re.I), None, True),
    (
        lazy(
            r"^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
            r"|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
        ),
        None,
        False,
    ),
)


class Heading(NamedTuple):  # a tuple: a frozen dataclass cost ~1.7 ms of start-up to define, and more to build
    level: int
    start: int  # offset of the heading's first line
    end: int  # offset just past its last line, line ending included
    text: str  # inline Markdown source; setext lines joined with "\n"
    setext: bool = False


def split_lines(text: str) -> list[str]:
    """Lines with their endings; only \\n, \\r\\n and \\r end a line (not str.splitlines' extras)."""
    lines = LINE.findall(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


_new_tuple = tuple.__new__


def _new_heading(level: int, start: int, end: int, text: str, setext: bool = False) -> Heading:
    """``Heading(level, start, end, text, setext)`` without the NamedTuple's generated
    __new__ in between: the scan of a 10,000-item post builds 10,000 of them."""
    return _new_tuple(Heading, (level, start, end, text, setext))


def _atx_heading(line: str, atx: re.Match[str], start: int, end: int) -> Heading:
    """The heading of a line _ATX_OPEN matched."""
    text = line[atx.end(1):].strip(" \t")
    if text[-1:] == "#":  # a closing sequence, or the text ends in "#"
        text = _ATX_CLOSE.sub("", text).strip(" \t")
    return _new_heading(len(atx.group(1)), start, end, text)


# Runs of blank lines and prose lines (a first character that opens no block) change the
# scan state in a way that only depends on the last blank line and the last line, so one
# regex match takes a whole run; a line whose first character is a digit or any space goes
# the line-by-line way. Group 1 is the last blank line of the run.
_RUN = lazy(r"(?:([^\S\r\n]*(?:\r\n|\r|\n))|[^\s#`~=\-*_+<>|\d][^\r\n]*(?:\r\n|\r|\n))*")
# A list item whose text starts with "[" (a TOC entry): no other block can start there.
_LINK_ITEM = re.compile(r"[-+*]([ \t]+)\[")


def _one_ending_patterns(eol: str) -> tuple[LazyPattern, ...]:
    """For a text whose every line ends in ``eol``: the same runs found by looking for their
    end instead of matching them, several times faster (matching _RUN walks each character
    through a character class, searching for a line ending runs through them)."""
    return (
        # The first line after a line ending that is no run line (one starting with a
        # character _RUN refuses, and not blank).
        lazy(eol + r"(?:[#`~=\-*_+<>|\d]|[^\S\r\n]+\S)"),
        lazy(r"[^\S\r\n]*" + eol),  # a blank line
        lazy(r"[^\S\r\n]*" + eol + r"|[^\s#`~=\-*_+<>|\d][^\r\n]*" + eol),  # a run line
        lazy(eol + r"(?![-+*][ \t]+\[)"),  # the first line after a line ending that is no _LINK_ITEM
    )


_ONE_ENDING = {"\n": _one_ending_patterns("\n"), "\r\n": _one_ending_patterns("\r\n")}

# (fence, html_end, para, para_start, list_indent, prev_blank): see _scan.
ScanState = tuple
START: ScanState = (None, False, None, 0, None, True)


def scan_headings(text: str) -> list[Heading]:
    """Every top-level ATX and setext heading of ``text`` in document order."""
    return scan(text)[0]


def scan(text: str, state: ScanState = START) -> tuple[list[Heading], ScanState]:
    """The headings of ``text`` and the state at its end; passing that state on scans a text
    as if it followed this one (a setext heading whose paragraph began in the earlier text
    then gets a negative start)."""
    headings: list[Heading] = []
    # fence: (char, length, indent a line needs to stay inside); html_end: False outside an
    # HTML block, None when it ends at a blank line; para: "top", "list" or "quote", the
    # kind of paragraph the last line continued, starting at para_start.
    fence, html_end, para, para_start, list_indent, prev_blank = state
    pos, size = 0, len(text)
    # When every line ends the same way ("\n", or "\r\n" throughout) runs are found by
    # searches that only look at line starts and lines are cut with str.find; other texts
    # go the general way, a regex walking every character.
    if "\r" not in text:
        eol = "\n"
    elif text.count("\r\n") == text.count("\r") == text.count("\n"):
        eol = "\r\n"
    else:
        eol = None
    if eol:
        k = len(eol)
        find, rfind = text.find, text.rfind
        run_stop, blank_line, run_line, link_run_stop = _ONE_ENDING[eol]
    no_run = -1  # the start of a line a search already found to be no run line
    while pos < size:
        if fence is None and html_end is False and list_indent is None and para != "quote":
            if not eol:
                run = _RUN.match(text, pos)
                end = run.end()
                if end > pos:
                    blank_end = run.end(1)
                    if blank_end == end:
                        para, prev_blank = None, True
                    else:
                        if blank_end != -1:
                            para_start = blank_end
                        elif para != "top":
                            para_start = pos
                        para, prev_blank = "top", False
                    pos = end
                    continue
            elif pos != no_run and (pos or run_line.match(text)):
                # The search checks the lines after each line ending it meets: start it on
                # the one before pos, or at the text's start once its first line is known to
                # be a run line. (Lines, unlike runs, set para_start even if a blank line
                # follows, so the first line cannot just go the line-by-line way.)
                stop = run_stop.search(text, pos - k if pos else 0)
                if stop is not None:
                    end = stop.start() + k
                elif text.endswith(eol):
                    end = size
                else:  # the last line has no line ending, so it is no run line
                    end = rfind(eol) + k
                no_run = end
                if end > pos:
                    found = rfind(eol, pos, end - 1)
                    last = pos if found < 0 else found + k
                    if blank_line.match(text, last):
                        para, prev_blank = None, True
                    else:
                        # The paragraph in progress began after the run's last blank line,
                        # or before the run when it has none.
                        while last > pos:
                            found = rfind(eol, pos, last - 1)
                            previous = pos if found < 0 else found + k
                            if blank_line.match(text, previous):
                                para_start = last
                                break
                            last = previous
                        else:
                            if para != "top":
                                para_start = pos
                        para, prev_blank = "top", False
                    pos = end
                    continue
        start = pos
        if eol:
            found = find(eol, pos)
            if found < 0:
                line, pos = text[start:], size
            else:
                line, pos = text[start:found], found + k
        else:
            raw = LINE.match(text, pos).group()
            pos += len(raw)
            line = raw.rstrip("\r\n")
        blank = not line or line.isspace()

        if fence is not None:
            char, length, need = fence
            if not blank and _indent(line) < need:
                fence = None  # the list item holding the fence ended, so did the fence
            else:
                closing = _FENCE.match(line)
                if closing and closing.group(2)[0] == char and len(closing.group(2)) >= length and not closing.group(3).strip():
                    fence = None
                prev_blank = blank
                continue

        if html_end is not False:
            if html_end is None:
                if blank:
                    html_end = False
                    prev_blank = True
                continue
            if html_end.search(line):
                html_end = False
            continue

        if blank:
            para = None
            prev_blank = True
            continue

        first = line[0]
        if list_indent is None and para != "quote":
            # Most lines of a post are prose starting with a letter: no block can start
            # there, so skip the pattern matching.
            if first not in _SPECIAL and not first.isdigit():
                prev_blank = False
                if para != "top":
                    para, para_start = "top", start
                continue
            # Neither can anything but a heading start on a line starting with "#".
            if first == "#" and (atx := _ATX_OPEN.match(line)):
                headings.append(_atx_heading(line, atx, start, pos))
                para, prev_blank = None, False
                continue

        if first in "-+*" and (item := _LINK_ITEM.match(line)):
            # What the full path below concludes for such a line, in any state.
            list_indent = 1 + min(len(item.group(1)), 4)
            para, prev_blank = "list", False
            if eol and pos < size:
                # A TOC is a run of such lines: take it whole, the last one sets the indent.
                stop = link_run_stop.search(text, pos - k)
                end = size if stop is None else stop.start() + k  # None: the text ends in items
                if end > pos:
                    found = rfind(eol, pos, end - 1)
                    last = pos if found < 0 else found + k
                    list_indent = 1 + min(len(_LINK_ITEM.match(text, last).group(1)), 4)
                    pos = end
            continue

        indent = _indent(line)
        if list_indent is not None:
            if indent >= list_indent:
                inner = line.lstrip(" \t")
                opened = _FENCE.match(inner)
                if opened and not (opened.group(2)[0] == "`" and "`" in opened.group(3)):
                    fence = (opened.group(2)[0], len(opened.group(2)), list_indent)
                    para = None
                else:
                    para = "list"
                prev_blank = False
                continue
            lazy = para in ("list", "quote") and not prev_blank
            if lazy and not starts_block(line):
                prev_blank = False
                continue
            if not _LIST.match(line) or indent > 3:
                list_indent = None

        if para == "quote" and not prev_blank and not _QUOTE.match(line) and not starts_block(line):
            prev_blank = False
            continue

        prev_blank = False
        opened = _FENCE.match(line) if line[0] != "#" else None  # a heading line opens no fence
        if opened and not (opened.group(2)[0] == "`" and "`" in opened.group(3)):
            fence = (opened.group(2)[0], len(opened.group(2)), 0)
            para = None
            continue
        atx = _ATX_OPEN.match(line)
        if atx:
            headings.append(_atx_heading(line, atx, start, pos))
            para = None
            continue
        if para == "top" and SETEXT.match(line):
            level = 1 if line.strip()[0] == "=" else 2
            lines = split_lines(text[max(para_start, 0):start])
            heading_text = "\n".join(part.rstrip("\r\n").strip(" \t") for part in lines)
            headings.append(_new_heading(level, para_start, pos, heading_text, setext=True))
            para = None
            continue
        if _THEMATIC.match(line):
            para = None
            continue
        html = _html_start(line, interrupting=para is not None)
        if html is not False:
            html_end = html
            if html is not None and html.search(line):
                html_end = False
            para = None
            continue
        if _QUOTE.match(line):
            para = "quote"
            continue
        marker = _LIST.match(line)
        if marker:
            rest = line[marker.end():]
            width = len(marker.group(1)) + len(marker.group(2))
            list_indent = width + (min(len(marker.group(3)), 4) if rest.strip() else 1)
            para = "list"
            continue
        if indent >= 4 and para is None:
            continue  # indented code
        if para != "top":
            para, para_start = "top", start
    return headings, (fence, html_end, para, para_start - size, list_indent, prev_blank)


def starts_block(line: str) -> bool:
    """True when ``line`` cannot be a lazy paragraph continuation."""
    return bool(
        _ATX.match(line)
        or _FENCE.match(line)
        or _THEMATIC.match(line)
        or _LIST.match(line)
        or _QUOTE.match(line)
        or _html_start(line, interrupting=True) is not False
    )


def _html_start(line: str, *, interrupting: bool) -> LazyPattern | None | bool:
    """The end condition of the HTML block ``line`` opens, or False when it opens none."""
    if "<" not in line[:4]:
        return False
    for start, end, can_interrupt in _HTML_STARTS:
        if start.match(line) and (can_interrupt or not interrupting):
            return end
    return False
