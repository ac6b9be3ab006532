"""What a fetch learnt about a post's pages is kept beside its journal, as privately, and read
back only when it is a sane regular file: the editor's start and `check` both read it."""

from __future__ import annotations

import json
import os
import stat
import time

from tui.digest.fetch import PageInfo
from tui.digest.page_notes import fetch_failures, note_of_fetch, notes_path, read_notes, write_notes
from tui.digest.post import Post

URL = "https://example.org/gone"


def test_round_trip_is_private_and_keeps_korean(tmp_path):
    jdir, post = tmp_path / "journal", tmp_path / "post.md"
    notes = {URL: {"failed": "HTTP 404"}, "https://example.org/ok": {"description": "한국어 설명."}}
    write_notes(jdir, post, notes)
    assert read_notes(jdir, post) == notes
    assert stat.S_IMODE(os.stat(notes_path(jdir, post)).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(jdir).st_mode) == 0o700


def test_symlink_at_the_notes_path_is_replaced_not_written_through(tmp_path):
    jdir, post = tmp_path / "journal", tmp_path / "post.md"
    jdir.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("mine", encoding="utf-8")
    notes_path(jdir, post).symlink_to(victim)
    assert read_notes(jdir, post) == {}  # a symlink is not read either
    write_notes(jdir, post, {URL: {"failed": "HTTP 404"}})
    assert victim.read_text(encoding="utf-8") == "mine"
    assert read_notes(jdir, post) == {URL: {"failed": "HTTP 404"}}


def test_fifo_and_dev_zero_read_as_no_notes_at_once(tmp_path):
    jdir, post = tmp_path / "journal", tmp_path / "post.md"
    jdir.mkdir()
    path = notes_path(jdir, post)
    os.mkfifo(path)  # a plain read would wait for a writer forever
    started = time.monotonic()
    assert read_notes(jdir, post) == {}
    path.unlink()
    path.symlink_to("/dev/zero")
    assert read_notes(jdir, post) == {}
    assert time.monotonic() - started < 1.0


def test_bad_fields_are_dropped_and_text_cleaned_again(tmp_path):
    jdir, post = tmp_path / "journal", tmp_path / "post.md"
    jdir.mkdir()
    notes_path(jdir, post).write_text(json.dumps({
        URL: {"failed": "HTTP 404\x1b[2J", "description": ["not", "text"], "final_url": "javascript:alert(1)"},
        "https://example.org/a": {"description": "설명\u202e 뒤집기", "extra": 1},
        "ftp://example.org/x": {"failed": "no"},
        "https://example.org/b": "not a note",
        "https://example.org/c\x1b]0;x\x07": {"failed": "HTTP 500"},
    }), encoding="utf-8")
    assert read_notes(jdir, post) == {
        URL: {"failed": "HTTP 404[2J"},
        "https://example.org/a": {"description": "설명 뒤집기"},
    }
    notes_path(jdir, post).write_text("[1, 2]", encoding="utf-8")
    assert read_notes(jdir, post) == {}


def test_note_of_fetch_offers_a_redirect_only_when_the_target_answered():
    moved = PageInfo(URL, "https://example.org/new", 200, "New", "설명", None)
    assert note_of_fetch(moved) == {"description": "설명", "final_url": "https://example.org/new"}
    loop = PageInfo(URL, "https://example.org/loop", 302, None, None, "redirect loop")
    assert note_of_fetch(loop) == {"failed": "redirect loop"}
    dead_end = PageInfo(URL, "https://example.org/new", 404, None, None, "HTTP 404")
    assert note_of_fetch(dead_end) == {"failed": "HTTP 404"}
    same = PageInfo(URL, URL + "#top", 200, "Same", None, None)
    assert note_of_fetch(same) == {}


def test_fetch_failures_name_the_items_whose_link_failed():
    post = Post.parse(
        "# 목차\n\n### 항목 1\n\n[참고링크](https://example.org/ok)\n\n"
        "### 항목 2\n\n본문의 [링크](https://example.org/gone)와 [또 하나](https://example.org/gone2).\n"
    )
    notes = {URL: {"failed": "HTTP 404"}, URL + "2": {"failed": "timed out after 4 s"},
             "https://example.org/ok": {"description": "fine"}}
    found = [(block.title, url, reason) for block, url, reason in fetch_failures(post.items, notes)]
    assert found == [("항목 2", URL, "HTTP 404")]
    assert fetch_failures(post.items, {"https://example.org/ok": {"description": "fine"}}) == []
