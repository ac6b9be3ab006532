"""The whole post rendered, one Markdown widget per block, built lazily.

One Markdown widget over a 300-section post takes ~20 s to render, so each block gets its own
widget: the first screenful is composed at once and a single loader worker renders the rest
in order, a small batch at a time, yielding between batches so keys and paints keep flowing.
TOC links resolve through the project's anchors (Textual's slugger deletes Hangul).
"""

from __future__ import annotations

import asyncio
import dataclasses
import re
import unicodedata

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tui.digest.anchors import heading_text
from tui.digest.post import Block, Post

BATCH = 4  # first loader step, in blocks
MAX_BATCH = 16  # a step of ~16 items renders in a few hundred ms on a slow machine
PAUSE = 0.02  # between steps: lets the layout, a paint and pending keys through
FIRST_LINES = 80  # source lines composed up front: more than a tall terminal shows


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


class BlockView(Markdown):
    """The rendering of one block; ``block_uid`` ties it back to the model."""

    def __init__(self, block: Block, markdown: str | None) -> None:
        super().__init__(markdown, open_links=False, classes=f"preview-block preview-{block.kind}")
        self.block = block
        self.block_uid = block.uid


_TOC_ENTRY = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+\[(.+)\]\(\s*<?([^\s>)]+)>?[^)]*\)\s*$")


class TocView(OptionList):
    """The TOC as one virtual list: a 200-entry Markdown list is ~600 widgets that every
    later layout pays for, and a list can be walked with the keyboard (enter jumps)."""

    class Jump(Message):
        """An entry was chosen: go to ``href``."""

        def __init__(self, href: str) -> None:
            super().__init__()
            self.href = href

    def __init__(self, block: Block) -> None:
        super().__init__(classes="preview-block preview-toc", compact=True)
        self.block = block
        self.block_uid = block.uid
        self.border_title = heading_text(block.title) if block.title else ""
        self.hrefs: list[str] = []
        lead = block.lead_heading()
        for line in block.content[lead.end if lead else 0 :].splitlines():
            match = _TOC_ENTRY.match(line)
            if match:
                indent, label, href = match.groups()
                depth = len(indent.expandtabs(4)) // 2
                prompt = Content.assemble("  " * depth + "• ", (heading_text(label), "underline"))
                self.add_option(Option(prompt))
                self.hrefs.append(href)
            elif line.strip() and not line.lstrip().startswith("<!--"):
                self.add_option(Option(line.strip(), disabled=True))
                self.hrefs.append("")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        href = self.hrefs[event.option_index]
        if href:
            self.post_message(self.Jump(href))


class WholePreviewScreen(Screen[None]):
    """Read the whole post as the blog shows it; TOC links jump, web links open on request."""

    BINDINGS = [
        Binding("escape", "close", "Back", id="preview.close"),
        Binding("o", "open_link", "Open link", id="preview.open_link"),
        Binding("t", "goto_toc", "Contents", id="preview.toc"),
        Binding("g", "goto_top", "Top", show=False, id="preview.top"),
        Binding("G", "goto_bottom", "Bottom", show=False, id="preview.bottom"),
    ]

    def __init__(self, post: Post, anchor_style: str = "github") -> None:
        super().__init__()
        self.post = post
        if anchor_style != post.options.anchor_style:
            options = dataclasses.replace(post.options, anchor_style=anchor_style)
            post = dataclasses.replace(post, options=options)
        self.anchors: dict[int, str] = post.anchors()
        self._uid_by_anchor = {_nfc(anchor): uid for uid, anchor in self.anchors.items()}
        self.blocks: list[Block] = [b for b in self.post.blocks if b.content.strip()]
        self._index_by_uid = {block.uid: i for i, block in enumerate(self.blocks)}
        self.views: dict[int, BlockView | TocView] = {}
        self._next = 0  # blocks[:_next] have widgets
        self.rendered = 0  # blocks[:rendered] are fully rendered
        self._wanted = 0  # a jump asks the loader to hurry up to here
        self._progress = asyncio.Event()
        self.pending_url: str | None = None

    # -- building --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        data = self.post.front.data or {}
        title = str(data.get("title") or "") or "(untitled post)"
        with Horizontal(id="preview-header"):
            yield Static(title, id="preview-title", markup=False)
            yield Static("", id="preview-status")
        with VerticalScroll(id="preview-scroll"):
            lines = 0
            while self._next < len(self.blocks) and lines < FIRST_LINES:
                block = self.blocks[self._next]
                lines += block.content.count("\n") + 1
                yield self._make_view(block, block.content)
        yield Footer()

    def _make_view(self, block: Block, markdown: str | None) -> BlockView | TocView:
        view = TocView(block) if block.kind == "toc" else BlockView(block, markdown)
        self.views[block.uid] = view
        self._next += 1
        return view

    def on_mount(self) -> None:
        self.rendered = self._next
        self.query_one("#preview-scroll").focus()
        self._show_progress()
        self.run_worker(self._load_rest(), group="preview-load", exclusive=True)

    async def _load_rest(self) -> None:
        """Render the remaining blocks in document order, in growing batches.

        Every layout walks all mounted widgets, so the cost is in the number of layouts, not
        of blocks: a batch is mounted under ``batch_update`` (one layout for the lot) and
        batches grow as the document does. Keys are still handled while a batch renders.
        """
        scroll = self.query_one("#preview-scroll", VerticalScroll)
        size = BATCH
        while self._next < len(self.blocks):
            count = max(size, self._wanted - self._next)
            views = [self._make_view(block, block.content)
                     for block in self.blocks[self._next : self._next + count]]
            with self.app.batch_update():
                # Mounting awaits each Markdown's own render, so the batch is complete here.
                await scroll.mount_all(views)
            self.rendered = self._next
            self._progress.set()
            self._show_progress()
            await asyncio.sleep(PAUSE)
            size = min(MAX_BATCH, size * 2)

    def _show_progress(self) -> None:
        total = len(self.blocks)
        text = "" if self.rendered >= total else f"rendering {self.rendered}/{total}"
        for status in self.query("#preview-status").results(Static):
            status.update(text)

    @property
    def loaded(self) -> bool:
        """True once every block is rendered."""
        return self.rendered >= len(self.blocks)

    # -- moving around ---------------------------------------------------------------------

    def jump_to_anchor(self, anchor: str) -> bool:
        """Scroll the block whose heading has ``anchor`` to the top; False if there is none."""
        anchor = _nfc(anchor)
        uid = self._uid_by_anchor.get(anchor)
        if uid is None:
            folded = {a.casefold(): u for a, u in self._uid_by_anchor.items()}
            uid = folded.get(anchor.casefold())
        if uid is None or uid not in self._index_by_uid:
            return False
        self.jump_to_index(self._index_by_uid[uid])
        return True

    def jump_to_index(self, index: int) -> None:
        """Scroll block ``index`` to the top, rendering up to it first if needed."""
        self.run_worker(self._jump(index), group="preview-jump", exclusive=True)

    async def _jump(self, index: int) -> None:
        # Render a screenful past the target so it can reach the top of the view.
        self._wanted = max(self._wanted, index + 1 + BATCH)
        while self.rendered <= index:
            self._progress.clear()
            await self._progress.wait()
        view = self.views[self.blocks[index].uid]
        scroll = self.query_one("#preview-scroll", VerticalScroll)
        # After a refresh the new blocks have been laid out and their offsets are real.
        self.call_after_refresh(scroll.scroll_to_widget, view, animate=False, top=True)

    def on_toc_view_jump(self, event: TocView.Jump) -> None:
        self.follow_link(event.href)

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.follow_link(event.href)

    def follow_link(self, href: str) -> None:
        """``#anchor`` jumps; a web link is shown and opens only on the confirm key."""
        href = href.strip()
        if href.startswith("#"):
            if not self.jump_to_anchor(href[1:]):
                self.notify(f"No section has the anchor {href}", severity="warning")
        elif href.startswith(("http://", "https://")):
            self.pending_url = href
            self.notify(f"{href}\nPress o to open it in the browser.", title="Link")
        else:
            self.notify(href, title="Link (not a web address)")

    def action_open_link(self) -> None:
        """Open the last clicked web link in the browser."""
        if self.pending_url is None:
            self.notify("Click a link first, then press o to open it.")
            return
        self.app.open_url(self.pending_url)

    def action_goto_toc(self) -> None:
        """Jump to the table of contents (or the top when the post has none)."""
        toc = next((i for i, block in enumerate(self.blocks) if block.kind == "toc"), 0)
        self.jump_to_index(toc)

    def action_goto_top(self) -> None:
        """Scroll to the top."""
        self.query_one("#preview-scroll", VerticalScroll).scroll_home(animate=False)

    def action_goto_bottom(self) -> None:
        """Scroll to the end of the post, rendering everything first."""
        self._wanted = len(self.blocks)
        self.run_worker(self._bottom(), group="preview-jump", exclusive=True)

    async def _bottom(self) -> None:
        while not self.loaded:
            self._progress.clear()
            await self._progress.wait()
        scroll = self.query_one("#preview-scroll", VerticalScroll)
        self.call_after_refresh(scroll.scroll_end, animate=False)

    def action_close(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
