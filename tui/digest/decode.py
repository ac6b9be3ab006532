"""Reading post files: the bytes, the checks on them, and their decoding.

Reads refuse anything we could not round-trip exactly (binary, not UTF-8, huge)
instead of guessing, and name the likely encoding (with an iconv command) when they can.

Split out of store.py, which re-exports all of it. The size limit, the BOM, the
fingerprint and the OS-error wording live here rather than in store.py because
a read needs them first and store.py imports from this module, never the reverse.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from .errors import PostReadError

MAX_BYTES = 20 * 1024 * 1024
BOM = b"\xef\xbb\xbf"

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


# Neither is a dataclass: defining one cost ~1 ms of the editor's start-up. A fingerprint
# is a value, compared and never changed: a NamedTuple (~0.3 ms). Loaded is a plain class.
class Fingerprint(NamedTuple):
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, data: bytes, st: os.stat_result) -> "Fingerprint":
        return cls(size=st.st_size, mtime_ns=st.st_mtime_ns, sha256=hashlib.sha256(data).hexdigest())


class Loaded:
    def __init__(self, text: str | None, bom: bool, fingerprint: Fingerprint, path: Path) -> None:
        self.text = text
        self.bom = bom
        self.fingerprint = fingerprint
        self.path = path
        self.raw_size = fingerprint.size


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
    loaded, fd = read_post_held(path)
    os.close(fd)
    return loaded


def read_post_held(path: os.PathLike | str, *, decoded: bool = True) -> tuple[Loaded, int]:
    """``read_post``, also handing back the open descriptor of the file read (the caller
    closes it): a save compares that very inode with the path right before its rename.
    ``decoded=False``: the bytes are only fingerprinted, ``text`` is None (see save_post)."""
    path = Path(path)
    try:
        # O_NONBLOCK: a FIFO swapped in for the post must not hang the open; what it is
        # is judged by fstat on the descriptor, so no swap between a stat and the open.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except (FileNotFoundError, NotADirectoryError):
        raise PostReadError(f"cannot open {path}: it does not exist") from None
    except OSError as exc:
        raise PostReadError(f"cannot open {path}: {_reason(exc)}") from None
    try:
        return _read_open(path, fd, decoded), fd
    except BaseException:
        os.close(fd)
        raise


def _read_open(path: Path, fd: int, decoded: bool = True) -> Loaded:
    st = os.fstat(fd)
    if stat.S_ISDIR(st.st_mode):
        raise PostReadError(f"cannot open {path}: it is a directory, not a post file")
    if not stat.S_ISREG(st.st_mode):
        # Reading a FIFO or device could block forever or never end.
        raise PostReadError(f"cannot open {path}: it is not a regular file")
    too_big = f"cannot open {path}: it is too big ({{}}; the limit is {_mb(MAX_BYTES)})"
    if st.st_size > MAX_BYTES:  # refused from the stat alone, so a huge file costs nothing
        raise PostReadError(too_big.format(_mb(st.st_size)))
    try:
        chunks, left = [], MAX_BYTES + 1  # +1 catches a file that grew after the stat
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        st = os.fstat(fd)
    except OSError as exc:
        raise PostReadError(f"cannot open {path}: {_reason(exc)}") from None
    if len(data) > MAX_BYTES:
        raise PostReadError(too_big.format("over " + _mb(MAX_BYTES)))
    if not decoded:
        loaded = Loaded(None, data.startswith(BOM), Fingerprint.of_bytes(data, st), path)
        loaded.raw_size = len(data)
        return loaded
    return decode_post(path, data, st)


def decode_post(path: Path, data: bytes, st: os.stat_result) -> Loaded:
    """The post these bytes hold; ``st`` is the stat they were read under (the fingerprint)."""
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
    loaded = Loaded(text=text, bom=bom, fingerprint=fingerprint, path=path)
    # What a save compares the file with before its rename: the bytes actually read, which
    # the stat taken after the read may already exceed when a writer appended meanwhile.
    loaded.raw_size = len(data)
    return loaded


def _not_utf8(path: Path, name: str) -> PostReadError:
    return PostReadError(
        f"cannot open {path}: it is not UTF-8 (looks like {name}); "
        f"convert it with iconv -f {name} -t UTF-8"
    )



_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "the operation is not permitted",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno) or (exc.strerror or str(exc)).lower()

