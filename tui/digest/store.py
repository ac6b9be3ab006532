"""Saving post files so that no word is ever lost at the file level.

Saves go through a temp file + ``os.replace`` so a crash or SIGKILL at any
instant leaves either the old bytes or the new bytes on disk.

Temp files are named ``.<name>.ndtmp-<pid>-<random>`` next to the real target:
the leading dot and the suffix keep them from being mistaken for posts, and the
pid lets a later save of the same file delete temps whose writer has died
(a live writer's temp is never touched, so two concurrent saves cannot sabotage
each other).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path

# Reading and decoding moved to decode.py; re-exported because callers import them from here.
from .decode import BOM, MAX_BYTES, Fingerprint, Loaded, _reason, read_post
from .errors import PostWriteError

TEMP_MARK = ".ndtmp-"


def encode_post(text: str, bom: bool) -> bytes:
    try:
        body = text.encode("utf-8", errors="strict")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise PostWriteError(
            f"cannot save: line {line} contains a character that cannot be stored as UTF-8"
        ) from None
    return (BOM + body) if bom else body



def _write_reason(exc: OSError, directory: Path, creating_temp: bool) -> str:
    if exc.errno == errno.EROFS:
        return f"the directory {directory} is read-only"
    # Failing to create a file in the directory is the directory's fault,
    # which is what the user has to fix (chmod, chattr -i, another folder).
    if creating_temp and exc.errno in (errno.EACCES, errno.EPERM):
        return f"the directory {directory} is read-only ({_reason(exc)})"
    return _reason(exc)


def _temp_re(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(f".{name}{TEMP_MARK}") + r"(\d+)-[0-9a-f]+")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    return True


def _clean_stale_temps(directory: Path, name: str) -> None:
    pattern = _temp_re(name)
    try:
        entries = os.listdir(directory)
    except OSError:
        return
    for entry in entries:
        m = pattern.fullmatch(entry)
        if not m:
            continue
        pid = int(m.group(1))
        # Our own pid may be a concurrent save on another thread of this process.
        if pid == os.getpid() or _pid_alive(pid):
            continue
        try:
            os.unlink(directory / entry)
        except OSError:
            pass


def _fsync_dir(directory: Path) -> None:
    # Makes the rename itself durable; some file systems refuse fsync on a
    # directory, and by now the new bytes are in place, so failure is not fatal.
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_atomic(path: os.PathLike | str, data: bytes) -> Fingerprint:
    shown = Path(path)
    # Resolve so a symlinked post is updated through to its target (the link
    # stays a link) and the temp lives on the target's file system.
    target = Path(os.path.realpath(shown))
    directory = target.parent
    name = target.name

    try:
        old = os.stat(target)
    except OSError:
        old = None  # a new post; if the directory is the problem, creating the temp says so
    if old is not None and stat.S_ISDIR(old.st_mode):
        raise PostWriteError(f"cannot save {shown.name}: {target} is a directory")

    _clean_stale_temps(directory, name)

    temp = directory / f".{name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    fd = -1
    try:
        try:
            # 0o666 lets the umask decide for new posts, like any editor; an
            # existing post starts private and then gets its old mode back.
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if old else 0o666)
        except FileNotFoundError:
            raise PostWriteError(
                f"cannot save {shown.name}: the directory {directory} does not exist"
            ) from None
        except OSError as exc:
            raise PostWriteError(
                f"cannot save {shown.name}: {_write_reason(exc, directory, True)}"
            ) from None
        try:
            if old is not None:
                os.fchmod(fd, stat.S_IMODE(old.st_mode))
                if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                    try:
                        os.fchown(fd, old.st_uid, old.st_gid)
                    except OSError:
                        pass  # only root may give a file away; keeping our ownership is fine
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
            st = os.fstat(fd)
            os.close(fd)
            fd = -1
            os.replace(temp, target)
        except OSError as exc:
            raise PostWriteError(
                f"cannot save {shown.name}: {_write_reason(exc, directory, False)}"
            ) from None
    except BaseException:
        # Includes KeyboardInterrupt: the old post must stay, the temp must go.
        if fd >= 0:
            os.close(fd)
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise
    _fsync_dir(directory)
    return Fingerprint.of_bytes(data, st)


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


__all__ = ["BOM", "MAX_BYTES", "TEMP_MARK", "Fingerprint", "Loaded", "disk_changed", "encode_post",
           "read_post", "write_atomic"]
