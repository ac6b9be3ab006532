"""The fast `scan` finds exactly what the plain line-by-line scanner it replaced found.

`_reference_scan` below is the implementation of `tui.digest.blocks.scan` before its fast
paths (str.find line cutting, run and TOC searches, the "#" shortcut), kept verbatim but for
names: it is the oracle. Random Markdown-ish texts built from tricky lines, joined by random
line endings, must give the same headings (level, start, end, text, setext) and the same end
state, also when scanned in two pieces with the state passed on.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.bench.genpost import generate
from tui.digest.blocks import Heading, scan

# --- the oracle: tui/digest/blocks.py's scan as it was -----------------------------------

_R_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_R_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})(.*)$")
_R_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_R_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+$")
_R_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_R_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_R_QUOTE = re.compile(r"^ {0,3}>")
_R_SPECIAL = frozenset(" \t#`~=-*_+<>|")
_R_LIST = re.compile(r"^( {0,3})([-+*]|\d{1,9}[.)])([ \t]+|$)")
_R_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|"
    "noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|"
    "thead|title|tr|track|ul"
)
_R_HTML_STARTS = (
    (re.compile(r"^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.I), re.compile(r"</(?:script|pre|style|textarea)>", re.I), True),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->"), True),
    (re.compile(r"^ {0,3}<\?"), re.compile(r"\?>"), True),
    (re.compile(r"^ {0,3}<![A-Za-z]"), re.compile(r">"), True),
    (re.compile(r"^ {0,3}<!\[CDATA\["), re.compile(r"\]\]>"), True),
    (re.compile(rf"^ {{0,3}}</?(?:{_R_HTML_BLOCK_TAGS})(?:\s|/?>|$)", re.I), None, True),
    (
        re.compile(
            r"^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'|\"[^\"]*\"))?)*\s*/?>"
            r"|</[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$"
        ),
        None,
        False,
    ),
)
_R_RUN = re.compile(r"(?:([^\S\r\n]*(?:\r\n|\r|\n))|[^\s#`~=\-*_+<>|\d][^\r\n]*(?:\r\n|\r|\n))*")
_R_LINK_ITEM = re.compile(r"[-+*]([ \t]+)\[")
_R_START = (None, False, None, 0, None, True)


def _r_split_lines(text):
    lines = _R_LINE.findall(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _r_indent(line):
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _r_atx_text(raw):
    if not raw:
        return ""
    if raw[-1] != "#":
        return raw.strip(" \t")
    return _R_ATX_CLOSE.sub("", raw).strip(" \t")


def _r_starts_block(line):
    return bool(
        _R_ATX.match(line)
        or _R_FENCE.match(line)
        or _R_THEMATIC.match(line)
        or _R_LIST.match(line)
        or _R_QUOTE.match(line)
        or _r_html_start(line, interrupting=True) is not False
    )


def _r_html_start(line, *, interrupting):
    if "<" not in line[:4]:
        return False
    for start, end, can_interrupt in _R_HTML_STARTS:
        if start.match(line) and (can_interrupt or not interrupting):
            return end
    return False


def _reference_scan(text, state=_R_START):
    """Headings as (level, start, end, text, setext) tuples, and the end state."""
    headings = []
    fence, html_end, para, para_start, list_indent, prev_blank = state
    pos, size = 0, len(text)
    while pos < size:
        if fence is None and html_end is False and list_indent is None and para != "quote":
            run = _R_RUN.match(text, pos)
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
        raw = _R_LINE.match(text, pos).group()
        start, pos = pos, pos + len(raw)
        line = raw.rstrip("\r\n")
        blank = not line.strip()

        if fence is not None:
            char, length, need = fence
            if not blank and _r_indent(line) < need:
                fence = None
            else:
                closing = _R_FENCE.match(line)
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

        if list_indent is None and para != "quote" and line[0] not in _R_SPECIAL and not line[0].isdigit():
            prev_blank = False
            if para != "top":
                para, para_start = "top", start
            continue

        if line[0] in "-+*" and (item := _R_LINK_ITEM.match(line)):
            list_indent = 1 + min(len(item.group(1)), 4)
            para, prev_blank = "list", False
            continue

        indent = _r_indent(line)
        if list_indent is not None:
            if indent >= list_indent:
                inner = line.lstrip(" \t")
                opened = _R_FENCE.match(inner)
                if opened and not (opened.group(2)[0] == "`" and "`" in opened.group(3)):
                    fence = (opened.group(2)[0], len(opened.group(2)), list_indent)
                    para = None
                else:
                    para = "list"
                prev_blank = False
                continue
            lazy = para in ("list", "quote") and not prev_blank
            if lazy and not _r_starts_block(line):
                prev_blank = False
                continue
            if not _R_LIST.match(line) or indent > 3:
                list_indent = None

        if para == "quote" and not prev_blank and not _R_QUOTE.match(line) and not _r_starts_block(line):
            prev_blank = False
            continue

        prev_blank = False
        opened = _R_FENCE.match(line) if line[0] != "#" else None
        if opened and not (opened.group(2)[0] == "`" and "`" in opened.group(3)):
            fence = (opened.group(2)[0], len(opened.group(2)), 0)
            para = None
            continue
        atx = _R_ATX.match(line)
        if atx:
            headings.append((len(atx.group(1)), start, pos, _r_atx_text(atx.group(2)), False))
            para = None
            continue
        if para == "top" and _R_SETEXT.match(line):
            level = 1 if line.strip()[0] == "=" else 2
            lines = _r_split_lines(text[max(para_start, 0):start])
            heading_text = "\n".join(part.rstrip("\r\n").strip(" \t") for part in lines)
            headings.append((level, para_start, pos, heading_text, True))
            para = None
            continue
        if _R_THEMATIC.match(line):
            para = None
            continue
        html = _r_html_start(line, interrupting=para is not None)
        if html is not False:
            html_end = html
            if html is not None and html.search(line):
                html_end = False
            para = None
            continue
        if _R_QUOTE.match(line):
            para = "quote"
            continue
        marker = _R_LIST.match(line)
        if marker:
            rest = line[marker.end():]
            width = len(marker.group(1)) + len(marker.group(2))
            list_indent = width + (min(len(marker.group(3)), 4) if rest.strip() else 1)
            para = "list"
            continue
        if indent >= 4 and para is None:
            continue
        if para != "top":
            para, para_start = "top", start
    return headings, (fence, html_end, para, para_start - size, list_indent, prev_blank)


# --- comparing ---------------------------------------------------------------------------


def _comparable(state):
    # html_end is an end pattern (lazily compiled in the scanner); the oracle compiles its own.
    fence, html_end, *rest = state
    if hasattr(html_end, "pattern"):
        html_end = (html_end.pattern, html_end.flags)
    return (fence, html_end, *rest)


def _fast(text, state=None):
    found, end = scan(text) if state is None else scan(text, state)
    return [(h.level, h.start, h.end, h.text, h.setext) for h in found], end


def assert_same(text, cut=None):
    expected, expected_state = _reference_scan(text)
    found, state = _fast(text)
    assert found == expected
    # The scan builds Heading tuples without the class's __new__: they are the same values.
    made = [Heading(*row) for row in expected]
    assert scan(text)[0] == made
    assert [(repr(h), hash(h)) for h in scan(text)[0]] == [(repr(h), hash(h)) for h in made]
    assert _comparable(state) == _comparable(expected_state)
    if cut is not None:
        ref_first, ref_state = _reference_scan(text[:cut])
        first, mid_state = _fast(text[:cut])
        assert first == ref_first
        assert _comparable(mid_state) == _comparable(ref_state)
        ref_rest, ref_end = _reference_scan(text[cut:], ref_state)
        rest, end = _fast(text[cut:], mid_state)
        assert rest == ref_rest
        assert _comparable(end) == _comparable(ref_end)


LINES = [
    # headings
    "# One", "## Two ##", "###   Three   #", "#### four #####", "##### a ## b", "######", "####### seven", "#nospace",
    "#", "##\t", "#\tTab", " # one space", "   ### three spaces", "    ## code", "\t## tab code", "# 제목", "## 목차",
    "### x \\#", "## #", "# #a", "#5 bullet",
    # setext and breaks
    "Title", "===", "  ==", "=", "---", "  ---  ", "-", "- - -", "***", "* * *", "___", "_ _ _", "--- x", "==a",
    # fences
    "```", "````", "`````", "```py", "``` a`b", "~~~", "~~~~", "~~~ x`y", "  ```", "   ~~~~", "    ```", "``", "```  ",
    "~~~~~~~~",
    # HTML
    "<!--", "-->", "<!-- one line -->", "x -->", "<div>", "</div>", "<div class=\"a\">", "<pre>", "</pre>",
    "<script>", "</script>", "<style>x</style>", "<?php", "?>", "<!DOCTYPE html>", "<![CDATA[", "]]>", "<span>",
    "<a href='x'>", "</a>", "  <p>", "<textarea", "<custom-tag/>", "x <div>",
    # lists, TOC entries, quotes
    "- item", "* item", "+ item", "1. item", "1) item", "10. ten", "1234567890. big", "  - nested", "    - deeper",
    "      - deepest", "-\titem", "1.", "2)", "- ", "-  ", "- [a](#a)", "  - [b](#b)", "-\t[c](#c)", "*   [d](#d)",
    "+     [e](#e)", "-[x](#x)", "- [목차](#목차)", "1. [n](#n)", "> quote", "> ## q", ">", "   > x", "    > code",
    ">> deep", "> - item", "> ```",
    # prose and other starts
    "plain words", "한국어 문장이다.", "2020년 정리", "²sup", "٣ arabic digit", "[link](https://example.com)",
    "[참고링크](https://example.com/x)", "![img](x.png)", "| a | b |", "$ cmd", "`code`", "~tilde", "<", ">x", "=x",
    "_x_", "*em*", "+x", "\\# escaped", "  plain", "   plain", "\tcode", "        code", "\u3000x", "\x0cx",
    "a\x0bb", "a\u2028## no", "\x00", "x\x00y", "\x85x",
    # blank-ish
    "", "", "", " ", "\t", "  \t ", "\x0c", "\x0b", "\u3000", "\u2028", "\x1c",
]

LINE = st.sampled_from(LINES) | st.text(alphabet=list("#-=`~>*+ \t.1[]()<!x한\x0b\x0c\u2028\x00"), max_size=8)


@st.composite
def texts(draw):
    lines = draw(st.lists(LINE, max_size=40))
    mode = draw(st.integers(0, 9))
    if mode < 7:  # mostly one line ending throughout: the fast path
        eols = [["\n", "\r\n"][mode % 2]] * len(lines)
    else:
        eols = draw(st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines), max_size=len(lines)))
    text = "".join(line + eol for line, eol in zip(lines, eols))
    if lines and draw(st.booleans()):
        text = text[: -len(eols[-1])]  # the last line without a line ending
    return text


@settings(max_examples=400, deadline=None)
@given(texts(), st.integers(0, 10**6))
@example("- [a](#a)\n- [b](#b)", 0)
@example("- [a](#a)\n-\t[b](#b)\n", 10)
@example("x\n  \nx\ny\n#", 0)
@example("x\n\x0c\n", 0)
@example("a\n2\n\nb\nc\n---\n", 4)
@example("# One\n\n", 2)  # a prose line then a blank one leave para_start where it was
@example("# One\r\n\r\n", 2)
@example("- [a](#a)\r\n- [b](#b)\r\nX", 0)
@example("x\r\n\r\n- [a](#a)\r\n*  [b](#b)", 3)
def test_scan_finds_what_the_line_by_line_scanner_found(text, cut):
    assert_same(text, cut % (len(text) + 1))


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("stale", [False, True])
def test_generated_post(eol, stale):
    text = generate(150, seed=5, stale=stale, markers=stale).replace("\n", eol)
    assert_same(text, len(text) // 3)
    assert_same(text.rstrip(eol))


def test_heading_is_still_the_plain_named_tuple_the_scan_fills():
    # The scan calls tuple.__new__ itself, which is all a NamedTuple's __new__ does (it may
    # not have a __new__ or __init__ of its own).
    assert issubclass(Heading, tuple) and Heading._fields == ("level", "start", "end", "text", "setext")
    assert Heading._field_defaults == {"setext": False}
    heading = scan("## A\n")[0][0]
    assert type(heading) is Heading and heading == Heading(2, 0, 5, "A")
    with pytest.raises(AttributeError):
        heading.level = 1
