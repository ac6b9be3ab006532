"""The whole preview's links by keyboard: tab / shift+tab move a highlight from link to link,
``o`` (or enter) follows the chosen one.

Textual's Markdown links answer only to the mouse, so the chosen link is drawn reversed in
its rendered block, scrolled into view, and spelled out in the line above the footer (where
``o`` will go). The contents list is one stop: up/down walk it, enter jumps. Blocks not
rendered yet are counted from their source with the parser the Markdown widget uses, so
tab can reach a link far below; it is highlighted once its block renders.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import unquote

from markdown_it import MarkdownIt
from textual import work
from textual.binding import Binding
from textual.content import Content, Span
from textual.style import Style
from textual.widgets import Static
from textual.widgets.markdown import MarkdownBlock

from tui.digest.safe_text import shown, shown_markdown

LINK_BINDINGS = [
    Binding("tab", "next_link(1)", "Next link", id="preview.next_link"),
    Binding("shift+tab", "next_link(-1)", "Previous link", show=False, id="preview.previous_link"),
    Binding("enter", "open_link", "Follow link", show=False, id="preview.follow_link"),
]
HIGHLIGHT = "reverse bold"
HOW_TO_PICK = "No link chosen: press tab (shift+tab goes back) or click one, then o opens it."


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    return MarkdownIt("gfm-like")  # Textual's Markdown default, so counts match its spans


@lru_cache(maxsize=4096)
def links_in(markdown: str) -> tuple[str, ...]:
    """Targets of the clickable links and images of ``markdown``, in the order drawn.
    Tables are left out: their cells are not MarkdownBlocks, so their spans can't be matched."""
    hrefs: list[str] = []
    in_table = 0
    for token in _parser().parse(markdown):
        in_table += token.type == "table_open"
        in_table -= token.type == "table_close"
        if token.type != "inline" or in_table or not token.children:
            continue
        for child in token.children:
            if child.type == "link_open":
                hrefs.append(unquote(str(child.attrs.get("href", ""))))
            elif child.type == "image":
                hrefs.append(unquote(str(child.attrs.get("src", ""))))
    return tuple(hrefs)


def link_spans(view) -> list[tuple[MarkdownBlock, Content, Span]]:
    """(part, its own content, span) of each clickable link drawn in a rendered block."""
    found = []
    for part in view.query(MarkdownBlock):
        content = getattr(part, "link_original", None) or part.content
        if not isinstance(content, Content):
            continue
        spans = [s for s in content.spans
                 if isinstance(s.style, Style) and str(s.style.meta.get("@click", "")).startswith("link(")]
        found += [(part, content, span) for span in sorted(spans, key=lambda s: s.start)]
    return found


class PreviewLinksMixin:
    """For WholePreviewScreen: ``blocks``, ``column``, ``views`` and ``follow_link`` come from it."""

    link_at: tuple[int, int] | None = None  # (block index, link number in the block)
    _lit: MarkdownBlock | None = None

    def stops(self, index: int) -> int:
        block = self.blocks[index]
        if block.kind == "toc":
            return 1 if self.toc_view() is not None and self.toc_view().option_count else 0
        return len(links_in(shown_markdown(block.content)))

    def toc_view(self):
        from tui.screens.whole_preview import TocView

        return next((v for v in self.views.values() if isinstance(v, TocView)), None)

    def chosen_href(self) -> str | None:
        if self.link_at is None:
            return None
        index, k = self.link_at
        hrefs = links_in(shown_markdown(self.blocks[index].content))
        return hrefs[k] if k < len(hrefs) else None

    # -- moving ----------------------------------------------------------------------------

    def action_next_link(self, step: int) -> None:
        """Choose the next (or previous) link; from the view when the chosen one is out of it."""
        start = self._current_stop() if self._stop_visible() else None
        if start is None and self.blocks:
            start = self._view_edge(step)
        target = self._walk(start, step) if start is not None else None
        if target is None:
            self.notify("No more links " + ("below." if step > 0 else "above."), timeout=2)
            return
        self.choose_stop(*target)

    def _current_stop(self) -> tuple[int, int] | None:
        toc = self.toc_view()
        if toc is not None and self.focused is toc:
            return self.blocks.index(toc.block), 0
        return self.link_at

    def _stop_visible(self) -> bool:
        toc = self.toc_view()
        widget = toc if toc is not None and self.focused is toc else self._lit
        return widget is not None and bool(widget.region.intersection(self.column.region))

    def _view_edge(self, step: int) -> tuple[int, int]:
        """A virtual stop just before (step 1) the first or after the last block in view."""
        top = self.column.scroll_y
        bottom = top + self.column.scrollable_content_region.height
        lo, hi = 0, len(self.blocks) - 1
        edge = top if step > 0 else bottom
        while lo < hi:  # the last block that starts at or above the edge
            mid = (lo + hi + 1) // 2
            y = self.column.block_y(mid)
            if y is not None and y <= edge:
                lo = mid
            else:
                hi = mid - 1
        if step > 0:
            y = self.column.block_y(lo)
            return (lo, -1) if y is not None and y >= top else (lo, self._first_below(lo, top))
        return lo, self.stops(lo)

    def _first_below(self, index: int, top: float) -> int:
        """In a block that starts above the view: the link number before the first one in view."""
        view = self.views.get(self.blocks[index].uid)
        if view is None:
            return -1
        region = self.column.region
        for k, (part, _, _) in enumerate(link_spans(view)):
            if part.region.intersection(region) or part.region.y >= region.bottom:
                return k - 1
        return self.stops(index) - 1

    def _walk(self, start: tuple[int, int], step: int) -> tuple[int, int] | None:
        index, k = start
        k += step
        while 0 <= index < len(self.blocks):
            count = self.stops(index)
            if 0 <= k < count:
                return index, k
            index += step
            if 0 <= index < len(self.blocks):
                k = 0 if step > 0 else self.stops(index) - 1
        return None

    def choose_stop(self, index: int, k: int) -> None:
        self._unlight()
        block = self.blocks[index]
        if block.kind == "toc":
            self.link_at = None
            toc = self.toc_view()
            self.set_focus(toc)  # now, not after the queue: the next key of a burst sees it
            if toc.highlighted is None:
                toc.highlighted = 0
            self.column.scroll_to_widget(toc, animate=False)
            self.show_link_line("Contents: up/down choose an entry, enter jumps to it, tab leaves.")
            return
        self.link_at = (index, k)
        self.set_focus(self.column)
        href = self.chosen_href() or ""
        self.show_link_line(f"o opens: {href}")
        if block.uid in self.views:
            self._light()
        else:
            self.column.jump_to(index)
            self._light_when_rendered(index)

    def _light_when_rendered(self, index: int, tries: int = 100) -> None:
        if self.link_at is None or self.link_at[0] != index:
            return
        if self.blocks[index].uid in self.views and self.column.settled:
            self._light()
        elif tries:
            self.set_timer(0.05, lambda: self._light_when_rendered(index, tries - 1))

    def _light(self) -> None:
        index, k = self.link_at
        spans = link_spans(self.views[self.blocks[index].uid])
        if k >= len(spans):
            return
        part, content, span = spans[k]
        self._unlight()
        part.link_original = content
        part.update(content.stylize(HIGHLIGHT, span.start, span.end))
        self._lit = part
        self.column.scroll_to_widget(part, animate=False)

    def _unlight(self) -> None:
        part, self._lit = self._lit, None
        if part is not None and part.is_attached:
            part.update(part.link_original)

    def show_link_line(self, text: str) -> None:
        self.query_one("#preview-link", Static).update(Content(shown(text, keep_layout=False)))

    def choose_clicked(self, view, href: str) -> None:
        """A click on a link chooses it, so o and tab go on from there."""
        index = self._index_by_uid.get(view.block_uid)
        if index is None:
            return
        for k, candidate in enumerate(links_in(shown_markdown(self.blocks[index].content))):
            if candidate == href:
                self.choose_stop(index, k)
                return

    # -- opening ---------------------------------------------------------------------------

    def action_open_link(self) -> None:
        """Open the chosen link: a section jumps, a web address goes to the browser."""
        toc = self.toc_view()
        if toc is not None and self.focused is toc and toc.highlighted is not None:
            toc.action_select()
            return
        href = self.chosen_href()
        if href is None:
            self.notify(HOW_TO_PICK)
        elif href.startswith(("http://", "https://")):
            self.open_or_copy(href)
        else:
            self.follow_link(href)

    @work(thread=True, exclusive=True, group="open-link", exit_on_error=False)
    def open_or_copy(self, url: str) -> None:
        from tui.browser import copy_to_system_clipboard, open_in_browser

        if open_in_browser(url):
            self.app.call_from_thread(self.notify, shown(f"Opened in the browser: {url}"), markup=False)
            return
        copied = copy_to_system_clipboard(url)
        self.app.call_from_thread(self._no_browser, url, copied)

    def _no_browser(self, url: str, copied: bool) -> None:
        self.app.copy_to_clipboard(url)  # OSC 52 as well: the terminal's clipboard, over SSH too
        if copied:
            self.notify(shown(f"No browser here: copied {url}"), markup=False, timeout=8)
        else:
            self.notify(shown(f"No browser here: {url}\nNo clipboard tool answered; the terminal "
                              "was asked to copy it (OSC 52)."), markup=False, severity="warning", timeout=10)
