"""Pasting URLs onto the list, page titles fetched from a local server, duplicate marks,
and ctrl+v when no system clipboard is reachable."""

from __future__ import annotations


from textual import events

from tests.httpserver import LocalServer, Reply, silent
from tests.ui.conftest import copy_fixture, make_app, rows, titles, until


async def paste(app, pilot, text: str) -> None:
    app.post_message(events.Paste(text))  # the app routes it to the focused widget
    await pilot.pause()


async def test_paste_url_creates_item_after_selection(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        await paste(app, pilot, "https://news.example.com/2024/new-transformer-tricks?utm_source=x&id=7")
        assert titles(app)[:2] == ["작은 모델의 반격", "New transformer tricks"]
        assert app.screen.item_list.highlighted == 2
        assert app.screen.editor.text == (
            "### New transformer tricks\n\n[참고링크](https://news.example.com/2024/new-transformer-tricks?id=7)\n\n"
        )
        assert rows(app)[2].split()[-1] == "news.example.com"
        await pilot.press("enter", "ctrl+end", *"Worth a read.", "ctrl+s")
        await pilot.pause()
    text = ko_post.read_text(encoding="utf-8")
    assert ("### New transformer tricks\n\n[참고링크](https://news.example.com/2024/new-transformer-tricks?id=7)"
            "\n\nWorth a read.\n\n### 벡터 검색 입문\n") in text
    assert "- [작은 모델의 반격](#작은-모델의-반격)\n- [New transformer tricks](#new-transformer-tricks)\n" in text


async def test_paste_several_urls_as_tmux_sends_them(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(app, pilot, "https://a.example.com/first-post\rhttps://b.example.com/second-post\r")
        assert titles(app)[:2] == ["First post", "Second post"]
        assert app.screen.item_list.highlighted == 2


async def test_paste_into_editor_stays_text(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end")
        await paste(app, pilot, "https://example.com/in-text")
        assert len(titles(app)) == 4
        assert app.screen.editor.text.endswith("https://example.com/in-text")


async def test_non_url_paste_on_list_adds_nothing(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(app, pilot, "just some words")
        assert len(titles(app)) == 4
        assert any("Only URLs" in n.message for n in app._notifications)


async def test_undo_paste(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(app, pilot, "https://example.com/gone-soon")
        assert len(titles(app)) == 5
        await pilot.press("u")
        assert len(titles(app)) == 4


async def test_duplicate_in_recent_post_is_marked(blog):
    older = copy_fixture("weekly-en.md", blog)
    post = copy_fixture("weekly-ko.md", blog)
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.screen.dup_index is not None)  # built in a thread at start
        await paste(app, pilot, "http://www.example.com/terminal-apps/?utm_medium=mail")
        notes = [n.message for n in app._notifications]
        assert any("already in" in m and "week 10" in m for m in notes), notes
        assert rows(app)[1].startswith("!")
        assert not rows(app)[2].startswith("!")
    assert older.exists()


async def test_duplicate_within_post_is_skipped_and_a_typed_one_marked_live(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(app, pilot, "https://example.org/small-models")
        assert len(titles(app)) == 4
        assert any(n.message.startswith("Skipped 1 URL") for n in app._notifications)
        # The second item's link edited into the first's: both marked as the keys go in.
        await pilot.press("down", "down", "enter", "up", "up", "end", "left")
        await pilot.press(*["backspace"] * len("blog.example.com/vector-search-101"), *"example.org/small-models")
        assert rows(app)[1].startswith("!") and rows(app)[2].startswith("!")
        await pilot.press("ctrl+z")
        await until(pilot, lambda: not rows(app)[1].startswith("!"))


PAGE = ("<html><head><meta charset='utf-8'><title>A page title &amp; more</title>"
        "<meta property='og:description' content='What the page is about.'></head><body></body></html>")


async def test_fetched_title_replaces_provisional(ko_post):
    with LocalServer({"/article": Reply(PAGE.encode())}) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await paste(app, pilot, server.url("/article"))
            for _ in range(40):
                await pilot.pause(0.1)
                if titles(app)[0] != "Article":
                    break
            assert titles(app)[0] == "A page title & more"
            assert app.screen.editor.text.startswith("### A page title & more\n\n[참고링크](")
            await pilot.press("f4")
            assert app.screen.editor.text.endswith("\n\nWhat the page is about.\n")


async def test_users_title_wins_over_late_fetch(ko_post):
    import threading

    release = threading.Event()

    def late(handler):
        release.wait(5)  # answers only once the user has typed their own title
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        handler.wfile.write(PAGE.encode())

    with LocalServer({"/late": late}) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=4.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await paste(app, pilot, server.url("/late"))
            await pilot.press("enter", "end", *" mine")
            assert titles(app)[0] == "Late mine"
            release.set()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert titles(app)[0] == "Late mine"
            await pilot.press("f4")
            assert app.screen.editor.text.endswith("What the page is about.\n")


async def test_ui_responds_while_fetch_is_pending(ko_post):
    with LocalServer({"/hang": silent(6.0)}) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await paste(app, pilot, server.url("/hang"))
            await pilot.press("down", "alt+up", "up")
            # The keys were handled while the fetch was still waiting on the server: had the
            # fetch blocked the UI, they would only have run once it finished.
            assert titles(app)[0] == "작은 모델의 반격"
            assert any(w.group == "fetch" and w.is_running for w in app.workers)
            await until(pilot, lambda: any("No page title" in n.message for n in app._notifications))


async def test_ctrl_v_without_clipboard_says_what_to_install(ko_post, monkeypatch):
    import pyperclip

    def broken():
        raise pyperclip.PyperclipException("no clipboard mechanism")

    monkeypatch.setattr(pyperclip, "paste", broken)
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+v")
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert any("xclip" in m and "wl-clipboard" in m and "paste key" in m for m in notes), notes
        assert len(titles(app)) == 4


async def test_ctrl_v_with_empty_clipboard(ko_post, monkeypatch):
    import pyperclip

    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+v")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("empty" in n.message for n in app._notifications)
        assert len(titles(app)) == 4


async def test_mixed_text_paste_skips_repeats_and_urls_already_in_the_post(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await paste(app, pilot, (
            "오늘 본 글: https://fresh.example.com/one-thing <https://fresh.example.com/one-thing>\r"
            "[또 하나](https://fresh.example.com/two-things) 그리고 https://example.org/small-models?utm_source=x.\r"
        ))
        assert titles(app) == ["One thing", "Two things", "작은 모델의 반격", "벡터 검색 입문",
                               "Jupyter 단축키 모음", "강화학습 강의 공개"]
        skipped = [n.message for n in app._notifications if n.message.startswith("Skipped")]
        assert skipped == ["Skipped 2 URL(s) already in the post or repeated in the paste:\n"
                           "https://fresh.example.com/one-thing\nhttps://example.org/small-models"]
        await paste(app, pilot, "https://fresh.example.com/two-things")
        assert len(titles(app)) == 6  # nothing new: no item, one more message
