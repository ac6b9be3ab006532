"""The editor's own line builder (tui/widgets/editor_lines.py) must paint exactly what
TextArea._render_line paints, segment for segment, for any line it takes; and it must
actually take the plain rows, or a selection is back to ~0.2 ms a line."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from textual._styles_cache import StylesCache
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Selection

import tui.widgets.item_editor as item_editor_module
from tests.ui.test_item_editor_lines import TEXT, EditorApp, assert_paints_like_textarea
from tui.widgets.item_editor import ItemEditor

STOCK = TextArea._render_line  # noqa: SLF001 - the renderer the fast path stands in for

PIECES = st.sampled_from([
    "word", "벤치마크", "결과를", "ＡＩ", "🚀", "e\u0301", " ", "  ", "**bold**", "*em*", "_em_",
    "`code`", "[링크](https://example.com/a_b?x=1)", "<br>", "&amp;", "\\*", "가나다라마바사아자차카타파하" * 2,
    "a-very-long-unbroken-token-that-has-to-be-cut-somewhere-in-the-middle", "(", ")", "[", "]",
])
LINE = st.one_of(
    st.lists(PIECES, max_size=12).map("".join),
    st.tuples(st.sampled_from(["# ", "### ", "- ", "1. ", "> ", "```", "```python", "    ", ""]),
              st.lists(PIECES, max_size=8).map(" ".join)).map("".join),
    st.sampled_from(["", "   ", "```", "- item\twith a tab", "|a|b|", "---"]),
)
DOCUMENT = st.lists(LINE, min_size=1, max_size=6).map("\n".join)


def cells(strip: Strip) -> list[tuple[str, object]]:
    """What the user sees: each character with its style."""
    return [(char, segment.style) for segment in strip for char in segment.text]


def compare_rows(editor: ItemEditor) -> int:
    """Every visible row through the editor (uncached) against TextArea's renderer; returns
    how many rows the fast path built."""
    built = []
    plain_row_strip = item_editor_module.plain_row_strip

    def counting(*args):
        built.append(args)
        return plain_row_strip(*args)

    item_editor_module.plain_row_strip = counting
    editor.render_lines(editor.region.reset_offset)
    editor._painting = True  # noqa: SLF001 - read lines as a paint does
    try:
        for y in range(editor.size.height):
            editor._lines_by_content.clear()  # noqa: SLF001 - build it, don't recall it
            got = editor.render_line(y)
            want = STOCK(editor, y)
            assert cells(got) == cells(want), f"row {y} shows other cells than TextArea's"
            assert list(got) == list(want), f"row {y} is cut into other segments than TextArea's"
            assert got.cell_length == want.cell_length
    finally:
        editor._painting = False  # noqa: SLF001
        item_editor_module.plain_row_strip = plain_row_strip
    return len(built)


async def test_fast_rows_paint_like_textarea_for_generated_lines():
    app = EditorApp()
    async with app.run_test(size=(44, 40)) as pilot:
        editor = app.query_one(ItemEditor)
        editor.focus()
        await pilot.pause()
        built: list[int] = []

        @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
        @given(DOCUMENT)
        @example("가" * 19 + "a" + "나" * 30)  # a wide character across the wrap
        @example("a" * 40 + "\n" + "b" * 39 + "\n" + "c" * 41)  # the cursor cell at the edge
        @example("### heading `code` **bold** [l](https://e.com) " * 3 + "   ")
        @example("```\nfenced ( [\n```\n\n\n")
        def check(text: str) -> None:
            editor.show(text + "\n")
            editor.move_cursor(editor.document.end)  # the cursor off every row compared
            built.append(compare_rows(editor))

        check()
        assert sum(built) > 150, "the generated lines hardly reached the fast path"


@pytest.mark.parametrize("size", [(44, 24), (31, 20), (120, 40)])
async def test_plain_rows_take_the_fast_path(size):
    app = EditorApp()
    async with app.run_test(size=size) as pilot:
        editor = app.query_one(ItemEditor)
        editor.show(TEXT)
        editor.focus()
        editor.move_cursor(editor.document.end)
        await pilot.pause()
        built = compare_rows(editor)
        text_rows = min(editor.wrapped_document.height, editor.size.height)
        # All but the cursor's row and the tab's line come from the fast path.
        assert built >= text_rows - 3, f"{built} of {text_rows} rows built by the fast path"

        # A selection, the cursor, and a bracket pair leave their rows to TextArea.
        editor.selection = Selection((2, 3), (4, 5))
        await pilot.pause()
        assert compare_rows(editor) < built
        row = next(i for i in range(editor.document.line_count) if editor.document[i].startswith("(여러"))
        editor.move_cursor((row, 0))
        await pilot.pause()
        assert editor.matching_bracket_location == (row + 1, 2)
        compare_rows(editor)


async def test_selecting_another_item_builds_rows_without_textarea(monkeypatch):
    rendered: list[int] = []

    def counting(self, y):
        rendered.append(y)
        return STOCK(self, y)

    app = EditorApp()
    async with app.run_test(size=(60, 30)) as pilot:
        editor = app.query_one(ItemEditor)
        editor.show(TEXT)
        await pilot.pause()
        monkeypatch.setattr(TextArea, "_render_line", counting)
        editor.show(TEXT.replace("벤치마크", "측정") + "\n다음 항목\n")
        await pilot.pause()
        assert len(set(rendered)) <= 2, f"TextArea rendered rows {sorted(set(rendered))}"
        monkeypatch.undo()
        assert_paints_like_textarea(editor)


async def test_unchanged_rows_are_not_styled_again(monkeypatch):
    styled: list[int] = []
    stock = StylesCache.render_line

    def counting(self, styles, y, *args):
        styled.append(y)
        return stock(self, styles, y, *args)

    app = EditorApp()
    async with app.run_test(size=(60, 30)) as pilot:
        editor = app.query_one(ItemEditor)
        editor.show("첫 항목\n\nfirst item\n")
        await pilot.pause()
        monkeypatch.setattr(StylesCache, "render_line", counting)
        editor.show("둘째 항목\n\nsecond item\n")
        await pilot.pause()
        rows = [y for y in styled if 0 < y < editor.region.height - 1]
        # The two changed lines, and the cursor's; the blank rows below come as they were.
        assert 1 <= len(rows) <= 4, f"styled rows {rows}"
        assert 0 in styled and editor.region.height - 1 in styled  # borders always styled
        monkeypatch.undo()
        assert_paints_like_textarea(editor)

