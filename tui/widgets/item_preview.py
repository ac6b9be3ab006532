"""The selected item rendered as Markdown, debounced.

Markdown.update() costs ~50 ms for one item and grows with size, so typing must not
render per keystroke: an exclusive worker sleeps briefly and only the last request
of a burst renders.
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

DEBOUNCE_SECONDS = 0.2


class ItemPreview(VerticalScroll):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        # Links open nothing: a #anchor would go to the browser, a URL would leave the app.
        yield Markdown(open_links=False)

    def show(self, text: str, *, now: bool = False) -> None:
        """Render ``text`` soon (or at once when ``now``, e.g. on a selection change)."""
        self._render_soon(text, 0 if now else DEBOUNCE_SECONDS)

    @work(exclusive=True, group="preview")
    async def _render_soon(self, text: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if text == self._shown:
            return
        self._shown = text
        await self.query_one(Markdown).update(text)
