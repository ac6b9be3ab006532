"""The item editor draws from its row cache exactly what TextArea draws, and a selection
or a keystroke does not lay out the screen."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import TextArea

from tests.ui.conftest import make_app, until

ITEM = (
    "### 코드 블록이 있는 항목\n\n[참고링크](https://example.org/fence)\n\n"
    "설명 첫 줄. 긴 문장이 줄 바꿈되어 여러 화면 줄에 걸친다: " + "가나다라 " * 12 + "\n\n"
    "> 인용문 한 줄\n\n"
    "- list item one\n- list item two\n\n"
    "plain English paragraph after the list.\n"
)


def painted(editor) -> list:
    """The editor's rows as the compositor asks for them (one paint of the whole widget)."""
    return editor.render_lines(Region(0, 0, editor.size.width, editor.size.height))


def fresh(editor) -> list:
    """The same rows with the row cache emptied first: every row drawn by TextArea now."""
    editor._rows.clear()  # noqa: SLF001 - the cache under test
    return painted(editor)


async def test_cached_rows_are_the_rows_textarea_draws(blog):
    post = blog / "rows.md"
    post.write_text("---\ntitle: R\n---\n\n" + ITEM + "\n### Short\n\nshort text\n", encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        editor = app.screen.editor
        await until(pilot, lambda: "코드 블록이" in editor.text and editor.language == "markdown")
        await pilot.press("enter")
        await pilot.pause()
        steps = [
            ("typing in the body", ["x", "y", "z"]),
            # A fence opened above colours every line under it as code: those rows' text did
            # not change, their highlights did.
            ("opening a code fence", ["ctrl+home", "down", "enter", "grave_accent", "grave_accent", "grave_accent"]),
            ("closing it again", ["backspace", "backspace", "backspace"]),
            ("selecting lines", ["shift+down", "shift+down", "shift+down"]),
            ("moving the cursor", ["down", "down", "end"]),
            ("typing a heading mark", ["home", "number_sign", "space"]),
        ]
        for name, keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            first = painted(editor)  # rows from the cache where their keys match
            assert first == fresh(editor), name
        app.theme = "textual-light"
        await pilot.pause()
        assert painted(editor) == fresh(editor), "after a theme change"
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert painted(editor) == fresh(editor), "after a resize"


async def test_typing_draws_only_the_row_it_changes(blog, monkeypatch):
    post = blog / "rows.md"
    post.write_text("---\ntitle: R\n---\n\n" + ITEM, encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        editor = app.screen.editor
        await until(pilot, lambda: "코드 블록이" in editor.text and editor.language == "markdown")
        await pilot.press("enter", "ctrl+end", "x")
        await pilot.pause()
        drawn = []
        textarea_draws = TextArea.render_line  # a spy on the real drawing, which still runs

        def spy(self, y):
            if self is editor:
                drawn.append(y)
            return textarea_draws(self, y)

        monkeypatch.setattr(TextArea, "render_line", spy)
        await pilot.press("y")
        await pilot.pause()
        assert editor.text.rstrip("\n").endswith("xy")
        assert len(drawn) == 1, drawn  # the cursor's row; the other rows came from the cache


LONG = "word " * 120


async def test_the_editor_scrollbar_follows_the_text_without_a_layout(blog):
    post = blog / "long.md"
    body = "\n\n".join([LONG] * 6)
    post.write_text("---\ntitle: L\n---\n\n### Long\n\n" + body + "\n\n### Longer\n\n" + body + "\n\n" + body
                    + "\n\n### Short\n\nshort\n", encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        editor = screen.editor
        layouts = []
        screen.screen_layout_refresh_signal.subscribe(screen, lambda _: layouts.append(1))
        await pilot.press("down")
        await until(pilot, lambda: "### Long\n" in editor.text)
        await pilot.pause()
        assert editor.show_vertical_scrollbar
        await until(pilot, lambda: "### Long" in screen.preview.source)
        await pilot.pause()
        layouts.clear()
        await pilot.press("down")  # Long -> Longer: a taller text, the scrollbar stays
        await until(pilot, lambda: "### Longer" in screen.preview.source)
        await pilot.pause()
        assert layouts == []
        bar = editor.vertical_scrollbar
        assert bar.window_virtual_size == editor.virtual_size.height == editor.wrapped_document.height
        assert bar.window_size == editor.scrollable_content_region.height
        await pilot.press("enter", "ctrl+end")
        await pilot.pause()
        assert editor.scroll_offset.y == editor.virtual_size.height - editor.scrollable_content_region.height
        await pilot.press("escape", "down")  # Short: the scrollbar goes, the text gets its width back
        await until(pilot, lambda: "### Short" in editor.text)
        await pilot.pause()
        assert not editor.show_vertical_scrollbar
        assert editor.scrollable_content_region.width == editor.content_region.width


async def test_a_selected_item_opens_at_its_top_whatever_the_cursor_was(blog):
    post = blog / "top.md"
    post.write_text("---\ntitle: T\n---\n\n### One line\n\n### Long\n\n" + "\n\n".join([LONG] * 6)
                    + "\n\n### After\n\nafter\n", encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        editor = app.screen.editor
        for title in ("One line", "Long", "After"):
            await pilot.press("down")
            await until(pilot, lambda title=title: f"### {title}" in editor.text)
            await pilot.pause()
            assert editor.cursor_location == (0, 0) and editor.scroll_offset.y == 0, title
        await pilot.press("up", "enter", "ctrl+end")  # the cursor at the end of Long, scrolled down
        await pilot.pause()
        assert editor.scroll_offset.y > 0
        await pilot.press("escape", "up")  # One line: a one-line text before it, Long after
        await until(pilot, lambda: "### One line" in editor.text)
        await pilot.pause()
        assert editor.cursor_location == (0, 0) and editor.scroll_offset.y == 0
        await pilot.press("down")
        await until(pilot, lambda: "### Long" in editor.text)
        await pilot.pause()
        assert editor.cursor_location == (0, 0) and editor.scroll_offset.y == 0
