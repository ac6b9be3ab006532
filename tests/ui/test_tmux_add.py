"""`add` from a shell while the editor runs in tmux with unsaved edits in another item:
the editor takes the new item in without a dialog, and its save keeps both."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tui.digest.post import Post

from .conftest import copy_fixture
from .test_tmux_e2e import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WORDS = "tmux에서 쓰던 문장."


def test_add_while_the_editor_holds_unsaved_edits(tmp_path, blog):
    post_path = copy_fixture("weekly-ko.md", blog)
    original = Post.parse(post_path.read_text(encoding="utf-8"))
    config = tmp_path / "config.toml"
    config.write_text("fetch_titles = false\n", encoding="utf-8")
    script = Path(sys.executable).with_name("newsdigest-tui")
    xdg = {"XDG_CONFIG_HOME": f"{tmp_path}/config", "XDG_DATA_HOME": f"{tmp_path}/data",
           "XDG_STATE_HOME": f"{tmp_path}/state", "XDG_CACHE_HOME": f"{tmp_path}/cache"}
    env = " ".join(f"{k}={v}" for k, v in xdg.items())
    tmux = Tmux(f"nd-{uuid.uuid4().hex[:8]}", "add")
    try:
        tmux.run("new-session", "-d", "-s", "add", "-x", "120", "-y", "40",
                 f"env {env} {script} --config {config} {post_path}; sleep 5")
        tmux.wait_for(original.items[0].title[:6])
        tmux.keys("Down", "Down", "Enter", "C-End")
        tmux.run("send-keys", "-t", "add", "-l", WORDS)
        tmux.wait_for("unsaved")
        added = subprocess.run(
            [str(script), "add", "--config", str(config), "--post", str(post_path), "--no-fetch",
             "--note", "셸에서 추가", "https://news.example.com/added-from-shell?utm_medium=x"],
            capture_output=True, text=True, env={**os.environ, **xdg}, timeout=60)
        assert added.returncode == 0, added.stderr
        screen = tmux.wait_for("inbox 1")  # the two-second disk check merged it in
        assert "Added from shell" in screen
        tmux.save_and_quit()
    finally:
        tmux.kill()
    post = Post.parse(post_path.read_text(encoding="utf-8"))
    assert [b.title for b in post.items] == [b.title for b in original.items] + ["Added from shell"]
    assert post.items[1].content == original.items[1].content + "\n" + WORDS + "\n"
    assert post.items[-1].content == (
        "### Added from shell\n\n<!-- newsdigest-tui: title not fetched yet -->\n\n"
        "[참고링크](https://news.example.com/added-from-shell)\n\n셸에서 추가\n")
    for before, after in zip(original.items[2:], post.items[2:]):
        assert after.content == before.content
