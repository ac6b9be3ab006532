"""The editor in a real terminal (tmux), driven the way a user drives it.

Pilot tests run the app in-process; this one runs the installed console script in a
tmux pane, so key encodings (alt+up arrives as ESC + arrow), bracketed pastes and the
console script itself are exercised as a user's terminal would exercise them.
"""

from __future__ import annotations

import http.server
import shutil
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from tui.config import Settings, parse_options
from tui.digest.post import Post

from .conftest import copy_fixture

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

SENTENCE = "Typed in tmux at the end of the body."


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        body = "<html><head><title>페이지 제목 from tmux</title></head><body>x</body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def page_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/item?utm_source=feed"
    server.shutdown()


class Tmux:
    def __init__(self, socket: str, session: str):
        self.socket, self.session = socket, session

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:
            self.run("send-keys", "-t", self.session, key)
            time.sleep(0.15)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def save_and_quit(self) -> None:
        self.keys("C-s")
        self.wait_for("Saved")
        self.keys("C-q")
        time.sleep(1.0)

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)

    def wait_for(self, text: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared; screen:\n{self.screen()}")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_move_paste_type_save_quit_in_tmux(tmp_path, blog, page_url, size):
    post_path = copy_fixture("weekly-ko.md", blog)
    original = Post.parse(post_path.read_text(encoding="utf-8"))
    before = {b.title: b.content for b in original.items}
    script = Path(sys.executable).with_name("newsdigest-tui")
    env = f"-u COLUMNS -u LINES XDG_CONFIG_HOME={tmp_path}/config XDG_DATA_HOME={tmp_path}/data XDG_STATE_HOME={tmp_path}/state XDG_CACHE_HOME={tmp_path}/cache"
    tmux = Tmux(f"nd-{uuid.uuid4().hex[:8]}", "e2e")
    width, height = size
    tmux.run(
        "new-session", "-d", "-s", "e2e", "-x", str(width), "-y", str(height),
        f"env {env} {script} {post_path}; sleep 5",
    )
    try:
        tmux.wait_for(original.items[0].title[:6])
        # Post row, then items 1..3: the third item is three rows down.
        tmux.keys("Down", "Down", "Down", "M-Up", "M-Up")
        tmux.run("set-buffer", page_url)
        tmux.run("paste-buffer", "-p", "-t", "e2e")
        tmux.wait_for("페이지 제목")  # the fetched page title replaced the provisional one
        tmux.keys("Enter", "C-End", "Enter", "Enter")
        tmux.run("send-keys", "-t", "e2e", "-l", SENTENCE)
        time.sleep(0.3)
        tmux.save_and_quit()
    finally:
        tmux.kill()

    saved = post_path.read_text(encoding="utf-8")
    post = Post.parse(saved)
    titles = [b.title for b in post.items]
    moved = original.items[2].title
    assert titles[0] == moved
    assert titles[1] == "페이지 제목 from tmux"
    new_item = post.items[1].content
    tidy = page_url.replace("?utm_source=feed", "")
    assert f"[참고링크]({tidy})" in new_item
    assert new_item.rstrip("\n").endswith(SENTENCE)
    # Every other item kept its bytes, and the TOC follows the headings.
    for block in post.items:
        if block.title in before:
            assert block.content == before[block.title]
    settings = Settings()
    from tui.config import save_rules
    from tui.digest.regen import regenerate
    from datetime import datetime

    reparsed = Post.parse(saved, options=parse_options(settings))
    assert regenerate(reparsed, save_rules(settings), datetime.now()).text == saved


def test_killed_app_offers_its_autosave_and_recovers_the_exact_text(tmp_path, blog):
    """kill -9 after typing: the next start offers the journal, and recovering saves those words."""
    post_path = copy_fixture("weekly-ko.md", blog)
    original = post_path.read_bytes()
    config = tmp_path / "config.toml"
    config.write_text("autosave_seconds = 0.5\nfetch_titles = false\n", encoding="utf-8")
    script = Path(sys.executable).with_name("newsdigest-tui")
    env = f"-u COLUMNS -u LINES XDG_CONFIG_HOME={tmp_path}/config XDG_DATA_HOME={tmp_path}/data XDG_STATE_HOME={tmp_path}/state XDG_CACHE_HOME={tmp_path}/cache"
    command = f"env {env} {script} --config {config} {post_path}"
    words = "밤새 쓴 코멘트 — never lose this."
    tmux = Tmux(f"nd-{uuid.uuid4().hex[:8]}", "crash")
    try:
        tmux.run("new-session", "-d", "-s", "crash", "-x", "120", "-y", "40", f"{command}; sleep 30")
        tmux.wait_for("Post")
        tmux.keys("Down", "Enter", "C-End")
        tmux.run("send-keys", "-t", "crash", "-l", words)
        time.sleep(2.0)  # a few autosave periods
        assert post_path.read_bytes() == original  # nothing saved yet
        # The python process only: tmux's own server carries the same words in its argv.
        subprocess.run(["pkill", "-KILL", "-f", f"python[0-9.]* .*newsdigest-tui --config {config}"], check=True)
        time.sleep(0.5)
        assert post_path.read_bytes() == original
        tmux.run("new-window", "-t", "crash", f"{command}; sleep 30")
        tmux.wait_for("Recover")
        tmux.keys("r")
        time.sleep(0.5)
        tmux.save_and_quit()
    finally:
        tmux.kill()
    saved = post_path.read_text(encoding="utf-8")
    # The rest of the file is what it was: only the first item grew by the typed words.
    before = Post.parse(original.decode())
    after = Post.parse(saved)
    assert after.items[0].content == before.items[0].content + "\n" + words + "\n"
    assert [b.content for b in after.blocks if b is not after.items[0]] == [
        b.content for b in before.blocks if b is not before.items[0]
    ]
    assert not list((tmp_path / "data").rglob("*.json")), "a clean save removes the journal"
