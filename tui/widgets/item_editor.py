"""The selected item's Markdown, in a TextArea with Markdown highlighting and soft wrap.

One item at a time: TextArea's cost grows with the document, and a few-KB item keeps
every keystroke instant even on a 2,000-item post.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.cache import LRUCache
from textual.document._document import _detect_newline_style
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.strip import Strip
from textual.widgets import TextArea

from tui.widgets.editor_lines import NEEDS_TEXTAREA, plain_row_strip
from tui.widgets.row_styles_cache import RowStylesCache


class ItemEditor(TextArea):
    BINDINGS = [
        # TextArea binds neither, and every editor user expects them.
        Binding("ctrl+home", "document_start", "Start", show=False, id="editor.document_start"),
        Binding("ctrl+end", "document_end", "End", show=False, id="editor.document_end"),
    ]

    # A TextArea's virtual size is its own scroll extent: nothing around it is laid out by
    # it. Widget declares it layout=True, so every item shown (and every line that wrapping
    # added or removed while typing) re-arranged the whole screen (~2-4 ms). The one thing
    # that layout did for this widget, updating its scrollbars, is done here; a scrollbar
    # appearing or going still lays the screen out (show_vertical_scrollbar does that).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        if self.is_mounted:
            self._scroll_update(size)

    def __init__(self, *, highlight_later: bool = False, **kwargs) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kwargs)
        # Rendered lines by what they show (see render_line), kept across edits.
        self._lines_by_content: LRUCache[tuple, Strip] = LRUCache(2048)
        self._pass_key: tuple = ()
        self._theme_css_for: tuple | None = None
        self._painting = False  # inside render_lines, where _pass_key is current
        self._plain_rows: tuple | None = None
        self._pass_view: tuple = ()
        self._styles_cache: RowStylesCache = RowStylesCache()
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
        if _detect_newline_style(text) == self.document.newline:
            self.replace(text, (0, 0), self.document.end, maintain_selection_offset=False)
            self.history.clear()
        else:
            self.load_text(text)
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

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

    # -- rendering -------------------------------------------------------------------------
    #
    # TextArea caches rendered lines by screen row, and with soft wrap the selection is part
    # of every row's key, while each edit clears the cache: every key typed re-rendered all
    # ~36 visible lines (~10 ms of a ~20 ms keystroke at 120x40). Keyed instead by what a line
    # shows (its text, wrap section, highlights, and the selection, cursor and bracket marks
    # that touch it), a keystroke re-renders the line typed in, and the rest come from here.

    def notify_style_update(self) -> None:
        self._lines_by_content.clear()
        self._styles_cache.clear_rows()
        self._theme_css_for = None
        super().notify_style_update()

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line of this paint shares, read once rather than per line.
        self._pass_key = (
            self.size, self.scroll_offset.x, self.theme, self.soft_wrap, self.show_line_numbers,
            self.read_only, self.show_cursor, self.indent_width, self.highlight_cursor_line,
            self.match_cursor_bracket, self.wrap_width, self.gutter_width, self.line_number_start,
            self.virtual_size.width if not self.soft_wrap else 0,
        )
        # TextArea.render_lines copies the CSS into its theme on every paint (~1.5 ms a key);
        # that CSS only changes with a style update or another theme, so copy it then.
        theme = self._theme
        applied_for = (id(theme), self.app.current_theme.name)
        if theme is not None and self._theme_css_for != applied_for:
            theme.apply_css(self)
            self._theme_css_for = applied_for
        # What a plain row (see _render_plain_row) is padded to and painted with, this paint.
        self._plain_rows = None
        if theme is not None and self.soft_wrap and not self.show_line_numbers:
            base_style = theme.base_style if theme.base_style is not None else self.rich_style
            self._plain_rows = (
                theme.syntax_styles, self.scrollable_content_region.size.width - self.gutter_width,
                theme.base_style, base_style,
            )
        self._pass_view = (self.scroll_offset.y, self.selection, self._matching_bracket_location)
        self._painting = True
        try:
            return super(TextArea, self).render_lines(crop)
        finally:
            self._painting = False

    def render_line(self, y: int) -> Strip:
        if not self._painting or (self.placeholder and not self.document.text):
            # Outside a paint (the compositor asks for a line under the mouse) the shared
            # key may be stale: TextArea's own path renders it then.
            return super().render_line(y)
        wrapped = self.wrapped_document
        scroll_y, (start, end), bracket = self._pass_view
        absolute_y = scroll_y + y
        try:
            info = wrapped._offset_to_line_info[absolute_y]  # noqa: SLF001 - Textual 8.2's own table
        except IndexError:
            info = None
        if info is None:
            key: tuple = (self._pass_key, None)
        else:
            row, section = info
            top, bottom = sorted((start, end))
            selected = (top, bottom) if start != end and top[0] <= row <= bottom[0] else None
            cursor = None
            if end[0] == row:
                cursor = (end[1], self._draw_cursor, self.suggestion, self.has_focus)
            if bracket is not None and not (bracket[0] == row or end[0] == row):
                bracket = None
            # The row itself only shows in line numbers and in how a selection cuts it; without
            # those, equal lines (blank ones, a repeated link line) share one render.
            where = row if selected is not None or self._pass_key[4] else None
            key = (
                self._pass_key, where, section, self.document[row], tuple(wrapped.get_offsets(row)),
                tuple(self._highlights.get(row, ())), selected, cursor, bracket, start == end,
            )
        line = self._lines_by_content.get(key)
        if line is None:
            line = self._render_plain_row(key) if info is not None else None
            if line is None:
                line = self._render_line(y)
            self._lines_by_content[key] = line
        return line

    def _render_plain_row(self, key: tuple) -> Strip | None:
        """The row built by editor_lines when TextArea would draw nothing on it but its
        highlights (most rows shown on a selection); None leaves it to TextArea."""
        _pass, _where, section, text, offsets, highlights, selected, cursor, bracket, _ = key
        plain_rows = self._plain_rows
        if (
            plain_rows is None or selected is not None or cursor is not None
            or bracket is not None or NEEDS_TEXTAREA.search(text)
        ):
            return None
        syntax_styles, width, pad_style, base_style = plain_rows
        return plain_row_strip(
            text, highlights, syntax_styles, offsets, section, width, pad_style, base_style
        )
