"""A scrolling column of Markdown blocks that renders only what is in or near the view.

A Markdown widget costs ~54 ms per ~500 B section and every layout walks every widget, so
neither one widget over a 200-item post nor one widget per block (even a cheap one) keeps
keys prompt. Here each run of blocks not rendered yet is one ``Gap`` widget that draws their
source text, muted and wrapped, with exact heights; a single worker renders blocks in or near
the view, one per refresh, splitting the gap around each. The event loop is never held for
more than one block, and a jump lands at once: it scrolls to the block's place in its gap,
renders it first and keeps it at the top while heights change around it.
"""

from __future__ import annotations

import asyncio
from bisect import bisect_right
from collections.abc import Callable

from rich.cells import cell_len, chop_cells
from rich.segment import Segment
from textual.containers import VerticalScroll
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Markdown

from tui.digest.post import Block
from tui.digest.safe_text import shown, shown_markdown


class BlockView(Markdown):
    """The rendering of one block; ``block_uid`` ties it back to the model."""

    def __init__(self, block: Block) -> None:
        super().__init__(shown_markdown(block.content), open_links=False, classes=f"preview-block preview-{block.kind}")
        self.block = block
        self.block_uid = block.uid


class Gap(Widget):
    """Blocks ``start`` to ``end - 1`` not rendered yet: their source, one blank row after each."""

    def __init__(self, column: LazyMarkdownColumn, start: int, end: int) -> None:
        super().__init__(classes="preview-gap")
        self.column = column
        self.set_range(start, end)

    def set_range(self, start: int, end: int) -> None:
        self.start, self.end = start, end
        self._width = -1
        self._tops: list[int] = [0]  # first row of each block, then the total height
        self.refresh(layout=True)

    def tops(self, width: int | None = None) -> list[int]:
        width = self.content_size.width if width is None else width
        if width != self._width and width > 0:
            rows = self.column.rows
            tops = [0]
            for index in range(self.start, self.end):
                tops.append(tops[-1] + rows(index, width) + 1)
            self._tops, self._width = tops, width
        return self._tops

    def get_content_height(self, container, viewport, width: int) -> int:
        return self.tops(width)[-1]

    def block_at(self, row: int) -> tuple[int, int]:
        """(block index, its first row) of the block drawn at ``row``."""
        tops = self.tops()
        k = max(0, min(bisect_right(tops, row) - 1, self.end - self.start - 1))
        return self.start + k, tops[k]

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        style = self.rich_style
        if y < self.tops()[-1] and width > 0:
            index, top = self.block_at(y)
            row = y - top
            for line in self.column.lines(index):
                chunks = chop_cells(line, width) or [""]
                if row < len(chunks):
                    return Strip([Segment(chunks[row], style)]).adjust_cell_length(width, style)
                row -= len(chunks)
        return Strip.blank(width, style)


class LazyMarkdownColumn(VerticalScroll):
    """Blocks in document order; ``views`` maps a block's index to its rendered widget."""

    class Progress(Message):
        """``done`` of the ``total`` blocks near the view are rendered (equal when settled)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done, self.total = done, total

    def __init__(self, blocks: list[Block], eager: Callable[[Block], Widget | None], **kwargs) -> None:
        super().__init__(**kwargs)
        self.blocks = blocks
        # Widgets that are cheap to build (the TOC list) are made up front, the rest wait.
        self.views: dict[int, Widget] = {}
        for index, block in enumerate(blocks):
            if (widget := eager(block)) is not None:
                self.views[index] = widget
        self._index_of = {widget: index for index, widget in self.views.items()}
        self._lines: dict[int, list[str]] = {}
        self._rows: dict[tuple[int, int], int] = {}
        self._target: int | None = None  # a jump in progress: keep this block at the top
        self._busy = False
        self._moving = False  # our own scrolls, which must not cancel a jump
        self._wake = asyncio.Event()
        self._refreshed = asyncio.Event()

    def compose(self):
        start = 0
        for index in sorted(self.views):
            if index > start:
                yield Gap(self, start, index)
            yield self.views[index]
            start = index + 1
        if start < len(self.blocks):
            yield Gap(self, start, len(self.blocks))

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._scrolled, init=False)
        self.run_worker(self._render_loop(), group="lazy-markdown", exclusive=True)
        self.call_after_refresh(self._wake.set)  # regions are known after the first layout

    def on_resize(self) -> None:
        self._wake.set()

    def lines(self, index: int) -> list[str]:
        if index not in self._lines:
            self._lines[index] = [shown(line) for line in self.blocks[index].content.rstrip("\n").splitlines()]
        return self._lines[index]

    def rows(self, index: int, width: int) -> int:
        """Rows block ``index`` takes in a gap ``width`` cells wide."""
        key = (index, width)
        if key not in self._rows:
            self._rows[key] = sum(
                1 if cell_len(line) <= width else len(chop_cells(line, width)) for line in self.lines(index)
            )
        return self._rows[key]

    @property
    def settled(self) -> bool:
        """Nothing near the view waits to be rendered and no jump is in progress."""
        return not self._busy and self._target is None and self._next() is None

    # -- where blocks are ------------------------------------------------------------------

    def _gap_of(self, index: int) -> Gap | None:
        return next((c for c in self.children if isinstance(c, Gap) and c.start <= index < c.end), None)

    def block_y(self, index: int) -> int | None:
        """Row of block ``index`` in the column's virtual space, None before the first layout."""
        widget = self.views.get(index) or self._gap_of(index)
        region = widget.virtual_region if widget is not None else None
        if not region:
            return None
        if isinstance(widget, Gap):
            return region.y + widget.styles.gutter.top + widget.tops()[index - widget.start]
        return region.y

    def _placed(self, lo: float, hi: float):
        """(index, top row, bottom row) of every block overlapping rows ``lo`` to ``hi``."""
        for child in self.children:
            region = child.virtual_region
            if not region or region.bottom <= lo:
                continue
            if region.y >= hi:
                break
            if isinstance(child, Gap):
                y0 = region.y + child.styles.gutter.top
                tops = child.tops()
                index, _ = child.block_at(max(0, int(lo) - y0))
                while index < child.end and y0 + tops[index - child.start] < hi:
                    k = index - child.start
                    yield index, y0 + tops[k], y0 + tops[k + 1]
                    index += 1
            else:
                index = self._index_of.get(child)
                if index is not None:
                    yield index, region.y, region.bottom

    def _near(self) -> list[int]:
        """Blocks to render, best first: visible top-down, then a screen below, then above."""
        height = self.scrollable_content_region.height
        top, bottom = self.scroll_y, self.scroll_y + height
        visible, below, above = [], [], []
        for index, y0, y1 in self._placed(top - height, bottom + height):
            (above if y1 <= top else below if y0 >= bottom else visible).append(index)
        return visible + below + above[::-1]

    def _next(self) -> int | None:
        if self._target is not None and self._target not in self.views:
            return self._target
        return next((i for i in self._near() if i not in self.views), None)

    # -- rendering -------------------------------------------------------------------------

    async def _render_loop(self) -> None:
        while True:
            index = self._next()
            if index is None:
                self._target = None
                self._report()
                self._wake.clear()
                await self._wake.wait()
                continue
            self._busy = True
            self._report()
            try:
                await self._render_block(index)
            finally:
                self._busy = False

    async def _render_block(self, index: int) -> None:
        gap = self._gap_of(index)
        if gap is None:
            return
        view = BlockView(self.blocks[index])
        new = [view] if index == gap.start else [Gap(self, gap.start, index), view]
        for widget in new:
            widget.display = False
        await self.mount_all(new, before=gap)  # returns once the Markdown is built
        anchor = self._anchor()
        with self.app.batch_update():
            for widget in new:
                widget.display = True
            if index + 1 < gap.end:
                gap.set_range(index + 1, gap.end)
            else:
                gap.remove()
            self.views[index] = view
            self._index_of[view] = index
        # One refresh per block: the layout gives the new heights, paints and keys go through.
        self._refreshed.clear()
        self.call_after_refresh(self._restore, anchor)
        await self._refreshed.wait()

    def _anchor(self) -> tuple[int, int | None] | None:
        """(block, its row now) of the block being read; a jump's target goes to the top."""
        if self._target is not None:
            return self._target, None
        top = round(self.scroll_y)
        return next(((index, y0) for index, y0, _ in self._placed(top, top + 1)), None)

    def _restore(self, anchor: tuple[int, int | None] | None) -> None:
        """Scroll by what the anchor block moved, so the text being read stays put."""
        after = self.block_y(anchor[0]) if anchor is not None else None
        if anchor is not None and after is not None:
            before = anchor[1]
            if before is None:
                self._scroll_quietly(after)
            elif after != before and not self.app.animator.is_being_animated(self, "scroll_y"):
                # (During the reader's own animated scroll a shift is left alone: stopping
                # the animation would cut the scroll short.)
                self._scroll_quietly(self.scroll_y + after - before)
        self._refreshed.set()

    def _scroll_quietly(self, y: float) -> None:
        self._moving = True
        try:
            self.scroll_to(y=y, animate=False, immediate=True)
        finally:
            self._moving = False

    def _scrolled(self) -> None:
        if not self._moving:
            self._target = None  # the reader scrolled away from a jump: stop holding it
        self._wake.set()

    def _report(self) -> None:
        near = set(self._near())
        if self._target is not None:
            near.add(self._target)
        self.post_message(self.Progress(sum(i in self.views for i in near), len(near)))

    # -- moving ----------------------------------------------------------------------------

    def jump_to(self, index: int) -> None:
        """Put block ``index`` at the top of the view now, rendered as soon as it can be."""
        if not 0 <= index < len(self.blocks):
            return
        self._target = index
        self._wake.set()
        if (y := self.block_y(index)) is not None:
            self._scroll_quietly(y)
        else:  # not laid out yet (just mounted)
            self.call_after_refresh(lambda: self._scroll_quietly(self.block_y(index) or 0))
