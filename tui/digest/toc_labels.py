"""Default TOC labels: a heading's inline Markdown turned into the text of a TOC link.

Split out of anchors.py: a label keeps the heading's Markdown (only links, images and HTML go),
so it shares nothing with the slug rules but the markup test and the cache size.
"""

from __future__ import annotations

import functools
import re

from .heading_inline import _CACHE, _MARKUP
from .lazy_pattern import lazy

# A code span closes on a backtick run of its opening run's length exactly.
_CODE = lazy(r"(`+)(?!`)(?:.*?[^`])?\1(?!`)", re.S)
_TICKS = lazy(r"`+")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = lazy(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+"
                       r"@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>")
_html = None


def _html_tag():
    """Inline HTML as mistune matches it (compiled on first use, with mistune's own patterns)."""
    global _html
    if _html is None:
        from mistune.helpers import HTML_ATTRIBUTES, HTML_TAGNAME

        _html = re.compile(r"<" + HTML_TAGNAME + HTML_ATTRIBUTES + r"\s*/?>|</" + HTML_TAGNAME + r"\s*>"
                           r"|<!--(?:-?>|[\s\S]*?-->)|<\?[\s\S]*?\?>|<![A-Za-z][\s\S]*?>|<!\[CDATA\[[\s\S]*?\]\]>")
    return _html


# An inline link's "(destination "title")" part, per CommonMark (one level of nested parentheses).
_LINK_TAIL = lazy(r"\(\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
                        r"(?:\s+(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)")


def _skip(s: str, i: int) -> int:
    """End of the escape or code span (or bare backtick run) at ``i``: brackets inside are text."""
    m = _CODE.match(s, i) or _TICKS.match(s, i)
    return i + 2 if s[i] == "\\" else m.end()


def _link_at(s: str, i: int) -> tuple[int, int] | None:
    """For "[" at ``i`` opening an inline link: (index of its "]", end of the link)."""
    depth, j = 0, i
    while j < len(s):
        if s[j] in "\\`":
            j = _skip(s, j)
            continue
        depth += (s[j] == "[") - (s[j] == "]")
        if depth == 0:
            tail = _LINK_TAIL.match(s, j + 1)
            return (j, tail.end()) if tail else None
        j += 1
    return None


def _label(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if ch == "\\" and nxt in _ASCII_PUNCT:
            out.append(s[i:i + 2])  # already escaped: keep as written
            i += 2
        elif ch == "\\" and nxt == "\n":
            i += 1  # a hard line break's backslash; the lines are joined below
        elif ch == "`":
            out.append(s[i:_skip(s, i)])
            i = _skip(s, i)
        elif ch == "!" and nxt == "[" and (link := _link_at(s, i + 1)):
            i = link[1]
        elif ch == "[" and (link := _link_at(s, i)):
            out.append(_label(s[i + 1:link[0]]))
            i = link[1]
        elif ch in "[]":
            # A bare bracket in the label would end or open the TOC entry's own link.
            out.append("\\" + ch)
            i += 1
        elif ch == "<" and (m := _AUTOLINK.match(s, i)):
            out.append(m.group(1))
            i = m.end()
        elif ch == "<" and (m := _html_tag().match(s, i)):
            i = m.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=_CACHE)
def toc_label(inline_md: str) -> str:
    """The default TOC label for a heading: its inline Markdown with links unwrapped to their
    text, images and HTML tags dropped, brackets escaped, lines joined by single spaces."""
    text = inline_md.replace("\r\n", "\n").replace("\r", "\n")
    if _MARKUP.search(text):
        text = _label(text)
    return " ".join(part for part in (line.strip() for line in text.split("\n")) if part)
