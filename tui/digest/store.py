"""Saving post files so that no word is ever lost at the file level.

Saves go through a temp file + ``os.replace`` so a crash or SIGKILL at any instant leaves
either the old bytes or the new bytes on disk. ``save_post`` is the one way this project
writes a post (fix, the editor, add); ``write_atomic`` writes files that are not posts
(journals, config, a fresh post from the template).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import Callable

# Reading and decoding moved to decode.py; re-exported because callers import them from here.
from .decode import BOM, MAX_BYTES, Fingerprint, Loaded, _mb, _reason, read_post, read_post_held
from .errors import PostWriteError
from .temp_files import TEMP_MARK, _write_reason, drop_temp, replace_with_temp, write_all


def encode_post(text: str, bom: bool) -> bytes:
    try:
        body = text.encode("utf-8", errors="strict")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise PostWriteError(
            f"cannot save: line {line} contains a character that cannot be stored as UTF-8"
        ) from None
    return (BOM + body) if bom else body


def write_atomic(path: os.PathLike | str, data: bytes) -> Fingerprint:
    shown = Path(path)
    # Resolve so a symlinked post is updated through to its target (the link
    # stays a link) and the temp lives on the target's file system.
    target = Path(os.path.realpath(shown))
    try:
        old = os.stat(target)
    except OSError:
        old = None  # a new post; if the directory is the problem, creating the temp says so
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise PostWriteError(f"cannot save {shown.name}: {target} is a directory")
    return Fingerprint.of_bytes(data, replace_with_temp(shown, target, old, data))


class PostChanged(PostWriteError):
    """Raised by a ``save_post`` compute that finds the file is no longer what its caller's
    text was based on (the editor then asks what to do); nothing was written."""

    def __init__(self, message: str, loaded: Loaded) -> None:
        super().__init__(message)
        self.loaded = loaded


class Saved:
    def __init__(self, loaded: Loaded, data: bytes | None, fingerprint: Fingerprint) -> None:
        self.loaded = loaded  # what compute last saw
        self.data = data  # what compute returned and was written; None: nothing was written
        self.fingerprint = fingerprint  # the file as written (as read when nothing was)


_MAX_ROUNDS = 50


def save_post(
    path: os.PathLike | str, compute: Callable[[Loaded], bytes | None], *, redo_limit: int = 2,
    decoded: bool = True,
) -> Saved:
    """Write ``compute(loaded)`` over the post at ``path``: the one way this project saves a post.

    Under the post's lock (``post_lock``: fix, the editor and add serialize), it loops: read
    the file, keeping its descriptor; ``compute(loaded)`` returns the new bytes, or None for
    "nothing to write" (it may raise, e.g. ``PostChanged``; nothing is written then); the bytes
    go to a temp file beside the post, fsynced; right before the rename the file read is
    compared with the disk (same inode at the path, same size and mtime):

    - unchanged: the temp is renamed over the post;
    - changed: the file is read again and ``compute`` called again, so a regeneration sees the
      new text; after ``redo_limit`` redos, a change that only appended bytes (a shell's ``>>``)
      is copied onto the end of the new bytes instead, so a steady appender cannot starve a save.

    Bytes appended to the old file in the instant between the compare and the rename (by a
    writer that had it open) are appended to the new file afterwards: no appended line is lost.

    Refused with PostWriteError, nothing written: a read-only post (as editors do), a result
    over MAX_BYTES (the tool could not open it again). A hard-linked post is written in place,
    after a backup copy beside it, so its links stay one file. Mode, owner and group are kept;
    a symlink is written through. PostReadError when the post cannot be read.

    ``decoded=False`` hands ``compute`` the file's fingerprint with ``text`` None: the editor
    only compares the hash with the one it knows, and decoding 1.6 MB took ~4 ms of a ctrl+s.
    """
    from .post_lock import post_locked

    shown = Path(path)
    target = Path(os.path.realpath(shown))
    with post_locked(target):
        for redone in range(_MAX_ROUNDS):
            loaded, fd = read_post_held(shown, decoded=decoded)
            try:
                data = compute(loaded)
                if data is None:
                    return Saved(loaded, None, loaded.fingerprint)
                fingerprint = _commit(shown, target, fd, loaded, data, splice=redone >= redo_limit)
                if fingerprint is not None:
                    return Saved(loaded, data, fingerprint)
            finally:
                os.close(fd)
    raise PostWriteError(f"cannot save {shown.name}: it kept changing while being saved; try again")


def _refuse(shown: Path, target: Path, st: os.stat_result, data: bytes) -> None:
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise PostWriteError(
            f"cannot save {shown.name}: the file is read-only (chmod u+w {shown} to allow saving)"
        )
    if len(data) > MAX_BYTES:
        raise PostWriteError(
            f"cannot save {shown.name}: it would grow to {_mb(len(data))}, over the "
            f"{_mb(MAX_BYTES)} a post may have to be opened again"
        )


def _read_at(fd: int, size: int, offset: int) -> bytes:
    chunks = []
    while size > 0:
        chunk = os.pread(fd, min(size, 1 << 20), offset)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def _commit(shown: Path, target: Path, fd: int, loaded: Loaded, data: bytes, splice: bool
            ) -> Fingerprint | None:
    """Put ``data`` in place of the file open on ``fd``; None when that file changed first."""
    st = os.fstat(fd)
    _refuse(shown, target, st, data)
    if st.st_nlink > 1:
        return _write_in_place(shown, target, fd, loaded, data)
    seen = (loaded.raw_size, loaded.fingerprint.mtime_ns)
    read_sha = hashlib.sha256(_read_at(fd, loaded.raw_size, 0)) if splice else None
    tails: list[bytes] = []

    def settled(tfd: int) -> bool:
        """Whether the file is still the one compute saw, or that plus appends now copied to
        ``tfd``; False when it was replaced, removed or rewritten."""
        nonlocal seen
        while True:
            now = os.fstat(fd)
            try:
                at_path = os.stat(target)
            except FileNotFoundError:
                at_path = None
            if at_path is None or (at_path.st_dev, at_path.st_ino) != (now.st_dev, now.st_ino):
                return False  # replaced or removed: read whatever is there now
            if (now.st_size, now.st_mtime_ns) == seen:
                return True
            # Copying a pure append needs its prefix to be the bytes compute saw.
            if (read_sha is None or now.st_size <= seen[0]
                    or hashlib.sha256(_read_at(fd, seen[0], 0)).digest() != read_sha.digest()):
                return False
            tail = _read_at(fd, now.st_size - seen[0], seen[0])
            if len(data) + sum(map(len, tails)) + len(tail) > MAX_BYTES:
                _refuse(shown, target, st, data + b"".join(tails) + tail)
            # No second fsync: it would reopen the window this loop closes.
            write_all(tfd, tail)
            tails.append(tail)
            read_sha.update(tail)
            seen = (now.st_size, now.st_mtime_ns)

    written = replace_with_temp(shown, target, st, data, settled)
    if written is None:
        return None
    _rescue_late_appends(target, fd, seen[0])
    return Fingerprint.of_bytes(data + b"".join(tails), written)


# How long a save waits for a writer that still has the replaced file open to finish.
LATE_WRITER_WAIT = 1.0


def _rescue_late_appends(target: Path, fd: int, size: int) -> None:
    """A writer that opened the old file before the rename and wrote after the compare wrote
    into the replaced inode: put those bytes at the end of the new file, where they were going.

    Such a writer may be descheduled between its open and its write for milliseconds, so the
    old inode is watched until no one has it open for writing: a read lease is granted only
    then (Linux), and once granted no new writer can reach an unlinked inode. Where leases are
    not to be had (another owner's file, NFS), one short grace period has to do.
    """
    import fcntl
    import time

    deadline = time.monotonic() + LATE_WRITER_WAIT
    while True:
        size = _copy_tail(target, fd, size)
        try:
            fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_RDLCK)
        except OSError as exc:
            if exc.errno != errno.EAGAIN:  # no leases here
                time.sleep(0.02)
                _copy_tail(target, fd, size)
                return
            if time.monotonic() > deadline:
                return
            time.sleep(0.001)
            continue
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
        _copy_tail(target, fd, size)
        return


def _copy_tail(target: Path, fd: int, size: int) -> int:
    late = os.fstat(fd).st_size
    if late <= size:
        return size
    tail = _read_at(fd, late - size, size)
    try:
        out = os.open(target, os.O_WRONLY | os.O_APPEND | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return late
    try:
        write_all(out, tail)
        os.fsync(out)
    except OSError:
        pass
    finally:
        os.close(out)
    return size + len(tail)


def _write_in_place(shown: Path, target: Path, fd: int, loaded: Loaded, data: bytes) -> Fingerprint | None:
    """A rename would split a hard-linked post from its other names (vim's backupcopy=auto):
    copy the old bytes aside, overwrite the file itself, then drop the copy."""
    old = _read_at(fd, loaded.raw_size, 0)
    backup = target.parent / f".{target.name}.ndbak-{os.getpid()}-{os.urandom(4).hex()}"
    bfd = -1
    try:
        try:
            bfd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
            write_all(bfd, old)
            os.fsync(bfd)
            os.close(bfd)
            bfd = -1
            out = os.open(target, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError as exc:
            raise PostWriteError(
                f"cannot save {shown.name}: {_write_reason(exc, target.parent, True)}"
            ) from None
    except BaseException:
        drop_temp(backup, bfd)
        raise
    try:
        now, mine = os.fstat(fd), os.fstat(out)
        if ((mine.st_dev, mine.st_ino) != (now.st_dev, now.st_ino)
                or (now.st_size, now.st_mtime_ns) != (loaded.raw_size, loaded.fingerprint.mtime_ns)):
            drop_temp(backup, -1)
            return None
        try:
            write_all(out, data)
            os.ftruncate(out, len(data))
            os.fsync(out)
            written = os.fstat(out)
        except OSError as exc:
            raise PostWriteError(
                f"cannot save {shown.name}: {_reason(exc)}; the old text is in {backup}"
            ) from None
    finally:
        os.close(out)
    drop_temp(backup, -1)
    return Fingerprint.of_bytes(data, written)


def disk_changed(path: os.PathLike | str, fp: Fingerprint) -> bool:
    try:
        st = os.stat(path)
    except OSError:
        return True
    if st.st_size != fp.size:
        return True
    if st.st_mtime_ns == fp.mtime_ns:
        return False
    # Same size, new mtime: a touch or a same-length rewrite; only the hash can tell.
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError:
        return True
    return hashlib.sha256(data).hexdigest() != fp.sha256


__all__ = ["BOM", "MAX_BYTES", "TEMP_MARK", "Fingerprint", "Loaded", "PostChanged", "Saved", "disk_changed",
           "encode_post", "read_post", "save_post", "write_atomic"]
