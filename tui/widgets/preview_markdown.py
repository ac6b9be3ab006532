"""An item's Markdown as one Rich renderable, for the item preview.

Imported on the preview's first render, after the first paint: rich.markdown brings
markdown-it and pygments (~70 ms).
"""

from __future__ import annotations

from rich.markdown import Markdown

from tui.digest.safe_text import shown_markdown

# Code blocks get a pygments theme of their own background: pick one that sits on the
# app's theme rather than a dark block on a light screen.
CODE_THEMES = {True: "monokai", False: "default"}


def item_markdown(text: str, *, dark: bool) -> Markdown:
    # hyperlinks: a link's text carries its URL to the terminal (OSC 8), so a terminal that
    # supports it opens the reference link on click; the app itself never navigates.
    # shown_markdown: a post's ESC or bidi control is drawn as ␛/<U+202E>, never sent raw.
    return Markdown(shown_markdown(text), code_theme=CODE_THEMES[dark], hyperlinks=True)
