"""The selected item rendered as Markdown, debounced.

Markdown.update() costs ~50-100 ms for one item and grows with size, so neither typing
nor walking the list may render per keystroke: an exclusive worker sleeps briefly and
only the last request of a burst renders (holding the down arrow renders the item it
stops on, not every item in passing).
"""

from __future__ import annotations

import asyncio

from textual import work
from textual.containers import VerticalScroll

DEBOUNCE_SECONDS = 0.2
# A selection waits less than typing: long enough to swallow key repeat (~30 keys/s),
# short enough that a single down arrow shows its item at once to the eye.
SELECT_DEBOUNCE_SECONDS = 0.12


class ItemPreview(VerticalScroll):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: str | None = None
        self._painted = asyncio.Event()  # set after the screen's first paint

    def on_mount(self) -> None:
        # The first render waits for the first paint: a slow start must not pull the
        # Markdown import and render in front of what the user is waiting to see.
        self.call_after_refresh(self._painted.set)

    # No compose: the Markdown widget (and markdown-it and pygments behind it, ~50 ms of
    # imports) is mounted by the first render, which is debounced past the first paint.

    def show(self, text: str, *, selected: bool = False) -> None:
        """Render ``text`` once typing (or, when ``selected``, walking the list) pauses."""
        self._render_soon(text, SELECT_DEBOUNCE_SECONDS if selected else DEBOUNCE_SECONDS)

    # A description, or Textual builds one from repr() of the text on every keystroke.
    @work(exclusive=True, group="preview", description="render preview")
    async def _render_soon(self, text: str, delay: float) -> None:
        await self._painted.wait()
        if delay:
            await asyncio.sleep(delay)
        if text == self._shown:
            return
        if self._closing or not self.is_attached:
            return  # the app is closing: a late debounced render has nowhere to go
        from textual.widget import MountError
        from textual.widgets import Markdown

        markdown = next(iter(self.query(Markdown)), None)
        if markdown is None:
            # Links open nothing: a #anchor would go to the browser, a URL would leave the app.
            markdown = Markdown(open_links=False)
            try:
                await self.mount(markdown)
            except MountError:
                return  # removed while the render waited
        self._shown = text
        await markdown.update(text)
