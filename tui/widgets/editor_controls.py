"""Control characters the item editor would hide before ``visible_controls`` sees them.

Two kinds never reached a drawn row: Rich's Text drops BEL, BS, VT, FF and CR
(``rich.control.STRIP_CONTROL_CODES``), and Textual's Document splits lines wherever
``str.splitlines`` does, so VT, FF, a CR that is not the text's line ending, FS, GS, RS, NEL
and the line/paragraph separators became line breaks (and, once the item was edited,
newlines in the post). The editor's Document holds each of them as a Unicode noncharacter
(U+FDD0..., reserved for a program's own use, never in a post) and its ``text`` gives the
real one back. ``pictures`` draws a held one as its one-cell picture: both are three UTF-8
bytes and one cell, so the Markdown highlights (byte offsets), the wrapping and the cursor
column all line up with what is drawn.
"""

from __future__ import annotations

import re

from tui.digest.safe_text import shown

_BREAKERS = "\x0b\x0c\r\x1c\x1d\x1e\x85\u2028\u2029"
_HELD = {ch: chr(0xFDD0 + i) for i, ch in enumerate("\x07\x08" + _BREAKERS)}
_GIVE_BACK = str.maketrans({held: ch for ch, held in _HELD.items()})
_NOT_CR = "[" + re.escape("".join(ch for ch in _HELD if ch != "\r")) + "]"
# By the text's own line ending: which CRs are controls to hold.
_HOLD = {"\n": re.compile(_NOT_CR + "|\r"), "\r\n": re.compile(_NOT_CR + "|\r(?!\n)"), "\r": re.compile(_NOT_CR)}
_ANY_HELD_RE = re.compile("[" + "".join(_HELD.values()) + "]")


def one_cell(ch: str) -> str:
    # One cell per character, as the terminal's cursor column and TextArea's selection
    # count them: ESC is ␛ (U+241B); what safe_text names in several cells (C1, bidi) is �.
    picture = shown(ch, keep_layout=False)
    return picture if len(picture) == 1 else "\ufffd"


_PICTURES = str.maketrans({held: one_cell(ch) for ch, held in _HELD.items()})


def held(text: str, newline: str) -> str:
    """``text`` for the editor's Document, its hidden controls held as noncharacters
    (``newline``, the text's own line ending, stays a line break)."""
    return _HOLD[newline].sub(lambda m: _HELD[m.group()], text)


def given_back(text: str) -> str:
    """The editor's text with the held controls as they were."""
    return text.translate(_GIVE_BACK) if _ANY_HELD_RE.search(text) else text


def pictures(line: str) -> str:
    """A Document line with its held controls drawn as one-cell pictures."""
    return line.translate(_PICTURES) if _ANY_HELD_RE.search(line) else line
