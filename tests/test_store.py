"""File-level fidelity: exact bytes out, honest refusals in, the old post kept on failure."""

from __future__ import annotations

import os
import pickle
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tui.digest.errors import PostReadError, PostWriteError
from tui.digest.store import (
    MAX_BYTES,
    Fingerprint,
    disk_changed,
    encode_post,
    read_post,
    write_atomic,
)

KO = "이번 주의 뉴스 요약입니다. 인공지능과 반도체 산업 소식, 그리고 정책 변화를 정리했습니다.\n" * 20
JA = "今週のニュースのまとめです。人工知能と半導体産業のニュース、そして政策の変化を整理しました。\n" * 20
NOBODY = 65534


def temps_in(directory: Path) -> list[str]:
    return [n for n in os.listdir(directory) if ".ndtmp-" in n]


def run_as_nobody(fn):
    """Run fn in a forked child that has dropped root, so permission tests are real
    even when the suite runs as root. Returns ("ok", value) or ("err", type, str)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        os.close(r)
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            try:
                out = ("ok", fn())
            except Exception as exc:  # noqa: BLE001 - reported to the parent
                out = ("err", type(exc).__name__, str(exc))
            os.write(w, pickle.dumps(out))
        finally:
            os._exit(0)
    os.close(w)
    chunks = []
    while chunk := os.read(r, 65536):
        chunks.append(chunk)
    os.close(r)
    os.waitpid(pid, 0)
    return pickle.loads(b"".join(chunks))


@pytest.fixture
def open_dir():
    """A directory an unprivileged user can reach (pytest's tmp dirs are 0700 for root)."""
    d = Path(tempfile.mkdtemp(prefix="ndstore-", dir="/tmp"))
    d.chmod(0o755)
    yield d
    for p in [d, *d.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def tmpfs(tmp_path):
    """Mount a tiny tmpfs when we are allowed to, to provoke real EROFS / ENOSPC."""
    mounted = []

    def mount(opts: str) -> Path:
        mnt = tmp_path / f"mnt{len(mounted)}"
        mnt.mkdir()
        if shutil.which("mount") is None:
            pytest.skip("no mount command to create a real small/read-only file system")
        res = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(mnt)], capture_output=True)
        if res.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({res.stderr.decode().strip()})")
        mounted.append(mnt)
        return mnt

    yield mount
    for mnt in reversed(mounted):
        subprocess.run(["umount", str(mnt)], check=False)


# ---- writing -----------------------------------------------------------------

def test_exact_bytes_bom_and_crlf_kept(tmp_path):
    post = tmp_path / "post.md"
    text = "---\r\ntitle: 주간 뉴스\r\n---\r\n\r\n- item  \t\r\nno final newline"
    data = encode_post(text, bom=True)
    assert data.startswith(b"\xef\xbb\xbf")
    write_atomic(post, data)
    assert post.read_bytes() == data
    loaded = read_post(post)
    assert loaded.bom is True
    assert loaded.text == text  # BOM stripped, CRLF untouched
    assert encode_post(loaded.text, loaded.bom) == data


def test_encode_without_bom_and_surrogate_refused():
    assert encode_post("a\nb", bom=False) == b"a\nb"
    with pytest.raises(PostWriteError, match="line 2"):
        encode_post("ok\nbad \ud800", bom=False)


def test_permissions_kept(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(b"old")
    post.chmod(0o600)
    write_atomic(post, b"new")
    assert stat.S_IMODE(post.stat().st_mode) == 0o600
    assert post.read_bytes() == b"new"


def test_new_file_follows_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "fresh.md", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "fresh.md").stat().st_mode) == 0o644


def test_symlink_written_through(tmp_path):
    real_dir = tmp_path / "blog" / "_posts"
    real_dir.mkdir(parents=True)
    target = real_dir / "2024-05-01-digest.md"
    target.write_bytes(b"old")
    link = tmp_path / "post.md"
    link.symlink_to(target)
    write_atomic(link, b"new text")
    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_bytes() == b"new text"
    assert temps_in(tmp_path) == [] and temps_in(real_dir) == []


def _assert_old_kept(post: Path, err: PostWriteError, *words: str):
    msg = str(err)
    assert "\n" not in msg and "post.md" in msg
    for w in words:
        assert w in msg
    assert post.read_bytes() == b"old words"
    assert temps_in(post.parent) == []


def test_read_only_directory_keeps_old_file(open_dir):
    post = open_dir / "post.md"
    post.write_bytes(b"old words")
    post.chmod(0o644)
    open_dir.chmod(0o555)
    if not os.access(open_dir, os.W_OK):
        with pytest.raises(PostWriteError) as info:
            write_atomic(post, b"new words")
        _assert_old_kept(post, info.value, str(open_dir), "read-only")
        return
    # Root ignores mode bits, so drop to an unprivileged user for a real refusal.
    if os.geteuid() != 0:
        pytest.skip("directory stays writable after chmod 0o555 and we cannot drop privileges")

    def attempt():
        write_atomic(post, b"new words")

    result = run_as_nobody(attempt)
    assert result[0] == "err" and result[1] == "PostWriteError", result
    msg = result[2]
    assert "post.md" in msg and str(open_dir) in msg and "read-only" in msg
    assert post.read_bytes() == b"old words"
    assert temps_in(open_dir) == []


def test_immutable_directory_keeps_old_file(tmp_path):
    post = tmp_path / "post.md"
    post.write_bytes(b"old words")
    if shutil.which("chattr") is None:
        pytest.skip("chattr not available")
    if subprocess.run(["chattr", "+i", str(tmp_path)], capture_output=True).returncode != 0:
        pytest.skip("cannot mark a directory immutable here")
    try:
        with pytest.raises(PostWriteError) as info:
            write_atomic(post, b"new words")
    finally:
        subprocess.run(["chattr", "-i", str(tmp_path)], check=True)
    _assert_old_kept(post, info.value, str(tmp_path), "read-only")


def test_read_only_filesystem_keeps_old_file(tmpfs):
    mnt = tmpfs("size=64k")
    post = mnt / "post.md"
    post.write_bytes(b"old words")
    subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
    with pytest.raises(PostWriteError) as info:
        write_atomic(post, b"new words")
    _assert_old_kept(post, info.value, f"the directory {mnt} is read-only")


def test_disk_full_keeps_old_file(tmpfs):
    mnt = tmpfs("size=64k")
    post = mnt / "post.md"
    post.write_bytes(b"old words")
    with pytest.raises(PostWriteError) as info:
        write_atomic(post, KO.encode() * 400)  # ~1 MB into 64 KB
    _assert_old_kept(post, info.value, "the disk is full")


def test_stale_temp_of_dead_writer_is_cleaned(tmp_path):
    post = tmp_path / "post.md"
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = tmp_path / f".post.md.ndtmp-{dead.pid}-deadbeef"
    stale.write_bytes(b"half a post")
    live = tmp_path / f".post.md.ndtmp-{os.getppid()}-cafe0001"
    live.write_bytes(b"someone else is saving")
    other = tmp_path / f".other.md.ndtmp-{dead.pid}-deadbeef"
    other.write_bytes(b"not ours")
    write_atomic(post, b"x")
    assert not stale.exists()
    assert live.exists() and other.exists()


# ---- reading -----------------------------------------------------------------

def test_missing_file(tmp_path):
    with pytest.raises(PostReadError, match="does not exist"):
        read_post(tmp_path / "nope.md")


def test_directory(tmp_path):
    with pytest.raises(PostReadError, match="is a directory"):
        read_post(tmp_path)


def test_binary_with_nul(tmp_path):
    p = tmp_path / "image.md"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(PostReadError, match="looks like a binary file"):
        read_post(p)


def test_binary_mostly_control_chars(tmp_path):
    p = tmp_path / "ctl.md"
    p.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 65]) * 100)
    with pytest.raises(PostReadError, match="looks like a binary file"):
        read_post(p)


def test_euc_kr_named(tmp_path):
    p = tmp_path / "ko.md"
    p.write_bytes(KO.encode("euc_kr"))
    with pytest.raises(PostReadError) as info:
        read_post(p)
    msg = str(info.value)
    assert "not UTF-8" in msg and "EUC-KR" in msg and "iconv -f EUC-KR -t UTF-8" in msg


def test_shift_jis_named(tmp_path):
    p = tmp_path / "ja.md"
    p.write_bytes(JA.encode("shift_jis"))
    with pytest.raises(PostReadError) as info:
        read_post(p)
    msg = str(info.value)
    assert "not UTF-8" in msg and "Shift_JIS" in msg and "iconv -f Shift_JIS" in msg


def test_utf16_is_named_not_called_binary(tmp_path):
    p = tmp_path / "u16.md"
    p.write_bytes("# title\n".encode("utf-16"))
    with pytest.raises(PostReadError, match="looks like UTF-16"):
        read_post(p)


def test_empty_file_is_fine(tmp_path):
    p = tmp_path / "empty.md"
    p.write_bytes(b"")
    loaded = read_post(p)
    assert loaded.text == "" and loaded.bom is False and loaded.fingerprint.size == 0


def test_too_big_refused_fast(tmp_path):
    p = tmp_path / "huge.md"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk, but reading it would
    start = time.perf_counter()
    with pytest.raises(PostReadError) as info:
        read_post(p)
    assert time.perf_counter() - start < 0.5
    msg = str(info.value)
    assert "too big" in msg and "50.0 MB" in msg and f"{MAX_BYTES // (1024 * 1024)}.0 MB" in msg


def test_permission_denied(open_dir):
    p = open_dir / "secret.md"
    p.write_bytes(b"text")
    p.chmod(0o000)
    if not os.access(p, os.R_OK):
        with pytest.raises(PostReadError, match="permission denied"):
            read_post(p)
        return
    if os.geteuid() != 0:
        pytest.skip("file stays readable after chmod 0o000 and we cannot drop privileges")
    result = run_as_nobody(lambda: read_post(p))
    assert result[0] == "err" and result[1] == "PostReadError", result
    assert "permission denied" in result[2]


def test_utf8_with_and_without_bom(tmp_path):
    p = tmp_path / "p.md"
    p.write_bytes(KO.encode())
    assert read_post(p).text == KO and read_post(p).bom is False


# ---- conflicts ---------------------------------------------------------------

def test_disk_changed_false_after_own_write(tmp_path):
    post = tmp_path / "post.md"
    fp = write_atomic(post, b"ours")
    assert isinstance(fp, Fingerprint)
    assert fp == read_post(post).fingerprint
    assert disk_changed(post, fp) is False


def test_disk_changed_true_after_other_write(tmp_path):
    post = tmp_path / "post.md"
    fp = write_atomic(post, b"ours")
    post.write_bytes(b"ours, edited elsewhere")
    assert disk_changed(post, fp) is True


def test_disk_changed_same_size_rewrite_and_touch(tmp_path):
    post = tmp_path / "post.md"
    fp = write_atomic(post, b"aaaa")
    os.utime(post, ns=(fp.mtime_ns + 10**9, fp.mtime_ns + 10**9))
    assert disk_changed(post, fp) is False  # touched, same bytes
    post.write_bytes(b"bbbb")
    os.utime(post, ns=(fp.mtime_ns + 2 * 10**9, fp.mtime_ns + 2 * 10**9))
    assert disk_changed(post, fp) is True


def test_disk_changed_when_gone(tmp_path):
    post = tmp_path / "post.md"
    fp = write_atomic(post, b"ours")
    post.unlink()
    assert disk_changed(post, fp) is True


def test_unrecognisable_encoding_names_the_line(tmp_path):
    p = tmp_path / "p.md"
    p.write_bytes(b"line one\nline two \xff here\n")
    with pytest.raises(PostReadError) as info:
        read_post(p)
    assert "not UTF-8" in str(info.value) and "line 2" in str(info.value)
