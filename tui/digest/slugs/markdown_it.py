"""markdown-it-anchor, vitepress and eleventy: the markdown-it family.

All three slug markdown-it-anchor's ``getTokensText`` (text and code only: a line break joins
lines with nothing between) and number repeats with its ``uniqueSlug`` (first free `-N` from 1,
an empty slug allowed once). They differ in the slugify function:

- markdown-it-anchor's default: trim, lowercase, each run of JS blanks one `-`, then
  ``encodeURIComponent`` (so `목차` is `%EB%AA%A9%EC%B0%A8`, and the TOC link carries that);
- VitePress 1.x (@mdit-vue/shared), on the text with entity references as written: NFKD (Hangul becomes conjoining jamo and stays so),
  accents and controls deleted, runs of blanks and ASCII punctuation one `-`, trimmed, a
  leading digit prefixed with `_`, lowercased;
- Eleventy's ``slugify`` filter (@sindresorhus/slugify 2, ``decamelize: false``): transliterated
  to ASCII, then runs of anything but `a-z0-9` one `-`, trimmed.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import quote

from ..heading_inline import _CACHE
from . import Style
from .js import JS_TRIM, JS_WS
from .numbering import FirstFree
from .rendered import token_text
from .transliterate import transliterate

_JS_BLANK_RUNS = re.compile(f"[{JS_WS}]+")


def markdown_it_anchor(text: str) -> str:
    text = _JS_BLANK_RUNS.sub("-", unicodedata.normalize("NFC", text).strip(JS_TRIM).lower())
    return quote(text, safe="!~*'()", errors="surrogatepass")


_V_CONTROL = re.compile(r"[\u0300-\u036f\x00-\x1f]")
_V_SPECIAL = re.compile(f"[{JS_WS}~`!@#$%^&*()\\-_+=\\[\\]{{}}|\\\\;:\"'\u201c\u201d\u2018\u2019<>,.?/]+")


def vitepress(text: str) -> str:
    text = _V_CONTROL.sub("", unicodedata.normalize("NFKD", text))
    text = re.sub(r"-{2,}", "-", _V_SPECIAL.sub("-", text)).strip("-")
    return re.sub(r"^([0-9])", r"_\1", text).lower()  # JavaScript's \d: ASCII digits


# JavaScript's \d (no u flag) is ASCII only; its \s is JS_WS.
_E_CONTRACTION = re.compile(f"([a-zA-Z0-9]+)'([ts])([{JS_WS}]|$)")
_E_OTHER = re.compile(r"[^a-z0-9]+")


def eleventy(text: str) -> str:
    text = transliterate(unicodedata.normalize("NFC", text)).lower()
    text = _E_CONTRACTION.sub(r"\1\2\3", text)
    return re.sub(r"-{2,}", "-", _E_OTHER.sub("-", text).replace("\\", "")).strip("-")


def _style(name, slugify, entities=True):
    base = functools.lru_cache(maxsize=_CACHE)(lambda inline_md: slugify(token_text(inline_md, entities)))
    return Style(name, base, slugify, FirstFree)


STYLES = {
    "markdown-it-anchor": _style("markdown-it-anchor", markdown_it_anchor),
    # VitePress puts entity references back as written (restoreEntities) before slugging.
    "vitepress": _style("vitepress", vitepress, entities=False),
    "eleventy": _style("eleventy", eleventy),
}
