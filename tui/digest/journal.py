"""Autosave journal: unsaved edits survive a crash, a closed terminal or SIGKILL.

One JSON file per post, keyed by the post's resolved absolute path, so two
posts with the same name in different blogs never share a journal. The journal
is only ever advisory: anything unreadable about it yields ``None`` so a
damaged journal can never stand between the user and their post.

Drafts may be unpublished news, and the journal directory is a place another local user
or a stray tool could plant things: files are 0600 in a 0700 directory, a journal is never
written through a symlink, and only a regular file of sane size is read (a FIFO would hang
the editor's start, a link to /dev/zero would fill memory).
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import stat
import time
from pathlib import Path
from typing import Callable

from .store import MAX_BYTES
from .temp_files import TEMP_MARK, _fsync_dir, drop_temp, write_all

_VERSION = 1
# JSON escapes can blow text up several times; beyond this it is not ours.
_MAX_JOURNAL_BYTES = 8 * MAX_BYTES
# A journal from the future by more than this was not written by this clock.
_CLOCK_SLACK = 366 * 24 * 3600


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
    _private_dir(journal_dir)
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
    _write_private(journal_path(journal_dir, post_path), data)


def _private_dir(journal_dir: Path) -> None:
    journal_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    st = os.stat(journal_dir)
    # An older version (or the user's umask) left it group/world readable: tighten it.
    if stat.S_IMODE(st.st_mode) & 0o077 and st.st_uid == os.geteuid():
        os.chmod(journal_dir, 0o700)


def _write_private(path: Path, data: bytes) -> None:
    """Temp + rename, mode 0600. The rename replaces whatever entry is at ``path`` (a
    symlink planted there included) rather than writing through it to its target."""
    temp = path.parent / f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # O_CREAT's mode is only what the umask leaves
        write_all(fd, data)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(temp, path)
    except BaseException:
        drop_temp(temp, fd)
        raise
    _fsync_dir(path.parent)


def read_journal(
    journal_dir: os.PathLike | str,
    post_path: os.PathLike | str,
    warn: Callable[[str], None] | None = None,
) -> JournalEntry | None:
    """The journal of ``post_path``, or None: none, not ours, or unusable. An unusable one
    (not a regular file, too big, not JSON, a field of the wrong kind) is reported once
    through ``warn`` and otherwise treated as absent: it must never stop the post opening."""
    path = journal_path(journal_dir, post_path)
    try:
        data = _read_regular(path)
    except FileNotFoundError:
        return None
    except (OSError, _Unusable) as exc:
        reason = exc.args[0] if isinstance(exc, _Unusable) else (exc.strerror or str(exc))
        _warn(warn, path, reason)
        return None
    entry = _entry(data)
    if entry is None:
        _warn(warn, path, "it is damaged")
        return None
    # A hash-prefix collision or a hand-copied journal must not restore the
    # wrong post's text into this one.
    if entry.post_path != _resolved(post_path):
        return None
    return entry


class _Unusable(Exception):
    pass


def _warn(warn: Callable[[str], None] | None, path: Path, reason: str) -> None:
    if warn is not None:
        from .safe_text import shown

        warn(shown(f"Autosave journal {path} ignored: {reason}"))


def _read_regular(path: Path) -> bytes:
    # O_NOFOLLOW: a symlink is refused (ELOOP); O_NONBLOCK: opening a FIFO returns at once,
    # and what the file is, is judged on the open descriptor, not on an earlier stat.
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise _Unusable("it is not a regular file")
        if st.st_size > _MAX_JOURNAL_BYTES:
            raise _Unusable("it is too big")
        chunks, left = [], _MAX_JOURNAL_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise _Unusable("it is too big")
        return b"".join(chunks)
    finally:
        os.close(fd)


def _entry(data: bytes) -> JournalEntry | None:
    import json

    try:
        record = json.loads(data.decode("utf-8", "surrogatepass"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(record, dict):
        return None
    text, post_path = record.get("text"), record.get("post_path")
    base, saved_at = record.get("base_sha256"), record.get("saved_at")
    if not isinstance(text, str) or not isinstance(post_path, str):
        return None
    if base is not None and not isinstance(base, str):
        return None
    # saved_at is shown as a local time: NaN, 1e300 or a string would crash that.
    if isinstance(saved_at, bool) or not isinstance(saved_at, (int, float)):
        return None
    if not math.isfinite(saved_at) or not 0 <= saved_at <= time.time() + _CLOCK_SLACK:
        return None
    return JournalEntry(post_path=post_path, text=text, base_sha256=base, saved_at=float(saved_at))


def discard_journal(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> None:
    # Called right after a successful save: failing to delete must not turn that
    # save into an error. A leftover journal only offers a recovery next time.
    try:
        journal_path(journal_dir, post_path).unlink()
    except OSError:
        pass
