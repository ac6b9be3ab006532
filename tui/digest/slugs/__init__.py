"""One module per renderer family, each holding the anchor styles of its engines.

A style is the pair an engine uses: how it turns one heading into a base slug (from the
heading's rendered text, or from its raw source) and how it numbers repeats over the page.
slug_styles.py maps the style names to these and is the only way in.
"""

from __future__ import annotations


class Style:
    """``base(inline_md)`` gives the engine's slug of a heading's source; ``slugify(text)`` the
    same from already-rendered text; ``numbering()`` a fresh page-wide de-duplicator."""

    __slots__ = ("name", "base", "slugify", "numbering", "reads")

    def __init__(self, name, base, slugify, numbering, reads="rendered"):
        self.name, self.base, self.slugify, self.numbering, self.reads = name, base, slugify, numbering, reads
