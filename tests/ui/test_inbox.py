"""`add` writing to the post the editor holds: merged without a dialog, counted in the
title line, reachable with f3; items added with --no-fetch get their titles on open."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from tests.httpserver import LocalServer, Reply
from tests.ui.conftest import make_app, titles, until
from tui.screens.editor import EditorScreen


def add(post, *urls: str, note: str | None = None) -> subprocess.CompletedProcess:
    args = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())",
            "add", "--post", str(post), "--no-fetch", *urls]
    if note:
        args += ["--note", note]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


async def test_add_during_unsaved_edits_then_save_keeps_both_without_a_dialog(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "enter", "ctrl+end", *"편집 중인 문장.")
        screen = app.screen
        result = await asyncio.to_thread(add, ko_post, "https://news.example.com/graph-neural-nets",
                                         note="주말에 읽기")
        assert result.returncode == 0, result.stderr
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen  # no conflict dialog
        assert titles(app)[-1] == "Graph neural nets"
        assert "inbox 1" in screen.sub_title
        assert screen.editor.text.endswith("편집 중인 문장.")
    text = ko_post.read_text(encoding="utf-8")
    assert "추천.\n\n편집 중인 문장.\n\n### Jupyter" in text
    assert text.endswith(
        "좋을듯.\n\n### Graph neural nets\n\n<!-- newsdigest-tui: title not fetched yet -->\n\n"
        "[참고링크](https://news.example.com/graph-neural-nets)\n\n주말에 읽기\n")
    assert "- [강화학습 강의 공개](#강화학습-강의-공개)\n- [Graph neural nets](#graph-neural-nets)\n" in text


async def test_items_arriving_are_counted_and_f3_jumps_to_them(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"고침")
        screen = app.screen
        assert add(ko_post, "https://a.example.com/first-new", "https://b.example.com/second-new").returncode == 0
        screen.check_disk()  # what the two-second poll does
        await pilot.pause()
        assert app.screen is screen
        assert titles(app)[-2:] == ["First new", "Second new"]
        assert "inbox 2" in screen.sub_title and "unsaved" in screen.sub_title
        assert screen.editor.text.endswith("실험 결과.\n\n고침")  # the open item stays open
        await pilot.press("f3")
        assert screen.current.title == "First new"
        await pilot.press("f3")
        assert screen.current.title == "Second new"
        assert screen.item_list.marks[screen.current.uid] == "title not fetched yet"


async def test_the_same_item_changed_on_disk_still_asks(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", *"여기 ")
        text = ko_post.read_text(encoding="utf-8")
        ko_post.write_text(text.replace("실험 결과.", "실험 결과 (디스크에서 고침)."), encoding="utf-8")
        app.screen.check_disk()
        await pilot.pause()
        assert not isinstance(app.screen, EditorScreen)  # the conflict dialog


async def test_titles_left_by_no_fetch_are_fetched_when_the_post_opens(ko_post):
    pages = {"/gnn": Reply("<title>그래프 신경망 입문</title>".encode("utf-8"),
                           content_type="text/html; charset=utf-8")}
    with LocalServer(pages) as server:
        assert add(ko_post, server.url("/gnn")).returncode == 0
        app = make_app(ko_post, fetch_titles=True)
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: titles(app)[-1] == "그래프 신경망 입문")
            await pilot.press("ctrl+s")
            await pilot.pause()
    text = ko_post.read_text(encoding="utf-8")
    assert text.endswith(f"### 그래프 신경망 입문\n\n[참고링크]({server.url('/gnn')})\n")
    assert "- [그래프 신경망 입문](#그래프-신경망-입문)\n" in text
