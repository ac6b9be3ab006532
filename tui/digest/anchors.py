"""Heading anchors and default TOC labels, computed the way the blog's renderer computes them.

A TOC link only works when its ``#anchor`` is exactly the ``id`` the renderer puts on the heading,
so each style mirrors one real implementation (see slug_styles.py for the list and
tui/digest/slugs/ for each engine family's rules) instead of a generic slugify. See FORMAT.md,
"Anchors".

This module is the public face: the heading parser is in heading_inline.py, the rendered text
in slugs/rendered.py, the TOC label in toc_labels.py.
"""

from __future__ import annotations

from .heading_inline import _prepare
from .slug_styles import STYLES, style as _style
from .slugs.rendered import heading_text
# toc_label lives with its helpers; re-exported because callers import it from here.
from .toc_labels import toc_label


def slugify(text: str, style: str, raw: str | None = None) -> str:
    """The anchor of a heading, alone on its page, whose rendered text is ``text``;
    a style that reads the raw heading source (kramdown) reads ``raw`` instead, when given."""
    found = _style(style)
    base = found.base(_prepare(raw)) if found.reads == "raw" and raw is not None else found.slugify(text)
    # A page of one heading: the engine's name for an empty slug, and no suffix.
    return found.numbering()(base)


class Slugger:
    """Anchors for one page's headings, in document order, numbered as the renderer does."""

    def __init__(self, style: str = "github") -> None:
        found = _style(style)
        self.style = style
        self._base = found.base
        self._number = found.numbering()

    def slug(self, inline_md: str) -> str:
        return self._number(self._base(inline_md))


__all__ = ["STYLES", "Slugger", "heading_text", "slugify", "toc_label"]
