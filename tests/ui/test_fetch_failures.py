"""A failed title fetch stays on its item, can be fetched again, and a redirect's target
can replace the link; descriptions survive a restart."""

from __future__ import annotations

from textual import events

from tests.httpserver import LocalServer, Reply
from tests.ui.conftest import make_app, rows, titles, until

PAGE = ("<html><head><meta charset='utf-8'><title>Moved page</title>"
        "<meta name='description' content='Where it lives now.'></head><body></body></html>").encode()


def redirect_to(path: str, status: int = 301):
    def route(handler):
        handler.send_response(status)
        handler.send_header("Location", path)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return route


async def paste(app, pilot, text: str) -> None:
    app.post_message(events.Paste(text))
    await pilot.pause()


async def test_404_is_kept_on_the_item_and_fetched_again_when_fixed(ko_post):
    routes = {"/later": Reply(b"gone", status=404)}
    with LocalServer(routes) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await paste(app, pilot, server.url("/later"))
            await until(pilot, lambda: "fetch failed" in str(app.screen.editor.border_subtitle))
            assert "HTTP 404" in str(app.screen.editor.border_subtitle)
            assert rows(app)[1].startswith("✗")
            routes["/later"] = Reply(PAGE)  # the page is up now
            app.screen.action_refetch_failed()
            await until(pilot, lambda: titles(app)[0] == "Moved page")
            assert "fetch failed" not in str(app.screen.editor.border_subtitle)
            assert not rows(app)[1].startswith("✗")


async def test_redirect_target_replaces_the_link_and_description_survives_restart(ko_post):
    with LocalServer({"/old": redirect_to("/new"), "/new": Reply(PAGE)}) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await paste(app, pilot, server.url("/old"))
            await until(pilot, lambda: titles(app)[0] == "Moved page")
            assert rows(app)[1].startswith("↪")
            assert f"redirects to {server.url('/new')}" in str(app.screen.editor.border_subtitle)
            app.screen.action_use_redirect_target()
            await pilot.pause()
            assert rows(app)[1].startswith(" ")
            await pilot.press("ctrl+s")
            await pilot.pause()
        text = ko_post.read_text(encoding="utf-8")
        assert f"[참고링크]({server.url('/new')})" in text
        assert server.url("/old") not in text
        # Again, after a restart: the redirect's description is still there for F4.
        app = make_app(ko_post)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("down", "enter", "f4")
            assert app.screen.editor.text.rstrip().endswith("Where it lives now.")
            await pilot.press("ctrl+s")
            await pilot.pause()
        after = ko_post.read_text(encoding="utf-8")
        assert after == text.replace(f"[참고링크]({server.url('/new')})\n",
                                     f"[참고링크]({server.url('/new')})\n\nWhere it lives now.\n", 1)


# -- each action, ending with the bytes on disk ----------------------------------------------

POST = """---
title: Weekly ML/DL News (3월 3주차)
date: 2024.03.09 12:00:00
---

이번 주 읽을거리.

## 목차

- [Later](#later)
- [Broken](#broken)
- [항목 3](#항목-3)

### Later

[참고링크]({a})

### Broken

[참고링크]({b})

### 항목 3

[참고링크]({c})

직접 쓴 제목과 코멘트.
"""


def saved_post(blog, server) -> tuple:
    post = blog / "post.md"
    text = POST.format(a=server.url("/later"), b=server.url("/broken"), c=server.url("/gone"))
    post.write_text(text, encoding="utf-8")
    return post, text


async def palette(pilot, command: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*command)
    await pilot.pause(0.4)
    await pilot.press("enter")
    await pilot.pause()


def marked(app) -> list[str]:
    return [row[0] for row in rows(app)]


async def fetch_again(app, pilot, row: int, mark: str) -> None:
    """From the Post row, select item ``row``, fetch its page again and wait for its mark."""
    await pilot.press(*["down"] * row)
    await palette(pilot, "page title again")
    await until(pilot, lambda: marked(app)[row] == mark)


async def test_fetch_again_one_item_then_every_failed_item(blog):
    routes = {"/later": Reply(b"gone", status=404), "/broken": Reply(b"gone", status=404),
              "/gone": Reply(b"gone", status=410)}
    with LocalServer(routes) as server:
        post, text = saved_post(blog, server)
        app = make_app(post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(3):
                await pilot.press("down")
                await palette(pilot, "page title again")
            await until(pilot, lambda: marked(app)[1:4] == ["✗", "✗", "✗"])
            assert "fetch failed: HTTP 410" in str(app.screen.editor.border_subtitle)
            assert "Later" in rows(app)[1] and "항목 3" in rows(app)[3]
            # One page is back: fetching that item again takes its title and clears its mark.
            routes["/later"] = Reply(PAGE)
            await pilot.press("up", "up")
            await palette(pilot, "page title again")
            await until(pilot, lambda: titles(app)[0] == "Moved page")
            assert marked(app)[1:4] == [" ", "✗", "✗"]
            # Both others are back: one action fetches every failed one. "항목 3" is the
            # author's own heading, not the URL's placeholder: it stays.
            routes["/broken"] = Reply(PAGE.replace(b"Moved page", b"Fixed page"))
            routes["/gone"] = Reply(PAGE.replace(b"Moved page", b"Not this title"))
            await palette(pilot, "every failed")
            await until(pilot, lambda: marked(app)[1:4] == [" ", " ", " "])
            assert titles(app) == ["Moved page", "Fixed page", "항목 3"]
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert post.read_bytes() == (
        text.replace("### Later", "### Moved page").replace("- [Later](#later)", "- [Moved page](#moved-page)")
        .replace("### Broken", "### Fixed page").replace("- [Broken](#broken)", "- [Fixed page](#fixed-page)")
    ).encode()


async def test_a_redirect_loop_is_named_and_offers_no_target(blog):
    routes = {"/later": redirect_to("/broken", 302), "/broken": redirect_to("/later", 302), "/gone": Reply(PAGE)}
    with LocalServer(routes) as server:
        post, text = saved_post(blog, server)
        app = make_app(post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await fetch_again(app, pilot, 1, "✗")
            note = str(app.screen.editor.border_subtitle)
            assert "fetch failed: redirect loop" in note and "302" not in note
            await palette(pilot, "redirect target")
            assert any("No redirect known" in n.message for n in app._notifications)
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert post.read_bytes() == text.encode()  # nothing to save: the file is as it was


async def test_failure_survives_a_restart_and_check_names_it(blog):
    import subprocess
    import sys

    with LocalServer({"/later": Reply(PAGE), "/broken": Reply(PAGE), "/gone": Reply(b"gone", status=404)}) as server:
        post, text = saved_post(blog, server)
        app = make_app(post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await fetch_again(app, pilot, 3, "✗")
        app = make_app(post)  # a restart: nothing fetched this time
        async with app.run_test(size=(120, 40)) as pilot:
            await until(pilot, lambda: marked(app)[3] == "✗")
            await pilot.press("down", "down", "down")
            assert "fetch failed: HTTP 404" in str(app.screen.editor.border_subtitle)
        assert post.read_bytes() == text.encode()  # the failure lives beside the journal, not in the post
        cli = [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "check"]
        done = subprocess.run([*cli, str(post)], capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr  # the post is current; the failure is a warning
        assert f"{post}: fetch failed for '항목 3': HTTP 404 ({server.url('/gone')})\n" in done.stderr
        strict = subprocess.run([*cli, "--strict", str(post)], capture_output=True, text=True, timeout=60)
        assert strict.returncode == 1


async def test_a_target_that_looks_like_markup_is_shown_as_it_is(blog):
    odd = "/x[/y]"  # as markup, a closing tag that matches nothing: MarkupError on selecting the row
    with LocalServer({"/later": redirect_to(odd), odd: Reply(PAGE), "/broken": Reply(PAGE),
                      "/gone": Reply(PAGE)}) as server:
        post, text = saved_post(blog, server)
        app = make_app(post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            await fetch_again(app, pilot, 1, "↪")
            await pilot.press("up", "down")
            assert app.screen.editor.border_subtitle == f"redirects to {server.url(odd)}".replace("[", "\\[")
            await palette(pilot, "redirect target")
            await pilot.press("ctrl+s")
            await pilot.pause()
    assert post.read_bytes() == text.replace(f"]({server.url('/later')})", f"]({server.url(odd)})")\
        .replace("### Later", "### Moved page").replace("- [Later](#later)", "- [Moved page](#moved-page)").encode()
