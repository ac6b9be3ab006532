"""The editor screen: owns the open post; the list, editor and preview talk to it by messages.

Saving, conflicts and the autosave journal live in ``editor_save``; pasted links, title
fetches and duplicate marks in ``editor_links``; the structural edits (move, new, delete,
undo) in ``editor_items``; the pane layout (F2) in ``editor_layout``. This module keeps
the selection, typing and focus.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.content import Content
from textual.screen import Screen
from textual.widgets import TextArea

from tui.config import Settings
from tui.digest.errors import DigestError
from tui.digest.post import Block, Post
from tui.digest.postfile import Opened
from tui.digest.safe_text import shown
from tui.screens.editor_focus import FOCUS_BINDINGS, FocusMixin
from tui.screens.editor_fetched import FetchedMixin
from tui.screens.editor_front import FrontMixin
from tui.screens.editor_headless import HeadlessMixin
from tui.screens.editor_inbox import InboxMixin
from tui.screens.editor_items import ItemsMixin
from tui.screens.editor_layout import LayoutMixin
from tui.screens.editor_linkcheck import LinkCheckMixin
from tui.screens.editor_links import LinksMixin
from tui.screens.editor_rename import RenameMixin
from tui.screens.editor_save import SaveMixin
from tui.widgets.item_editor import ItemEditor
from tui.widgets.item_list import ItemList
from tui.widgets.item_preview import ItemPreview
from tui.widgets.key_bar import KeyBar
from tui.widgets.title_bar import TitleBar


class EditorScreen(FocusMixin, HeadlessMixin, InboxMixin, SaveMixin, ItemsMixin, FetchedMixin, LinksMixin,
                   LinkCheckMixin, FrontMixin, RenameMixin, LayoutMixin, Screen[None]):
    # Only the title line shows these, and it watches them; Textual's own repaint the
    # whole screen on a change (~5 ms each time "● unsaved" comes or goes).
    title = Reactive(None, compute=False, repaint=False)
    sub_title = Reactive(None, compute=False, repaint=False)
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="post.save"),
        Binding("ctrl+n", "new_item", "New", id="item.new"),
        *FOCUS_BINDINGS,
        Binding("f2", "toggle_layout", "Layout", id="view.layout"),
        Binding("f4", "insert_description", "Description", show=False, id="item.insert_description"),
        Binding("f5", "whole_preview", "Preview", id="view.whole_preview"),
        Binding("f3", "next_inbox", "Next new item", show=False, id="post.next_inbox"),
        Binding("ctrl+o", "pick_post", "Open", show=False, id="post.open"),
        Binding("ctrl+l", "check_links", "Check links", show=False, id="post.check_links"),
    ]

    def __init__(self, opened: Opened, settings: Settings) -> None:
        super().__init__()
        self.settings = settings
        self.path = Path(opened.loaded.path)
        self.post: Post = opened.post
        self.bom = opened.loaded.bom
        self.saved_text = opened.loaded.text  # what the file holds, as far as we know
        self.fingerprint = opened.loaded.fingerprint
        self.current: Block = self.post.blocks[0]
        self.undo_stack: list[tuple[tuple, int]] = []
        self.layout_mode: str | None = None  # None: follow the terminal width
        self._editor_text = ""
        self._dirty = False
        self._background_started = False
        self.init_save()
        self.init_links()
        self.init_headless()
        self.init_fetched()
        self.init_inbox()

    # -- building ----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar()
        mode = f"-{self.layout_mode or self._auto_layout()}"
        # Born with its layout class (set on mount, it restyled the whole pane, ~5 ms); #main
        # has it too: the list widens when one pane is shown (styles/item_list.tcss).
        with Horizontal(id="main", classes=mode):
            yield ItemList(tuple(self.settings.link_labels), id="items")
            with Horizontal(id="right", classes=mode):
                with Vertical(id="edit-pane"):
                    yield Vertical(id="post-head")
                    # Before the first paint the editor shows the intro unhighlighted: see
                    # after_first_paint.
                    yield ItemEditor(id="editor", highlight_later=not getattr(self.app, "is_ready", True))
                yield ItemPreview(id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.item_list.load(self.post.sections, 0)
        self.item_list.focus()
        self._apply_layout()
        self._show_block(self.post.blocks[0])
        self.update_header()
        self.start_save_timers()
        # Background threads hold the GIL for ~50 ms at 2,000 items (every item's link key):
        # they start when the app is ready (first full layout done, the app's queue reached),
        # so the first paint does not wait for them. A screen opened later starts them itself.
        if getattr(self.app, "is_ready", False):
            self.call_after_refresh(self.start_background)

    def after_first_paint(self) -> None:
        """What the first paint of the app's first screen leaves for right after it: the
        front matter form, reading the front matter (PyYAML) and the editor's highlighting
        (~110 ms together), the caches a first save reads, then the background workers."""
        if not self.editor.is_attached:
            return  # the app quit before its first paint was followed up
        self.build_post_head()
        self.update_header()  # the title as PyYAML reads it (reading the front matter now)
        self.editor.highlight()
        self.post.prime_save_caches()
        self.start_background()

    def start_background(self) -> None:
        """Duplicate marks and known tags (thread workers); once per screen."""
        if not self._background_started:
            self._background_started = True
            self.show_fetch_marks()
            self.start_link_workers()
            self.load_known_tags()
            self.load_blog()
            self.fetch_pending_titles()

    @property
    def item_list(self) -> ItemList:
        return self.query_one("#items", ItemList)

    @property
    def editor(self) -> ItemEditor:
        return self.query_one("#editor", ItemEditor)

    @property
    def preview(self) -> ItemPreview:
        return self.query_one("#preview", ItemPreview)

    def update_header(self) -> None:
        # peek: a plainly written title needs no YAML parser before the first paint; after
        # it, the title is the one PyYAML reads (peek then reads it so).
        if getattr(self.app, "is_ready", True):
            self.post.front.read()
        # One line each, controls visible: the title line draws them, and a raw OSC would
        # retitle the terminal.
        self.title = shown(str(self.post.front.peek("title") or self.path.stem), keep_layout=False)
        self.sub_title = (shown(self.path.name, keep_layout=False) + self.inbox_label()
                          + (" ● unsaved" if self._dirty else ""))

    def mark_dirty(self, dirty: bool | None = None) -> None:
        """None after an edit: compare with the file, as an undo can bring the saved text back
        (then the next journal write drops the journal)."""
        edited, dirty = dirty is None, self.is_dirty() if dirty is None else dirty
        if dirty != self._dirty:
            self._dirty = dirty
            self.update_header()
        if dirty or edited:
            self.journal_pending = True

    # -- selection -----------------------------------------------------------------------

    @on(ItemList.Highlighted, "#items")
    def _highlighted(self, event: ItemList.Highlighted) -> None:
        event.stop()
        block = self.item_list.selected_block or self.post.blocks[0]
        if block is not self.current:
            self._show_block(block)

    @on(ItemList.Selected, "#items")
    def _selected(self, event: ItemList.Selected) -> None:
        """Enter or a double click on a row: edit it."""
        event.stop()
        self.action_edit_item()

    def _show_block(self, block: Block) -> None:
        """Load ``block`` into the editor and preview (only on a selection change)."""
        self.current = block
        # A trailing empty line: ctrl+end lands on a fresh paragraph, not glued to the link
        # line. Trailing blank lines never reach the post (set_content drops them).
        text = block.content + self.post.eol if block.kind != "preamble" else block.content
        self._editor_text = text
        self.editor.show(text)
        self.show_border_note(block)
        self.preview.show(block.content, selected=True)
        self.show_post_head(block is self.post.blocks[0])

    def show_border_note(self, block: Block) -> None:
        notes = (self.item_list.marks.get(block.uid), self.link_note(block), self.fetch_note(block))
        # Content, not a str: a str is parsed as markup, and a server's URL like /[/x] raised
        # MarkupError on selecting its row.
        self.editor.border_subtitle = Content(shown(" · ".join(note for note in notes if note), keep_layout=False))

    def reselect(self, row: int) -> None:
        """Re-show the list after a structural change, with ``row`` selected."""
        self.item_list.load(self.post.sections, row)
        block = self.item_list.selected_block or self.post.blocks[0]
        if block is not self.current:
            self._show_block(block)

    def row_of(self, block: Block) -> int:
        if block.kind == "preamble":
            return 0
        for row, candidate in enumerate(self.post.sections, 1):
            if candidate is block:
                return row
        return 0

    # -- typing ----------------------------------------------------------------------------

    @on(TextArea.Changed, "#editor")
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        text = self.editor.text
        if text == self._editor_text:
            return  # load_text reports itself as a change
        self._editor_text = text
        block = self.current
        old_title = block.title
        old_key = self._link_key(block) if block.kind == "item" else None
        if block.kind == "preamble":
            # Its leading blank line separates it from the front matter: keep it as typed.
            body = text.lstrip("\r\n")
            lead = text[: len(text) - len(body)]
            self.post.set_content(block, lead + self.post.normalize_content(body) if body.strip() else text)
        else:
            self.post.set_content(block, text)
        if block.title != old_title:
            self.heading_edited(block, old_title)
            self.item_list.refresh_block(block)
            self.title_edited(block)
            if not block.title or not old_title:
                self.refresh_marks()  # the "no heading" mark comes and goes with the heading
                self.show_border_note(block)
        if block.kind == "item" and self._link_key(block) != old_key:
            self.refresh_marks()  # duplicate marks follow the link as it is typed
        self.preview.show(text)
        self.mark_dirty()

    # -- focus ----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The footer shows "esc List" only where escape has somewhere to go.
        allowed = self.focus_checks(action)
        return True if allowed is None else allowed

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # -- other screens -----------------------------------------------------------------

    def action_whole_preview(self) -> None:
        """Read the whole post rendered, with working TOC links."""
        from tui.screens.whole_preview import WholePreviewScreen

        self.app.push_screen(WholePreviewScreen(self.post, self.settings.anchor_style))

    def action_pick_post(self) -> None:
        """Open another post of this post's directory."""
        from tui.screens.dialogs import PostPicker

        def chosen(path: Path | None) -> None:
            if path is not None and Path(path).resolve() != self.path.resolve():
                self.leave_then(lambda: self.app.open_path(Path(path)))

        self.app.push_screen(PostPicker(self.path.parent), chosen)

    def replace_post(self, post: Post, saved_text: str | None = None) -> None:
        """Show ``post`` instead (after a reload, a recovery or a save), keeping the row."""
        row = self.item_list.highlighted or 0
        editor_text = self.editor.text
        self.post = post
        self.undo_stack.clear()  # snapshots hold the old post's blocks
        if saved_text is not None:
            self.saved_text = saved_text
        self.item_list.load(post.sections, min(row, len(post.sections)))
        block = self.item_list.selected_block or post.blocks[0]
        self.current = block
        if block.content == post.normalize_content(editor_text) or block.content == editor_text:
            self._editor_text = editor_text  # same text: keep the cursor and undo history
        else:
            self._show_block(block)
        self.form_stale = True
        self.show_post_head(block is post.blocks[0])
        self.update_header()
        self.refresh_marks()

    def report_error(self, err: DigestError | OSError) -> None:
        self.notify(shown(str(err)), severity="error", timeout=10, markup=False)
