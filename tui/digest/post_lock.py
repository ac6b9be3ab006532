"""One advisory lock per post, shared by every writer of this project (fix, the editor's
save, add), so two of our own writers never interleave read -> compute -> rename.

The lock file lives in the user state directory, not beside the post: a blog's directory
is the user's (and often a git work tree), and a read-only directory must still be lockable.
Outside writers (a shell appending, another editor) do not take it; store.save_post
catches those by comparing the file before and after its rename.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import time
from pathlib import Path

from .errors import PostWriteError

# Longer than any save of a 20 MB post; a writer stuck past it is reported, not waited on.
WAIT_SECONDS = 15.0


def lock_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_state_dir("newsdigest-tui")) / "locks"


def lock_path(target: Path) -> Path:
    key = hashlib.sha256(str(target).encode("utf-8", "surrogateescape")).hexdigest()[:24]
    return lock_dir() / f"{key}.lock"


@contextlib.contextmanager
def post_locked(target: Path, wait: float = WAIT_SECONDS):
    """Hold the project-wide lock of ``target`` (a resolved path) for the block."""
    directory = lock_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(lock_path(target), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
    except OSError:
        # No usable state directory (read-only home, full disk): saving unlocked is what
        # every other editor does; refusing to save would lose the user's words instead.
        yield
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    break  # a file system without flock: as above, save unlocked
                if time.monotonic() > deadline:
                    raise PostWriteError(
                        f"cannot save {target.name}: another save of it has not finished "
                        f"after {wait:.0f} s"
                    ) from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)  # closing drops the flock
