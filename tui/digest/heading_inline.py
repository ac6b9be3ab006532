"""A heading's inline Markdown parsed as the renderers parse it, for anchors and TOC labels.

mistune is imported on first use only: most headings have no markup, and the headless commands
should not pay for the import. Split out of anchors.py so the slug styles and the TOC labels can
share the parser and its cache size without importing each other.
"""

from __future__ import annotations

import re
import unicodedata

from .lazy_pattern import lazy

# Built on first use (most headings have no markup, and importing mistune is a good share of
# the headless commands' start-up), then kept: a Markdown instance compiles its rules on
# creation. Only its inline parser is used, so "1. foo", "- x" or "> q" in a heading stay text,
# and a setext heading's lines give softbreaks.
_inline_parser = None


def _parse_escape(inline, m, state):
    from mistune.helpers import unescape_char

    # mistune folds an escape into the text around it; marked keeps it apart (no smart quotes,
    # no entity), so it gets a token of its own.
    state.append_token({"type": "escape", "raw": unescape_char(m.group(0))})
    return m.end()


def _parse_del(inline, m, state):
    if state.depth >= inline.max_nested_level:  # mistune's own guard against deep recursion
        return None
    child = state.copy()
    child.src = m.group("del_text")
    state.append_token({"type": "strikethrough", "children": inline.render(child)})
    return m.end()


def _inline():
    global _inline_parser
    if _inline_parser is None:
        import mistune

        inline = mistune.create_markdown(renderer=None).inline
        inline.register("escape", None, _parse_escape)
        # GFM strikethrough as marked reads it: one tilde or two, so "1~3 and 5~7" strikes "3 and 5".
        inline.register("del", r"(?P<del_fence>~~?)(?=[^\s~])(?P<del_text>(?:\\.|[^\\])*?(?:\\.|[^\s~\\]))"
                        r"(?P=del_fence)(?=[^~]|$)", _parse_del, before="link", start_chars="~")
        _inline_parser = inline
    return _inline_parser


# Without any of these the heading source already is its rendered text, so mistune is skipped.
_MARKUP = re.compile(r"[\\`*_\[\]!<>&~\n\r]")
# CommonMark decodes only complete references; html.unescape alone would turn "&copy2020" into "©2020".
_ENTITY = lazy(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")


def _prepare(inline_md: str) -> str:
    if "\r" in inline_md:
        inline_md = inline_md.replace("\r\n", "\n").replace("\r", "\n")
    # macOS hands over decomposed Hangul; renderers see what the file holds, which is NFC.
    return unicodedata.normalize("NFC", inline_md)


# The tags marked writes around inline containers, for the one reader that sees them (hexo).
_TAGS = {"emphasis": ("<em>", "</em>"), "strong": ("<strong>", "</strong>"), "strikethrough": ("<del>", "</del>")}


def _pieces(tokens: list, out: list, tags: bool = False, alt: bool = False) -> list:
    """Flatten mistune's inline tokens to (type, raw) pairs; images go (``alt``: their alt text
    stays, as pandoc's plain text has it). ``tags``: the containers' HTML tags kept as
    inline_html pieces."""
    for tok in tokens:
        kind = tok["type"]
        if kind in ("text", "escape", "codespan", "inline_html"):
            out.append((kind, tok["raw"]))
        elif kind in ("softbreak", "linebreak"):
            out.append(("break", "\n"))
        elif kind == "image":
            if alt:
                _pieces(tok.get("children", ()), out, tags, alt)
        else:
            opening, closing = ("<a>", "</a>") if kind == "link" else _TAGS.get(kind, ("", ""))
            if tags and opening:
                out.append(("inline_html", opening))
            _pieces(tok.get("children", ()), out, tags, alt)
            if tags and closing:
                out.append(("inline_html", closing))
    return out


def _parse(inline_md: str, commonmark: bool = True, tags: bool = False, alt: bool = False) -> list:
    """``commonmark=False`` for the parsers that, like mistune, let a format character open
    emphasis (kramdown, pandoc, Python-Markdown); ``"*"`` for marked, which does so for `_` only."""
    inline_md = inline_md.strip(" \t\n\f")
    if commonmark and _FORMAT_NEXT_TO_DELIMITER.search(inline_md):
        inline_md = _escape_inert_delimiters(inline_md, "*_" if commonmark is True else commonmark)
    return _pieces(_inline()(inline_md, {}), [], tags, alt)


# mistune takes a format character (a zero-width space, a joiner) beside `*` or `_` for a word
# boundary; CommonMark (markdown-it, marked, goldmark, cmark) for neither blank nor punctuation,
# so `\u200b__dunder__` is no emphasis there. Only such runs are looked at.
_FORMAT_NEXT_TO_DELIMITER = re.compile(r"[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b-\u200f\u202a-\u202e"
                                       r"\u2060-\u2064\u2066-\u206f\ufeff](?:\*+|_+)|(?:\*+|_+)[\u00ad\u200b-\u200f"
                                       r"\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
_RUN = re.compile(r"\*+|_+")


def _side(ch: str | None) -> str:
    if ch is None or ch in " \t\n\f\r" or unicodedata.category(ch) == "Zs":
        return "blank"
    return "punct" if unicodedata.category(ch)[0] in "PS" else "other"


def _escaped(text: str, at: int) -> bool:
    """Whether the character at ``at`` follows an odd run of backslashes."""
    n = 0
    while at - n - 1 >= 0 and text[at - n - 1] == "\\":
        n += 1
    return n % 2 == 1


def _escape_inert_delimiters(text: str, chars: str = "*_") -> str:
    """Backslash-escape a delimiter run beside a format character that CommonMark's flanking
    rules let close nothing an earlier run opened, nor open anything a later run closes."""
    out, last = [], 0
    for m in _RUN.finditer(text):
        if m.group(0)[0] not in chars or _escaped(text, m.start()):
            continue
        before = text[m.start() - 1] if m.start() else None
        after = text[m.end()] if m.end() < len(text) else None
        if not (before and unicodedata.category(before) == "Cf" or after and unicodedata.category(after) == "Cf"):
            continue
        prev, nxt = _side(before), _side(after)
        left = nxt != "blank" and (nxt != "punct" or prev != "other")
        right = prev != "blank" and (prev != "punct" or nxt != "other")
        if m.group(0)[0] == "*":
            can_open, can_close = left, right
        else:
            can_open = left and (not right or prev == "punct")
            can_close = right and (not left or nxt == "punct")
        if (can_close and m.group(0)[0] in text[:m.start()]) or (can_open and m.group(0)[0] in text[m.end():]):
            continue
        out.append(text[last:m.start()] + "".join("\\" + c for c in m.group(0)))
        last = m.end()
    return "".join(out) + text[last:] if out else text


def _decode(raw: str) -> str:
    if "&" not in raw:
        return raw
    import html  # its entity table costs ~2 ms to load; most headings have no "&"

    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), raw)


# The editor re-slugs the whole page on every change, and a save re-slugs what the read did:
# the caches hold a 10,000-item post's headings (an LRU smaller than the page misses every time).
_CACHE = 1 << 15
