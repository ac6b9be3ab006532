"""pandoc (``markdown``, auto_identifiers) and pandoc-gfm (``gfm``, gfm_auto_identifiers).

Both slug pandoc's plain-text rendering of the heading (image alt text kept, raw HTML gone).
markdown: smart punctuation first (`--` is a dash, then deleted), lowercase, keep letters,
numbers, `_`, `-` and `.`, words joined by one `-`, everything before the first letter dropped.
gfm: lowercase, each space a `-` (a run of ASCII blanks is one space to pandoc), keep letters,
numbers, marks, `_` and `-`. An empty slug is `section`; repeats take the first free `-N`.
Haskell's toLower maps code point by code point: no final sigma.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..heading_inline import _CACHE
from . import Style
from .numbering import FirstFree, PerBase
from .rendered import pandoc_raw, typographic

_ALNUM = frozenset(("Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No"))
_MARKS = frozenset(("Mn", "Mc", "Me", "Pc"))
# Haskell's isSpace: the ASCII blanks, NBSP, and every other space separator (Zs).
_BLANKS = "\t\n\v\f\r \xa0"
_SMART = {"---": "\u2014", "--": "\u2013", "...": "\u2026"}
_SMART_RE = re.compile("---|--|\\.\\.\\.")
_ASCII_RUNS = re.compile(r"[ \t\n]+")


def _is_space(ch: str) -> bool:
    return ch in _BLANKS or (ch > "\xff" and unicodedata.category(ch) == "Zs")


def _lower(text: str) -> str:
    return "".join(c.lower() for c in text)


def markdown(text: str) -> str:
    kept = "".join(c if _is_space(c) or c in "_-." or unicodedata.category(c) in _ALNUM else ""
                   for c in _lower(unicodedata.normalize("NFC", text)))
    words = "-".join(w for w in "".join(" " if _is_space(c) else c for c in kept).split(" ") if w)
    start = next((i for i, c in enumerate(words) if unicodedata.category(c)[0] == "L"), len(words))
    return words[start:]


def gfm(text: str) -> str:
    text = _ASCII_RUNS.sub(" ", unicodedata.normalize("NFC", text)).replace("\x00", "")
    return "".join("-" if _is_space(c) else c if c in "_-" or unicodedata.category(c) in _ALNUM
                   or unicodedata.category(c) in _MARKS else "" for c in _lower(text))


STYLES = {
    "pandoc": Style("pandoc", functools.lru_cache(maxsize=_CACHE)(lambda md: markdown(typographic(md, _SMART_RE, _SMART, br=' ', commonmark=False, alt=True))),
                    markdown, lambda: FirstFree("section")),
    # gfm counts per base slug with no re-check and leaves an empty slug empty (no id).
    "pandoc-gfm": Style("pandoc-gfm", functools.lru_cache(maxsize=_CACHE)(lambda md: gfm(typographic(md, br=' ', commonmark=False, alt=True, html=pandoc_raw))),
                        gfm, PerBase),
}
