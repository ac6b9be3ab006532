"""Fetch results kept on the items: a failure's reason, a redirect's target, the description.

A 404, a timeout or a PDF left the item headed by its provisional title with the reason only
in a toast. The reason now stays on the item (a ✗ in its row, the note in the editor's
border, a line in `check`) until a fetch succeeds, or, for a page that merely has no title,
until the author names the item; a redirect is a ↪. The palette fetches again (one item, or
every failed one) and swaps a redirected link for its target. All of it is kept beside the
journal (page_notes), by URL, so F4 and the marks survive a restart.
"""

from __future__ import annotations

from tui.config import journal_dir
from tui.digest.page_notes import (
    failure_shown,
    is_placeholder,
    note_of_fetch,
    notes_path,
    notes_stamp,
    read_notes,
    write_notes,
)
from tui.digest.post import Block
from tui.digest.safe_text import shown
from tui.widgets.item_list import RowMark, row_link

FAILED_MARK = "✗"
REDIRECT_MARK = "↪"


class FetchedMixin:
    """Mixed into EditorScreen, after LinksMixin (uses its ``_fetch_title`` and ``descriptions``)."""

    def init_fetched(self) -> None:
        self._notes_stamp = notes_stamp(journal_dir(), self.path)
        self.page_notes: dict[str, dict] = read_notes(journal_dir(), self.path)
        self._item_urls: dict[int, tuple[str, str | None]] = {}  # uid -> (content, url)

    def item_url(self, block: Block) -> str | None:
        if block.kind != "item":
            return None
        # Cached per content string: the marks are recomputed on every link edit and save.
        cached = self._item_urls.get(block.uid)
        if cached is None or cached[0] is not block.content:
            cached = (block.content, row_link(block.content, tuple(self.settings.link_labels)))
            self._item_urls[block.uid] = cached
        return cached[1]

    def page_note(self, block: Block) -> dict:
        url = self.item_url(block)
        return self.page_notes.get(url, {}) if url else {}

    def fetch_failure(self, block: Block) -> str | None:
        """Why the item's page could not be fetched, while that is worth showing."""
        reason = self.page_note(block).get("failed")
        return reason if reason and failure_shown(reason, block.title, self.item_url(block)) else None

    def fetch_note(self, block: Block) -> str | None:
        """What the editor's border says of the item's last fetch."""
        failed = self.fetch_failure(block)
        if failed:
            return f"fetch failed: {failed}"
        final = self.page_note(block).get("final_url")
        return f"redirects to {final}" if final else None  # no hint after it: the narrow border cuts it

    def remember_page(self, url: str, info) -> None:
        """Keep what a fetch of ``url`` found (or why it found nothing), and write it down."""
        self.reload_notes()  # `add` may have written notes of its own meanwhile
        self.page_notes.pop(url, None)  # re-inserted last: the oldest notes are dropped first
        self.page_notes[url] = note_of_fetch(info)
        self._write_notes()
        self.show_fetch_marks()

    def _write_notes(self) -> None:
        try:
            write_notes(journal_dir(), self.path, self.page_notes)
        except Exception:  # noqa: BLE001 - a note that cannot be written is only a convenience lost
            pass
        self._notes_stamp = notes_stamp(journal_dir(), self.path)

    def reload_notes(self) -> None:
        """Read the notes again when another process (`add`) rewrote them (a stat, ~10 µs)."""
        stamp = notes_stamp(journal_dir(), self.path)
        if stamp != self._notes_stamp:
            self._notes_stamp = stamp
            self.page_notes = read_notes(journal_dir(), self.path)

    def refresh_marks(self) -> None:
        # Every place that recomputes the duplicate marks (a link typed, a save, a reload)
        # is where an item's link may have changed: its fetch mark follows the link.
        super().refresh_marks()
        self.reload_notes()  # items merged from `add` come with its notes
        self.show_fetch_marks()

    def rename_post(self, target) -> bool:
        """The notes are keyed by the post's path: they go with the file to its new name."""
        old = self.path
        renamed = super().rename_post(target)
        if renamed and self.page_notes:
            self._write_notes()
            try:
                notes_path(journal_dir(), old).unlink()
            except OSError:
                pass
        return renamed

    def title_edited(self, block: Block) -> None:
        super().title_edited(block)
        if self.page_note(block).get("failed"):
            self.show_fetch_marks()  # naming a PDF's item clears its "no title" mark

    def show_fetch_marks(self) -> None:
        """A ✗ on every item whose title fetch failed, a ↪ where the page lives elsewhere
        (a link check's own marks, made later, come first)."""
        marks = {}
        if any(note.get("failed") or note.get("final_url") for note in self.page_notes.values()):
            for block in self.post.items:
                note = self.fetch_note(block)
                if note:
                    failed = self.fetch_failure(block) is not None
                    marks[block.uid] = (RowMark(FAILED_MARK, "bold $text-error", note) if failed
                                        else RowMark(REDIRECT_MARK, "bold $text-warning", note))
        listing = self.item_list
        if marks == listing.marks_of("fetch"):
            return
        listing.set_marks("fetch", marks)
        self.show_border_note(self.current)

    # -- palette actions -------------------------------------------------------------------

    def action_refetch_title(self) -> None:
        """Fetch the selected item's page again; its title replaces a provisional one."""
        block = self.item_list.selected_block
        url = self.item_url(block) if block is not None else None
        if url is None:
            self.notify("The selected row has no link to fetch.", severity="warning")
            return
        self._refetch(block, url)
        self.notify(shown(f"Fetching {url} again…"), timeout=3, markup=False)

    def action_refetch_failed(self) -> None:
        """Fetch again every item whose title fetch failed."""
        failed = [(b, self.item_url(b)) for b in self.post.items if self.fetch_failure(b)]
        if not failed:
            self.notify("No item has a failed title fetch.")
            return
        for block, url in failed:
            self._refetch(block, url)
        self.notify(f"Fetching {len(failed)} page(s) again…", timeout=3)

    def _refetch(self, block: Block, url: str) -> None:
        # Only a heading that is still the placeholder made from the URL gives way to the
        # fetched title; one the author wrote after the failure stays.
        if is_placeholder(block.title, url) or block.title == self._provisional.get(block.uid):
            self._provisional[block.uid] = block.title
        self._fetch_title(block.uid, url)

    def action_use_redirect_target(self) -> None:
        """Replace the selected item's link by the address it redirects to."""
        block = self.item_list.selected_block
        url = self.item_url(block) if block is not None else None
        final = self.page_note(block).get("final_url") if url else None
        if final is None and url:
            state = self.item_list.link_marks.get(block.uid)
            if state and state[0] == "redirect" and " redirects to " in state[1]:
                final = state[1].split(" redirects to ", 1)[1].strip()
        link = f"]({url})"
        if not url or not final or link not in block.content:
            self.notify("No redirect known for this item's link: fetch it again or check links (ctrl+l).",
                        severity="warning")
            return
        if block is self.current and link in self.editor.text:
            # Through the TextArea: the change is typed like any other and ctrl+z takes it back.
            text = self.editor.text
            at = text.find(link) + 2
            row = text.count("\n", 0, at)
            col = at - (text.rfind("\n", 0, at) + 1)
            self.editor.replace(final, (row, col), (row, col + len(url)))
        else:
            self.post.set_content(block, block.content.replace(link, f"]({final})", 1))
            self.item_list.refresh_block(block)
            self.structural_change()
        self.reload_notes()
        moved = {k: v for k, v in self.page_notes.get(url, {}).items() if k != "final_url"}
        self.page_notes[final] = moved  # the description follows the link to its new address
        self._write_notes()
        self.show_fetch_marks()
        self.notify(shown(f"Link now {final}"), markup=False)
