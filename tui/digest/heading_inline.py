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


def _pieces(tokens: list, out: list) -> list:
    """Flatten mistune's inline tokens to (type, raw) pairs; images go: alt text is no heading text."""
    for tok in tokens:
        kind = tok["type"]
        if kind in ("text", "escape", "codespan", "inline_html"):
            out.append((kind, tok["raw"]))
        elif kind in ("softbreak", "linebreak"):
            out.append(("break", "\n"))
        elif kind != "image":
            _pieces(tok.get("children", ()), out)
    return out


def _parse(inline_md: str) -> list:
    return _pieces(_inline()(inline_md.strip(" \t\n\f"), {}), [])


def _decode(raw: str) -> str:
    if "&" not in raw:
        return raw
    import html  # its entity table costs ~2 ms to load; most headings have no "&"

    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), raw)


# The editor re-slugs the whole page on every change, and a save re-slugs what the read did:
# the caches hold a 10,000-item post's headings (an LRU smaller than the page misses every time).
_CACHE = 1 << 15
