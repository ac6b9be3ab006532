"""Heading anchors and default TOC labels, computed the way the blog's renderer computes them.

A TOC link only works when its ``#anchor`` is exactly the ``id`` the renderer puts on the heading,
so each style mirrors one real implementation (github-slugger 2, hexo-renderer-marked 7 with
hexo-util's ``slugize``, kramdown 2) instead of a generic slugify. See FORMAT.md, "Anchors".
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

STYLES = ("github", "hexo", "hexo-lower", "kramdown")

# Built on first use (most headings have no markup, and importing mistune is a good share of
# the headless commands' start-up), then kept: a Markdown instance compiles its rules on
# creation. Only its inline parser is used, so "1. foo", "- x" or "> q" in a heading stay text,
# and a setext heading's lines give softbreaks.
_inline_parser = None


def _parse_escape(inline, m, state):
    from mistune.helpers import unescape_char

    # mistune folds an escape into the text around it; marked keeps it apart (no smart quotes,
    # no entity), so it gets a token of its own.
    state.append_token({"type": "escape", "raw": unescape_char(m.group(0))})
    return m.end()


def _parse_del(inline, m, state):
    if state.depth >= inline.max_nested_level:  # mistune's own guard against deep recursion
        return None
    child = state.copy()
    child.src = m.group("del_text")
    state.append_token({"type": "strikethrough", "children": inline.render(child)})
    return m.end()


def _inline():
    global _inline_parser
    if _inline_parser is None:
        import mistune

        inline = mistune.create_markdown(renderer=None).inline
        inline.register("escape", None, _parse_escape)
        # GFM strikethrough as marked reads it: one tilde or two, so "1~3 and 5~7" strikes "3 and 5".
        inline.register("del", r"(?P<del_fence>~~?)(?=[^\s~])(?P<del_text>(?:\\.|[^\\])*?(?:\\.|[^\s~\\]))"
                        r"(?P=del_fence)(?=[^~]|$)", _parse_del, before="link", start_chars="~")
        _inline_parser = inline
    return _inline_parser


# Without any of these the heading source already is its rendered text, so mistune is skipped.
_MARKUP = re.compile(r"[\\`*_\[\]!<>&~\n\r]")
_SMARTY = re.compile(r"['\"]|--|\.\.\.")
# CommonMark decodes only complete references; html.unescape alone would turn "&copy2020" into "©2020".
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});")

# JavaScript's \s and trim() set, which differs from Python's (no \x1c-\x1f or \x85, adds \ufeff).
_JS_WS = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_JS_TRIM = "".join(map(chr, range(0x2000, 0x200B))) + _JS_WS.replace("\u2000-\u200a", "")

# hexo-util escapeDiacritic's table (base, then the letters it replaces), kept as data because
# it is not Unicode decomposition: it folds ß, ø, ɐ, circled and full-width letters, and misses ﬁ.
_DIACRITIC_TABLE = (
    "OE \u008CŒ oe \u009Cœ A ÀÁÂÃÄÅĀĂĄǍǞǠǺȀȂȦȺḀẠẢẤẦẨẪẬẮẰẲẴẶⒶⱯＡ AE ÆǢǼ C ÇĆĈĊČƇȻḈⒸꜾＣ "
    "E ÈÉÊËĒĔĖĘĚƎƐȄȆȨḔḖḘḚḜẸẺẼẾỀỂỄỆⒺＥ I ÌÍÎÏĨĪĬĮİƗǏȈȊḬḮỈỊⒾＩ N ÑŃŅŇƝǸȠṄṆṈṊⓃꞐꞤＮ "
    "O ÒÓÔÕÖØŌŎŐƆƟƠǑǪǬǾȌȎȪȬȮȰṌṎṐṒỌỎỐỒỔỖỘỚỜỞỠỢⓄꝊꝌＯ U ÙÚÛÜŨŪŬŮŰŲƯǓǕǗǙǛȔȖɄṲṴṶṸṺỤỦỨỪỬỮỰⓊＵ "
    "Y ÝŶŸƳȲɎẎỲỴỶỸỾⓎＹ s ßśŝşšșȿṡṣṥṧṩẛⓢꞅꞩｓ a àáâãäåāăąǎǟǡǻȁȃȧɐḁẚạảấầẩẫậắằẳẵặⓐⱥａ ae æǣǽ "
    "c çćĉċčƈȼḉↄⓒꜿｃ e èéêëēĕėęěǝȅȇȩɇɛḕḗḙḛḝẹẻẽếềểễệⓔｅ i ìíîïĩīĭįıǐȉȋɨḭḯỉịⓘｉ "
    "n ñńņňŉƞǹɲṅṇṉṋⓝꞑꞥｎ o òóôõöøōŏőơǒǫǭǿȍȏȫȭȯȱɔɵṍṏṑṓọỏốồổỗộớờởỡợⓞꝋꝍｏ "
    "u ùúûüũūŭůűųưǔǖǘǚǜȕȗʉṳṵṷṹṻụủứừửữựⓤｕ y ýÿŷƴȳɏẏẙỳỵỷỹỿⓨｙ D ĎĐƉƊƋḊḌḎḐḒⒹꝹＤ d ďđƌɖɗḋḍḏḑḓⓓꝺｄ "
    "G ĜĞĠĢƓǤǦǴḠⒼꝽꝾꞠＧ g ĝğġģǥǧǵɠᵹḡⓖꝿꞡｇ H ĤĦȞḢḤḦḨḪⒽⱧⱵꞍＨ h ĥħȟɥḣḥḧḩḫẖⓗⱨⱶｈ J ĴɈⒿＪ j ĵǰɉⓙｊ "
    "K ĶƘǨḰḲḴⓀⱩꝀꝂꝄꞢＫ k ķƙǩḱḳḵⓚⱪꝁꝃꝅꞣｋ L ĹĻĽĿŁȽḶḸḺḼⓁⱠⱢꝆꝈꞀＬ l ĺļľŀłſƚɫḷḹḻḽⓛⱡꝇꝉꞁｌ "
    "R ŔŖŘȐȒɌṘṚṜṞⓇⱤꝚꞂꞦＲ r ŕŗřȑȓɍɽṙṛṝṟⓡꝛꞃꞧｒ S ŚŜŞŠȘṠṢṤṦṨẞⓈⱾꞄꞨＳ T ŢŤŦƬƮȚȾṪṬṮṰⓉꞆＴ "
    "t ţťŧƭțʈṫṭṯṱẗⓣⱦꞇｔ W ŴẀẂẄẆẈⓌⱲＷ w ŵẁẃẅẇẉẘⓦⱳｗ Z ŹŻŽƵȤẐẒẔⓏⱫⱿꝢＺ z źżžƶȥɀẑẓẕⓩⱬꝣｚ b ƀƃɓḃḅḇⓑｂ "
    "B ƁƂɃḂḄḆⒷＢ F ƑḞⒻꝻＦ f ƒḟⓕꝼｆ hv ƕ M ƜḾṀṂⓂⱮＭ OI Ƣ oi ƣ P ƤṔṖⓅⱣꝐꝒꝔＰ p ƥᵽṕṗⓟꝑꝓꝕｐ V ƲɅṼṾⓋꝞＶ "
    "DZ ǄǱ Dz ǅǲ dz ǆǳ LJ Ǉ Lj ǈ lj ǉ NJ Ǌ Nj ǋ nj ǌ OU Ȣ ou ȣ Q ɊⓆꝖꝘＱ q ɋⓠꝗꝙｑ m ɯɱḿṁṃⓜｍ "
    "v ʋʌṽṿⓥꝟｖ X ẊẌⓍＸ x ẋẍⓧｘ TZ Ꜩ tz ꜩ AA Ꜳ aa ꜳ AO Ꜵ ao ꜵ AU Ꜷ au ꜷ AV ꜸꜺ av ꜹꜻ AY Ꜽ ay ꜽ "
    "OO Ꝏ oo ꝏ VY Ꝡ vy ꝡ "
)


@functools.cache
def _diacritics() -> dict[int, str]:
    """The table as a str.translate map, built when a hexo anchor first needs it."""
    pairs = [p for p in "".join(_DIACRITIC_TABLE).split(" ") if p]
    return {ord(ch): base for base, letters in zip(pairs[::2], pairs[1::2]) for ch in letters}


_HEXO_CONTROL = re.compile(r"[\x00-\x1f]")
_HEXO_SPECIAL = re.compile(f"[{_JS_WS}~`!@#$%^&*()\\-_+=\\[\\]{{}}|\\\\;:\"'<>,.?/]+")
_HEXO_DASHES = re.compile(r"-{2,}")
# marked's escape leaves anything shaped like an entity alone; the rest it encodes.
_HEXO_LONE_AMP = re.compile(r"&(?!#\d{1,7};|#[Xx][a-fA-F0-9]{1,6};|\w+;)", re.ASCII)
_HEXO_ESCAPE = re.compile(r"[<>\"'`/=]")
_HEXO_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;",
                 "/": "&#x2F;", "=": "&#x3D;"}
# hexo-util 3.3's unescapeHTML decodes only what escapeHTML produces; "&eacute;" stays as it is.
_HEXO_UNESCAPES = {v: k for k, v in _HEXO_ESCAPES.items()}
_HEXO_UNESCAPE = re.compile("|".join(_HEXO_UNESCAPES))

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


def _prepare(inline_md: str) -> str:
    if "\r" in inline_md:
        inline_md = inline_md.replace("\r\n", "\n").replace("\r", "\n")
    # macOS hands over decomposed Hangul; renderers see what the file holds, which is NFC.
    return unicodedata.normalize("NFC", inline_md)


def _pieces(tokens: list, out: list) -> list:
    """Flatten mistune's inline tokens to (type, raw) pairs; images go: alt text is no heading text."""
    for tok in tokens:
        kind = tok["type"]
        if kind in ("text", "escape", "codespan", "inline_html"):
            out.append((kind, tok["raw"]))
        elif kind in ("softbreak", "linebreak"):
            out.append(("break", "\n"))
        elif kind != "image":
            _pieces(tok.get("children", ()), out)
    return out


def _parse(inline_md: str) -> list:
    return _pieces(_inline()(inline_md.strip(" \t\n\f"), {}), [])


def _decode(raw: str) -> str:
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), raw) if "&" in raw else raw


# The editor re-slugs the whole page on every change, and a save re-slugs what the read did:
# the caches hold a 10,000-item post's headings (an LRU smaller than the page misses every time).
_CACHE = 1 << 15


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


def _smartypants(text: str) -> str:
    # marked's smartypants, which hexo-renderer-marked turns on by default.
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    text = re.sub(f"(^|[-\u2014/(\\[{{\"{_JS_WS}])'", "\\1\u2018", text).replace("'", "\u2019")
    text = re.sub(f"(^|[-\u2014/(\\[{{\u2018{_JS_WS}])\"", "\\1\u201c", text).replace('"', "\u201d")
    return text.replace("...", "\u2026")


@functools.lru_cache(maxsize=_CACHE)
def _hexo_text(inline_md: str) -> str:
    """What hexo-renderer-marked slugs: the heading's HTML (smartypants on text, marked's
    escaping), through hexo-util's unescapeHTML and stripHTML, then trimmed."""
    inline_md = _prepare(inline_md)
    if not _MARKUP.search(inline_md):
        if _SMARTY.search(inline_md):
            inline_md = _smartypants(inline_md)
        return inline_md.strip(_JS_TRIM)
    out = []
    for kind, value in _parse(inline_md):
        if kind == "text":
            # marked applies smartypants per text token, then escapes all but entity-shaped "&".
            value = _HEXO_LONE_AMP.sub("&amp;", _smartypants(value))
            out.append(_HEXO_ESCAPE.sub(lambda m: _HEXO_ESCAPES[m.group(0)], value))
        elif kind in ("escape", "codespan"):
            out.append(re.sub(r"[&<>\"']", lambda m: _HEXO_ESCAPES[m.group(0)], value))
        else:  # inline HTML stays for stripHTML to remove; a break is "<br>" (`breaks: true`)
            out.append("<br>" if kind == "break" else value)
    text = _HEXO_UNESCAPE.sub(lambda m: _HEXO_UNESCAPES[m.group(0)], "".join(out))
    return _strip_html(text).strip(_JS_TRIM)


def _strip_html(text: str) -> str:
    """hexo-util 3.3's stripHTML (striptags), quirks included: "< " stays text, a quoted ">"
    does not close a tag, nested "<" are counted for good, an unclosed tag swallows the rest."""
    if "<" not in text:
        return text
    out, state, buf, depth, quote = [], 0, "", 0, ""
    for ch in text:
        if state == 0:
            if ch == "<":
                state, buf = 1, "<"
            else:
                out.append(ch)
        elif state == 1:
            if ch == "<":
                depth += 0 if quote else 1
            elif ch == ">":
                if not quote and depth:
                    depth -= 1
                elif not quote:
                    state, buf = 0, ""
            elif ch in " \n" and buf == "<":
                out.append("< ")
                state, buf = 0, ""
            else:
                if ch in "\"'":
                    quote = "" if ch == quote else quote or ch
                elif ch == "-" and buf == "<!-":
                    state = 2
                buf = (buf + ch)[:4]  # only its start is ever compared
        elif ch == ">":
            state, buf = (0 if buf[-2:] == "--" else 2), ""
        else:
            buf = (buf + ch)[-2:]
    return "".join(out)


def _hexo_slugize(text: str, lower: bool) -> str:
    text = _HEXO_CONTROL.sub("", text.translate(_diacritics()))
    text = _HEXO_DASHES.sub("-", _HEXO_SPECIAL.sub("-", text)).strip("-")
    return text.lower() if lower else text


def _kramdown(raw: str) -> str:
    # Ruby's ^ matches after every newline, hence MULTILINE.
    text = re.sub(r"^[^a-zA-Z]+", "", raw.strip(), flags=re.MULTILINE)
    return re.sub(r"[^a-zA-Z0-9 -]", "", text).replace(" ", "-").lower() or "section"


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


_JS_PROTO = ("constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString",
             "toLocaleString", "valueOf")


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


# A code span closes on a backtick run of its opening run's length exactly.
_CODE = re.compile(r"(`+)(?!`)(?:.*?[^`])?\1(?!`)", re.S)
_TICKS = re.compile(r"`+")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9.+-]{1,31}:[^<>\x00-\x20]*|[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+"
                       r"@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*)>")
_html = None


def _html_tag():
    """Inline HTML as mistune matches it (compiled on first use, with mistune's own patterns)."""
    global _html
    if _html is None:
        from mistune.helpers import HTML_ATTRIBUTES, HTML_TAGNAME

        _html = re.compile(r"<" + HTML_TAGNAME + HTML_ATTRIBUTES + r"\s*/?>|</" + HTML_TAGNAME + r"\s*>"
                           r"|<!--(?:-?>|[\s\S]*?-->)|<\?[\s\S]*?\?>|<![A-Za-z][\s\S]*?>|<!\[CDATA\[[\s\S]*?\]\]>")
    return _html


# An inline link's "(destination "title")" part, per CommonMark (one level of nested parentheses).
_LINK_TAIL = re.compile(r"\(\s*(?:<[^<>\n]*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"
                        r"(?:\s+(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)")


def _skip(s: str, i: int) -> int:
    """End of the escape or code span (or bare backtick run) at ``i``: brackets inside are text."""
    m = _CODE.match(s, i) or _TICKS.match(s, i)
    return i + 2 if s[i] == "\\" else m.end()


def _link_at(s: str, i: int) -> tuple[int, int] | None:
    """For "[" at ``i`` opening an inline link: (index of its "]", end of the link)."""
    depth, j = 0, i
    while j < len(s):
        if s[j] in "\\`":
            j = _skip(s, j)
            continue
        depth += (s[j] == "[") - (s[j] == "]")
        if depth == 0:
            tail = _LINK_TAIL.match(s, j + 1)
            return (j, tail.end()) if tail else None
        j += 1
    return None


def _label(s: str) -> str:
    out, i = [], 0
    while i < len(s):
        ch = s[i]
        nxt = s[i + 1] if i + 1 < len(s) else ""
        if ch == "\\" and nxt in _ASCII_PUNCT:
            out.append(s[i:i + 2])  # already escaped: keep as written
            i += 2
        elif ch == "\\" and nxt == "\n":
            i += 1  # a hard line break's backslash; the lines are joined below
        elif ch == "`":
            out.append(s[i:_skip(s, i)])
            i = _skip(s, i)
        elif ch == "!" and nxt == "[" and (link := _link_at(s, i + 1)):
            i = link[1]
        elif ch == "[" and (link := _link_at(s, i)):
            out.append(_label(s[i + 1:link[0]]))
            i = link[1]
        elif ch in "[]":
            # A bare bracket in the label would end or open the TOC entry's own link.
            out.append("\\" + ch)
            i += 1
        elif ch == "<" and (m := _AUTOLINK.match(s, i)):
            out.append(m.group(1))
            i = m.end()
        elif ch == "<" and (m := _html_tag().match(s, i)):
            i = m.end()
        else:
            out.append(ch)
            i += 1
    return "".join(out)


@functools.lru_cache(maxsize=_CACHE)
def toc_label(inline_md: str) -> str:
    """The default TOC label for a heading: its inline Markdown with links unwrapped to their
    text, images and HTML tags dropped, brackets escaped, lines joined by single spaces."""
    text = inline_md.replace("\r\n", "\n").replace("\r", "\n")
    if _MARKUP.search(text):
        text = _label(text)
    return " ".join(part for part in (line.strip() for line in text.split("\n")) if part)
