"""ctrl+s with the Post row selected: the front matter form stays as it is unless the save
changed what it shows (rebuilding it cost ~50 ms a save and lost a field's cursor)."""

from __future__ import annotations

from textual.widgets import Input

from tests.ui.conftest import make_app, until


async def open_post_row(pilot, app):
    await until(pilot, lambda: len(app.screen.query(".post-form")) == 1)
    return app.screen.query_one(".post-form")


async def test_a_save_that_leaves_the_form_fields_alone_keeps_the_form(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_post_row(pilot, app)
        title = form.query_one("#form-title", Input)
        title.focus()
        await pilot.press("end")
        await pilot.pause()
        cursor = title.cursor_position
        app.screen.editor.focus()
        await pilot.press("ctrl+end", "x", "y")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "xy" in ko_post.read_text(encoding="utf-8"))
        await pilot.pause()
        assert app.screen.query_one(".post-form") is form  # not rebuilt
        assert form.front is app.screen.post.front  # and it holds the saved front matter
        assert title.value == "Weekly ML/DL News (3월 3주차)" and title.cursor_position == cursor


async def test_a_save_that_retitles_the_post_shows_the_new_title(ko_post):
    # A title in the template's form but for another week: the save writes this week's.
    text = ko_post.read_text(encoding="utf-8").replace("(3월 3주차)", "(3월 1주차)", 1)
    ko_post.write_text(text, encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        form = await open_post_row(pilot, app)
        assert form.query_one("#form-title", Input).value == "Weekly ML/DL News (3월 1주차)"
        app.screen.editor.focus()
        await pilot.press("ctrl+end", "x", "ctrl+s")
        await until(pilot, lambda: "(3월 3주차)" in ko_post.read_text(encoding="utf-8"))
        await until(pilot, lambda: app.screen.query(".post-form")
                    and app.screen.query_one(".post-form").query("#form-title")
                    and app.screen.query_one("#form-title", Input).value == "Weekly ML/DL News (3월 3주차)")
