"""Saves racing other writers: no line a shell appends while `fix` or a save runs is lost,
and our own writers (fix, the editor, add) serialize on the post's lock."""

from __future__ import annotations

import os
import stat
import subprocess
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from tui.digest.post import ParseOptions
from tui.digest.postfile import fix_post
from tui.digest.regen import SaveRules
from tui.cli import main
from tui.digest.errors import PostWriteError
from tui.digest.store import MAX_BYTES, save_post

STALE_TOC = "- [예전 항목](#예전-항목)\n"
POST = (
    "---\ntitle: 주간 뉴스\n---\n\n이번 주 소식입니다.\n\n## 목차\n\n" + STALE_TOC + "\n"
    "### 첫 번째 소식\n\n[참고링크](https://example.org/one)\n\n"
    "### Second story\n\n[Link](https://example.org/two)\n\nappended below:\n"
)


@pytest.fixture(autouse=True)
def _state(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))  # the locks, never the user's


def start_appender(post: Path) -> subprocess.Popen:
    # Bursts of 10 appends with a short rest, so the post stays small enough for 1,000 fixes.
    script = 'i=0; while :; do i=$((i+1)); echo "line$i" >> "$1"; ((i % 10)) || sleep 0.002; done'
    return subprocess.Popen(["bash", "-c", script, "appender", str(post)])


def stop(appender: subprocess.Popen) -> None:
    appender.terminate()  # bash dies between builtins: a line is written whole or not at all
    appender.wait()


def appended_lines(post: Path) -> list[str]:
    """Every appended line, by number: a line the shell wrote into the replaced file a moment
    after the rename is moved onto the new one, possibly after the line that followed it."""
    found = [line for line in post.read_text(encoding="utf-8").split("\n") if line.startswith("line")]
    return sorted(found, key=lambda line: int(line[4:]))


def make_stale(post: Path) -> None:
    # Our own writer undoes the TOC (as an author pasting an old list would), so every fix has work.
    def compute(loaded):
        head, sep, rest = loaded.text.partition("## 목차\n\n")
        toc, _, tail = rest.partition("\n\n")
        return (head + sep + STALE_TOC.rstrip("\n") + "\n\n" + tail).encode("utf-8")

    save_post(post, compute)


@pytest.mark.slow
def test_fix_racing_an_appender_loses_no_line(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    appender = start_appender(post)
    rules, options = SaveRules(), ParseOptions()
    fixes, changed, deadline = 0, 0, time.monotonic() + 20
    try:
        while fixes < 1000 and time.monotonic() < deadline:
            make_stale(post)
            changed += fix_post(post, options, rules, now=datetime(2024, 5, 4), write=True).changed
            fixes += 1
    finally:
        stop(appender)
    lines = appended_lines(post)
    count = int(lines[-1][4:])
    assert lines == [f"line{i}" for i in range(1, count + 1)], f"{count - len(lines)} lines lost"
    print(f"{fixes} fixes raced {count} appends")
    assert fixes >= 100 and changed == fixes
    fix_post(post, options, rules, now=datetime(2024, 5, 4), write=True)
    assert "- [첫 번째 소식](#첫-번째-소식)\n- [Second story](#second-story)\n" in post.read_text(encoding="utf-8")


def test_save_post_racing_an_appender_loses_no_line(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("flip A\n", encoding="utf-8")
    appender = start_appender(post)
    saves, deadline = 0, time.monotonic() + 10
    try:
        while saves < 1000 and time.monotonic() < deadline:
            save_post(post, lambda loaded: loaded.text.replace("flip A" if "flip A" in loaded.text else "flip B",
                                                              "flip B" if "flip A" in loaded.text else "flip A",
                                                              1).encode())
            saves += 1
    finally:
        stop(appender)
    lines = appended_lines(post)
    assert saves > 100 and len(lines) > 1000
    assert lines == [f"line{i}" for i in range(1, int(lines[-1][4:]) + 1)]


def flip(loaded):
    return loaded.text.replace("낡은", "새로운").encode("utf-8")


def test_read_only_post_is_refused_and_kept(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("## 낡은 제목\n", encoding="utf-8")
    post.chmod(0o444)
    with pytest.raises(PostWriteError, match="read-only"):
        save_post(post, flip)
    assert post.read_text(encoding="utf-8") == "## 낡은 제목\n"
    assert stat.S_IMODE(post.stat().st_mode) == 0o444


def test_hard_linked_post_stays_one_file(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("## 낡은 제목\nbody\n", encoding="utf-8")
    other = tmp_path / "linked.md"
    os.link(post, other)
    post.chmod(0o640)
    save_post(post, flip)
    assert other.read_text(encoding="utf-8") == "## 새로운 제목\nbody\n"
    assert os.path.samefile(post, other) and post.stat().st_nlink == 2
    assert stat.S_IMODE(post.stat().st_mode) == 0o640
    assert [n for n in os.listdir(tmp_path) if n.startswith(".")] == []  # the backup copy is gone


def test_growing_past_the_read_limit_is_refused(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("short\n", encoding="utf-8")
    with pytest.raises(PostWriteError, match="over the 20.0 MB"):
        save_post(post, lambda loaded: b"x" * (MAX_BYTES + 1))
    assert post.read_text(encoding="utf-8") == "short\n"


def test_fix_refuses_to_grow_a_post_past_the_read_limit(tmp_path, capsys):
    # Each item's TOC entry holds its heading twice (label and anchor): the fixed post would
    # be over the limit and would not open again.
    items = "".join(f"# {'가' * 300} {i}\n" for i in range(12_000))
    post = tmp_path / "post.md"
    post.write_text("# 목차\n\n" + items, encoding="utf-8")
    before = post.read_bytes()
    assert len(before) < MAX_BYTES
    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    assert main(["fix", str(post), "--config", str(config)]) == 2
    assert "over the 20.0 MB" in capsys.readouterr().err
    assert post.read_bytes() == before


def test_our_own_writers_take_turns(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("", encoding="utf-8")
    inside, overlaps = [], []

    def slow_append(loaded):
        inside.append(1)
        overlaps.append(len(inside))
        time.sleep(0.01)
        inside.pop()
        return (loaded.text + "줄\n").encode("utf-8")

    threads = [threading.Thread(target=save_post, args=(post, slow_append)) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert max(overlaps) == 1 and post.read_text(encoding="utf-8") == "줄\n" * 8
