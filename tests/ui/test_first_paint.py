"""What the first paint holds and what follows it: the list and the intro at once, the
front matter form right after (it is a third of the start-up's cost)."""

from __future__ import annotations

from textual.widgets import Input

from tui.widgets.post_form import PostForm

from .conftest import make_app, until


async def test_the_form_follows_the_first_paint(ko_post):
    app = make_app(ko_post)
    seen: dict[str, object] = {}

    class Probe(type(app)):
        def on_ready(self) -> None:  # runs before NewsDigestApp.on_ready (subclass first)
            screen = self.screen
            seen["forms"] = len(screen.query(PostForm))
            seen["rows"] = screen.item_list.option_count
            seen["intro"] = "봄이 오는 소리" in screen.editor.text
            seen["language"] = screen.editor.language
            seen["front read"] = not screen.post.front._unread  # noqa: SLF001
            seen["title"] = screen.title

    app.__class__ = Probe
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(app.screen.query("#form-title")) == 1)
        assert seen == {"forms": 0, "rows": 5, "intro": True, "language": None, "front read": False,
                        "title": "Weekly ML/DL News (3월 3주차)"}
        assert not app.screen.post.front._unread  # noqa: SLF001
        assert app.screen.query_one("#form-title", Input).value == "Weekly ML/DL News (3월 3주차)"
        # Highlighting follows the paint too.
        assert app.screen.editor.language == "markdown"
        await pilot.press("down")
        await pilot.pause()
        assert (0, 3, "heading.marker") in app.screen.editor._highlights[0]  # noqa: SLF001


async def test_a_post_opened_later_is_highlighted_at_once(ko_post, en_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_path(en_post)
        await until(pilot, lambda: app.screen.path == en_post and app.screen.is_mounted)
        assert app.screen.editor.language == "markdown"


async def test_an_item_selected_before_the_form_is_built_keeps_the_head_hidden(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        head = app.screen.query_one("#post-head")
        assert not head.display
        await pilot.press("up")
        await until(pilot, lambda: len(app.screen.query(PostForm)) == 1)
        assert head.display


async def test_keys_typed_before_the_highlighting_keep_their_place(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        editor = app.screen.editor
        editor.language = None  # as before the first paint was followed up
        await pilot.press("down", "enter", "ctrl+end")
        await pilot.press(*"xy")
        where = editor.selection
        assert where.end != (0, 0)
        editor.highlight()
        assert editor.language == "markdown" and editor.selection == where
        await pilot.press("z")
        assert editor.text.rstrip().endswith("xyz")
