"""The whole post rendered, block by block, only where the reader is looking.

One Markdown widget over a 300-section post takes ~20 s to render, so the post is a
LazyMarkdownColumn: every block starts as its source text and is swapped for rendered
Markdown when it comes near the view, one block per refresh, so keys never wait for more
than one block and a jump lands at once. TOC links resolve through the project's anchors
(Textual's slugger deletes Hangul).
"""

from __future__ import annotations

import re
import unicodedata

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from tui.digest.anchors import heading_text
from tui.digest.post import Block, Post
from tui.styles import sheet
from tui.widgets.lazy_markdown import BlockView, Gap, LazyMarkdownColumn
from tui.digest.safe_text import shown
from tui.screens.preview_links import LINK_BINDINGS, PreviewLinksMixin

__all__ = ["BlockView", "Gap", "TocView", "WholePreviewScreen"]


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# The destination: `<#a-)>` in angle brackets (an anchor with a lone ")"), else up to an optional title.
_TOC_ENTRY = re.compile(r"^(\s*)(?:[-*+]|\d+[.)])\s+\[(.+)\]\(\s*(<[^<>\n]+>|[^\s<]\S*?)(?:\s+\"[^\"]*\")?\s*\)\s*$")


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
        self.border_title = Content(shown(heading_text(block.title), keep_layout=False)) if block.title else ""
        self.hrefs: list[str] = []
        lead = block.lead_heading()
        for line in block.content[lead.end if lead else 0 :].splitlines():
            match = _TOC_ENTRY.match(line)
            if match:
                indent, label, href = match.groups()
                href = href.removeprefix("<").removesuffix(">")
                depth = len(indent.expandtabs(4)) // 2
                prompt = Content.assemble("  " * depth + "• ", (shown(heading_text(label), keep_layout=False), "underline"))
                self.add_option(Option(prompt))
                self.hrefs.append(href)
            elif line.strip() and not line.lstrip().startswith("<!--"):
                self.add_option(Option(Content(shown(line.strip(), keep_layout=False)), disabled=True))
                self.hrefs.append("")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        href = self.hrefs[event.option_index]
        if href:
            self.post_message(self.Jump(href))


class WholePreviewScreen(PreviewLinksMixin, Screen[None]):
    """Read the whole post as the blog shows it; TOC links jump, web links open on request."""

    CSS_PATH = sheet("preview.tcss")
    BINDINGS = [
        Binding("escape", "close", "Back", id="preview.close"),
        Binding("o", "open_link", "Open link", id="preview.open_link"),
        Binding("t", "goto_toc", "Contents", id="preview.toc"),
        Binding("g", "goto_top", "Top", show=False, id="preview.top"),
        Binding("G", "goto_bottom", "Bottom", show=False, id="preview.bottom"),
        *LINK_BINDINGS,
    ]

    def __init__(self, post: Post, anchor_style: str = "github") -> None:
        super().__init__()
        self.post = post
        if anchor_style != post.options.anchor_style:
            post = post.with_options(post.options._replace(anchor_style=anchor_style))
        self.anchors: dict[int, str] = post.anchors()
        self._uid_by_anchor = {_nfc(anchor): uid for uid, anchor in self.anchors.items()}
        self.blocks: list[Block] = [b for b in self.post.blocks if b.content.strip()]
        self._index_by_uid = {block.uid: i for i, block in enumerate(self.blocks)}

    def compose(self) -> ComposeResult:
        data = self.post.front.data or {}
        title = str(data.get("title") or "") or "(untitled post)"
        with Horizontal(id="preview-header"):
            yield Static(shown(title, keep_layout=False), id="preview-title", markup=False)
            yield Static("", id="preview-status")
        yield LazyMarkdownColumn(
            self.blocks, lambda block: TocView(block) if block.kind == "toc" else None, id="preview-scroll"
        )
        yield Static("Links: tab / shift+tab choose one, o opens it.", id="preview-link", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.column.focus()

    @property
    def column(self) -> LazyMarkdownColumn:
        return self.query_one("#preview-scroll", LazyMarkdownColumn)

    @property
    def views(self) -> dict[int, BlockView | TocView]:
        """Block uid -> its rendered widget, for the blocks rendered so far."""
        return {view.block_uid: view for view in self.column.views.values()}  # type: ignore[attr-defined]

    @property
    def settled(self) -> bool:
        """True once everything near the view is rendered and any jump has landed."""
        return self.column.settled

    def on_lazy_markdown_column_progress(self, event: LazyMarkdownColumn.Progress) -> None:
        text = "" if event.done >= event.total else f"rendering {event.done}/{event.total}"
        self.query_one("#preview-status", Static).update(text)

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
        """Scroll block ``index`` to the top at once; it renders right after."""
        self.column.jump_to(index)

    def on_toc_view_jump(self, event: TocView.Jump) -> None:
        self.follow_link(event.href)
        if self.toc_view() is not None and not self._stop_visible():
            self.set_focus(self.column)  # the contents scrolled away: up/down scroll the page again

    def on_markdown_link_clicked(self, event: Markdown.LinkClicked) -> None:
        event.stop()
        self.choose_clicked(event.markdown, event.href)
        self.follow_link(event.href)

    def follow_link(self, href: str) -> None:
        """``#anchor`` jumps; a web link is shown and opens only on the confirm key."""
        href = href.strip()
        if href.startswith("#"):
            if not self.jump_to_anchor(href[1:]):
                self.notify(shown(f"No section has the anchor {href}"), severity="warning", markup=False)
        elif href.startswith(("http://", "https://")):
            self.notify(shown(f"{href}\nPress o to open it in the browser."), title="Link", markup=False)
        else:
            self.notify(shown(href), title="Link (not a web address)", markup=False)

    def action_goto_toc(self) -> None:
        """Jump to the table of contents (or the top when the post has none)."""
        toc = next((i for i, block in enumerate(self.blocks) if block.kind == "toc"), 0)
        self.jump_to_index(toc)
        self._focus_toc()

    def _focus_toc(self, tries: int = 60) -> None:
        # The contents may still be a gap of source text: focus it once it is rendered, so
        # up/down walk its entries and enter jumps (instead of scrolling the page).
        toc = next((v for v in self.views.values() if isinstance(v, TocView)), None)
        if toc is not None:
            toc.focus()
            if toc.highlighted is None and toc.option_count:
                toc.highlighted = 0
        elif tries:
            self.set_timer(0.05, lambda: self._focus_toc(tries - 1))

    def action_goto_top(self) -> None:
        """Scroll to the top."""
        self.jump_to_index(0)

    def action_goto_bottom(self) -> None:
        """Scroll to the last block (as far up as the end of the post allows)."""
        self.jump_to_index(len(self.blocks) - 1)

    def action_close(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
