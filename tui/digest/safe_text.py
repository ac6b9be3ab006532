"""The two boundaries every hostile string crosses: onto a terminal, and into a post.

Titles come from arbitrary web pages and posts from co-authors, so a heading may hold
``ESC ] 0 ; … BEL`` (retitles the terminal), ``ESC [ 2 J`` (clears it), C1 controls that
some terminals read as CSI, or bidi overrides that make text read backwards. Nothing
else in the project decides what is safe: display code calls :func:`shown`, intake code
(fetched titles and descriptions) calls :func:`cleaned`.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides, isolates and marks: invisible, and able to reorder what
# the reader sees around them.
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Invisible characters with no business in a heading. ZWJ and ZWNJ are kept between
# two visible characters: emoji sequences and Indic/Persian text need them.
_INVISIBLE = frozenset("\u200b\u2060\ufeff\u180e\u00ad")
_JOINERS = frozenset("\u200c\u200d")

# C0 (but tab and line feed, which callers choose to keep), DEL, C1, bidi controls,
# and lone surrogates (what surrogateescape leaves for undecodable bytes).
_UNSAFE_RE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    + "".join(sorted(BIDI))
    + "\u2028\u2029\ud800-\udfff]"
)
_UNSAFE_WITH_LAYOUT_RE = re.compile(_UNSAFE_RE.pattern[:-1] + "\t\n]")


def _picture(match: re.Match[str]) -> str:
    ch = match.group()
    code = ord(ch)
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟: the Control Pictures block
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"


def shown(text: str, *, keep_layout: bool = True) -> str:
    """``text`` with every control character made visible, safe to write to a terminal.

    ESC becomes ``␛``, BEL ``␇``, DEL ``␡``; C1, bidi and separator controls become
    ``<U+009B>``-style names. Tab and line feed are kept unless ``keep_layout`` is false
    (a one-line place such as a list row or a title: they would misalign it).
    """
    pattern = _UNSAFE_RE if keep_layout else _UNSAFE_WITH_LAYOUT_RE
    if pattern.search(text) is None:
        return text
    return pattern.sub(_picture, text)


def is_safe(text: str) -> bool:
    """True when :func:`shown` would return ``text`` unchanged (tab and newline allowed)."""
    return _UNSAFE_RE.search(text) is None


_CONTROL_KINDS = (
    (frozenset(chr(c) for c in range(0x20)) - {"\t", "\n", "\r"}, "C0 control"),
    (frozenset({"\x7f"}), "DEL"),
    (frozenset(chr(c) for c in range(0x80, 0xA0)), "C1 control"),
    (BIDI, "bidi control"),
    (frozenset("\u2028\u2029"), "line/paragraph separator"),
)


def control_kind(ch: str) -> str | None:
    """What kind of unsafe character ``ch`` is (``"C0 control"``, ``"bidi control"`` …), or None."""
    for chars, kind in _CONTROL_KINDS:
        if ch in chars:
            return kind
    if "\ud800" <= ch <= "\udfff":
        return "lone surrogate"
    return None


def find_controls(text: str) -> list[tuple[int, int, str, str]]:
    """Every unsafe character of ``text`` as ``(line, column, char, kind)``, 1-based.

    A CR is a line ending, not a control, when a line feed follows it or it ends the text.
    """
    found = []
    for lineno, line in enumerate(text.split("\n"), 1):
        body = line[:-1] if line.endswith("\r") else line
        for col, ch in enumerate(body, 1):
            if ch == "\t":
                continue
            kind = "C0 control" if ch == "\r" else control_kind(ch)
            if kind is not None:
                found.append((lineno, col, ch, kind))
    return found


def strip_controls(text: str) -> str:
    """``text`` without the characters :func:`find_controls` reports (line endings kept)."""
    out = []
    for line in text.split("\n"):
        cr = line.endswith("\r")
        body = line[:-1] if cr else line
        out.append(
            "".join(ch for ch in body if ch == "\t" or (ch != "\r" and control_kind(ch) is None))
            + ("\r" if cr else "")
        )
    return "\n".join(out)


TITLE_MAX = 200
_SPACE_RE = re.compile(r"\s+")


def cleaned(text: str, limit: int = TITLE_MAX) -> str:
    """A web page's title or description made fit for a heading.

    NFC-normalised; C0, C1, DEL, bidi controls and invisible characters removed (not made
    visible: this text is written into the author's post); every run of whitespace one
    space; trimmed; cut to ``limit`` characters at a word boundary where one is near, with
    an ellipsis.
    """
    text = unicodedata.normalize("NFC", text)
    chars = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if ch in _JOINERS:
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < n else " "
            if prev.isspace() or nxt.isspace() or prev in _JOINERS or nxt in _JOINERS:
                continue
            chars.append(ch)
            continue
        if ch in "\t\n\r\x0b\x0c":
            chars.append(" ")
        elif control_kind(ch) is None:
            chars.append(ch)
    text = _SPACE_RE.sub(" ", "".join(chars)).strip()
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        if space >= limit * 3 // 4:
            cut = cut[:space]
        text = cut.rstrip() + "…"
    return text


class ShownStream:
    """A text stream that writes everything through :func:`shown`.

    The headless commands print titles, URLs, diff lines, server replies and file names:
    wrapping stdout and stderr once catches every path, including ones added later. A CRLF
    line ending is kept as it is (a diff of a CRLF post shows its own endings).
    """

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write("\r\n".join(shown(part) for part in text.split("\r\n")))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):  # flush, fileno, encoding, isatty ...
        return getattr(self._stream, name)


def shown_markdown(text: str) -> str:
    """Markdown source for a renderer (the previews): CRLF endings as LF, which Markdown reads
    alike, so only real controls turn visible; an ESC in a heading renders as ``␛``."""
    return shown(text.replace("\r\n", "\n"))
