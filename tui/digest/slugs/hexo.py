"""hexo, hexo-lower: hexo-renderer-marked 7 with hexo-util's ``slugize`` (``modifyAnchors`` 0/1).

smartypants, marked's escaping, stripHTML, the diacritic table and a JS object's inherited names,
copied as data and quirks from the renderer's sources. Reads the heading's HTML, so rendered.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..heading_inline import _CACHE, _MARKUP, _parse, _prepare
from ..lazy_pattern import lazy
from . import Style
from .js import JS_TRIM as _JS_TRIM, JS_WS as _JS_WS

# Without any of these smartypants would change nothing, so a markup-free heading skips it.
_SMARTY = lazy(r"['\"]|--|\.\.\.")


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


_HEXO_CONTROL = lazy(r"[\x00-\x1f]")
_HEXO_SPECIAL = lazy(f"[{_JS_WS}~`!@#$%^&*()\\-_+=\\[\\]{{}}|\\\\;:\"'<>,.?/]+")
_HEXO_DASHES = lazy(r"-{2,}")
# marked's escape leaves anything shaped like an entity alone; the rest it encodes.
_HEXO_LONE_AMP = lazy(r"&(?!#\d{1,7};|#[Xx][a-fA-F0-9]{1,6};|\w+;)", re.ASCII)
_HEXO_ESCAPE = lazy(r"[<>\"'`/=]")
_HEXO_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;", "`": "&#96;",
                 "/": "&#x2F;", "=": "&#x3D;"}
# hexo-util 3.3's unescapeHTML decodes only what escapeHTML produces; "&eacute;" stays as it is.
_HEXO_UNESCAPES = {v: k for k, v in _HEXO_ESCAPES.items()}
_HEXO_UNESCAPE = lazy("|".join(_HEXO_UNESCAPES))

def _smartypants(text: str) -> str:
    # marked's smartypants, which hexo-renderer-marked turns on by default.
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    text = re.sub(f"(^|[-\u2014/(\\[{{\"{_JS_WS}])'", "\\1\u2018", text).replace("'", "\u2019")
    text = re.sub(f"(^|[-\u2014/(\\[{{\u2018{_JS_WS}])\"", "\\1\u201c", text).replace('"', "\u201d")
    return text.replace("...", "\u2026")


_RAW_TAG = re.compile(r"</?(?:code|pre|kbd|script)\b", re.I)


@functools.lru_cache(maxsize=_CACHE)
def _hexo_text(inline_md: str) -> str:
    """What hexo-renderer-marked slugs: the heading's HTML (smartypants on text, marked's
    escaping), through hexo-util's unescapeHTML and stripHTML, then trimmed."""
    inline_md = _prepare(inline_md)
    if not _MARKUP.search(inline_md):
        if _SMARTY.search(inline_md):
            inline_md = _smartypants(inline_md)
        return inline_md.strip(_JS_TRIM)
    out, raw = [], False
    for kind, value in _parse(inline_md, commonmark="*", tags=True):
        if kind == "text":
            # marked applies smartypants per text token (not inside raw <code>, <pre>, <kbd> or
            # <script>), then escapes all but entity-shaped "&".
            value = _HEXO_LONE_AMP.sub("&amp;", value if raw else _smartypants(value))
            out.append(_HEXO_ESCAPE.sub(lambda m: _HEXO_ESCAPES[m.group(0)], value))
        elif kind in ("escape", "codespan"):
            value = re.sub(r"[&<>\"']", lambda m: _HEXO_ESCAPES[m.group(0)], value)
            # The tags matter to stripHTML when a stray "<" before them left it inside a tag.
            out.append(f"<code>{value}</code>" if kind == "codespan" else value)
        else:  # inline HTML stays for stripHTML to remove; a break is "<br>" (`breaks: true`)
            if kind == "inline_html" and _RAW_TAG.match(value):
                raw = not value.startswith("</")
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


# The names a plain JS object inherits: hexo counts repeats in one, so Slugger starts them as "NaN".
_JS_PROTO = ("constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString",
             "toLocaleString", "valueOf")


def slugify(text: str, lower: bool = False) -> str:
    text = unicodedata.normalize("NFC", text)
    return _hexo_slugize(_smartypants(text).strip(_JS_TRIM), lower)


class HexoCount:
    """hexo counts repeats per base slug in a plain JS object with no re-check: a slug that
    names an inherited property starts truthy, so its first use gets "-NaN" (then the count
    is NaN, i.e. falsy)."""

    def __init__(self) -> None:
        self.seen: dict = dict.fromkeys(_JS_PROTO, "NaN")

    def __call__(self, base: str) -> str:
        seen = self.seen
        count = seen.get(base)
        if count == "NaN":
            seen[base] = None
            return f"{base}-NaN"
        seen[base] = 0 if count is None else count + 1
        return base if count is None else f"{base}-{count + 1}"


STYLES = {
    "hexo": Style("hexo", lambda md: _hexo_slugize(_hexo_text(md), False), slugify, HexoCount),
    "hexo-lower": Style("hexo-lower", lambda md: _hexo_slugize(_hexo_text(md), True),
                        lambda text: slugify(text, True), HexoCount),
}
