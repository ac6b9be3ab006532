"""Reading the post in a second process while the editor's process imports the editor.

Opening the editor is two long jobs that need nothing from each other: importing Textual
and the editor's widgets (~250 ms), and reading the post (~45 ms at 2,000 items: decoding,
the heading scan, the anchors, the TOC; then ~35 ms more for PyYAML and the front matter,
which the editor reads right after its first paint). On a machine with a second core the
post is read there: the command forks before it imports Textual (no threads exist yet),
the child reads the post, its front matter included, and pickles it into a temporary
file; the editor picks it up when it is built. Loading the pickle costs a quarter of the
parse, and the text itself is not sent: the post gives it back byte for byte
(``Post.text()``, the fidelity promise the property tests hold it to).

Whatever goes wrong on the way (no ``os.fork`` on this platform, a child that died, wrote
nothing readable or is still at it after WAIT_SECONDS) is answered by reading the post
here, so the result is always what ``open_post`` gives, errors included: a read error found
by the child is raised here with the same message. Small posts, and any post on a machine
with one usable core, are read here: there the fork costs more than it saves.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import tempfile
from pathlib import Path
from typing import IO

from tui.digest.errors import PostReadError
from tui.digest.post import ParseOptions, reserve_uids
from tui.digest.postfile import Opened, open_post
from tui.digest.store import Loaded

MIN_BYTES = 256 * 1024  # below this (~300 items) the parse takes about what the fork costs
WAIT_SECONDS = 5.0  # a child this late is stuck (or the machine is): read the post here instead


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # what this process may run on (taskset, containers)
    except AttributeError:
        return os.cpu_count() or 1


class PendingPost:
    """A post being read, by a child process or (``pid`` None) on demand here."""

    def __init__(self, path: Path, options: ParseOptions, pid: int | None = None,
                 file: IO[bytes] | None = None, done: int | None = None) -> None:
        self.path = Path(path)
        self.options = options
        self._pid = pid
        self._file = file
        self._done = done  # read end of a pipe the child writes b"ok" to once the file is complete

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def result(self) -> Opened:
        """The opened post (PostReadError when it cannot be read), as open_post returns it."""
        payload = self._collect()
        if payload is None:
            return open_post(self.path, self.options)
        if payload[0] == "error":
            raise PostReadError(payload[1])
        _, post, bom, fingerprint, max_uid = payload
        reserve_uids(max_uid)
        return Opened(post, Loaded(text=post.text(), bom=bom, fingerprint=fingerprint, path=self.path))

    def _collect(self):
        """What the child sent, or None when there is no child or nothing usable came back."""
        pid, file, done = self._pid, self._file, self._done
        self._pid = self._file = self._done = None
        if pid is None:
            return None
        try:
            # Completion comes through the pipe, not the exit status: a SIGCHLD the user's
            # shell set to "ignore" reaps the child before anyone can wait for it.
            ready, _, _ = select.select([done], [], [], WAIT_SECONDS)
            said = os.read(done, 2) if ready else b""
            if said != b"ok":
                return None
            file.seek(0)
            payload = pickle.load(file)
            return payload if isinstance(payload, tuple) and payload[0] in ("post", "error") else None
        except Exception:  # noqa: BLE001 - a child that died, or wrote nothing readable
            return None
        finally:
            os.close(done)
            file.close()
            _reap(pid)


def _reap(pid: int) -> None:
    """Collect the child: done by now, or stuck (then it is stopped first)."""
    try:
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except (ChildProcessError, ProcessLookupError):
        pass  # already reaped (SIGCHLD ignored)


def start(path: Path, options: ParseOptions) -> PendingPost:
    """Begin reading ``path``: in a child process when that can pay off, else on demand.

    Call it before Textual is imported (the child must be forked while this process has
    no other threads)."""
    path = Path(path)
    fork = getattr(os, "fork", None)
    try:
        big = path.stat().st_size >= MIN_BYTES
    except OSError:
        big = False  # open_post names the reason, when asked
    # On one core the child's work only adds to the start: it would run between the imports.
    if fork is None or not big or usable_cores() < 2:
        return PendingPost(path, options)
    try:
        file = tempfile.TemporaryFile()
        done, told = os.pipe()
    except OSError:
        return PendingPost(path, options)
    try:
        pid = fork()
    except OSError:
        file.close()
        os.close(done)
        os.close(told)
        return PendingPost(path, options)
    if pid == 0:  # the child: never returns
        os.close(done)
        _read_and_exit(path, options, file, told)
    os.close(told)
    return PendingPost(path, options, pid, file, done)


def _read_and_exit(path: Path, options: ParseOptions, file: IO[bytes], told: int) -> None:
    code = 1
    try:
        try:
            opened = open_post(path, options)
            opened.post.front.read()  # PyYAML's import and the front matter, here rather than there
            uids = [block.uid for block in opened.post.blocks]
            loaded = opened.loaded
            payload = ("post", opened.post, loaded.bom, loaded.fingerprint, max(uids, default=0))
        except PostReadError as err:
            payload = ("error", str(err))
        pickle.dump(payload, file, protocol=pickle.HIGHEST_PROTOCOL)
        file.flush()
        os.write(told, b"ok")
        code = 0
    finally:
        # No atexit handlers, no flushing of the parent's stdio buffers a second time.
        os._exit(code)
