"""`add` fetches titles as the editor does: its failures and descriptions are kept on the
items too, for the editor open on the post (merged from the disk) and for `check`."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from tests.httpserver import LocalServer, Reply
from tests.ui.conftest import make_app, rows, titles, until

CLI = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())"]
PAGE = ("<html><head><meta charset='utf-8'><title>경량 모델 정리</title>"
        "<meta name='description' content='작은 모델을 고르는 법.'></head></html>").encode()


def add(post, *urls: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "add", "--post", str(post), *urls], capture_output=True, text=True, timeout=60)


async def test_add_into_the_open_editor_keeps_its_404_and_description(ko_post):
    with LocalServer({"/small": Reply(PAGE), "/gone-story": Reply(b"gone", status=404)}) as server:
        app = make_app(ko_post)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.screen
            result = await asyncio.to_thread(add, ko_post, server.url("/small"), server.url("/gone-story"))
            assert result.returncode == 0, result.stderr
            assert "added without title: HTTP 404" in result.stdout
            screen.check_disk()  # what the two-second poll does
            await until(pilot, lambda: titles(app)[-2:] == ["경량 모델 정리", "Gone story"])
            await until(pilot, lambda: rows(app)[-1].startswith("✗"))
            assert rows(app)[-2].startswith(" ")
            await pilot.press("end")
            assert "fetch failed: HTTP 404" in str(screen.editor.border_subtitle)
            await pilot.press("up", "enter", "f4", "ctrl+s")
            await pilot.pause()
        text = ko_post.read_text(encoding="utf-8")
        assert text.endswith(
            f"### 경량 모델 정리\n\n[참고링크]({server.url('/small')})\n\n작은 모델을 고르는 법.\n\n"
            f"### Gone story\n\n[참고링크]({server.url('/gone-story')})\n")
        done = subprocess.run([*CLI, "check", str(ko_post)], capture_output=True, text=True, timeout=60)
        assert done.stderr == f"{ko_post}: fetch failed for 'Gone story': HTTP 404 ({server.url('/gone-story')})\n"
        assert done.returncode == 0
