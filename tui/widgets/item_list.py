"""The left pane: one row per group/item of the post, with a "Post" row first.

An OptionList (not a ListView): rows are virtual lines, so a 2,000-item post starts and
scrolls fast, and a move only re-renders the two rows it swaps. The list never edits the
post; it asks the editor screen to, by message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Callable

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.digest.links import domain, urls_in_paste
from tui.digest.post import Block

# Rows render on every move and rename; mistune costs ~1 ms an item, far too slow for
# 2,000 rows, so the row's domain comes from this cheap scan (the marks, which must be
# exact, come from the duplicate worker instead).
_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?(https?://[^)\s>]+)", re.IGNORECASE)


def one_line(title: str) -> str:
    """A heading's text on one row (a setext heading's lines are joined with line feeds)."""
    return " ".join(title.splitlines()) if "\n" in title or "\r" in title else title


def row_link(content: str, labels: tuple[str, ...]) -> str | None:
    """The item's reference link as the row shows it: a labelled link, else the first web link."""
    first = None
    wanted = {label.casefold() for label in labels}
    for match in _LINK.finditer(content):
        if match.group(1).strip().casefold() in wanted:
            return match.group(2)
        first = first or match.group(2)
    return first


class _Row(Option):
    """A row whose prompt is built the first time anything reads it (in practice: when it is
    drawn). Building all 2,000 prompts (a domain, a Content each) before the first paint
    cost ~100 ms; a screenful is what gets drawn."""

    def __init__(self, build: Callable[[], Content]) -> None:
        super().__init__("")
        self._build: Callable[[], Content] | None = build

    @property
    def prompt(self) -> Content:
        if self._build is not None:
            self._prompt, self._build = self._build(), None
        return self._prompt

    def _set_prompt(self, prompt) -> None:
        self._build = None
        super()._set_prompt(prompt)


class ItemList(OptionList):
    """Rows mirror ``Post.sections``; row 0 is the post itself (front matter and intro)."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="item.down"),
        Binding("k", "cursor_up", "Up", show=False, id="item.up"),
        Binding("alt+up,ctrl+up,K", "move(-1)", "Move up", id="item.move_up"),
        Binding("alt+down,ctrl+down,J", "move(1)", "Move down", id="item.move_down"),
        Binding("alt+home", "move_to_end(True)", "Move to top", show=False, id="item.move_top"),
        Binding("alt+end", "move_to_end(False)", "Move to bottom", show=False, id="item.move_bottom"),
        Binding("a", "new_item", "New", show=False, id="item.new_here"),
        Binding("delete,d", "delete_item", "Delete", id="item.delete"),
        Binding("ctrl+z,u", "undo", "Undo", show=False, id="item.undo"),
        Binding("ctrl+v", "clipboard_paste", "Paste URL", show=False, id="item.paste"),
    ]

    @dataclass
    class Move(Message):
        delta: int

    @dataclass
    class MoveToEnd(Message):
        top: bool

    class NewItem(Message):
        pass

    class Delete(Message):
        pass

    class Undo(Message):
        pass

    @dataclass
    class UrlsPasted(Message):
        urls: list[str]

    class ClipboardPaste(Message):
        pass

    def __init__(self, labels: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.labels = labels
        self.rows: list[Block | None] = []
        self.marks: dict[int, str] = {}  # block uid -> short warning shown in the row
        self.link_marks: dict[int, tuple[str, str]] = {}  # uid -> ("dead"|"redirect", note) from a link check
        self._ordinal: list[int] = []  # item number of each row, 0 for groups and the Post row

    # -- building rows --------------------------------------------------------

    def prompt_for(self, row: int) -> Content:
        block = self.rows[row]
        if block is None:
            return Content.assemble(("Post", "bold $text-primary"), ("  front matter & intro", "$text-muted"))
        if block.kind == "group":
            return Content.styled(one_line(block.title) or "(untitled group)", "bold $text-accent")
        checked = self.link_marks.get(block.uid)
        if checked is not None:
            mark = ("✗", "bold $text-error") if checked[0] == "dead" else ("↪", "bold $text-warning")
        else:
            mark = ("!", "bold $text-warning") if block.uid in self.marks else " "
        parts = [mark, (f"{self._ordinal[row]:>3} ", "$text-muted"), one_line(block.title) or "(untitled)"]
        link = row_link(block.content, self.labels)
        if link:
            parts.append((f"  {domain(link)}", "$text-muted"))
        return Content.assemble(*parts)

    def _number(self) -> None:
        count = 0
        self._ordinal = []
        for block in self.rows:
            if block is not None and block.kind == "item":
                count += 1
                self._ordinal.append(count)
            else:
                self._ordinal.append(0)

    def load(self, sections: list[Block], highlight: int = 0) -> None:
        """Show ``sections``: every row at once, each prompt built when first drawn."""
        self.rows = [None, *sections]
        self._number()
        with self.prevent(OptionList.OptionHighlighted):
            self.set_options(_Row(partial(self.prompt_for, row)) for row in range(len(self.rows)))
        self.highlighted = min(highlight, len(self.rows) - 1)

    def _update_lines(self) -> None:
        # OptionList measures each new row by wrapping its prompt (~0.1 ms a row, and it
        # builds every prompt to do so). Rows here are one line each (text-wrap: nowrap in
        # the CSS, titles put on one line by prompt_for), so the line table is just filled.
        region = self.scrollable_content_region
        if not region:
            return
        cache = self._line_cache
        start, count = len(cache.lines), len(self._options)
        if start < count:
            cache.lines.extend((row, 0) for row in range(start, count))
            cache.heights.update(dict.fromkeys(range(start, count), 1))
            cache.index_to_line.update(zip(range(start, count), range(start, count)))
        virtual_size = Size(region.width - self._get_left_gutter_width(), count)
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def refresh_row(self, row: int) -> None:
        if 0 <= row < self.option_count:
            self._set_row_prompt(row, self.prompt_for(row))

    def _set_row_prompt(self, row: int, prompt: Content) -> None:
        """Replace one row's prompt and repaint that row only.

        OptionList.replace_option_prompt_at_index clears every cached row render and the
        line table: the next paint re-measured all 2,000 rows (~35 ms) and re-rendered every
        visible one (~80 ms) for a one-row change. Rows are one line each (nowrap in the CSS),
        so no height can change: dropping this option's cached renders is enough.
        """
        option = self.get_option_at_index(row)
        option._set_prompt(prompt)  # noqa: SLF001 - Textual 8.2.8's own setter, minus the cache clear
        cache = self._option_render_cache
        for key in [key for key in cache.keys() if key[0] is option]:
            cache.discard(key)
        self._repaint_row(row)

    def _repaint_row(self, row: int | None) -> None:
        line = self._line_cache.index_to_line.get(row) if row is not None else None
        if line is None:
            self.refresh()  # the line table is being rebuilt: paint it all
        else:
            self.refresh(Region(0, line - self.scroll_offset.y, self.scrollable_content_region.width, 1))

    # OptionList repaints every visible row when the highlight moves (~6 ms a frame at 38
    # rows, often twice per key); only the rows losing and gaining it change. A highlight
    # that scrolls the list repaints it all through the scroll anyway.
    highlighted: reactive[int | None] = reactive(None, repaint=False)

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._repaint_row(old)
        self._repaint_row(new)
        super().watch_highlighted(new)

    def refresh_uids(self, uids: set[int]) -> None:
        """Re-render the rows of these blocks (after marks changed); rows never drawn yet
        are left to build their prompt, marks included, when they are."""
        if not uids:
            return
        for row, block in enumerate(self.rows):
            if block is not None and block.uid in uids and row < self.option_count:
                option = self._options[row]
                if not (isinstance(option, _Row) and option._build is not None):
                    self.refresh_row(row)

    def refresh_block(self, block: Block) -> None:
        """Re-render the row of ``block`` (one prompt: O(1) when it is the selected row)."""
        row = self.row_of(block)
        if row is not None:
            self.refresh_row(row)

    def row_of(self, block: Block) -> int | None:
        highlighted = self.highlighted
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
        if not (self._ordinal[row] and self._ordinal[other]):
            self._ordinal[row], self._ordinal[other] = self._ordinal[other], self._ordinal[row]
        with self.prevent(OptionList.OptionHighlighted):
            self.refresh_row(row)
            self.refresh_row(other)
            self.highlighted = other

    def _size_updated(self, size, virtual_size, container_size, layout: bool = True) -> bool:
        # Textual hands a ScrollView its viewport as the virtual size while OptionList keeps
        # its own (one line per row); the mismatch repainted the scrollbar on every layout
        # (~1.5 ms, twice per save or selection). The list's own size is the true one.
        return super()._size_updated(size, self.virtual_size, container_size, layout)

    @property
    def selected_block(self) -> Block | None:
        row = self.highlighted
        return self.rows[row] if row is not None and row < len(self.rows) else None

    # -- keys and pastes, as requests to the screen ------------------------------

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
