"""kramdown (``input: kramdown``) and jekyll (Jekyll 4's default, kramdown with ``input: GFM``).

Plain kramdown slugs the raw heading source, markup and link URLs included, ASCII only, and
names an empty slug `section`. The GFM parser slugs the rendered text after its typographic
symbols (`--` is an en dash, then deleted), keeps any word character, and leaves an empty
slug empty (the heading gets no id). Both count repeats per base slug with no re-check.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..heading_inline import _CACHE, _prepare
from . import Style
from .github import _GITHUB
from .numbering import PerBase
from .rendered import stray_closers_as_text, typographic


def kramdown(raw: str) -> str:
    # Ruby's ^ matches after every newline, hence MULTILINE.
    text = re.sub(r"^[^a-zA-Z]+", "", _prepare(raw).strip(), flags=re.MULTILINE)
    return re.sub(r"[^a-zA-Z0-9 -]", "", text).replace(" ", "-").lower()


# kramdown's typographic symbols that can touch the slug: the rest (quotes, guillemets, the
# ellipsis) are deleted as non-word characters either way.
# kramdown's typographic symbols, matched leftmost-first in this order; the guillemets with a
# space eat the space (measured: `v2.0 << %` slugs to `v20-`).
_SYMS = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<< ": "\u00ab", " >>": "\u00bb",
         "<<": "\u00ab", ">>": "\u00bb"}
_SYMS_RE = re.compile("|".join(map(re.escape, _SYMS)))


class _JekyllDrops(dict):
    """Onigmo's \\p{Word}: github-slugger's letter set plus the two joiners; a tab is a space too."""

    def __missing__(self, cp: int):
        self[cp] = cp if cp in (0x200C, 0x200D, 0x09) else _GITHUB[cp]
        return self[cp]


_JEKYLL = _JekyllDrops()


def jekyll_slugify(text: str) -> str:
    # Ruby's downcase maps code point by code point: no final sigma.
    text = "".join(c.lower() for c in unicodedata.normalize("NFC", text)).translate(_JEKYLL)
    return text.replace(" ", "-").replace("\t", "-")


@functools.lru_cache(maxsize=_CACHE)
def jekyll(inline_md: str) -> str:
    return jekyll_slugify(typographic(inline_md, _SYMS_RE, _SYMS, commonmark=False, html=stray_closers_as_text))


STYLES = {
    "kramdown": Style("kramdown", kramdown, kramdown, lambda: PerBase("section"), reads="raw"),
    "jekyll": Style("jekyll", jekyll, jekyll_slugify, PerBase),
}
