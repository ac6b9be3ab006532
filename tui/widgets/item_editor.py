"""The selected item's Markdown, in a TextArea with Markdown highlighting and soft wrap.

One item at a time: TextArea's cost grows with the document, and a few-KB item keeps
every keystroke instant even on a 2,000-item post. Stock TextArea on its public API; the
one thing added to its drawing is that control characters in the text are shown, never
sent to the terminal (see ``visible_controls``; ``editor_controls`` for those Rich and
Textual's Document would hide before it sees them).
"""

from __future__ import annotations

import re

from rich.segment import Segment
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

from tui.digest.safe_text import BIDI
from tui.widgets.editor_controls import given_back, held, one_cell, pictures
from tui.widgets.editor_lines import RowKeys

# What TextArea would hand the terminal raw: C0 (tab is expanded by TextArea, line feeds
# end lines), DEL, C1, bidi controls, line and paragraph separators.
_CONTROLS = [chr(c) for c in (*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))] + sorted(BIDI) + ["\u2028", "\u2029"]
_CONTROL_RE = re.compile("[" + re.escape("".join(_CONTROLS)) + "]")


_TOP = Selection.cursor((0, 0))
_PICTURES = str.maketrans({ch: one_cell(ch) for ch in _CONTROLS})


def visible_controls(strip: Strip) -> Strip:
    """``strip`` with every control character drawn as its one-cell picture (the strip's
    width kept: Rich counts controls as zero cells, so the line is cropped back)."""
    if _CONTROL_RE.search(strip.text) is None:
        return strip
    segments = [Segment(text.translate(_PICTURES), style, control) for text, style, control in strip]
    return Strip(segments).crop(0, strip.cell_length)


def newline_of(text: str) -> str:
    """The line ending a Document made from ``text`` keeps (as Textual's own detection)."""
    if "\r\n" in text:
        return "\r\n"
    if "\n" in text:
        return "\n"
    if "\r" in text:
        return "\r"
    return "\n"


class ItemEditor(TextArea):
    BINDINGS = [
        # TextArea binds neither, and every editor user expects them.
        Binding("ctrl+home", "document_start", "Start", show=False, id="editor.document_start"),
        Binding("ctrl+end", "document_end", "End", show=False, id="editor.document_end"),
    ]

    # The editor's height is fixed by the layout, whatever its text: a new wrapped height
    # changes only its scrollbar, so it need not lay out the whole screen. Textual's
    # virtual_size asks for a layout, and a layout refreshes every scrollable widget's
    # scrollbars (the list's too) and paints twice: 3-5 ms of each selection and of
    # each keystroke that wraps a line. A scrollbar coming or going still lays out
    # (show_vertical_scrollbar asks for it).
    virtual_size = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = self.scrollable_content_region.height

    def __init__(self, *, highlight_later: bool = False, **kwargs) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kwargs)
        self._row_keys = RowKeys()
        self._rows: LRUCache[tuple, Strip] = LRUCache(1024)
        if not highlight_later:
            self.highlight()

    def highlight(self) -> None:
        """Highlight the Markdown (loading the grammar and compiling its query take ~12 ms,
        which an editor that starts with its first paint leaves for after it)."""
        if self.language is not None:
            return
        # A new language means a new document, and Textual puts the cursor at the top: keys
        # typed before the first paint was followed up keep their place.
        selection, scroll = self.selection, self.scroll_offset
        try:
            self.language = "markdown"
        except Exception:  # noqa: BLE001 - a missing grammar leaves plain text, still editable
            self.language = None
        self.selection = selection
        self.scroll_to(scroll.x, scroll.y, animate=False, immediate=True)

    def show(self, text: str) -> None:
        """Load an item's text; clears undo (history belongs to the item it was typed in)."""
        # One edit over the whole document rather than load_text: load_text builds a new
        # document and recompiles the Markdown highlight query every time (~2 ms of the
        # ~5 ms a selection spends here); an edit keeps both. A document keeps the line
        # ending it was created with, so text with another one (the first item of a CRLF
        # post) gets a new document, or the editor would hand it back with LF endings.
        # The cursor goes to the top before the edit and the edit keeps it there: each move
        # of it scrolls it into view and looks for a matching bracket, and an edit that left
        # it at the end of the new text scrolled down to it and back (0.3-0.5 ms of a
        # selection); walking the list, it is at the top already and never moves.
        if self.selection != _TOP:
            self.selection = _TOP
        newline = newline_of(text)
        text = held(text, newline)
        if newline == self.document.newline:
            self.replace(text, (0, 0), self.document.end, maintain_selection_offset=True)
            self.history.clear()
        else:
            self.load_text(text)
        if self.selection != _TOP:
            self.selection = _TOP  # a one-line text before the edit: the cursor followed its end
        self.scroll_home(animate=False)

    @property
    def text(self) -> str:
        """The item's text, its line-breaking controls as they are in the post."""
        return given_back(self.document.text)

    @text.setter
    def text(self, value: str) -> None:
        self.load_text(held(value, newline_of(value)))

    def get_text_range(self, start: tuple[int, int], end: tuple[int, int]) -> str:
        # What a copy puts on the clipboard: the controls, not their stand-ins.
        return given_back(super().get_text_range(start, end))

    def action_cut(self) -> None:
        # TextArea copies what it removed from the Document: the stand-ins.
        super().action_cut()
        clipped = self.app.clipboard
        if given_back(clipped) != clipped:
            self.app.copy_to_clipboard(given_back(clipped))

    def get_line(self, line_index: int) -> Text:
        # Before Rich's Text drops BEL, BS, VT, FF and CR (visible_controls never saw them).
        return Text(pictures(self.document.get_line(line_index)), end="", no_wrap=True)

    def action_document_start(self) -> None:
        """Go to the start of the item."""
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        """Go to the end of the item."""
        self.move_cursor(self.document.end)

    def on_text_area_selection_changed(self, event: TextArea.SelectionChanged) -> None:
        # Nothing above the editor listens; bubbling it through four containers, the screen
        # and the app cost ~0.5 ms of every key and selection (two of them per selection).
        event.stop()

    def render_lines(self, crop: Region) -> list[Strip]:
        self._row_keys.build(self)
        try:
            return super().render_lines(crop)
        finally:
            self._row_keys.rows = []  # a row drawn outside a paint gets no stale key

    def render_line(self, y: int) -> Strip:
        keys = self._row_keys.rows
        key = keys[y] if y < len(keys) else None
        if key is None:
            return visible_controls(super().render_line(y))
        strip = self._rows.get(key)
        if strip is None:
            strip = self._rows[key] = visible_controls(super().render_line(y))
        return strip
