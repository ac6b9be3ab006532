"""Saves racing other writers: no line a shell appends while `fix` or a save runs is lost,
and our own writers (fix, the editor, add) serialize on the post's lock."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from tui.digest.post import ParseOptions
from tui.digest.postfile import fix_post
from tui.digest.regen import SaveRules
from tui.digest.store import save_post

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
