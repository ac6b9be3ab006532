"""Heading anchors and default TOC labels, computed the way the blog's renderer computes them.

A TOC link only works when its ``#anchor`` is exactly the ``id`` the renderer puts on the heading,
so each style mirrors one real implementation (github-slugger 2, hexo-renderer-marked 7 with
hexo-util's ``slugize``, kramdown 2) instead of a generic slugify. See FORMAT.md, "Anchors".

This module is the public face: the heading parser is in heading_inline.py, each renderer's
rules and tables in slug_styles.py, the TOC label in toc_labels.py.
"""

from __future__ import annotations

import functools
import unicodedata

from .heading_inline import _CACHE, _MARKUP, _decode, _parse, _prepare
from .slug_styles import _GITHUB, _JS_PROTO, _JS_TRIM, _hexo_slugize, _hexo_text, _kramdown, _smartypants
# toc_label lives with its helpers; re-exported because callers import it from here.
from .toc_labels import toc_label

STYLES = ("github", "hexo", "hexo-lower", "kramdown")


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



def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"unknown anchor style {style!r}: use one of {', '.join(STYLES)}")


def slugify(text: str, style: str, raw: str | None = None) -> str:
    """The base anchor (before de-duplication) of a heading whose rendered text is ``text``;
    kramdown reads the raw heading source ``raw`` instead, when given."""
    _check_style(style)
    if style == "kramdown":
        return _kramdown(_prepare(text if raw is None else raw))
    text = unicodedata.normalize("NFC", text)
    if style == "github":
        return text.lower().translate(_GITHUB).replace(" ", "-")
    return _hexo_slugize(_smartypants(text).strip(_JS_TRIM), style == "hexo-lower")


@functools.lru_cache(maxsize=_CACHE)
def _github_base(inline_md: str) -> str:
    return slugify(heading_text(inline_md), "github")



class Slugger:
    """Anchors for one page's headings, in document order, numbered as the renderer does."""

    def __init__(self, style: str = "github") -> None:
        _check_style(style)
        self.style = style
        self._seen: dict = dict.fromkeys(_JS_PROTO, "NaN") if style.startswith("hexo") else {}

    def slug(self, inline_md: str) -> str:
        style, seen = self.style, self._seen
        if style == "github":
            base = _github_base(inline_md)
            # github-slugger re-checks each candidate, so a literal "News-1" cannot collide.
            anchor = base
            while anchor in seen:
                seen[base] += 1
                anchor = f"{base}-{seen[base]}"
            seen[anchor] = 0
            return anchor
        if style == "kramdown":
            base = _kramdown(_prepare(inline_md))
        else:
            base = _hexo_slugize(_hexo_text(inline_md), style == "hexo-lower")
        count = seen.get(base)
        if count == "NaN":
            # hexo counts in a plain JS object: a slug that names an inherited property starts
            # truthy, so its first use gets "-NaN" (then the count is NaN, i.e. falsy).
            seen[base] = None
            return f"{base}-NaN"
        # hexo-renderer-marked and kramdown count per base slug, with no re-check.
        seen[base] = 0 if count is None else count + 1
        return base if count is None else f"{base}-{count + 1}"


__all__ = ["STYLES", "Slugger", "heading_text", "slugify", "toc_label"]
