"""A large post's bytes go to disk in a thread, so ctrl+s returns at once.

Writing a 1.6 MB post (temp file, fsync, rename, fsync of the directory, the late-append
watch) took 7-20 ms of a 2,000-item ctrl+s, most of it waiting on the disk. The editor
builds the bytes on the event loop as before; a ``SaveJob`` writes them and then hands
itself back to the loop, where the editor records the save (fingerprint, saved text, the
blocks' origins) only once the bytes are on disk. Whoever must see the file settled (a
second ctrl+s, a quit, a rename, the disk check) waits for the job first: one save at a time.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from typing import Callable

from tui.digest.errors import DigestError, PostWriteError
from tui.digest.safe_text import shown
from tui.digest.store import PostChanged

# Characters, so the key need not encode the post to decide (UTF-8 takes 1-3 bytes each; a
# 2,000-item post has 0.65 M, 1.6 MB). Below this a whole save is a few ms of CPU (7-9 ms at
# 200 items, 81 K characters, 0.17 MB): a thread would only add a hand-off, and a save that
# has landed when the key returns is simplest for everything else.
BACKGROUND_CHARS = 100_000


class SaveJob:
    """One write on its way to disk, and what the editor records once it has landed."""

    def __init__(self, write: Callable[[], object], landed: Callable[[SaveJob], None], **record) -> None:
        self.record = record  # what the editor needs once the write is done (text, origins, ...)
        self.fingerprint = None  # what ``write`` returned
        self.error: BaseException | None = None
        self._done = threading.Event()
        loop = asyncio.get_running_loop()
        # The landing runs in the key's context, not the thread's empty one: without Textual's
        # active app there, building a widget (the conflict dialog, a rebuilt form) raised
        # NoActiveAppError and the app died with what was typed after the ctrl+s.
        context = contextvars.copy_context()

        def run() -> None:
            try:
                self.fingerprint = write()
            except BaseException as exc:  # noqa: BLE001 - reported on the loop, where the editor is
                self.error = exc
            finally:
                self._done.set()
                try:
                    loop.call_soon_threadsafe(landed, self, context=context)
                except RuntimeError:
                    pass  # the loop has closed: nothing is left to tell

        # Not a daemon: an interpreter on its way out still waits for the bytes to land.
        self._thread = threading.Thread(target=run, name="save post", daemon=False)
        self._thread.start()

    def wait(self) -> None:
        self._done.wait()


class BackgroundSave:
    """Mixed into SaveMixin: waiting for a ``SaveJob`` and recording it once it has landed.
    Uses the editor's ``_saving``, ``post``, ``fingerprint``, ``_after_save`` and dialogs."""

    _saving: SaveJob | None = None

    @property
    def save_in_flight(self) -> bool:
        return self._saving is not None

    def finish_save(self) -> None:
        """Wait for a save on its way to disk and record it. Called before anything that
        reads, replaces or renames the file, saves again or leaves the post."""
        job = self._saving
        if job is not None:
            job.wait()
            self._save_landed(job)

    def _save_landed(self, job: SaveJob) -> None:
        """A background save's bytes are on disk (or failed): record it as write_post does."""
        if self._saving is not job:
            return  # finish_save recorded it already
        self._saving = None
        error, record = job.error, job.record
        if isinstance(error, PostChanged):
            self.ask_conflict(then_save=True)
        elif isinstance(error, (DigestError, OSError)):
            self.report_error(error)
        elif error is not None:
            self.report_error(PostWriteError(f"cannot save {self.path.name}: {error}"))
        else:
            self.fingerprint = job.fingerprint
            if self.post is record["post"]:
                self._after_save(record["text"], origins=record["origins"], undo_before=record["undo_before"])
            else:  # not expected (whatever replaces the post waits for the save first)
                self.saved_text = record["text"]
                self.mark_dirty(None)
            self.notify(shown(f"Saved {self.path.name}: {record['summary']}"), markup=False)

    def rename_post(self, target) -> bool:
        self.finish_save()  # the bytes on their way go to the old name first
        return super().rename_post(target)

