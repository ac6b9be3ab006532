"""Links coming in: pasted URLs become items, titles are fetched, duplicates are marked.

Everything slow (the clipboard, the network, reading recent posts) runs in thread
workers; the results come back to the event loop with ``call_from_thread``.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from tui.digest.add_links import MAX_TITLE_FETCHES as MAX_FETCHES
from tui.digest.add_links import title_as_heading
from tui.digest.links import normalize_url, provisional_title, reference_link_line, tidy_url
from tui.digest.post import Block
from tui.digest.safe_text import shown
from tui.widgets.item_list import ItemList, row_link

if TYPE_CHECKING:  # read by the background worker, after the first paint
    from tui.digest.duplicates import DuplicateIndex

CLIPBOARD_TIMEOUT = 2.0
NO_CLIPBOARD = (
    "Could not read the system clipboard. Install xclip or xsel (X11) or wl-clipboard "
    "(Wayland), or paste with your terminal's paste key (often ctrl+shift+v)."
)


def link_key(content: str, labels: tuple[str, ...], tracking: tuple[str, ...]) -> str | None:
    """The normalised URL an item is known by for duplicate checks (None without a link)."""
    link = row_link(content, labels)
    return normalize_url(link, tracking) if link else None


class LinksMixin:
    """Mixed into EditorScreen."""

    def init_links(self) -> None:
        self._provisional: dict[int, str] = {}  # uid -> title we set; a different title is the user's
        self.descriptions: dict[int, str] = {}
        self._fetch_slots = threading.Semaphore(MAX_FETCHES)
        self.dup_index: DuplicateIndex | None = None
        self._link_keys: dict[int, tuple[str, str | None]] = {}  # uid -> (content, link key)
        self._seen_notes: dict[str, str | None] = {}  # link key -> note from dup_index

    def start_link_workers(self) -> None:
        # The items' texts as they are now (strings never change: edits replace them), so
        # the thread never reads the post while the event loop edits it.
        self._build_duplicate_index([(block.uid, block.content) for block in self.post.items])

    # -- pasting ---------------------------------------------------------------------------

    # Name-based handlers: @on only registers methods defined on the MessagePump class itself.
    def on_item_list_urls_pasted(self, message: ItemList.UrlsPasted) -> None:
        message.stop()
        self.add_urls(message.urls)

    def add_urls(self, urls: list[str]) -> list[Block]:
        """One new item per URL after the selection; the last one selected."""
        post, settings = self.post, self.settings
        urls = self._new_urls_only(urls)
        if not urls:
            return []
        selected = self.item_list.selected_block
        at = post.index(selected) + 1 if selected is not None else post.first_movable()
        self._push_undo()
        created = []
        for url in urls:
            content = post.new_item_content(
                provisional_title(url), reference_link_line(url, settings.new_link_label)
            )
            block = post.insert(at, content)
            at = post.index(block) + 1
            self._provisional[block.uid] = block.title
            created.append((block, url))
        self.reselect(self.row_of(created[-1][0]))
        self.structural_change()
        for block, url in created:
            self._warn_duplicate(block, url)
            if settings.fetch_titles:
                self._fetch_title(block.uid, url)
        return [block for block, _ in created]

    def _new_urls_only(self, urls: list[str]) -> list[str]:
        """The pasted URLs (tidied) that are neither in the post already nor repeated in
        the paste; one message lists the ones skipped."""
        from tui.digest.paste_urls import urls_in_text

        tracking = tuple(self.settings.tracking_params)
        known = {normalize_url(url, tracking) for url in urls_in_text(self.post.text())}
        fresh, skipped = [], []
        for url in urls:
            url = tidy_url(url, tracking)
            key = normalize_url(url, tracking)
            if key in known:
                skipped.append(url)
            else:
                known.add(key)
                fresh.append(url)
        if skipped:
            from tui.digest.safe_text import shown

            listed = "\n".join(shown(url) for url in skipped)
            self.notify(f"Skipped {len(skipped)} URL(s) already in the post or repeated in the paste:\n{listed}",
                        severity="warning", timeout=10, markup=False)
        return fresh

    def on_item_list_clipboard_paste(self, message: ItemList.ClipboardPaste) -> None:
        message.stop()
        self._read_clipboard()

    @work(thread=True, exclusive=True, group="clipboard", exit_on_error=False)
    def _read_clipboard(self) -> None:
        # pyperclip has no timeout and a clipboard tool can hang (a dead X server), so it
        # runs in a daemon thread we can walk away from.
        result: dict = {}

        def read() -> None:
            try:
                import pyperclip

                result["text"] = pyperclip.paste()
            except Exception as exc:  # noqa: BLE001 - any backend failure means "no clipboard"
                result["error"] = exc

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        reader.join(CLIPBOARD_TIMEOUT)
        self.app.call_from_thread(self._clipboard_read, result.get("text"))

    def _clipboard_read(self, text: str | None) -> None:
        if text is None:
            self.notify(NO_CLIPBOARD, severity="warning", timeout=8)
            return
        if not text.strip():
            # xclip answers "" when it lost its display: emptiness may mean unreachable.
            self.notify("The clipboard is empty (or unreachable). " + NO_CLIPBOARD.split(". ", 1)[1],
                        severity="warning", timeout=8)
            return
        from tui.digest.links import urls_in_paste

        urls = urls_in_paste(text)
        if urls:
            self.add_urls(urls)
        else:
            self.notify("The clipboard holds no URL; press enter to edit the item and paste there.",
                        severity="warning")

    # -- page titles -----------------------------------------------------------------------

    @work(thread=True, group="fetch", exit_on_error=False)
    def _fetch_title(self, uid: int, url: str) -> None:
        from tui.digest.fetch import fetch_page_info

        worker = get_current_worker()
        with self._fetch_slots:
            if worker.is_cancelled:
                return
            info = fetch_page_info(url, timeout=self.settings.fetch_timeout,
                                   strip_suffixes=tuple(self.settings.strip_title_suffixes))
        if not worker.is_cancelled:
            self.app.call_from_thread(self._page_fetched, uid, info)

    def _block_by_uid(self, uid: int) -> Block | None:
        return next((b for b in self.post.sections if b.uid == uid), None)

    def _page_fetched(self, uid: int, info) -> None:
        block = self._block_by_uid(uid)
        if block is None:
            return  # deleted meanwhile
        if info.description:
            self.descriptions[uid] = info.description
        self.remember_page(info.url, info)
        if not info.title:
            self.notify(shown(f"No page title for {info.url}: {info.note or 'unknown reason'}"),
                        severity="information", timeout=4, markup=False)
            return
        if self._provisional.get(uid) != block.title:
            return  # the user's own title wins over a late fetch
        self.set_heading(block, title_as_heading(info.title))
        self._provisional[uid] = block.title

    def set_heading(self, block: Block, title: str) -> None:
        line = f"{'#' * block.level} {title}"
        if block is self.current:
            # Through the TextArea so the cursor, the body typed so far and undo survive.
            first = self.editor.document.get_line(0)
            self.editor.replace(line, (0, 0), (0, len(first)))
            return
        head, sep, rest = block.content.partition(self.post.eol)
        self.post.set_content(block, line + sep + rest)
        self.item_list.refresh_block(block)
        self.mark_dirty()

    def title_edited(self, block: Block) -> None:
        """The heading changed in the editor; the duplicate mark follows the link, not the title."""

    def action_insert_description(self) -> None:
        """Insert the fetched page description at the end of the item."""
        text = self.descriptions.get(self.current.uid) or self.page_note(self.current).get("description")
        if not text:
            self.notify("No page description for this item (fetched pages only).")
            return
        editor = self.editor
        end = editor.document.end
        lead = "" if editor.text.endswith("\n\n") else ("\n" if editor.text.endswith("\n") else "\n\n")
        editor.insert(lead + text + "\n", end)
        editor.focus()

    # -- duplicates ------------------------------------------------------------------------

    # A description, or Textual builds one from repr() of every item's text.
    @work(thread=True, exclusive=True, group="duplicates", exit_on_error=False, description="duplicate index")
    def _build_duplicate_index(self, items: list[tuple[int, str]]) -> None:
        from tui.digest.duplicates import DuplicateIndex, already_in, post_date

        labels, tracking = tuple(self.settings.link_labels), tuple(self.settings.tracking_params)
        index = DuplicateIndex.build(self.path.parent, exclude=self.path,
                                     last_n=self.settings.duplicate_lookback, tracking=tracking,
                                     before=post_date(self.post.front.peek("date"), self.path))
        # Every item's link key and note here, off the event loop: on it they cost ~60 ms
        # at 2,000 items right after the first paint.
        keys = {uid: (content, link_key(content, labels, tracking)) for uid, content in items}
        notes = {key: already_in(index.lookup(key)) for _, key in keys.values() if key}
        self.app.call_from_thread(self._index_ready, index, keys, notes)

    def _index_ready(self, index: DuplicateIndex, keys: dict, notes: dict) -> None:
        self.dup_index = index
        self._seen_notes = notes
        self._link_keys.update(keys)  # an item edited since has other content: recomputed
        self.refresh_marks()

    def _link_key(self, block: Block) -> str | None:
        # Cached per content string: normalising every item's URL on each save cost ~150 ms
        # at 2,000 items; only blocks edited since are looked at again.
        cached = self._link_keys.get(block.uid)
        if cached is not None and cached[0] is block.content:
            return cached[1]
        key = link_key(block.content, tuple(self.settings.link_labels), tuple(self.settings.tracking_params))
        self._link_keys[block.uid] = (block.content, key)
        return key

    def _seen_elsewhere(self, key: str) -> str | None:
        """The "already in ..." note for a link key (cached until the index is rebuilt)."""
        if key not in self._seen_notes:
            from tui.digest.duplicates import already_in  # loaded by the index's worker

            self._seen_notes[key] = already_in(self.dup_index.lookup(key))
        return self._seen_notes[key]

    def compute_marks(self) -> dict[int, str]:
        """uid -> warning, for items whose link is elsewhere in this post or in a recent post."""
        items = self.post.items
        keys = {block.uid: self._link_key(block) for block in items}
        numbers: dict[str, list[int]] = {}
        for number, block in enumerate(items, 1):
            if keys[block.uid] is not None:
                numbers.setdefault(keys[block.uid], []).append(number)
        marks: dict[int, str] = {}
        for number, block in enumerate(items, 1):
            key = keys[block.uid]
            if key is None:
                continue
            others = [n for n in numbers[key] if n != number]
            if others:
                marks[block.uid] = f"also item {others[0]}"
            if self.dup_index is not None:
                seen = self._seen_elsewhere(key)
                if seen:
                    marks[block.uid] = seen
        marks.update(self.headless_marks())
        return marks

    def refresh_marks(self) -> None:
        marks = self.compute_marks()
        listing = self.item_list
        changed = {uid for uid in marks.keys() | listing.marks.keys() if marks.get(uid) != listing.marks.get(uid)}
        listing.marks = marks
        listing.refresh_uids(changed)

    def _warn_duplicate(self, block: Block, url: str) -> None:
        marks = self.compute_marks()
        note = marks.get(block.uid)
        self.refresh_marks()
        if note:
            self.notify(shown(f"{url} is {note}"), severity="warning", timeout=6, markup=False)
