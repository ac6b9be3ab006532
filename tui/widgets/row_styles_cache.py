"""A StylesCache that keeps each styled row by the content line it was built from.

Textual's StylesCache keeps rows by their y, so anything that moves content to other rows
(a scrolled list, another item shown in the editor) styles every row again: border,
padding, background, ~0.1 ms a row. Widgets that hand out one Strip per distinct line (the
item editor, the item list's cached rows) get the styled row back from here instead while
nothing around the content changed.
"""

from __future__ import annotations

from textual._ansi_theme import DEFAULT_TERMINAL_THEME
from textual._styles_cache import StylesCache
from textual.cache import LRUCache
from textual.strip import Strip


class RowStylesCache(StylesCache):
    """StylesCache that reuses a bordered, padded row when its content line is the same
    Strip and nothing around it changed (``clear_rows`` on a style update)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: LRUCache[int, tuple[Strip, Strip]] = LRUCache(256)
        self._around: tuple | None = None

    def clear_rows(self) -> None:
        self._rows.clear()
        self._around = None

    def render(self, styles, size, base_background, background, render_content_line, filters,
               border_title, border_subtitle, content_size=None, padding=None, crop=None,
               opacity=1.0, ansi_theme=DEFAULT_TERMINAL_THEME, native_ansi=False):  # noqa: ANN001, ANN201, PLR0913 - StylesCache.render's own signature
        # Everything StylesCache.render_line reads for a content row, besides the content.
        around = (
            size, content_size, padding, base_background, background, opacity, ansi_theme,
            native_ansi, styles.gutter, styles.border, styles.outline, styles.tint,
            styles.text_opacity, styles.hatch if styles.has_rule("hatch") else None,
        )
        if around != self._around:
            self._rows.clear()
            self._around = around
        return super().render(
            styles, size, base_background, background, render_content_line, filters, border_title,
            border_subtitle, content_size, padding, crop, opacity, ansi_theme, native_ansi,
        )

    def render_line(self, styles, y, size, content_size, padding, base_background, background,
                    render_content_line, *rest):  # noqa: ANN001, ANN002, ANN201, PLR0913
        gutter = styles.gutter
        content_y = y - gutter.top
        if (
            self._around is None or y == 0 or y >= size.height - max(1, gutter.bottom)
            or content_y < 0 or content_y >= content_size.height
        ):
            # Borders (titles), padding rows, and rows a render() call did not key.
            return super().render_line(styles, y, size, content_size, padding, base_background,
                                       background, render_content_line, *rest)
        content = render_content_line(content_y)
        known = self._rows.get(id(content))
        if known is not None and known[0] is content:
            return known[1]
        row = super().render_line(styles, y, size, content_size, padding, base_background,
                                  background, lambda _y: content, *rest)
        self._rows[id(content)] = (content, row)
        return row
