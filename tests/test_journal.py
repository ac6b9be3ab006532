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
