"""A heading's text as each family of renderers hands it to its slugger.

All start from the same inline parse (heading_inline.py); they differ in what a line break
becomes, whether image alt text or inline HTML count, and which typographic replacements
happen first.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .js import JS_TRIM
from ..heading_inline import _CACHE, _ENTITY, _MARKUP, _decode, _parse, _prepare


_LONE_TILDE = re.compile(r"(?<![~\\])~(?!~)")
_NAMED = re.compile(r"&[A-Za-z][A-Za-z0-9]{1,31};")


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
def engine_text(inline_md: str) -> str:
    """The rendered text as a Markdown engine hands it over: the source is trimmed of spaces
    and tabs before parsing, so a blank that an entity (`&nbsp;`) or a code span produces, or a
    no-break space in the source, stays at the ends."""
    inline_md = _prepare(inline_md)
    if not _MARKUP.search(inline_md):
        return inline_md.strip(" \t")
    text = "".join(_decode(v) if k == "text" else "" if k == "inline_html" else v
                   for k, v in _parse(inline_md))
    # Blanks left at an end by a dropped image or tag go too (the FORMAT vectors).
    return unicodedata.normalize("NFC", text).strip(" \t")


@functools.lru_cache(maxsize=_CACHE)
def token_text(inline_md: str, entities: bool = True) -> str:
    """markdown-it-anchor's ``getTokensText``: only text and code tokens, so a line break
    (soft or hard) joins the lines with nothing between them. ``entities=False``: VitePress's
    restoreEntities, which puts entity references back as written (and an escaped `&` as
    `&amp;`) wherever it joins text tokens, so only an entity standing alone stays decoded."""
    # markdown-it trims a heading's content with JavaScript's trim(), all Unicode blanks.
    inline_md = _prepare(inline_md).strip(JS_TRIM)
    if not _MARKUP.search(inline_md):
        return inline_md
    if "~" in inline_md:  # markdown-it strikes through with two tildes only, not one
        inline_md = _LONE_TILDE.sub(r"\\~", inline_md)
    pieces = _parse(inline_md)
    if entities:
        text = "".join(_decode(v) if k == "text" else v if k in ("escape", "codespan") else "" for k, v in pieces)
    else:
        text = "".join(_restored_runs(pieces))
    return unicodedata.normalize("NFC", text)


def typographic(inline_md: str, pattern=None, table=None, *, entities: bool = True,
                br: str = "\n", commonmark: bool = True, alt: bool = False, html=None) -> str:
    """The text as an engine hands it over (see ``engine_text``) with ``pattern``'s matches in
    text (not code or escapes) replaced through ``table``, as kramdown's typographic symbols,
    pandoc's ``smart`` and goldmark's typographer do before slugging. ``entities=False`` keeps
    entity references as written; ``entities="named"`` decodes only named ones (goldmark,
    whose text keeps numeric references as written: `&#8212;` slugs to `8212`). ``html``, when
    given, says what an inline HTML tag becomes, given the tags open before it."""
    inline_md = _prepare(inline_md)
    out, open_tags = [], []
    pieces = _parse(inline_md, commonmark, alt=alt) if _MARKUP.search(inline_md) else [("text", inline_md.strip(" \t"))]
    for kind, value in pieces:
        if kind == "text":
            if pattern is not None:
                value = pattern.sub(lambda m: table[m.group(0)], value)
            if entities == "named":
                value = _NAMED.sub(lambda m: _decode(m.group(0)), value)
            out.append(_decode(value) if entities is True else value)
        elif kind == "break":
            out.append(br)
        elif kind == "inline_html":
            if html is not None:
                out.append(html(value, open_tags))
        else:
            out.append(value)
    return unicodedata.normalize("NFC", "".join(out))


_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")


def stray_closers_as_text(tag: str, open_tags: list) -> str:
    """kramdown: a closing tag with no opening tag before it stays text (`</span>` slugs to
    `span`); other tags go."""
    m = _TAG_NAME.match(tag)
    if not m:
        return ""
    name = m.group(2).lower()
    if not m.group(1):
        open_tags.append(name)
        return ""
    if name in open_tags:
        del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name)]
        return ""
    return tag


def pandoc_raw(tag: str, open_tags: list) -> str:
    """pandoc: a raw tag is an element of its own, so the blanks either side stay two (a
    \x00 keeps them from being collapsed into one, and is dropped after); `<br>` is a break."""
    return "\x00 \x00" if _TAG_NAME.match(tag) and tag[1:3].lower() == "br" else "\x00"


def _restored_runs(pieces):
    run: list = []
    for kind, value in pieces + [("end", "")]:
        if kind in ("text", "escape"):
            run.append((kind, value))
            continue
        if len(run) == 1 and run[0][0] == "text" and _ENTITY.fullmatch(run[0][1]):
            yield _decode(run[0][1])
        elif len(run) == 1:
            yield run[0][1]
        else:
            yield "".join("&amp;" if (k, v) == ("escape", "&") else v for k, v in run)
        run = []
        if kind == "codespan":
            yield value
