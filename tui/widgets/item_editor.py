"""The selected item's Markdown, in a TextArea with Markdown highlighting and soft wrap.

One item at a time: TextArea's cost grows with the document, and a few-KB item keeps
every keystroke instant even on a 2,000-item post.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea


class ItemEditor(TextArea):
    BINDINGS = [
        # TextArea binds neither, and every editor user expects them.
        Binding("ctrl+home", "document_start", "Start", show=False, id="editor.document_start"),
        Binding("ctrl+end", "document_end", "End", show=False, id="editor.document_end"),
    ]

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", show_line_numbers=False, **kwargs)
        try:
            self.language = "markdown"
        except Exception:  # noqa: BLE001 - a missing grammar leaves plain text, still editable
            self.language = None

    def show(self, text: str) -> None:
        """Load an item's text; clears undo (history belongs to the item it was typed in)."""
        # One edit over the whole document rather than load_text: load_text builds a new
        # document and recompiles the Markdown highlight query every time (~2 ms of the
        # ~5 ms a selection spends here); an edit keeps both.
        self.replace(text, (0, 0), self.document.end, maintain_selection_offset=False)
        self.history.clear()
        self.move_cursor((0, 0))
        self.scroll_home(animate=False)

    def action_document_start(self) -> None:
        """Go to the start of the item."""
        self.move_cursor((0, 0))

    def action_document_end(self) -> None:
        """Go to the end of the item."""
        self.move_cursor(self.document.end)
