"""@sindresorhus/transliterate 1 as Eleventy's slugify filter runs it (with slugify 2's `&` as
` and `, `♥` as ` love `): the package's replacements in its order, then decomposition with
the diacritics deleted. The table is data generated from the package (transliterate_table.py).
"""

from __future__ import annotations

import functools
import unicodedata


@functools.cache
def _tables():
    from .transliterate_table import DIACRITIC_RANGES, REPLACEMENTS

    drops = {cp: None for lo, hi in DIACRITIC_RANGES for cp in range(lo, hi + 1)}
    return REPLACEMENTS, [pair for pair in REPLACEMENTS if pair[0].isascii()], drops


def transliterate(text: str) -> str:
    replacements, ascii_only, drops = _tables()
    text = unicodedata.normalize("NFC", text)
    if not text.isascii():
        # Each key replaced everywhere in turn, as the package does: a later key never
        # matches what an earlier one already replaced.
        for old, new in replacements:
            if old in text:
                text = text.replace(old, new)
    else:
        for old, new in ascii_only:  # `&`
            text = text.replace(old, new)
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).translate(drops))
