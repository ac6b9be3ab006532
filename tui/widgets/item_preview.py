"""The selected item rendered as Markdown, a moment after the selection or the typing.

Textual's Markdown widget mounts a widget per block: one item cost it ~50-100 ms, so the
preview waited 0.12 s after a selection and then took ~60 ms more. Here Rich's Markdown
renderable (the same markdown-it parser) is rendered once into lines that this Line API
widget scrolls itself: a few milliseconds per item, and no screen layout (a growing or
shrinking child would lay out the whole screen on every render). Still debounced, briefly:
holding the down arrow renders the item it stops on, not every item in passing, and typing
does not render per keystroke.
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.geometry import Region, Size
from textual.reactive import Reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

DEBOUNCE_SECONDS = 0.15
# Longer than a key repeat's interval (25-35 ms), so walking the list renders once at the
# end; short enough that a single down arrow shows its item at once to the eye.
SELECT_DEBOUNCE_SECONDS = 0.04


class ItemPreview(ScrollView, can_focus=True):
    # Its size is the layout's, whatever the item's length: a new length lays out the
    # screen only when the scrollbar comes or goes (a layout refreshes every scrollable
    # widget's scrollbars and paints twice). Otherwise the scrollbar is told directly.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def watch_virtual_size(self, size: Size) -> None:
        if (size.height > self.container_size.height) != self.show_vertical_scrollbar:
            self.refresh(layout=True)
        elif self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = self.scrollable_content_region.height

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: str | None = None
        self._lines: list[Strip] = []
        self._rendered_width = 0
        self._rendered_look: tuple = ()  # the colours the lines were rendered in
        self._paint: tuple = (0, 0, None)
        self._painted = asyncio.Event()  # set after the screen's first paint
        self._blank: tuple[tuple, Strip] | None = None  # (width, style), the blank row

    def on_mount(self) -> None:
        super().on_mount()
        # The first render waits for the first paint: a slow start must not pull the
        # Markdown import (~70 ms: markdown-it, pygments) in front of what the user waits for.
        self.call_after_refresh(self._painted.set)

    @property
    def source(self) -> str:
        """The Markdown the preview shows (empty before its first render)."""
        return self._shown or ""

    def show(self, text: str, *, selected: bool = False) -> None:
        """Render ``text`` once typing (or, when ``selected``, walking the list) pauses."""
        self._render_soon(text, SELECT_DEBOUNCE_SECONDS if selected else DEBOUNCE_SECONDS, selected)

    # A description, or Textual builds one from repr() of the text on every keystroke.
    @work(exclusive=True, group="preview", description="render preview")
    async def _render_soon(self, text: str, delay: float, selected: bool, again: bool = False) -> None:
        await self._painted.wait()
        if delay:
            await asyncio.sleep(delay)
        if text == self._shown and not again:
            return
        if not self.is_attached or not self.app.is_running:
            return  # the app is closing: a late debounced render has nowhere to go
        self._shown = text
        self._render_lines()
        if selected:
            self.scroll_to(y=0, animate=False, immediate=True)

    def _render_lines(self) -> None:
        from textual.visual import Visual, visualize

        from tui.widgets.preview_markdown import item_markdown

        if self._shown is None:
            return
        dark = self.app.current_theme.dark
        markdown = item_markdown(self._shown, dark=dark)
        self._rendered_look = (self.visual_style, dark)
        # Twice at most: a scrollbar appearing (or going) with the new extent narrows (or
        # widens) the text, and no resize event says so.
        for _ in range(2):
            width = self.scrollable_content_region.width
            if width <= 0:
                return
            self._lines = Visual.to_strips(self, visualize(self, markdown, markup=False), width, None, self.visual_style)
            self._rendered_width = width
            self.virtual_size = Size(width, len(self._lines))
            if self.scrollable_content_region.width == width:
                break
        self.refresh()

    def on_resize(self) -> None:
        if self._shown is not None and self.scrollable_content_region.width != self._rendered_width:
            self._render_lines()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # Colours are baked into the lines: a theme change renders them again; focus or
        # hover (the border's style) leaves the text as it is.
        if self._shown is not None and self.is_mounted:
            self.call_later(self._restyle)

    def _restyle(self) -> None:
        if self._rendered_look != (self.visual_style, self.app.current_theme.dark):
            self._render_lines()

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line of a paint shares, read once: rich_style walks the DOM (~0.1 ms).
        self._paint = (self.scrollable_content_region.width, self.scroll_offset.y, self.rich_style)
        # A scrollbar that came (or went) with the new extent narrowed (or widened) the
        # text; no resize says so, the layout that follows the extent shows it here.
        if self._shown is not None and self._paint[0] != self._rendered_width:
            self._render_soon(self._shown, 0.0, False, again=True)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, top, style = self._paint
        index = top + y
        if 0 <= index < len(self._lines):
            return self._lines[index].crop_extend(0, width, style).apply_style(style)
        if self._blank is None or self._blank[0] != (width, style):
            self._blank = ((width, style), Strip.blank(width, style))
        return self._blank[1]
