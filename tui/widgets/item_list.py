"""The left pane: one row per group/item of the post, with a "Post" row first.

A Line-API widget (a ScrollView drawing one row per ``render_line``), as Toolong's log
view is: only rows on screen are ever built, a row is rebuilt only when what it shows
changes (an LRU of rendered Strips keyed by the row's text, mark, state and width), and
a move or a highlight repaints the rows it changes and nothing else. All of it on
Textual's public API. The list never edits the post; it asks the editor screen to, by
message.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.digest.links import urls_in_paste
from tui.digest.post import Block
from tui.widgets.item_rows import MARK_ORDER, RowMark, RowText, cut, one_line, row_content, row_link, row_text

__all__ = ["ItemList", "RowMark", "one_line", "row_link"]

_STATES = ("item-list--row", "item-list--row-highlighted", "item-list--row-hover")


class ItemList(ScrollView, can_focus=True):
    """Rows mirror ``Post.sections``; row 0 is the post itself (front matter and intro)."""

    COMPONENT_CLASSES = set(_STATES)

    BINDINGS = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("j", "cursor_down", "Down", show=False, id="item.down"),
        Binding("k", "cursor_up", "Up", show=False, id="item.up"),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("enter", "select", "Edit", show=False),
        Binding("alt+up,ctrl+up,K", "move(-1)", "Move up", id="item.move_up"),
        Binding("alt+down,ctrl+down,J", "move(1)", "Move down", id="item.move_down"),
        Binding("alt+home", "move_to_end(True)", "Move to top", show=False, id="item.move_top"),
        Binding("alt+end", "move_to_end(False)", "Move to bottom", show=False, id="item.move_bottom"),
        Binding("a", "new_item", "New", show=False, id="item.new_here"),
        Binding("delete,d", "delete_item", "Delete", id="item.delete"),
        Binding("ctrl+z,u", "undo", "Undo", show=False, id="item.undo"),
        Binding("ctrl+v", "clipboard_paste", "Paste URL", show=False, id="item.paste"),
    ]

    # Messages with an __init__ of their own: as dataclasses they cost ~0.6 ms each of the
    # editor's start-up to define.
    class Highlighted(Message):
        """Another row is highlighted (by a key, a click or code)."""

        def __init__(self, item_list: ItemList, row: int) -> None:
            super().__init__()
            self.item_list = item_list
            self.row = row

        @property
        def control(self) -> ItemList:
            return self.item_list

    class Selected(Highlighted):
        """Enter or a double click on a row: the user wants to edit it."""

    class Move(Message):
        def __init__(self, delta: int) -> None:
            super().__init__()
            self.delta = delta

    class MoveToEnd(Message):
        def __init__(self, top: bool) -> None:
            super().__init__()
            self.top = top

    class NewItem(Message):
        pass

    class Delete(Message):
        pass

    class Undo(Message):
        pass

    class UrlsPasted(Message):
        def __init__(self, urls: list[str]) -> None:
            super().__init__()
            self.urls = urls

    class ClipboardPaste(Message):
        pass

    def __init__(self, labels: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.rows: list[Block | None] = []
        self._numbers: list[int] = []  # item number of each row, 0 for groups and the Post row
        self._highlighted: int | None = None
        self._hover: int | None = None
        self._marks: dict[str, dict[int, RowMark]] = {}  # source -> block uid -> mark
        self._texts: dict[int, tuple[str, RowText]] = {}  # uid -> (content it was read from, text)
        self._strips: LRUCache[tuple, Strip] = LRUCache(1024)
        self._looks: dict[int, tuple] = {}

    # -- rows ---------------------------------------------------------------------------

    def load(self, sections: list[Block], highlight: int = 0) -> None:
        """Show ``sections`` (each row is built when it is first drawn)."""
        self.rows = [None, *sections]
        self._number()
        self._texts.clear()
        self.virtual_size = Size(0, len(self.rows))
        with self.prevent(self.Highlighted):
            self.highlighted = min(highlight, len(self.rows) - 1)
        self.refresh()

    def _number(self) -> None:
        count = 0
        self._numbers = []
        for block in self.rows:
            if block is not None and block.kind == "item":
                count += 1
                self._numbers.append(count)
            else:
                self._numbers.append(0)

    @property
    def option_count(self) -> int:
        return len(self.rows)

    def text_of(self, row: int) -> RowText:
        """What ``row`` shows now."""
        block = self.rows[row]
        mark = self.mark_of(block.uid) if block is not None else None
        if block is None or block.kind != "item":
            return row_text(block, 0, self.labels, None)
        # The link's domain is read from the item's text only when that text changed.
        cached = self._texts.get(block.uid)
        if cached is None or cached[0] is not block.content:
            cached = self._texts[block.uid] = (block.content, row_text(block, 0, self.labels, None))
        text = cached[1]
        return text._replace(number=self._numbers[row], title=block.title, mark=mark)

    def row_plain(self, row: int) -> str:
        """The text ``row`` shows, without styles (what a screen reader or a test reads)."""
        return row_content(self.text_of(row)).plain

    def refresh_row(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.refresh_lines(row, 1)

    def refresh_block(self, block: Block) -> None:
        """Repaint the row of ``block`` (after its text changed)."""
        row = self.row_of(block)
        if row is not None:
            self.refresh_row(row)

    def refresh_uids(self, uids: set[int]) -> None:
        """Repaint the rows of these blocks (after their marks changed)."""
        if uids:
            for row, block in enumerate(self.rows):
                if block is not None and block.uid in uids:
                    self.refresh_row(row)

    def row_of(self, block: Block) -> int | None:
        highlighted = self._highlighted
        if highlighted is not None and highlighted < len(self.rows) and self.rows[highlighted] is block:
            return highlighted
        for row, candidate in enumerate(self.rows):
            if candidate is block:
                return row
        return None

    def swap(self, row: int, other: int) -> None:
        """Swap two adjacent rows after a one-step move; the highlight follows to ``other``."""
        rows = self.rows
        rows[row], rows[other] = rows[other], rows[row]
        # Numbers belong to positions: two items swapping keep the numbers where they are;
        # an item passing a group row carries its number along.
        if not (self._numbers[row] and self._numbers[other]):
            self._numbers[row], self._numbers[other] = self._numbers[other], self._numbers[row]
        self.refresh_row(row)
        self.refresh_row(other)
        with self.prevent(self.Highlighted):
            self.highlighted = other

    @property
    def selected_block(self) -> Block | None:
        row = self._highlighted
        return self.rows[row] if row is not None and row < len(self.rows) else None

    # -- marks --------------------------------------------------------------------------
    #
    # Each source (the link check, the duplicate finder, a failed fetch...) owns its own
    # marks; a row shows the first by MARK_ORDER.

    def set_marks(self, source: str, marks: Mapping[int, RowMark]) -> None:
        """Replace the marks of ``source`` (block uid -> mark) and repaint the rows that change."""
        old = self._marks.get(source, {})
        self._marks[source] = dict(marks)
        self.refresh_uids({uid for uid in old.keys() | marks.keys() if old.get(uid) != marks.get(uid)})

    def marks_of(self, source: str) -> dict[int, RowMark]:
        return dict(self._marks.get(source, {}))

    def mark_of(self, uid: int) -> RowMark | None:
        """The mark the row of block ``uid`` shows, or None."""
        order = [*MARK_ORDER, *sorted(self._marks.keys() - set(MARK_ORDER))]
        for source in order:
            mark = self._marks.get(source, {}).get(uid)
            if mark is not None:
                return mark
        return None

    # The screens' two kinds of marks, as they were set before sources existed.
    @property
    def marks(self) -> dict[int, str]:
        """Duplicate warnings: block uid -> note."""
        return {uid: mark.note for uid, mark in self._marks.get("duplicates", {}).items()}

    @marks.setter
    def marks(self, notes: Mapping[int, str]) -> None:
        self._marks["duplicates"] = {uid: RowMark("!", "bold $text-warning", note) for uid, note in notes.items()}

    @property
    def link_marks(self) -> dict[int, tuple[str, str]]:
        """Link check results: block uid -> ("dead" | "redirect", note)."""
        return {uid: (("dead" if mark.symbol == "✗" else "redirect"), mark.note)
                for uid, mark in self._marks.get("links", {}).items()}

    @link_marks.setter
    def link_marks(self, states: Mapping[int, tuple[str, str]]) -> None:
        self._marks["links"] = {
            uid: RowMark("✗", "bold $text-error", note) if state == "dead" else RowMark("↪", "bold $text-warning", note)
            for uid, (state, note) in states.items()
        }

    # -- drawing ------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        self._strips.clear()
        self._looks.clear()
        super().notify_style_update()

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if not 0 <= row < len(self.rows):
            return Strip.blank(width, self.rich_style)
        state = 1 if row == self._highlighted else 2 if row == self._hover else 0
        text = self.text_of(row)
        key = (text, state, width, self.app.theme)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(text, state, width)
        return strip

    def _look(self, state: int) -> tuple:
        """(style, its Rich style, left and right padding) of rows in ``state``: looked up
        once per style update, not once per row (a third of a row's cost)."""
        look = self._looks.get(state)
        if look is None:
            names = ("item-list--row",) if state == 0 else ("item-list--row", _STATES[state])
            base = self.get_visual_style(*names)
            padding = self.get_component_styles(_STATES[0]).padding
            look = self._looks[state] = (base, base.rich_style, padding.left, padding.right)
        return look

    def _draw(self, text: RowText, state: int, width: int) -> Strip:
        base, pad, left, right = self._look(state)
        inner = max(0, width - left - right)
        content = cut(row_content(text), inner)
        parse = self.app.stylesheet.parse_style
        segments = [Segment(" " * left, pad)] if left else []
        segments += [Segment(part, style.rich_style) for part, style in content.render(base, "", parse)]
        strip = Strip(segments)
        return strip.extend_cell_length(width, pad).crop(0, width)

    # -- keys and the mouse -------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, row: int | None) -> None:
        if row is not None:
            row = max(0, min(row, len(self.rows) - 1)) if self.rows else None
        old, self._highlighted = self._highlighted, row
        if row is None:
            if old is not None:
                self.refresh_row(old)
            return
        if old != row:
            if old is not None:
                self.refresh_row(old)
            self.refresh_row(row)
            self.post_message(self.Highlighted(self, row))
        self.scroll_to_row(row)

    def scroll_to_row(self, row: int) -> None:
        if self.size.height:
            self.scroll_to_region(Region(0, row, 1, 1), animate=False, immediate=True)

    def on_show(self) -> None:
        if self._highlighted is not None:
            self.scroll_to_row(self._highlighted)

    def _step(self, delta: int) -> None:
        if self.rows:
            current = self._highlighted
            self.highlighted = 0 if current is None else current + delta

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_first(self) -> None:
        self.highlighted = 0

    def action_last(self) -> None:
        self.highlighted = len(self.rows) - 1

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height - 1))

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height - 1))

    def action_select(self) -> None:
        """Edit the highlighted row."""
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = offset.y + self.scroll_offset.y
        return row if 0 <= row < len(self.rows) else None

    def on_click(self, event: events.Click) -> None:
        # One click selects and leaves the keys with the list; a double click edits.
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        self.focus()
        self.highlighted = row
        if event.chain >= 2:
            self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            old, self._hover = self._hover, row
            for changed in (old, row):
                if changed is not None:
                    self.refresh_row(changed)

    # -- requests to the screen -----------------------------------------------------------

    def action_move(self, delta: int) -> None:
        """Move the selected item one step up (-1) or down (+1)."""
        self.post_message(self.Move(delta))

    def action_move_to_end(self, top: bool) -> None:
        """Move the selected item to the top or the bottom of the post."""
        self.post_message(self.MoveToEnd(top))

    def action_new_item(self) -> None:
        """Add a new item after the selected one."""
        self.post_message(self.NewItem())

    def action_delete_item(self) -> None:
        """Delete the selected item (undo brings it back)."""
        self.post_message(self.Delete())

    def action_undo(self) -> None:
        """Undo the last move, delete or insert."""
        self.post_message(self.Undo())

    def action_clipboard_paste(self) -> None:
        """Read URLs from the system clipboard and add them as items."""
        self.post_message(self.ClipboardPaste())

    def on_paste(self, event: events.Paste) -> None:
        # Stopped here so the screen never sees it: a paste into the editor must stay text.
        event.stop()
        urls = urls_in_paste(event.text)
        if urls:
            self.post_message(self.UrlsPasted(urls))
        else:
            self.notify("Only URLs can be pasted onto the list; press enter to edit the item.",
                        severity="warning")
