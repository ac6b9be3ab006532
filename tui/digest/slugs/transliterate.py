"""@sindresorhus/transliterate 1 (what Eleventy's slugify filter runs first), approximated:
its replacements for the letters Unicode does not decompose (German umlauts as two letters,
ß, æ, ø, đ, ł, þ, ...) and `&` as ` and `, then decomposition with the diacritics deleted.
Scripts it transliterates (Cyrillic, Greek, Arabic, ...) beyond this table are not yet covered:
their letters are dropped here as they are for every script it does not know (Hangul, CJK).
"""

from __future__ import annotations

import unicodedata

# Applied in this order, as the package's list is.
_REPLACEMENTS = (
    ("&", " and "), ("🦄", " unicorn "), ("♥", " love "),
    ("ß", "ss"), ("ẞ", "Ss"), ("ä", "ae"), ("Ä", "Ae"), ("ö", "oe"), ("Ö", "Oe"), ("ü", "ue"), ("Ü", "Ue"),
    ("Æ", "AE"), ("æ", "ae"), ("Ð", "D"), ("ð", "d"), ("Ø", "O"), ("ø", "o"), ("Þ", "TH"), ("þ", "th"),
    ("Đ", "D"), ("đ", "d"), ("Ħ", "H"), ("ħ", "h"), ("ı", "i"), ("Ł", "L"), ("ł", "l"), ("Œ", "OE"),
    ("œ", "oe"), ("Ŧ", "T"), ("ŧ", "t"), ("ƒ", "f"), ("Ə", "A"), ("ə", "a"),
)
# ASCII and Latin-1 characters with the Unicode Diacritic property: deleted, not separators.
_SPACING_DIACRITICS = dict.fromkeys(map(ord, "^`\xa8\xaf\xb4\xb7\xb8"))


def transliterate(text: str) -> str:
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    decomposed = unicodedata.normalize("NFD", text)
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", text.translate(_SPACING_DIACRITICS))
