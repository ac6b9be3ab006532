"""A failed title fetch stays on its item, can be fetched again, and a redirect's target
can replace the link; descriptions survive a restart."""

from __future__ import annotations

from textual import events

from tests.httpserver import LocalServer, Reply
from tests.ui.conftest import make_app, rows, titles, until

PAGE = ("<html><head><meta charset='utf-8'><title>Moved page</title>"
        "<meta name='description' content='Where it lives now.'></head><body></body></html>").encode()


def redirect_to(path: str):
    def route(handler):
        handler.send_response(301)
        handler.send_header("Location", path)
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
            app.screen.action_use_redirect_target()
            await pilot.pause()
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
