"""Temp files beside a post, and their clean-up: the pieces every atomic write shares.

Temp files are named ``.<name>.ndtmp-<pid>-<random>`` next to the real target: the leading
dot and the suffix keep them from being mistaken for posts, and the pid lets a later save of
the same file delete temps whose writer has died (a live writer's temp is never touched, so
two concurrent saves cannot sabotage each other).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Callable

from .decode import _reason
from .errors import PostWriteError

TEMP_MARK = ".ndtmp-"


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


def open_temp(shown: Path, target: Path, old: os.stat_result | None) -> tuple[Path, int]:
    """A fresh temp file beside ``target`` (path, descriptor), with ``old``'s mode and owner."""
    directory = target.parent
    _clean_stale_temps(directory, target.name)
    temp = directory / f".{target.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}"
    try:
        # 0o666 lets the umask decide for new posts, like any editor; an
        # existing post starts private and then gets its old mode back.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600 if old else 0o666)
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
    except OSError as exc:
        drop_temp(temp, fd)
        raise PostWriteError(f"cannot save {shown.name}: {_write_reason(exc, directory, False)}") from None
    return temp, fd


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def drop_temp(temp: Path, fd: int) -> None:
    if fd >= 0:
        os.close(fd)
    try:
        os.unlink(temp)
    except OSError:
        pass


def replace_with_temp(shown: Path, target: Path, old: os.stat_result | None, data: bytes,
                      before_rename: Callable[[int], bool] | None = None) -> os.stat_result | None:
    """Write ``data`` to a temp beside ``target``, fsync it and rename it over ``target``, then
    fsync the directory; the temp's stat as renamed. ``before_rename(fd)`` runs between the
    fsync and the rename (it may write more to ``fd``); when it says False the temp goes and
    the answer is None. An OSError becomes PostWriteError; on any exception (KeyboardInterrupt
    too) the old file stays and the temp goes."""
    temp, fd = open_temp(shown, target, old)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
            if before_rename is not None and not before_rename(fd):
                drop_temp(temp, fd)
                return None
            written = os.fstat(fd)
            os.close(fd)
            fd = -1
            os.replace(temp, target)
        except OSError as exc:
            raise PostWriteError(
                f"cannot save {shown.name}: {_write_reason(exc, target.parent, False)}"
            ) from None
    except BaseException:
        drop_temp(temp, fd)
        raise
    _fsync_dir(target.parent)
    return written
