"""A heading's text as each family of renderers hands it to its slugger.

All start from the same inline parse (heading_inline.py); they differ in what a line break
becomes, whether image alt text or inline HTML count, and which typographic replacements
happen first.
"""

from __future__ import annotations

import functools
import unicodedata

from ..heading_inline import _CACHE, _MARKUP, _decode, _parse, _prepare


@functools.lru_cache(maxsize=_CACHE)
def heading_text(inline_md: str) -> str:
    """The heading's rendered text: markup gone, entities decoded, a setext heading's line
    breaks kept as "\\n", trimmed and NFC-normalised."""
    inline_md = _prepare(inline_md)
    if not _MARKUP.search(inline_md):
        return inline_md.strip()
    text = "".join(_decode(v) if k == "text" else "" if k == "inline_html" else v
                   for k, v in _parse(inline_md))
    return unicodedata.normalize("NFC", text).strip()


@functools.lru_cache(maxsize=_CACHE)
def token_text(inline_md: str) -> str:
    """markdown-it-anchor's ``getTokensText``: only text and code tokens, so a line break
    (soft or hard) joins the lines with nothing between them."""
    inline_md = _prepare(inline_md)
    if not _MARKUP.search(inline_md):
        return inline_md.strip(" \t")
    text = "".join(_decode(v) if k == "text" else v if k in ("escape", "codespan") else ""
                   for k, v in _parse(inline_md))
    return unicodedata.normalize("NFC", text)


def typographic(inline_md: str, table: tuple[tuple[str, str], ...]) -> str:
    """The rendered text with ``table``'s replacements made in text (not code or escapes),
    as kramdown's typographic symbols and pandoc's ``smart`` extension do before slugging."""
    inline_md = _prepare(inline_md)
    out = []
    pieces = _parse(inline_md) if _MARKUP.search(inline_md) else [("text", inline_md.strip())]
    for kind, value in pieces:
        if kind == "text":
            for old, new in table:
                value = value.replace(old, new)
            out.append(_decode(value))
        elif kind != "inline_html":
            out.append(value)
    return unicodedata.normalize("NFC", "".join(out)).strip()
