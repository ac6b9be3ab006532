"""The editor's line cache (keyed by what a line shows), its own builder for plain rows, and
its styles cache (rows reused around an unchanged line) must paint exactly what TextArea's
renderer and Textual's StylesCache paint, segment for segment, through typing, wrapping,
selections, the cursor, brackets, focus, themes and resizes."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pytest
from textual._styles_cache import StylesCache
from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea

import tui.styles
from tui.widgets.item_editor import ItemEditor

STYLES = Path(tui.styles.__file__).parent

TEXT = """\
### 작은 언어 모델 벤치마크 (Small LM benchmark) — a heading long enough to wrap twice at this width

[참고링크](https://example.com/news/small-lm?utm_source=feed)

벤치마크 결과를 정리했다. 표가 길어서 ([부록](#부록)) 쪽에 따로 두었다. A few more words in English,
with **bold**, *emphasis*, `code` and a [link](https://example.org/a_b) to keep highlighting busy.

```python
def f(x):
    return [x * 2 for x in range(3)]
```

- 목록 하나
- item two\twith a tab

(여러 줄에 걸친
괄호)
"""


class EditorApp(App):
    CSS_PATH = [str(STYLES / "app.tcss"), str(STYLES / "editor.tcss")]

    def compose(self) -> ComposeResult:
        yield ItemEditor(id="editor")
        yield Input(id="elsewhere")


def assert_paints_like_textarea(editor: ItemEditor) -> None:
    assert_styled_like_stylescache(editor)
    editor.render_lines(editor.region.reset_offset)  # the paint's shared key, as Textual does
    editor._painting = True  # noqa: SLF001 - read lines as a paint does, through the cache
    try:
        for y in range(editor.size.height):
            cached = editor.render_line(y)
            fresh = TextArea._render_line(editor, y)  # noqa: SLF001 - the stock renderer, uncached
            assert list(cached) == list(fresh), f"line {y} differs from TextArea's own rendering"
    finally:
        editor._painting = False  # noqa: SLF001


def assert_styled_like_stylescache(editor: ItemEditor) -> None:
    """Rows the editor's styles cache reuses (border, padding, background around a line) are
    what a fresh StylesCache paints now."""
    crop = editor.region.reset_offset
    own = editor._styles_cache  # noqa: SLF001
    own.set_dirty(crop)  # every row through render_line: reused or styled again
    painted = editor.render_lines(crop)
    editor._styles_cache = StylesCache()  # noqa: SLF001
    try:
        fresh = editor.render_lines(crop)
    finally:
        editor._styles_cache = own  # noqa: SLF001
    for y, (got, want) in enumerate(zip(painted, fresh, strict=True)):
        assert list(got) == list(want), f"row {y} differs from StylesCache's own styling"


def assert_theme_follows_the_css(editor: ItemEditor) -> None:
    """The theme the editor paints with holds what TextArea would copy from the CSS now."""
    editor.render_lines(editor.region.reset_offset)
    theme = editor._theme  # noqa: SLF001
    expected = copy.copy(theme)
    own = theme._theme_configured_attributes  # noqa: SLF001 - what the theme itself sets
    for field in dataclasses.fields(theme):
        if field.name not in own and field.name.endswith("_style"):
            setattr(expected, field.name, None)  # as before any CSS was copied in
    expected.apply_css(editor)
    styles = [f.name for f in dataclasses.fields(theme) if f.name.endswith("_style")]
    assert [getattr(theme, n) for n in styles] == [getattr(expected, n) for n in styles]


@pytest.mark.parametrize("size", [(60, 20), (38, 12)])
async def test_cached_lines_match_textareas_rendering_through_edits(size):
    app = EditorApp()
    async with app.run_test(size=size) as pilot:
        editor = app.query_one(ItemEditor)
        editor.show(TEXT)
        editor.focus()
        await pilot.pause()
        assert_paints_like_textarea(editor)

        steps = [
            ("ctrl+end",), ("x", "y", "z"), ("up", "up", "end"), ("space", "a", "b"),
            ("ctrl+home",), ("shift+down", "shift+down", "shift+right"),  # a selection over wrapped lines
            ("left",), ("down", "down", "down", "down", "down", "end", "left"),  # next to a bracket
            ("backspace", "backspace"), ("enter", "`", "`", "`", "enter"),  # an open fence restyles the rest
            ("ctrl+z", "ctrl+z"), ("shift+up", "shift+up", "shift+up"),
            ("tab",),  # focus leaves: no cursor drawn
        ]
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            assert_paints_like_textarea(editor)

        # Brackets: the cursor on "(" marks it and its partner, on the same or a wrapped row.
        editor.focus()
        await pilot.pause()
        for _ in range(2):  # the blink hides and shows the cursor
            editor._cursor_visible = not editor._cursor_visible  # noqa: SLF001 - what the blink timer does
            await pilot.pause()
            assert_paints_like_textarea(editor)
        row = next(i for i in range(editor.document.line_count) if "([" in editor.document[i])
        editor.move_cursor((row, editor.document[row].index("([")))
        await pilot.pause()
        assert editor.matching_bracket_location is not None
        assert_paints_like_textarea(editor)
        await pilot.press("right")  # onto "[": another pair
        await pilot.pause()
        assert_paints_like_textarea(editor)
        await pilot.press("left", "left")  # off every bracket: both marks go
        await pilot.pause()
        assert editor.matching_bracket_location is None
        assert_paints_like_textarea(editor)
        row = next(i for i in range(editor.document.line_count) if editor.document[i].startswith("(여러"))
        editor.move_cursor((row, 0))  # the partner is on the next line
        editor.scroll_cursor_visible(center=True, animate=False)
        await pilot.pause()
        assert editor.matching_bracket_location == (row + 1, 2)
        assert_paints_like_textarea(editor)
        await pilot.press("right")
        await pilot.pause()
        assert_paints_like_textarea(editor)

        app.theme = "textual-light"
        await pilot.pause()
        assert_paints_like_textarea(editor)
        assert_theme_follows_the_css(editor)
        editor.blur()  # the border and cursor styles change with focus
        await pilot.pause()
        assert_theme_follows_the_css(editor)
        editor.theme = "monokai"
        await pilot.pause()
        assert_theme_follows_the_css(editor)
        assert_paints_like_textarea(editor)
        editor.theme = "css"
        editor.focus()
        await pilot.resize_terminal(size[0] + 17, size[1] - 3)
        await pilot.pause()
        assert_paints_like_textarea(editor)
        editor.show("새 항목\n\n" + "word " * 40)
        await pilot.pause()
        assert_paints_like_textarea(editor)


async def test_typing_renders_only_the_line_typed_in(monkeypatch):
    rendered: list[int] = []
    stock = TextArea._render_line

    def counting(self, y):
        rendered.append(y)
        return stock(self, y)

    app = EditorApp()
    async with app.run_test(size=(60, 30)) as pilot:
        editor = app.query_one(ItemEditor)
        editor.show(TEXT)
        editor.focus()
        editor.move_cursor((4, 3))
        await pilot.pause()
        monkeypatch.setattr(TextArea, "_render_line", counting)
        await pilot.press("k")
        await pilot.pause()
        assert editor.document[4].startswith("벤치마k")
        assert 1 <= len(set(rendered)) <= 3, f"re-rendered rows {sorted(set(rendered))}"


async def test_equal_lines_cut_differently_by_a_selection_are_painted_apart():
    from textual.widgets.text_area import Selection

    app = EditorApp()
    async with app.run_test(size=(60, 20)) as pilot:
        editor = app.query_one(ItemEditor)
        editor.show("같은 줄 same line\n" * 4 + "\n\n\n")
        editor.focus()
        await pilot.pause()
        assert_paints_like_textarea(editor)  # equal lines, unselected, share one render
        editor.selection = Selection((0, 4), (2, 6))  # first line cut, second whole, third cut
        await pilot.pause()
        assert_paints_like_textarea(editor)
        editor.selection = Selection((4, 0), (6, 0))  # blank lines inside a selection
        await pilot.pause()
        assert_paints_like_textarea(editor)


async def test_scrolling_follows_the_item_shown_without_a_screen_layout():
    app = EditorApp()
    async with app.run_test(size=(60, 20)) as pilot:
        editor = app.query_one(ItemEditor)
        editor.show("짧은 항목\n")
        editor.focus()
        await pilot.pause()
        assert editor.max_scroll_y == 0 and not editor.show_vertical_scrollbar

        editor.show("".join(f"{n}번째 줄 line {n}\n" for n in range(100)))
        await pilot.pause()
        assert editor.virtual_size.height == 101
        assert editor.show_vertical_scrollbar and editor.vertical_scrollbar.window_virtual_size == 101
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert editor.scroll_y == editor.max_scroll_y > 0
        assert editor.cursor_location == (100, 0)

        # Typing that wraps adds a row; the scroll range grows with it.
        await pilot.press("up", "end", *list("word " * 14))
        await pilot.pause()
        assert editor.virtual_size.height > 101
        assert editor.vertical_scrollbar.window_virtual_size == editor.virtual_size.height
        assert editor.content_region.contains_point(editor.cursor_screen_offset)

        editor.show("다시 짧게\n")
        await pilot.pause()
        assert editor.max_scroll_y == 0 and not editor.show_vertical_scrollbar
