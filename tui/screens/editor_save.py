"""Saving, conflicts with the file on disk and quitting (the autosave journal: editor_journal).

Nothing here may lose a word: a failed save keeps the buffer and says why; a file that
changed behind our back is never overwritten without the user choosing to; unsaved
edits go to the journal every few seconds and on every structural change.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Callable

from tui.config import journal_dir, parse_options, save_rules
from tui.digest.errors import DigestError, PostReadError
from tui.digest.journal import discard_journal
from tui.digest.post import Post
from tui.digest.safe_text import shown
from tui.digest.store import PostChanged, disk_changed, encode_post, read_post, save_post, write_atomic
from tui.screens.editor_journal import JournalMixin
from tui.screens.save_structure import blocks_stable, reparse_keeping_origins, same_structure
from tui.screens.save_thread import BACKGROUND_CHARS, BackgroundSave, SaveJob

DISK_CHECK_SECONDS = 2.0


class SaveMixin(JournalMixin, BackgroundSave):
    """Mixed into EditorScreen; uses its ``post``, ``path``, ``fingerprint`` and ``saved_text``."""

    def init_save(self) -> None:
        self.journal_pending = False
        self._asking = False  # a conflict or recovery dialog is up: don't stack another
        self._ignored_disk: tuple[int, int] | None = None
        self._journal_due = None  # the worker that journals a burst of structural changes
        self._saving: SaveJob | None = None  # a large post's bytes on their way to disk
        self._unkept_warned: str | None = None  # the invalid typed date a quit warned about

    def start_save_timers(self) -> None:
        self.set_interval(self.settings.autosave_seconds, self._autosave)
        self.set_interval(DISK_CHECK_SECONDS, self.check_disk)
        self.call_after_refresh(self.offer_recovery)

    def is_dirty(self) -> bool:
        # Asked on every keystroke: the lengths first (no join of a 1 MB post), the texts
        # only when they agree, as after an undo back to the saved text.
        post = self.post
        length = len(post.front.raw) + sum(len(b.content) for b in post.blocks) + sum(map(len, post.gaps))
        if length - len(self.saved_text) not in (0, len(post.eol)):
            return True
        return post.text() != self.saved_text

    # -- save ------------------------------------------------------------------------------

    def action_save(self) -> None:
        """Save the post: TOC and front matter brought up to date, everything else as typed."""
        if self._asking:
            return
        self.finish_save()  # a second ctrl+s waits for the first one's bytes
        if self._asking:
            return  # the first one found the file changed: that question comes first
        self.apply_pending_form()
        if (date := self.unkept_date()) is not None:
            self.notify(shown(f"The date field holds “{date}”, which is not a date: the file keeps "
                              "the old one until it is fixed."), severity="warning", markup=False)
        if disk_changed(self.path, self.fingerprint):
            self.ask_conflict(then_save=True)
            return
        self.write_post(background=True)

    def write_post(self, overwrite: bool = False, merge_headless: bool = False,
                   background: bool = False) -> bool:
        """Regenerate and write the post; True once written (or, with ``background``, once
        a large post's bytes are on their way: ``finish_save`` waits for them)."""
        from tui.digest.regen import regenerate  # the TOC and front matter rules: read on the first save

        if not merge_headless and self.refuse_headless_save(
                lambda: self.write_post(overwrite, merge_headless=True)):
            return False

        edited = self.is_dirty()  # the same answer without joining the post when lengths differ
        self.settle_blog()  # a save in the first instant still obeys the blog's conventions
        if not blocks_stable(self.post):
            # A heading typed inside an item (or one removed) changes the post's items:
            # settle that first so this very save's TOC lists them.
            self.replace_post(reparse_keeping_origins(self.post))
        toc = self.post.toc
        report = regenerate(self.post, save_rules(self.settings), datetime.now(), edited=edited)
        if report.text == self.saved_text and not disk_changed(self.path, self.fingerprint):
            self._after_save(report.text, toc)
            self.notify("Nothing to save: the file is up to date.")
            return True
        text, bom = report.text, self.bom
        try:
            if (background and len(text) >= BACKGROUND_CHARS and os.path.lexists(self.path)
                    and same_structure(self.post, toc, text, known_stable=True, known_text=True)):
                # Encoded in the thread too (~2 ms at 2,000 items); a character UTF-8 cannot
                # hold is reported when the job lands, in the same words.
                self._saving = SaveJob(self._file_writer(lambda: encode_post(text, bom), overwrite),
                                       self._save_landed, text=text, post=self.post,
                                       origins=self._origins(), summary=report.summary,
                                       undo_before=tuple(self.undo_stack))
                return True
            data = encode_post(text, bom)
            self.fingerprint = self._file_writer(lambda: data, overwrite)()
        except PostChanged:
            # Changed between the check above and the rename (a shell appending, `fix`):
            # the same choice as when the check sees it.
            self.ask_conflict(then_save=True)
            return False
        except DigestError as err:
            self.report_error(err)
            return False
        self._after_save(report.text, toc)
        self.notify(shown(f"Saved {self.path.name}: {report.summary}"), markup=False)
        return True

    def _file_writer(self, encoded: Callable[[], bytes], overwrite: bool) -> Callable[[], object]:
        """What writes ``encoded()`` over the post and returns the new fingerprint; it reads
        nothing of the screen, so it can run in a thread."""
        path = self.path
        if not os.path.lexists(path):
            # Deleted behind our back and the user chose to write it: a fresh file.
            return lambda: write_atomic(path, encoded())
        known = self.fingerprint.sha256

        def compute(loaded):
            # Compared again right before the rename by save_post, under the post's lock.
            if not overwrite and loaded.fingerprint.sha256 != known:
                raise PostChanged(f"{path.name} changed on disk", loaded)
            return encoded()

        return lambda: save_post(path, compute, decoded=False).fingerprint

    def _origins(self) -> list[tuple]:
        """What each block is called in the text being saved: the next save's TOC entries
        follow renames from there (a default label follows its heading, a custom one stays)."""
        anchors = self.post.anchors()
        return [(block, anchors.get(block.uid), block.title) for block in self.post.blocks
                if block.kind != "preamble"]

    def _after_save(self, text: str, toc_before=None, origins: list[tuple] | None = None,
                    undo_before: tuple = ()) -> None:
        """``origins``: a background save landing, taken when its text was (the post may
        have been typed in since; the blocks are the same, a save in the background is always
        one in place)."""
        self._ignored_disk = None
        if origins is not None:
            self._saved_in_place(text, origins, undo_before)
        # write_post settled the blocks (blocks_stable) before the save, and ``text`` is what
        # regenerate just serialized the post to: only the TOC is left to check.
        elif same_structure(self.post, toc_before, text, known_stable=True, known_text=True):
            # Reparsing 2,000 items took ~200 ms and rebuilt every row; a parse would give
            # back these very blocks, so only what a parse records is brought up to date.
            self._saved_in_place(text, self._origins())
        else:
            # A fresh parse: a heading typed inside an item becomes its own item, as on reopen.
            self.replace_post(Post.parse(text, bom=self.bom, options=parse_options(self.settings)), text)
        dirty = origins is not None and self.is_dirty()  # typed in while the bytes were written
        if not dirty:
            discard_journal(journal_dir(), self.path)
            self.journal_pending = False
        self.mark_dirty(dirty)

    def _saved_in_place(self, text: str, origins: list[tuple], undo_before: tuple | None = None) -> None:
        """``undo_before``: a background save's undo entries when its key was pressed; those
        made while the bytes were written (a delete, a move) stay undoable."""
        post = self.post
        for block, anchor, title in origins:
            block.origin_anchor, block.origin_title = anchor, title
        self.saved_text = text
        if undo_before:
            self.undo_stack[:] = [entry for entry in self.undo_stack if not any(entry is old for old in undo_before)]
        elif undo_before is None:
            self.undo_stack.clear()  # as after a reparse: undo stops at the save
        # A field typed in while a background save was on its way: the form may be
        # rebuilt below, which would drop what is still waiting out its debounce.
        self.apply_pending_form()
        self.front_saved()  # the save may have moved `updated` or the title
        self.show_post_head(self.current is post.blocks[0])
        self.update_header()
        self.refresh_marks()

    # -- conflicts -------------------------------------------------------------------------

    def check_disk(self) -> None:
        """Ask what to do when the file changed on disk since we read or wrote it."""
        if self._asking or self._saving is not None or not disk_changed(self.path, self.fingerprint):
            return
        if self._ignored_disk is not None and self._ignored_disk == _stat_key(self.path):
            return
        self.ask_conflict(then_save=False)

    def ask_conflict(self, then_save: bool) -> None:
        from tui.screens.dialogs import ConflictDialog

        try:
            disk_text = read_post(self.path).text
        except PostReadError as err:
            disk_text = f"({err})"
        self._asking = True

        def answered(answer: str | None) -> None:
            self._asking = False
            if answer == "reload":
                self.reload_from_disk()
            elif answer == "overwrite":
                self.write_post(overwrite=True)
            else:
                self._ignored_disk = _stat_key(self.path)
                if then_save:
                    self.notify("Not saved: the file on disk changed. Save again to choose.",
                                severity="warning")

        self.app.push_screen(ConflictDialog(self.path.name, disk_text, self.post.text()), answered)

    def reload_from_disk(self) -> None:
        """Drop the buffer for what the file holds now (the journal keeps the dropped text)."""
        self.finish_save()
        try:
            loaded = read_post(self.path)
        except PostReadError as err:
            self.report_error(err)
            return
        self.fingerprint = loaded.fingerprint
        self.bom = loaded.bom
        self._ignored_disk = None
        post = Post.parse(loaded.text, bom=loaded.bom, options=parse_options(self.settings))
        self.replace_post(post, loaded.text)
        self.mark_dirty(False)
        self.notify(shown(f"Reloaded {self.path.name} from disk."), markup=False)

    # -- leaving ---------------------------------------------------------------------------

    def leave_then(self, then: Callable[[], None]) -> None:
        """Run ``then`` (quit, open another post) once unsaved changes are saved or dropped."""
        self.finish_save()  # never leave before the bytes of a ctrl+s are on disk
        if self._asking:
            return  # that save found the file changed: the question is up
        self.apply_pending_form()
        date = self.unkept_date()
        if date is not None and self._unkept_warned != date:
            # Once: asked again, the user leaves the typed date behind knowingly.
            self._unkept_warned = date
            self.notify(shown(f"The date field holds “{date}”, which is not a date and would be "
                              "lost: fix it, or ask again to leave without it."), severity="warning", markup=False)
            return
        if not self.is_dirty():
            discard_journal(journal_dir(), self.path)
            then()
            return
        from tui.screens.dialogs import ConfirmQuit

        def answered(answer: str | None) -> None:
            if answer == "save":
                if disk_changed(self.path, self.fingerprint):
                    self.ask_conflict(then_save=True)
                elif self.write_post():
                    then()
            elif answer == "discard":
                discard_journal(journal_dir(), self.path)
                then()

        self.app.push_screen(ConfirmQuit(), answered)

    def request_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        self.leave_then(self.app.exit)


def _stat_key(path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns
