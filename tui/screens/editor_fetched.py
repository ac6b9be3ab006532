"""Fetch results kept on the items: a failure's reason, a redirect's target, the description.

A 404, a timeout or a PDF left the item headed by its provisional title with the reason only
in a toast. The reason now stays on the item (a ✗ in its row, the note in the editor's
border) until a fetch succeeds; the palette fetches again (one item, or every failed one)
and swaps a redirected link for its target. Descriptions and failures are kept with the
journal (page_notes), so F4 and the marks survive a restart.
"""

from __future__ import annotations

from tui.config import journal_dir
from tui.digest.page_notes import read_notes, write_notes
from tui.digest.post import Block
from tui.widgets.item_list import row_link


class FetchedMixin:
    """Mixed into EditorScreen, after LinksMixin (uses its ``_fetch_title`` and ``descriptions``)."""

    def init_fetched(self) -> None:
        self.page_notes: dict[str, dict] = read_notes(journal_dir(), self.path)

    def item_url(self, block: Block) -> str | None:
        return row_link(block.content, tuple(self.settings.link_labels)) if block.kind == "item" else None

    def page_note(self, block: Block) -> dict:
        url = self.item_url(block)
        return self.page_notes.get(url, {}) if url else {}

    def remember_page(self, url: str, info) -> None:
        """Keep what a fetch of ``url`` found (or why it found nothing), and write it down."""
        note = {}
        if info.description:
            note["description"] = info.description
        if not info.title:
            note["failed"] = info.note or "no title"
        if info.final_url and info.final_url != url:
            note["final_url"] = info.final_url
        self.page_notes.pop(url, None)
        self.page_notes[url] = note
        self._write_notes()
        self.show_fetch_marks()

    def _write_notes(self) -> None:
        try:
            write_notes(journal_dir(), self.path, self.page_notes)
        except Exception:  # noqa: BLE001 - a note that cannot be written is only a convenience lost
            pass

    def show_fetch_marks(self) -> None:
        """A ✗ and the reason on every item whose title fetch failed (a link check's own
        marks, made later, take the row over)."""
        listing = self.item_list
        changed = set()
        for block in self.post.items:
            failed = self.page_note(block).get("failed")
            mark = ("dead", f"title not fetched: {failed}") if failed else None
            current = listing.link_marks.get(block.uid)
            if mark and current != mark:
                listing.link_marks[block.uid] = mark
                changed.add(block.uid)
            elif not mark and current and current[1].startswith("title not fetched"):
                del listing.link_marks[block.uid]
                changed.add(block.uid)
        if changed:
            listing.refresh_uids(changed)
            if self.current.uid in changed:
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
        self.notify(f"Fetching {url} again…", timeout=3, markup=False)

    def action_refetch_failed(self) -> None:
        """Fetch again every item whose title fetch failed."""
        failed = [(b, self.item_url(b)) for b in self.post.items if self.page_note(b).get("failed")]
        if not failed:
            self.notify("No item has a failed title fetch.")
            return
        for block, url in failed:
            self._refetch(block, url)
        self.notify(f"Fetching {len(failed)} page(s) again…", timeout=3)

    def _refetch(self, block: Block, url: str) -> None:
        if self.page_note(block).get("failed") or block.uid in self._provisional:
            self._provisional[block.uid] = block.title  # still the placeholder: a title may replace it
        self._fetch_title(block.uid, url)

    def action_use_redirect_target(self) -> None:
        """Replace the selected item's link by the address it redirects to."""
        block = self.item_list.selected_block
        url = self.item_url(block) if block is not None else None
        final = self.page_note(block).get("final_url") if url else None
        if final is None and block is not None:
            state = self.item_list.link_marks.get(block.uid)
            if state and state[0] == "redirect" and " redirects to " in state[1]:
                final = state[1].split(" redirects to ", 1)[1].strip()
        if not url or not final:
            self.notify("No redirect known for this item: fetch it again or check links (ctrl+l).",
                        severity="warning")
            return
        if block is self.current:
            # Through the TextArea: the change is typed like any other and ctrl+z takes it back.
            text = self.editor.text
            at = text.find(f"]({url})") + 2
            row = text.count("\n", 0, at)
            col = at - (text.rfind("\n", 0, at) + 1)
            self.editor.replace(final, (row, col), (row, col + len(url)))
        else:
            self.post.set_content(block, block.content.replace(f"]({url})", f"]({final})", 1))
            self.item_list.refresh_block(block)
            self.structural_change()
        moved = {k: v for k, v in self.page_notes.get(url, {}).items() if k != "final_url"}
        self.page_notes[final] = moved  # the description follows the link to its new address
        self._write_notes()
        self.notify(f"Link now {final}", markup=False)
