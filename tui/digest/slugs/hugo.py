"""hugo, hugo-ascii, hugo-blackfriday: Hugo's goldmark ``autoHeadingIDType`` github /
github-ascii / blackfriday, as current Hugo (0.1xx) computes them.

github: trim, each `-` or space kept as `-`, letters, decimal digits and `_` lowercased one code
point at a time (Go's simple case mapping: no final sigma, `İ` is `i`), the rest deleted.
github-ascii: accents removed first, then every non-ASCII code point dropped. blackfriday: runs
of anything but letters and numbers become one `-`, none leading or trailing. Repeats take the
first free `-N` from 1; an empty slug is `heading`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..heading_inline import _CACHE
from . import Style
from .numbering import FirstFree
from ..heading_inline import (_FORMAT_NEXT_TO_DELIMITER, _MARKUP, _decode, _escape_inert_delimiters, _inline,
                              _prepare)
from .rendered import _NAMED


class _GoLower(dict):
    """Go's unicode.ToLower per code point, or None for what the github type deletes."""

    def __missing__(self, cp: int):
        ch = chr(cp)
        cat = unicodedata.category(ch)
        if ch in "- ":
            out = "-"
        elif ch == "_" or cat[0] == "L" or cat == "Nd":
            out = go_lower(ch)
        else:
            out = None
        self[cp] = out
        return out


_LOWER = _GoLower()


def go_lower(ch: str) -> str:
    """Go's simple one-to-one lowercase mapping of one code point."""
    if ch == "\u0130":
        return "i"
    low = ch.lower()
    return low if len(low) == 1 else ch


def _remove_accents(text: str) -> str:
    # Hugo's text.RemoveAccents: NFD, drop nonspacing marks, NFC.
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


# Go's bytes.TrimSpace: Unicode White_Space.
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def github(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip(_GO_SPACE).translate(_LOWER)


def github_ascii(text: str) -> str:
    text = _remove_accents(unicodedata.normalize("NFC", text)).strip(_GO_SPACE)
    return "".join(c for c in text if c < "\x80").translate(_LOWER)


def blackfriday(text: str) -> str:
    out, dash = [], False
    for ch in unicodedata.normalize("NFC", text):
        cat = unicodedata.category(ch)
        if cat[0] in "LN":
            if dash and out:
                out.append("-")
            dash = False
            out.append(go_lower(ch))
        else:
            dash = True
    return "".join(out)


# goldmark's typographer (on in Hugo by default), leftmost-first; its quotes are deleted anyway.
_TYPO = {"---": "\u2014", "--": "\u2013", "...": "\u2026", "<<": "\u00ab", ">>": "\u00bb"}
_TYPO_RE = re.compile("---|--|\\.\\.\\.|<<|>>")


def hugo_text(inline_md: str) -> str:
    """goldmark's text of a heading after the typographer's replacements: named entities
    decoded, numeric references as written (measured: `&#x1F680;` slugs to `x1f680`), and of
    a link, emphasis or strikethrough only its first text node (measured: `[What's](u)` slugs
    to `what`, `*x86_64*` to `x86_`)."""
    inline_md = _prepare(inline_md)
    if not _MARKUP.search(inline_md):
        return _TYPO_RE.sub(lambda m: _TYPO[m.group(0)], inline_md.strip(" \t"))
    out = []
    inline_md = inline_md.strip(" \t\n\f")
    if _FORMAT_NEXT_TO_DELIMITER.search(inline_md):
        inline_md = _escape_inert_delimiters(inline_md)
    for tok in _inline()(inline_md, {}):
        kind = tok["type"]
        if kind in ("text", "escape"):
            text = tok["raw"] if kind == "escape" else _TYPO_RE.sub(lambda m: _TYPO[m.group(0)], tok["raw"])
            out.append(_NAMED.sub(lambda m: _decode(m.group(0)), text) if kind == "text" else text)
        elif kind == "codespan":
            out.append(tok["raw"])
        elif kind in _CONTAINERS and not _autolink(tok):  # an autolink's URL is no text to goldmark
            out.append(_NAMED.sub(lambda m: _decode(m.group(0)), _first_node(tok["children"])))
    return unicodedata.normalize("NFC", "".join(out))


# An image counts too: its alt text is its children.
_CONTAINERS = frozenset(("emphasis", "strong", "link", "strikethrough", "image"))


def _autolink(tok: dict) -> bool:
    children = tok.get("children") or ()
    return (tok["type"] == "link" and len(children) == 1 and children[0]["type"] == "text"
            and tok.get("attrs", {}).get("url", "").endswith(children[0]["raw"]))
# Where goldmark ends a text node inside a container: after a run of unmatched delimiters, or
# before a typographer replacement.
_NODE_END = re.compile(r"[_*]+|['\"]|--|\.\.\.|<<|>>")


def _first_node(children: list) -> str:
    text = ""
    for tok in children:
        kind = tok["type"]
        if kind in ("text", "escape"):
            raw = tok["raw"]
            m = _NODE_END.search(raw) if kind == "text" else None
            if m:
                return text + raw[: m.end() if m.group(0)[0] in "_*" else m.start()]
            text += raw
        elif text:
            return text
        elif kind == "codespan":
            return tok["raw"]
        elif kind in _CONTAINERS:
            return _first_node(tok["children"])
    return text


def _html_only(inline_md: str) -> bool:
    """A heading of nothing but raw HTML or autolinks, which Hugo gives no id (measured:
    `## <br>`, `## <https://example.com>`)."""
    inline_md = _prepare(inline_md).strip(" \t")
    if not inline_md.startswith("<"):
        return False
    return all(tok["type"] in ("inline_html", "softbreak", "linebreak") or _autolink(tok) or
               (tok["type"] == "text" and not tok["raw"].strip(" \t")) for tok in _inline()(inline_md, {}))


def _style(name, slugify):
    base = functools.lru_cache(maxsize=_CACHE)(
        lambda inline_md: None if _html_only(inline_md) else slugify(hugo_text(inline_md)))
    return Style(name, base, slugify, lambda: FirstFree("heading"))


STYLES = {
    "hugo": _style("hugo", github),
    "hugo-ascii": _style("hugo-ascii", github_ascii),
    "hugo-blackfriday": _style("hugo-blackfriday", blackfriday),
}
