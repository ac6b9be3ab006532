"""Read, change and write a post with nobody else's write lost in between.

`add` runs from shell aliases, browser hooks and cron while the editor may be saving the
same post, so a plain read-then-write would drop whichever change landed in between.
Writers that cooperate take an exclusive ``flock`` on the post's directory (a lock on
the post file itself would be left behind on the old inode by the rename of a save);
a writer that does not (an older editor, another tool) is caught by comparing the
file's fingerprint once more right before the rename, and the change is recomputed on
what is there now.

Kept apart from store.py on purpose: the store's own single safe-write function is
meant to replace ``update_post`` here by a one-line change once it exists.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .errors import PostWriteError
from .store import Fingerprint, Loaded, disk_changed, read_post, write_atomic

ATTEMPTS = 20


@contextmanager
def locked(path: os.PathLike | str) -> Iterator[None]:
    """Hold the write lock of the post at ``path`` (blocking until it is free)."""
    directory = Path(os.path.realpath(path)).parent
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError as exc:
        raise PostWriteError(f"cannot lock {directory}: {exc.strerror or exc}") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def update_post(path: os.PathLike | str, change: Callable[[Loaded], bytes | None]) -> Fingerprint | None:
    """Write ``change(loaded post)`` to ``path``, atomically and under the post's lock;
    recomputed when the file changed under us meanwhile. None when ``change`` had nothing
    to write."""
    with locked(path):
        for _ in range(ATTEMPTS):
            loaded = read_post(path)
            data = change(loaded)
            if data is None:
                return None
            if disk_changed(path, loaded.fingerprint):
                continue  # someone who does not take the lock wrote meanwhile
            return write_atomic(path, data)
    raise PostWriteError(f"cannot save {Path(path).name}: it kept changing while being written")


def create_if_missing(path: os.PathLike | str, data: bytes) -> bool:
    """Create the post with ``data`` unless it exists; True when this call created it.
    Under the lock, so two first `add`s of the week cannot both start the post."""
    with locked(path):
        if os.path.lexists(path):
            return False
        write_atomic(path, data)
        return True
