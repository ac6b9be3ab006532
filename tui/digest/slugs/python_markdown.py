"""mkdocs, mkdocs-unicode and pymdownx: Python-Markdown's toc extension with its default
``slugify``, with ``slugify_unicode``, and with ``pymdownx.slugs.slugify(case="lower")``.

The toc slugs the heading's inner HTML with tags stripped and white space collapsed, then
entities decoded. mkdocs folds to ASCII (NFKD, non-ASCII dropped); all keep word characters,
`-` and blanks, and join blanks with `-`. Repeats get `_1`, `_2` (a trailing `_N` is bumped);
an empty slug becomes `_1`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..heading_inline import _CACHE, _MARKUP, _parse, _prepare
from . import Style
from .numbering import Underscore

_NON_WORD = re.compile(r"[^\w\s-]")
_BLANK_RUNS = re.compile(r"[-\s]+")
_TAGS = re.compile(r"</?[^>]*>")
_PYMDOWNX_DROP = re.compile(r"[^\w\- ]")


@functools.lru_cache(maxsize=_CACHE)
def toc_text(inline_md: str) -> str:
    """What the toc extension hands its slugify: tags stripped, blanks collapsed, then
    entities decoded (so an `&nbsp;` survives the collapsing)."""
    import html

    inline_md = _prepare(inline_md)
    if not _MARKUP.search(inline_md):
        return " ".join(inline_md.split())
    text = "".join(v if k in ("text", "break") else html.escape(v, quote=False) if k in ("escape", "codespan")
                   else "" for k, v in _parse(inline_md, commonmark=False))
    return html.unescape(" ".join(text.split()))


def mkdocs(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _BLANK_RUNS.sub("-", _NON_WORD.sub("", text).strip().lower())


def mkdocs_unicode(text: str) -> str:
    return _BLANK_RUNS.sub("-", _NON_WORD.sub("", text).strip().lower())


def pymdownx(text: str) -> str:
    slug = _TAGS.sub("", unicodedata.normalize("NFC", text)).strip().lower()
    return _PYMDOWNX_DROP.sub("", slug).replace(" ", "-")


def _style(name, slugify):
    return Style(name, functools.lru_cache(maxsize=_CACHE)(lambda md: slugify(toc_text(md))), slugify, Underscore)


STYLES = {
    "mkdocs": _style("mkdocs", mkdocs),
    "mkdocs-unicode": _style("mkdocs-unicode", mkdocs_unicode),
    "pymdownx": _style("pymdownx", pymdownx),
}
