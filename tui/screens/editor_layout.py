"""The editor screen's pane layout: editor and preview side by side, the editor alone or
the preview alone; F2 cycles them, and until it is pressed the terminal's width decides."""

from __future__ import annotations

WIDE = 110  # columns from which editor and preview fit side by side
LAYOUTS = ("split", "editor", "preview")


class LayoutMixin:
    """Mixed into EditorScreen; uses its ``layout_mode`` (None: follow the terminal width)."""

    def action_toggle_layout(self) -> None:
        """Cycle editor and preview: side by side, editor only, preview only."""
        current = self.layout_mode or self._auto_layout()
        self.layout_mode = LAYOUTS[(LAYOUTS.index(current) + 1) % len(LAYOUTS)]
        self._apply_layout()

    def _auto_layout(self) -> str:
        return "split" if self.app.size.width >= WIDE else "editor"

    def _apply_layout(self) -> None:
        mode = self.layout_mode or self._auto_layout()
        for pane in (self.query_one("#main"), self.query_one("#right")):
            for name in LAYOUTS:
                pane.set_class(name == mode, f"-{name}")

    def on_resize(self) -> None:
        if self.layout_mode is None:
            self._apply_layout()
