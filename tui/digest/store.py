"""Reading and saving post files so that no word is ever lost at the file level.

Reads refuse anything we could not round-trip exactly (binary, not UTF-8, huge)
instead of guessing; saves go through a temp file + ``os.replace`` so a crash or
SIGKILL at any instant leaves either the old bytes or the new bytes on disk.

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
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import PostReadError, PostWriteError

MAX_BYTES = 20 * 1024 * 1024
BOM = b"\xef\xbb\xbf"
TEMP_MARK = ".ndtmp-"

# A few control bytes are normal in text (tab, newlines, form feed, ESC from
# pasted ANSI); past this share of the sample the file is not prose.
_CONTROL_RATIO = 0.30
_SAMPLE = 64 * 1024
_ODD_CONTROLS = bytes(b for b in range(0x20) if b not in b"\t\n\r\f\v\x1b") + b"\x7f"
_HIGH = bytes(range(0x80, 0x100))
_MIN_EVIDENCE = 8  # fewer non-ASCII bytes than this is too little to name an encoding
_WIDE_BOMS = ((b"\xff\xfe\x00\x00", "UTF-32LE"), (b"\x00\x00\xfe\xff", "UTF-32BE"),
              (b"\xff\xfe", "UTF-16LE"), (b"\xfe\xff", "UTF-16BE"))
# NUL-bearing data never reaches the guesser (binary, or caught by a BOM above),
# so a UTF-16/32 guess there would only be noise.
_WIDE_CODECS = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le"]
# charset_normalizer tends to name the vendor superset (cp949 for EUC-KR text);
# when the plain standard also decodes the bytes, naming it gives the user the
# encoding they have heard of and an iconv command that works everywhere.
_PREFER_STANDARD = {"cp949": "euc_kr", "cp932": "shift_jis", "gbk": "gb2312", "gb18030": "gb2312"}
_NAMES = {"shift_jis": "Shift_JIS", "latin_1": "ISO-8859-1", "mac_roman": "MACINTOSH",
          "iso2022_jp": "ISO-2022-JP"}


@dataclass(frozen=True)
class Fingerprint:
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, st: os.stat_result) -> "Fingerprint":
        return cls(size=st.st_size, mtime_ns=st.st_mtime_ns, sha256=hashlib.sha256(data).hexdigest())


@dataclass
class Loaded:
    text: str
    bom: bool
    fingerprint: Fingerprint
    path: Path


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _iconv_name(codec: str) -> str:
    if codec in _NAMES:
        return _NAMES[codec]
    codec = re.sub(r"^cp(125\d)$", r"windows_\1", codec)
    return re.sub(r"^iso8859_", "iso_8859_", codec).upper().replace("_", "-")


def _guess_encoding(data: bytes) -> str | None:
    if len(data) - len(data.translate(None, _HIGH)) < _MIN_EVIDENCE:
        return None
    from charset_normalizer import from_bytes  # lazy: only the unhappy path pays for it

    best = from_bytes(data, cp_exclusion=_WIDE_CODECS).best()
    if best is None:
        return None
    codec = best.encoding
    standard = _PREFER_STANDARD.get(codec)
    if standard and standard in best.could_be_from_charset:
        codec = standard
    return _iconv_name(codec)


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _ODD_CONTROLS))
    return bool(sample) and controls / len(sample) > _CONTROL_RATIO


def read_post(path: os.PathLike | str) -> Loaded:
    path = Path(path)
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise PostReadError(f"cannot open {path}: it does not exist") from None
    except OSError as exc:
        raise PostReadError(f"cannot open {path}: {_reason(exc)}") from None
    if stat.S_ISDIR(st.st_mode):
        raise PostReadError(f"cannot open {path}: it is a directory, not a post file")
    if not stat.S_ISREG(st.st_mode):
        # Reading a FIFO or device could block forever or never end.
        raise PostReadError(f"cannot open {path}: it is not a regular file")
    too_big = f"cannot open {path}: it is too big ({{}}; the limit is {_mb(MAX_BYTES)})"
    if st.st_size > MAX_BYTES:  # refused from the stat alone, so a huge file costs nothing
        raise PostReadError(too_big.format(_mb(st.st_size)))
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # +1 catches a file that grew after the stat
            st = os.fstat(fh.fileno())
    except OSError as exc:
        raise PostReadError(f"cannot open {path}: {_reason(exc)}") from None
    if len(data) > MAX_BYTES:
        raise PostReadError(too_big.format("over " + _mb(MAX_BYTES)))

    fingerprint = Fingerprint.of_bytes(data, st)
    bom = data.startswith(BOM)
    body = data[len(BOM):] if bom else data
    for mark, name in _WIDE_BOMS:
        # Before the NUL test: UTF-16 text is full of NULs but is not binary.
        if data.startswith(mark):
            raise _not_utf8(path, name)
    if _looks_binary(body[:_SAMPLE]):
        raise PostReadError(f"cannot open {path}: it looks like a binary file, not a Markdown post")
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        name = _guess_encoding(body)
        if name is None:
            line = body.count(b"\n", 0, exc.start) + 1
            raise PostReadError(
                f"cannot open {path}: it is not UTF-8 (invalid byte on line {line}) "
                "and its encoding could not be recognised"
            ) from None
        raise _not_utf8(path, name) from None
    return Loaded(text=text, bom=bom, fingerprint=fingerprint, path=path)


def _not_utf8(path: Path, name: str) -> PostReadError:
    return PostReadError(
        f"cannot open {path}: it is not UTF-8 (looks like {name}); "
        f"convert it with iconv -f {name} -t UTF-8"
    )


def encode_post(text: str, bom: bool) -> bytes:
    try:
        body = text.encode("utf-8", errors="strict")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise PostWriteError(
            f"cannot save: line {line} contains a character that cannot be stored as UTF-8"
        ) from None
    return (BOM + body) if bom else body


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno) or (exc.strerror or str(exc)).lower()


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

    temp = directory / f".{name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}"
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
