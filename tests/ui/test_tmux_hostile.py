"""A hostile post in a real terminal: escape sequences in the front matter title, headings
and prose must be drawn as visible symbols, never obeyed (no retitled pane, no cleared
screen, no colour leaking), in the editor and in the whole preview (F5)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from .test_tmux_e2e import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

OSC_TITLE = "\x1b]0;pwned\x07"
OSC_TITLE_ST = "\x1b]2;owned\x1b\\"
CLEAR = "\x1b[2J"
RED = "\x1b[31m"
HOSTILE = (
    "---\n"
    f"title: Weekly ML/DL News (3월 2주차){OSC_TITLE_ST}\n"
    "date: 2024.03.09 12:00:00\n"
    "---\n"
    "\n"
    f"이번 주 소식{CLEAR}입니다. [bold red]markup[/] 아님.\n"
    "\n"
    "## 목차\n"
    "\n"
    "- [악성 제목](#악성-제목)\n"
    "\n"
    f"### 악성 제목{OSC_TITLE}{RED} 빨강\n"
    "\n"
    "[참고링크](https://example.org/a)\n"
    "\n"
    f"본문{CLEAR} 지우기{RED}빨강 bidi\u202etxt 끝.\n"
    "\n"
    f"### Second\x1b[5m blink\x9b0m\n"
    "\n"
    "English body\x07 with a bell.\n"
)


def pane_title(tmux: Tmux) -> str:
    return tmux.run("display", "-p", "-t", tmux.session, "#{pane_title}").strip()


def escapes(tmux: Tmux) -> str:
    return tmux.run("capture-pane", "-p", "-e", "-t", tmux.session)


RAW = ("\x1b[31m", "\x1b[5m", "\x1b[2J", "\x1b]")


def start(tmp_path, blog, name: str) -> tuple[Tmux, Path]:
    post_path = blog / "hostile.md"
    post_path.write_text(HOSTILE, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text("fetch_titles = false\n", encoding="utf-8")
    script = Path(sys.executable).with_name("newsdigest-tui")
    # pytest exports COLUMNS=80 LINES=24, which tmux hands on and Textual obeys over the
    # pane's real size: the app drew 80x24 in a 140x40 pane, cutting the rows this test reads.
    env = ("-u COLUMNS -u LINES "
           f"XDG_CONFIG_HOME={tmp_path}/config XDG_DATA_HOME={tmp_path}/data "
           f"XDG_STATE_HOME={tmp_path}/state XDG_CACHE_HOME={tmp_path}/cache")
    tmux = Tmux(f"nd-{uuid.uuid4().hex[:8]}", name)
    tmux.run("new-session", "-d", "-s", name, "-x", "140", "-y", "40",
             f"env {env} {script} --config {config} {post_path}; sleep 30")
    tmux.run("select-pane", "-t", name, "-T", "before")
    return tmux, post_path


def assert_nothing_obeyed(tmux: Tmux, where: str) -> None:
    assert pane_title(tmux) == "before", f"{where}: the pane was retitled"
    coloured = escapes(tmux)
    for raw in RAW:
        assert raw not in coloured, f"{where}: {raw!r} reached the pane"


def test_hostile_post_in_the_whole_preview(tmp_path, blog):
    tmux, post_path = start(tmp_path, blog, "preview")
    original = post_path.read_bytes()
    try:
        tmux.wait_for("alt+")
        time.sleep(1.0)
        # Whatever the editor screen drew, the whole preview is judged on its own.
        tmux.run("select-pane", "-t", "preview", "-T", "before")
        tmux.keys("F5")
        tmux.wait_for("esc Back")  # the whole preview's own keys
        time.sleep(2.0)
        screen = tmux.screen()
        assert "␛[2J" in screen and "␛[31m" in screen and "␛]0;pwned␇" in screen
        assert "[bold red]markup[/]" in screen
        assert_nothing_obeyed(tmux, "whole preview")
        tmux.keys("Escape", "C-q")
        time.sleep(1.0)
    finally:
        tmux.kill()
    assert post_path.read_bytes() == original  # looking changes nothing


def test_hostile_post_in_the_editor(tmp_path, blog):
    tmux, post_path = start(tmp_path, blog, "editor")
    try:
        tmux.wait_for("alt+")
        tmux.keys("Down")  # the first item: list row, editor and item preview all show it
        time.sleep(1.5)
        screen = tmux.screen()
        assert "␛]0;pwned␇" in screen and "빨강" in screen
        assert_nothing_obeyed(tmux, "editor")
        tmux.keys("C-q")
        time.sleep(1.0)
    finally:
        tmux.kill()
