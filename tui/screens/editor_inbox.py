"""Items that arrive while the post is open: `add` wrote to the file under the editor.

The disk check (editor_save) used to ask about every change on disk; an `add` during the
week is the common case and never a real conflict when the editor's unsaved edits touch
other items, so the file is merged in by item (tui/digest/merge.py) and only a real
conflict reaches the dialog. Arrived items are counted in the title line ("inbox 3") and
a key jumps through them. Items `add --no-fetch` marked get their titles fetched here.
"""

from __future__ import annotations

from tui.config import parse_options
from tui.digest.add_links import PENDING_MARK
from tui.digest.errors import PostReadError
from tui.digest.post import Block
from tui.digest.store import read_post
from tui.widgets.item_list import row_link

PENDING_NOTE = "title not fetched yet"


class InboxMixin:
    """Mixed into EditorScreen ahead of SaveMixin and LinksMixin, whose ``ask_conflict``
    and ``compute_marks`` it extends."""

    def init_inbox(self) -> None:
        self.inbox: list[int] = []  # uids of the items that arrived since the post was opened
        self._inbox_seen = -1
        self._pending_started: set[int] = set()

    def inbox_label(self) -> str:
        count = sum(1 for block in self.post.items if block.uid in self.inbox)
        return f" · inbox {count}" if count else ""

    # -- merging what arrived --------------------------------------------------------------

    def ask_conflict(self, then_save: bool) -> None:
        if self.merge_from_disk():
            if then_save:
                self.write_post()
            return
        super().ask_conflict(then_save)

    def merge_from_disk(self) -> bool:
        """Take in what changed on disk when it does not clash with the unsaved edits."""
        try:
            loaded = read_post(self.path)
        except PostReadError:
            return False
        if loaded.bom != self.bom:
            return False
        from tui.digest.merge import merge_posts  # difflib: only once the file changed

        merged = merge_posts(self.saved_text, self.post, loaded.text, parse_options(self.settings))
        if merged is None:
            return False
        current, row = self.current, self.item_list.highlighted or 0
        self.post = merged.post
        self.saved_text = loaded.text
        self.fingerprint = loaded.fingerprint
        self._ignored_disk = None
        self.undo_stack.clear()  # snapshots hold the blocks as they were before the merge
        self.inbox += [block.uid for block in merged.arrived]
        if current in merged.post.blocks:
            self.item_list.load(merged.post.sections, self.row_of(current))
        else:
            self.item_list.load(merged.post.sections, min(row, len(merged.post.sections)))
            self._show_block(self.item_list.selected_block or merged.post.blocks[0])
        self.form_stale = True
        self.show_post_head(self.current is merged.post.blocks[0])
        self.mark_dirty(merged.post.text() != loaded.text)
        self.update_header()
        self.refresh_marks()
        if merged.arrived:
            count = len(merged.arrived)
            self.notify(f"{count} new item{'s' if count > 1 else ''} arrived in {self.path.name}"
                        f" (f3 jumps to {'them' if count > 1 else 'it'})")
        self.fetch_pending_titles()
        return True

    def action_next_inbox(self) -> None:
        """Select the next item that arrived since the post was opened."""
        arrived = [block for block in self.post.items if block.uid in self.inbox]
        if not arrived:
            self.notify("No new items arrived since the post was opened.")
            return
        self._inbox_seen = (self._inbox_seen + 1) % len(arrived)
        self.reselect(self.row_of(arrived[self._inbox_seen]))
        self.item_list.focus()

    # -- titles `add --no-fetch` left to fetch ---------------------------------------------

    def pending_titles(self) -> list[Block]:
        return [block for block in self.post.items if PENDING_MARK in block.content]

    def compute_marks(self) -> dict[int, str]:
        marks = super().compute_marks()
        for block in self.pending_titles():
            marks.setdefault(block.uid, PENDING_NOTE)
        return marks

    def fetch_pending_titles(self) -> None:
        if not self.settings.fetch_titles:
            return
        labels = tuple(self.settings.link_labels)
        for block in self.pending_titles():
            url = row_link(block.content, labels)
            if url and block.uid not in self._pending_started:
                self._pending_started.add(block.uid)
                self._provisional[block.uid] = block.title
                self._fetch_title(block.uid, url)

    def _page_fetched(self, uid: int, info) -> None:
        super()._page_fetched(uid, info)
        block = self._block_by_uid(uid)
        if block is not None and info.title and PENDING_MARK in block.content:
            self._drop_mark(block)
            self.refresh_marks()

    def _drop_mark(self, block: Block) -> None:
        eol = self.post.eol
        if block is self.current:
            # Through the TextArea, so the cursor and undo of the open item survive.
            document = self.editor.document
            for row in range(document.line_count):
                if document.get_line(row).strip() == PENDING_MARK:
                    blank = row + 1 < document.line_count and not document.get_line(row + 1).strip()
                    self.editor.replace("", (row, 0), (row + 1 + blank, 0))
                    return
            return
        content = block.content.replace(PENDING_MARK + eol + eol, "", 1).replace(PENDING_MARK + eol, "", 1)
        self.post.set_content(block, content)
        self.item_list.refresh_block(block)
        self.mark_dirty()
