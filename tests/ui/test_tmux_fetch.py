"""Fetch failures in a real terminal: a bracketed paste of a 404, a redirect and a redirect
loop; the marks, the palette's "use the redirect target" and "fetch every failed title
again", and the bytes saved; then `check` names the item still failing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.httpserver import LocalServer, Reply

from .conftest import copy_fixture
from .test_fetch_failures import redirect_to
from .test_tmux_e2e import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

PAGE = ("<html><head><meta charset='utf-8'><title>{}</title></head></html>")


def palette(tmux: Tmux, query: str) -> None:
    tmux.keys("C-p")
    time.sleep(0.5)
    tmux.run("send-keys", "-t", "fetch", "-l", query)
    time.sleep(0.8)
    tmux.keys("Enter")


def test_paste_failures_then_fix_them_from_the_palette(tmp_path, blog):
    post_path = copy_fixture("weekly-ko.md", blog)
    before = post_path.read_text(encoding="utf-8")
    routes = {"/missing": Reply(b"nope", status=404), "/old": redirect_to("/page", 302),
              "/page": Reply(PAGE.format("옮겨간 페이지").encode()),
              "/loop-a": redirect_to("/loop-b", 302), "/loop-b": redirect_to("/loop-a", 302)}
    script = Path(sys.executable).with_name("newsdigest-tui")
    xdg = {"XDG_CONFIG_HOME": f"{tmp_path}/config", "XDG_DATA_HOME": f"{tmp_path}/data",
           "XDG_STATE_HOME": f"{tmp_path}/state", "XDG_CACHE_HOME": f"{tmp_path}/cache"}
    env = " ".join(f"{k}={v}" for k, v in xdg.items())
    tmux = Tmux(f"nd-{uuid.uuid4().hex[:8]}", "fetch")
    with LocalServer(routes) as server:
        urls = [server.url(p) for p in ("/missing", "/old", "/loop-a")]
        try:
            tmux.run("new-session", "-d", "-s", "fetch", "-x", "120", "-y", "40",
                     f"env {env} {script} {post_path}; sleep 5")
            tmux.wait_for("작은 모델의 반격")
            tmux.run("set-buffer", "\n".join(urls))
            tmux.run("paste-buffer", "-p", "-t", "fetch")
            for row in ("✗  1 Missing", "↪  2 옮겨간 페이지", "✗  3 Loop a"):
                tmux.wait_for(row)
            tmux.wait_for("fetch failed: redirect loop")  # the pasted items' last is selected
            tmux.keys("Up")
            tmux.wait_for("redirects to")
            palette(tmux, "redirect target")
            tmux.wait_for("Link now")
            routes["/missing"] = Reply(PAGE.format("Back online").encode())
            palette(tmux, "every failed")
            tmux.wait_for("1 Back online")
            tmux.save_and_quit()
        finally:
            tmux.kill()
        text = post_path.read_text(encoding="utf-8")
        assert text == before.replace(
            "- [작은 모델의 반격]",
            "- [Back online](#back-online)\n- [옮겨간 페이지](#옮겨간-페이지)\n- [Loop a](#loop-a)\n"
            "- [작은 모델의 반격]").replace(
            "### 작은 모델의 반격",
            f"### Back online\n\n[참고링크]({urls[0]})\n\n### 옮겨간 페이지\n\n[참고링크]({server.url('/page')})\n\n"
            f"### Loop a\n\n[참고링크]({urls[2]})\n\n### 작은 모델의 반격")
        done = subprocess.run([str(script), "check", str(post_path)], capture_output=True, text=True,
                              env={**os.environ, **xdg}, timeout=60)
        assert done.stderr == f"{post_path}: fetch failed for 'Loop a': redirect loop ({urls[2]})\n"
        assert done.returncode == 0
