"""The left pane: one row per group/item of the post, with a "Post" row first.

An OptionList (not a ListView): rows are virtual lines, so a 2,000-item post starts and
scrolls fast, and a move only re-renders the two rows it swaps. The list never edits the
post; it asks the editor screen to, by message.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Callable, NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region, Size, Spacing
from textual.message import Message
from textual.reactive import reactive
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.digest.links import domain, urls_in_paste
from tui.digest.post import Block
from tui.widgets.row_styles_cache import RowStylesCache
from tui.widgets.thumb_scrollbar import vertical_thumb_scrollbar

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


class _RowLayout(NamedTuple):
    """What every row of one paint shares."""

    padding: Spacing  # of .option-list--option
    width: int  # of a row, padding included
    left: int
    right: int
    ellipsis: bool  # text-overflow: ellipsis (else clip)
    fast: bool  # rows can be drawn by ItemList._one_line_strip


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

    # Messages with an __init__ of their own: as dataclasses they cost ~0.6 ms each of the
    # editor's start-up to define.
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
        self.marks: dict[int, str] = {}  # block uid -> short warning shown in the row
        self.link_marks: dict[int, tuple[str, str]] = {}  # uid -> ("dead"|"redirect", note) from a link check
        self._ordinal: list[int] = []  # item number of each row, 0 for groups and the Post row
        self._row_layout: _RowLayout | None = None  # set while a paint runs
        self._row_styles: dict[tuple[Style, Style | None], RichStyle | None] = {}
        # A row scrolled to another y keeps its styled line (a scroll used to style all
        # ~38 rows again, ~4 ms of a selection that scrolls).
        self._styles_cache: RowStylesCache = RowStylesCache()

    @property
    def vertical_scrollbar(self) -> ScrollBar:
        return vertical_thumb_scrollbar(self)

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
        if self._row_layout is not None:
            return  # inside a paint, which brought the table up to date before it began
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

    # -- drawing rows -----------------------------------------------------------
    #
    # The stock OptionList._get_option_render goes through visualize, a Padding visual,
    # Visual.to_strips, the wrapping formatter, the auto-link pass and a second pass that
    # stamps the option's meta on every segment: ~0.7 ms a row, ~25 ms of the first paint.
    # A row here is one line of Content, so it is built directly, with the very segments
    # (text, style, meta) the stock path makes (tests/ui/test_item_list_rows.py compares
    # them); anything unusual is left to the stock method.

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every row of a paint shares (padding, widths, CSS rules), looked up once per
        # paint instead of once per row (~35 us of the ~0.1 ms a row now costs).
        self._update_lines()  # may add a scrollbar, which narrows the rows
        self._row_layout = self._compute_row_layout()
        try:
            return super().render_lines(crop)
        finally:
            self._row_layout = None

    def _compute_row_layout(self) -> _RowLayout:
        padding = self.get_component_styles("option-list--option").padding
        top, right, bottom, left = padding
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        styles = self.styles
        rules = styles.get
        overflow = rules("text_overflow", "fold")
        fast = (
            not (top or bottom)
            and width - left - right > 0
            # Stock truncates a nowrap line to the width (Content._wrap_and_format) and
            # aligns nothing for a left-aligned one.
            and rules("text_wrap", "wrap") == "nowrap"
            and overflow in ("ellipsis", "clip")
            and rules("text_align", "left") in ("left", "start")
            and styles.content_align == ("left", "top")
            # A text selection restyles the selected cells (Visual.to_strips).
            and self.text_selection is None
        )
        return _RowLayout(padding, width, left, right, overflow == "ellipsis", fast)

    def notify_style_update(self) -> None:
        self._row_styles.clear()
        self._styles_cache.clear_rows()
        super().notify_style_update()

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        layout = self._row_layout or self._compute_row_layout()
        cache_key = (option, style, layout.padding)  # the stock key: _set_row_prompt drops it
        cache = self._option_render_cache
        strips = cache.get(cache_key)
        if strips is None:
            strip = self._one_line_strip(option, style, layout) if layout.fast else None
            if strip is None:
                return super()._get_option_render(option, style)
            strips = cache[cache_key] = [strip]
        return strips

    def _row_style(self, style: Style, piece_style: Style | None) -> RichStyle | None:
        """The Rich style stock gives a piece of a row (before its meta), or None when the
        stock path could treat it differently (meta, which the auto-link pass reads; links)."""
        key = (style, piece_style)
        try:
            return self._row_styles[key]
        except KeyError:
            pass
        # As Content.render (the piece's style: the base, plus its span's) and then
        # _FormattedLine.to_strip (the row style under that) combine them.
        text_style = style if piece_style is None else style + piece_style
        combined = style + text_style
        rich = None if combined._meta is not None or combined.link else combined.rich_style  # noqa: SLF001
        if len(self._row_styles) > 512:
            self._row_styles.clear()
        self._row_styles[key] = rich
        return rich

    def _one_line_strip(self, option: Option, style: Style, layout: _RowLayout) -> Strip | None:
        """The row as OptionList._get_option_render draws it, or None if it is not a plain
        one-line Content row (a divider, another visual, tabs or line feeds, overlapping
        spans, meta or links in its styles): the stock method then draws it.

        Stock, for a nowrap row: the prompt is truncated to the width inside the padding
        (Content.truncate, with an ellipsis if text-overflow says so); each piece of it gets
        (row style + piece style) with {"offset": (x, 0)} as meta, x counted in characters;
        the padding and the fill get the row style; then {"option": index} goes in front of
        every segment's meta. The auto-link pass only restyles "@click" meta, never here.
        """
        if option._divider or style._meta is not None:  # noqa: SLF001
            return None
        prompt = self._get_visual(option)
        if not isinstance(prompt, Content):
            return None
        plain = prompt.plain
        if "\n" in plain or "\t" in plain:
            return None
        width, left, right = layout.width, layout.left, layout.right
        render_width = width - left - right
        line = prompt.truncate(render_width, ellipsis=layout.ellipsis)
        text = line.plain
        size = len(text)
        spans = line.spans
        row_style, get_style = self._row_style, self._get_style
        # The pieces Content.render yields: the gaps between spans in the base style, each
        # span in base + its style (spans must be in order and not overlap, as prompt_for's are).
        pieces: list[tuple[str, RichStyle | None]] = []
        if not spans:
            pieces.append((text, row_style(style, None)))
        else:
            position = 0
            for start, end, span_style in spans:
                if start < position or end <= start or end > size:
                    return None
                if start > position:
                    pieces.append((text[position:start], row_style(style, None)))
                parsed = get_style(span_style) if isinstance(span_style, str) else span_style
                pieces.append((text[start:end], row_style(style, parsed)))
                position = end
            if position < size:
                pieces.append((text[position:], row_style(style, None)))
        if None in (rich for _, rich in pieces):
            return None
        index = self._option_to_index[option]
        from_meta = RichStyle.from_meta
        pad_style = from_meta({"option": index}) + style.rich_style
        segments = [Segment(" " * left, pad_style)] if left else []
        append = segments.append
        x = 0
        for piece, rich in pieces:
            append(Segment(piece, rich + from_meta({"option": index, "offset": (x, 0)})))
            x += len(piece)
        if (fill := render_width - line.cell_length) > 0:
            append(Segment(" " * fill, pad_style))
        if right:
            append(Segment(" " * right, pad_style))
        return Strip(segments, width)

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
