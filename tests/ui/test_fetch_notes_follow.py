"""A fetch note follows what it is about: a PDF's "no title" goes once the author names the
item (a dead link's mark does not), and the notes follow the post when it is renamed."""

from __future__ import annotations

import subprocess
import sys

from textual import events

from tests.httpserver import LocalServer, Reply
from tests.ui.conftest import make_app, rows, titles, until
from tests.ui.test_date_rename import edit_date

CLI = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "check"]


def check(post) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, str(post)], capture_output=True, text=True, timeout=60)


async def test_naming_a_pdf_item_clears_its_mark_but_not_a_dead_links(ko_post):
    routes = {"/paper.pdf": Reply(b"%PDF-1.7", content_type="application/pdf"),
              "/dead-story": Reply(b"gone", status=404)}
    with LocalServer(routes) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            app.post_message(events.Paste(f"{server.url('/paper.pdf')}\n{server.url('/dead-story')}"))
            await until(pilot, lambda: [row[0] for row in rows(app)[1:3]] == ["✗", "✗"])
            assert titles(app)[:2] == ["Paper.pdf", "Dead story"]
            await pilot.press("up")  # the PDF's row
            assert "fetch failed: not a web page (application/pdf)" in str(app.screen.editor.border_subtitle)
            # Its heading typed over: nothing is left to fetch.
            await pilot.press("enter", "ctrl+home", "shift+end", *"### 논문 PDF")
            await until(pilot, lambda: rows(app)[1][0] == " ")
            assert "fetch failed" not in str(app.screen.editor.border_subtitle)
            await pilot.press("escape", "down", "enter", "ctrl+home", "shift+end", *"### 사라진 글")
            await pilot.pause()
            assert rows(app)[2][0] == "✗"  # the link is still dead, whatever its heading
            await pilot.press("ctrl+s")
            await pilot.pause()
        text = ko_post.read_text(encoding="utf-8")
        assert f"### 논문 PDF\n\n[참고링크]({server.url('/paper.pdf')})\n\n### 사라진 글\n\n" in text
        assert check(ko_post).stderr == (
            f"{ko_post}: fetch failed for '사라진 글': HTTP 404 ({server.url('/dead-story')})\n")


async def test_the_notes_follow_a_renamed_post(ko_post):
    with LocalServer({"/dead-story": Reply(b"gone", status=404)}) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            app.post_message(events.Paste(server.url("/dead-story")))
            await until(pilot, lambda: rows(app)[1][0] == "✗")
            await pilot.press("up")
            await edit_date(pilot, "2024.03.16 12:00:00")
            await until(pilot, lambda: type(app.screen).__name__ == "ConfirmRename")
            await pilot.press("r")
            await pilot.pause()
            await pilot.press("ctrl+s")
            await pilot.pause()
        target = ko_post.with_name("weekly-ml-dl-news-2024-03-w4.md")
        assert target.exists() and not ko_post.exists()
        app = make_app(target)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: rows(app)[1][0] == "✗")
        assert check(target).stderr == (
            f"{target}: fetch failed for 'Dead story': HTTP 404 ({server.url('/dead-story')})\n")
