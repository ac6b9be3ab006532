"""A scrollbar that repaints when its thumb moves, not whenever the view scrolls.

Textual's ScrollBar repaints on every change of ``position``, which is in rows of the
scrolled content; its thumb moves in eighths of a cell. In a 2,000-row list one row of
scroll moves the thumb a seventh of an eighth, so six of seven repaints drew the same bar,
each ~3 ms (36 rows through Rich and Visual.to_strips) of a ~15 ms selection.
"""

from __future__ import annotations

from math import ceil

from textual.reactive import Reactive
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.widget import Widget


class ThumbScrollBar(ScrollBar):
    # Repainted by watch_position instead, when the bar it draws changes.
    position: Reactive[float] = Reactive(0, repaint=False)

    def watch_position(self, old: float, new: float) -> None:
        if self._thumb_start(old) != self._thumb_start(new):
            self.refresh()

    def _thumb_start(self, position: float) -> int | None:
        """Where ScrollBarRender.render_bar starts the thumb for ``position``, in its steps
        (eighths of a cell); None when position does not enter the bar."""
        renderer: type[ScrollBarRender] = self.renderer
        size = self.size.height if self.vertical else self.size.width
        virtual_size = ceil(self.window_virtual_size)
        window_size = ceil(self.window_size if self.window_size < self.window_virtual_size else 0)
        if not (window_size and size and virtual_size and size != virtual_size):
            return None
        thumb_size = max(1, window_size / (virtual_size / size))
        steps = len(renderer.VERTICAL_BARS if self.vertical else renderer.HORIZONTAL_BARS)
        return int((size - thumb_size) * (position / (virtual_size - window_size)) * steps)


def vertical_thumb_scrollbar(widget: Widget) -> ScrollBar:
    """What Widget.vertical_scrollbar does, with a ThumbScrollBar."""
    if widget._vertical_scrollbar is not None:  # noqa: SLF001 - the property's own slot
        return widget._vertical_scrollbar  # noqa: SLF001
    scroll_bar = ThumbScrollBar(vertical=True, name="vertical", thickness=widget.scrollbar_size_vertical)
    widget._vertical_scrollbar = scroll_bar  # noqa: SLF001
    scroll_bar.display = False
    widget.app._start_widget(widget, scroll_bar)  # noqa: SLF001
    return scroll_bar
