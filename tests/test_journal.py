"""The autosave journal brings unsaved words back, per post, and never gets in the way."""

from __future__ import annotations

import json
import os
import stat
import time

from tui.digest.journal import (
    JournalEntry,
    discard_journal,
    journal_path,
    read_journal,
    write_journal,
)

TEXT = "---\r\ntitle: 주간 뉴스\r\n---\r\n\r\n- AI chips 반도체  \t\r\nno final newline"


def test_round_trip(tmp_path):
    jdir = tmp_path / "journal"
    post = tmp_path / "post.md"
    before = time.time()
    write_journal(jdir, post, TEXT, "ab" * 32)
    entry = read_journal(jdir, post)
    assert isinstance(entry, JournalEntry)
    assert entry.text == TEXT  # CRLF, trailing spaces, Korean all exact
    assert entry.base_sha256 == "ab" * 32
    assert entry.post_path == str(post.resolve())
    assert before <= entry.saved_at <= time.time()


def test_new_post_without_base_and_odd_text(tmp_path):
    jdir = tmp_path / "journal"
    text = "half an emoji \ud83d and more"  # a lone surrogate from a bad paste
    write_journal(jdir, tmp_path / "new.md", text, None)
    entry = read_journal(jdir, tmp_path / "new.md")
    assert entry.text == text and entry.base_sha256 is None


def test_overwrite_keeps_latest(tmp_path):
    jdir = tmp_path / "journal"
    post = tmp_path / "post.md"
    write_journal(jdir, post, "first", None)
    write_journal(jdir, post, "second", None)
    assert read_journal(jdir, post).text == "second"
    assert [p.name for p in jdir.iterdir()] == [journal_path(jdir, post).name]


def test_keyed_per_post(tmp_path):
    jdir = tmp_path / "journal"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = tmp_path / "a" / "post.md", tmp_path / "b" / "post.md"
    assert journal_path(jdir, one) != journal_path(jdir, two)
    assert journal_path(jdir, one).name.startswith("post-")
    write_journal(jdir, one, "one", None)
    write_journal(jdir, two, "two", None)
    assert read_journal(jdir, one).text == "one"
    assert read_journal(jdir, two).text == "two"
    assert read_journal(jdir, tmp_path / "other.md") is None


def test_same_post_via_relative_path_and_symlink(tmp_path, monkeypatch):
    jdir = tmp_path / "journal"
    post = tmp_path / "post.md"
    post.write_text("x")
    link = tmp_path / "link.md"
    link.symlink_to(post)
    monkeypatch.chdir(tmp_path)
    write_journal(jdir, "post.md", "draft", None)
    assert read_journal(jdir, post).text == "draft"
    assert read_journal(jdir, link).text == "draft"


def test_corrupt_journal_ignored(tmp_path):
    jdir = tmp_path / "journal"
    post = tmp_path / "post.md"
    write_journal(jdir, post, "draft", None)
    jp = journal_path(jdir, post)
    for junk in (b"", b"{not json", b"\xff\xfe\x00", b"[1, 2]", b'{"text": "x"}',
                 json.dumps({"post_path": str(post.resolve()), "text": 5,
                             "base_sha256": None, "saved_at": 1}).encode()):
        jp.write_bytes(junk)
        assert read_journal(jdir, post) is None, junk


def test_journal_of_another_post_not_restored(tmp_path):
    jdir = tmp_path / "journal"
    post, other = tmp_path / "post.md", tmp_path / "other.md"
    write_journal(jdir, other, "other's words", None)
    # A journal copied (or hash-collided) onto this post's name must not leak in.
    journal_path(jdir, post).parent.mkdir(exist_ok=True)
    os.replace(journal_path(jdir, other), journal_path(jdir, post))
    assert read_journal(jdir, post) is None


def test_missing_journal_dir_is_none(tmp_path):
    assert read_journal(tmp_path / "nowhere", tmp_path / "post.md") is None


def test_discard_removes(tmp_path):
    jdir = tmp_path / "journal"
    post = tmp_path / "post.md"
    write_journal(jdir, post, "draft", None)
    discard_journal(jdir, post)
    assert read_journal(jdir, post) is None
    assert not journal_path(jdir, post).exists()
    discard_journal(jdir, post)  # twice is fine


def test_journal_dir_is_private(tmp_path):
    jdir = tmp_path / "deep" / "journal"
    write_journal(jdir, tmp_path / "post.md", "unpublished news", None)
    assert stat.S_IMODE(jdir.stat().st_mode) == 0o700
    assert [p for p in jdir.iterdir() if ".ndtmp-" in p.name] == []


def _record(post, **fields):
    record = {"version": 1, "post_path": str(post.resolve()), "text": "초안 draft",
              "base_sha256": None, "saved_at": 1_700_000_000.0}
    record.update(fields)
    return json.dumps(record).encode()


def test_journal_is_private_and_its_directory_tightened(tmp_path):
    old = os.umask(0o022)
    try:
        jdir = tmp_path / "journal"
        jdir.mkdir(mode=0o755)
        os.chmod(jdir, 0o755)  # as an older version left it
        write_journal(jdir, tmp_path / "post.md", "미공개 뉴스", None)
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(jdir).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(journal_path(jdir, tmp_path / "post.md")).st_mode) == 0o600


def test_symlinked_journal_is_replaced_not_written_through(tmp_path):
    jdir = tmp_path / "journal"
    jdir.mkdir(mode=0o700)
    post, victim = tmp_path / "post.md", tmp_path / "victim.txt"
    victim.write_text("someone else's file\n")
    journal_path(jdir, post).symlink_to(victim)
    warned = []
    assert read_journal(jdir, post, warn=warned.append) is None  # O_NOFOLLOW
    assert len(warned) == 1 and "ignored" in warned[0]
    write_journal(jdir, post, "draft", None)
    assert victim.read_text() == "someone else's file\n"
    assert not journal_path(jdir, post).is_symlink()
    assert read_journal(jdir, post).text == "draft"


def test_fifo_and_dev_zero_journals_are_skipped_at_once(tmp_path):
    jdir = tmp_path / "journal"
    jdir.mkdir(mode=0o700)
    post = tmp_path / "post.md"
    path = journal_path(jdir, post)
    os.mkfifo(path)  # reading it would block until a writer came
    warned = []
    start = time.monotonic()
    assert read_journal(jdir, post, warn=warned.append) is None
    path.unlink()
    path.symlink_to("/dev/zero")  # reading it would never end
    assert read_journal(jdir, post, warn=warned.append) is None
    assert time.monotonic() - start < 1
    assert len(warned) == 2 and "not a regular file" in warned[0]


def test_bad_fields_mean_no_journal_with_one_warning(tmp_path):
    jdir = tmp_path / "journal"
    post = tmp_path / "post.md"
    write_journal(jdir, post, "draft", None)
    path = journal_path(jdir, post)
    for bad in (_record(post, saved_at=1e300), _record(post, saved_at=float("nan")),
                _record(post, saved_at=float("-inf")), _record(post, saved_at="어제"),
                _record(post, saved_at=True), _record(post, saved_at=-5.0),
                _record(post, base_sha256=7), _record(post, text=None), b"[" * 100_000):
        path.write_bytes(bad)
        warned = []
        assert read_journal(jdir, post, warn=warned.append) is None, bad[:60]
        assert len(warned) == 1 and "\x1b" not in warned[0], bad[:60]
    path.write_bytes(_record(post))
    assert read_journal(jdir, post).saved_at == 1_700_000_000.0
