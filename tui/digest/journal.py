"""Autosave journal: unsaved edits survive a crash, a closed terminal or SIGKILL.

One JSON file per post, keyed by the post's resolved absolute path, so two
posts with the same name in different blogs never share a journal. The journal
is only ever advisory: anything unreadable about it yields ``None`` so a
damaged journal can never stand between the user and their post.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from pathlib import Path

from .store import MAX_BYTES, write_atomic

_VERSION = 1
# JSON escapes can blow text up several times; beyond this it is not ours.
_MAX_JOURNAL_BYTES = 8 * MAX_BYTES


class JournalEntry:  # not a dataclass: defining one cost ~0.9 ms of the editor's start-up
    def __init__(self, post_path: str, text: str, base_sha256: str | None, saved_at: float) -> None:
        self.post_path = post_path
        self.text = text
        self.base_sha256 = base_sha256
        self.saved_at = saved_at


def _resolved(post_path: os.PathLike | str) -> str:
    return str(Path(os.path.realpath(Path(post_path).expanduser())))


def journal_path(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> Path:
    key = _resolved(post_path)
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    # A readable stem lets a user find their draft by eye if the app is gone.
    stem = re.sub(r"[^\w.-]+", "_", Path(key).stem)[:48] or "post"
    return Path(journal_dir) / f"{stem}-{digest}.json"


def write_journal(
    journal_dir: os.PathLike | str,
    post_path: os.PathLike | str,
    text: str,
    base_sha256: str | None,
) -> None:
    journal_dir = Path(journal_dir)
    # Drafts may be unpublished news; keep them private to the user.
    journal_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    record = {
        "version": _VERSION,
        "post_path": _resolved(post_path),
        "text": text,
        "base_sha256": base_sha256,
        "saved_at": time.time(),
    }
    import json  # here, not at the top: the editor's start reads no journal it has not got

    # surrogatepass: a half-pasted emoji must not make the autosave itself fail.
    data = json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")
    write_atomic(journal_path(journal_dir, post_path), data)


def read_journal(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> JournalEntry | None:
    path = journal_path(journal_dir, post_path)
    try:
        if path.stat().st_size > _MAX_JOURNAL_BYTES:
            return None
        import json

        record = json.loads(path.read_bytes().decode("utf-8", "surrogatepass"))
        entry = JournalEntry(
            post_path=record["post_path"],
            text=record["text"],
            base_sha256=record["base_sha256"],
            saved_at=float(record["saved_at"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(entry.text, str) or not isinstance(entry.post_path, str):
        return None
    if entry.base_sha256 is not None and not isinstance(entry.base_sha256, str):
        return None
    # A hash-prefix collision or a hand-copied journal must not restore the
    # wrong post's text into this one.
    if entry.post_path != _resolved(post_path):
        return None
    return entry


def discard_journal(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> None:
    # Called right after a successful save: failing to delete must not turn that
    # save into an error. A leftover journal only offers a recovery next time.
    try:
        journal_path(journal_dir, post_path).unlink()
    except OSError:
        pass
