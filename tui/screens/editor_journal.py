"""The autosave journal: unsaved edits written beside the post every few seconds and after
every structural change, and offered back when the editor opens the post again."""

from __future__ import annotations

import asyncio

from textual import work

from tui.config import journal_dir, parse_options
from tui.digest.errors import DigestError
from tui.digest.journal import discard_journal, read_journal, write_journal
from tui.digest.post import Post

# Structural changes are journalled this long after the first of a burst, not on the key:
# joining and writing a 2,000-item post took ~15 ms of every alt+down.
JOURNAL_DELAY = 0.5


class JournalMixin:
    """Mixed into SaveMixin; uses the editor's ``post``, ``path``, ``saved_text``,
    ``fingerprint``, ``journal_pending``, ``_journal_due`` and ``_asking``."""

    def _autosave(self) -> None:
        if self.journal_pending:
            self.journal_now()

    def journal_soon(self) -> None:
        """Journal a structural change (issue 5) ~JOURNAL_DELAY later, off the keystroke; the
        one write carries every change made meanwhile, so holding alt+down writes twice a second."""
        self.journal_pending = True
        if self._journal_due is None or self._journal_due.is_finished:
            self._journal_due = self._journal_later()

    # A worker, not a timer: app.workers.wait_for_complete() then also waits for the journal.
    @work(group="journal-due", exit_on_error=False, description="journal soon")
    async def _journal_later(self) -> None:
        await asyncio.sleep(JOURNAL_DELAY)
        writing = self.journal_now() if self.journal_pending else None
        if writing is not None:
            # Finished only once the file is written, so waiting for workers means journalled.
            try:
                await writing.wait()
            except Exception:  # noqa: BLE001 - superseded by a newer write, or it already said why
                pass

    def journal_now(self):
        """Write the journal now (in a thread); the writing worker, or None when nothing to write."""
        self.journal_pending = False
        text = self.post.text()
        if text == self.saved_text:
            discard_journal(journal_dir(), self.path)
            return None
        return self._write_journal(text, self.fingerprint.sha256)

    # A description, or Textual builds one from repr() of the whole post's text (~6 ms).
    @work(thread=True, exclusive=True, group="journal", exit_on_error=False, description="write journal")
    def _write_journal(self, text: str, base: str) -> None:
        try:
            write_journal(journal_dir(), self.path, text, base)
        except (DigestError, OSError) as err:
            self.app.call_from_thread(self.notify, f"Autosave failed: {err}", severity="warning")

    def offer_recovery(self) -> None:
        """An autosave that differs from the file: offer it back."""
        entry = read_journal(journal_dir(), self.path,
                             warn=lambda message: self.notify(message, severity="warning", markup=False))
        if entry is None:
            return
        if entry.text in (self.saved_text, self.post.text()):
            discard_journal(journal_dir(), self.path)
            return
        from tui.screens.dialogs import RecoverDialog

        self._asking = True

        def answered(answer: str | None) -> None:
            self._asking = False
            if answer == "recover":
                post = Post.parse(entry.text, bom=self.bom, options=parse_options(self.settings))
                self.replace_post(post)
                self.mark_dirty(True)
                self.notify("Recovered the autosaved text; ctrl+s saves it.")
            else:
                discard_journal(journal_dir(), self.path)

        self.app.push_screen(
            RecoverDialog(self.path.name, self.saved_text, entry.text, entry.saved_at), answered
        )
