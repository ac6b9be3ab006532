"""The selected item rendered as Markdown, debounced.

Markdown.update() costs ~50-100 ms for one item and grows with size, so neither typing
nor walking the list may render per keystroke: an exclusive worker sleeps briefly and
only the last request of a burst renders (holding the down arrow renders the item it
stops on, not every item in passing).
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

DEBOUNCE_SECONDS = 0.2
# A selection waits less than typing: long enough to swallow key repeat (~30 keys/s),
# short enough that a single down arrow shows its item at once to the eye.
SELECT_DEBOUNCE_SECONDS = 0.12


class ItemPreview(VerticalScroll):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: str | None = None

    def compose(self) -> ComposeResult:
        # Links open nothing: a #anchor would go to the browser, a URL would leave the app.
        yield Markdown(open_links=False)

    def show(self, text: str, *, selected: bool = False) -> None:
        """Render ``text`` once typing (or, when ``selected``, walking the list) pauses."""
        self._render_soon(text, SELECT_DEBOUNCE_SECONDS if selected else DEBOUNCE_SECONDS)

    # A description, or Textual builds one from repr() of the text on every keystroke.
    @work(exclusive=True, group="preview", description="render preview")
    async def _render_soon(self, text: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        if text == self._shown:
            return
        markdown = next(iter(self.query(Markdown)), None)
        if markdown is None:
            return  # the app is closing: a late debounced render has nowhere to go
        self._shown = text
        await markdown.update(text)
