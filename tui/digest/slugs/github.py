"""github: github-slugger 2 (GitHub, Gatsby, Docusaurus, Astro, VS Code).

Lowercase, delete what its regex deletes (punctuation, symbols, emoji), each space a `-`;
repeats numbered with a re-check (numbering.Recount). Reads the heading's rendered text.
"""

from __future__ import annotations

import functools
import unicodedata

from ..heading_inline import _CACHE
from . import Style
from .numbering import Recount
from .rendered import engine_text

# Letters that github-slugger keeps although their category is a symbol: Alphabetic circled,
# parenthesised and squared Latin letters.
_GH_ALPHA_SYMBOLS = ((0x24B6, 0x24E9), (0x1F130, 0x1F149), (0x1F150, 0x1F169), (0x1F170, 0x1F189))


class _GithubDrops(dict):
    """``str.translate`` table deleting what github-slugger's regex deletes; filled lazily so
    each code point's category is looked up once per process."""

    def __missing__(self, cp: int) -> int | None:
        cat = unicodedata.category(chr(cp))
        keep = (cat[0] in "LM" or cat in ("Nd", "Nl", "Pc", "Cs") or cp in (0x20, 0x2D)
                or any(lo <= cp <= hi for lo, hi in _GH_ALPHA_SYMBOLS))
        self[cp] = cp if keep else None
        return self[cp]


_GITHUB = _GithubDrops()



def slugify(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().translate(_GITHUB).replace(" ", "-")


@functools.lru_cache(maxsize=_CACHE)
def base(inline_md: str) -> str:
    return slugify(engine_text(inline_md))


STYLES = {"github": Style("github", base, slugify, Recount)}
