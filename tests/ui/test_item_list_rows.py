"""The item list draws its rows itself (ItemList._one_line_strip) instead of through
OptionList's Visual/Padding machinery. It must draw exactly what the stock
OptionList._get_option_render draws: the same segments (text, Rich style and meta, the
{"option": index} meta the mouse relies on included, segment for segment), for every row,
style and width; and the fast path must actually be the one that paints the list."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tests.ui.conftest import make_app, until
from tui.widgets.item_list import ItemList

STOCK = OptionList._get_option_render  # noqa: SLF001 - the renderer the fast path stands in for

STATES = ((), ("option-list--option-highlighted",), ("option-list--option-hover",))


def cells(strip: Strip) -> list[tuple[str, object, dict]]:
    """What the user sees and the mouse reads: each character, its style, its meta."""
    return [
        (char, style and style.clear_meta_and_links(), style.meta if style else {})
        for text, style, _ in strip
        for char in text
    ]


def stock_strips(item_list: ItemList, option: Option, style) -> list[Strip]:
    item_list._option_render_cache.clear()  # noqa: SLF001 - render, don't recall
    return STOCK(item_list, option, style)


def fast_strips(item_list: ItemList, option: Option, style) -> list[Strip]:
    item_list._option_render_cache.clear()  # noqa: SLF001
    layout = item_list._compute_row_layout()  # noqa: SLF001
    assert layout.fast, "the list's rows should qualify for the fast path"
    strip = item_list._one_line_strip(option, style, layout)  # noqa: SLF001
    assert strip is not None, f"row {str(option.prompt)!r} fell back to the stock renderer"
    return [strip]


def assert_row_like_stock(item_list: ItemList, index: int) -> None:
    option = item_list.get_option_at_index(index)
    for state in STATES:
        style = item_list.get_visual_style("option-list--option", *state)
        want = stock_strips(item_list, option, style)
        got = fast_strips(item_list, option, style)
        label = f"row {index} {str(option.prompt)!r} {state or 'normal'}"
        assert len(got) == len(want) == 1, label
        assert cells(got[0]) == cells(want[0]), f"{label}: other cells than OptionList's"
        assert list(got[0]) == list(want[0]), f"{label}: other segments than OptionList's"
        assert got[0].cell_length == want[0].cell_length, label
        # And through the override itself (cache key, fallback, layout of a paint).
        item_list._option_render_cache.clear()  # noqa: SLF001
        via_override = item_list._get_option_render(option, style)  # noqa: SLF001
        assert [list(strip) for strip in via_override] == [list(strip) for strip in want], label


def assert_list_like_stock(item_list: ItemList) -> None:
    for index in range(item_list.option_count):
        assert_row_like_stock(item_list, index)


def mark_rows(item_list: ItemList) -> None:
    """A duplicate mark, a dead link and a redirect on the first items."""
    items = [row for row, block in enumerate(item_list.rows) if block is not None and block.kind == "item"]
    kinds = ["dup", ("dead", "404"), ("redirect", "moved")]
    for row, kind in zip(items, kinds):
        uid = item_list.rows[row].uid
        if kind == "dup":
            item_list.marks[uid] = "duplicate of #2"
        else:
            item_list.link_marks[uid] = kind
        item_list.refresh_row(row)


@pytest.mark.parametrize("fixture", ["ko_post", "en_post"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_rows_paint_like_option_list(fixture, size, request):
    app = make_app(request.getfixturevalue(fixture))
    async with app.run_test(size=size) as pilot:
        item_list = app.screen.item_list
        await pilot.pause()
        if fixture == "en_post":
            assert any(block is not None and block.kind == "group" for block in item_list.rows)
        assert_list_like_stock(item_list)
        mark_rows(item_list)
        await pilot.pause()
        assert any(str(option.prompt).startswith(("!", "✗", "↪")) for option in item_list.options)
        assert_list_like_stock(item_list)
        # Unfocused, the highlighted row takes the blurred cursor style.
        app.screen.editor.focus()
        await pilot.pause()
        assert_list_like_stock(item_list)


@pytest.mark.parametrize("fixture", ["ko_post", "en_post"])
async def test_truncated_rows_paint_like_option_list(fixture, request):
    """Every list width from 6 to 48 columns: titles cut with an ellipsis, Korean
    double-width characters cut in half at the edge (stock turns the half into a space)."""
    app = make_app(request.getfixturevalue(fixture))
    async with app.run_test(size=(120, 40)) as pilot:
        item_list = app.screen.item_list
        mark_rows(item_list)
        cut, cut_wide = 0, 0
        for width in range(6, 49):
            item_list.styles.min_width = width
            item_list.styles.width = width
            await pilot.pause()
            assert_list_like_stock(item_list)
            text_width = item_list.scrollable_content_region.width - 1  # the right padding
            for option in item_list.options:
                plain = str(option.prompt)
                if Content(plain).cell_length > text_width:
                    cut += 1
                    kept = Content(plain).truncate(text_width, ellipsis=True).plain[:-1]
                    cut_wide += kept.endswith(" ") and plain[len(kept) - 1] != " "
        assert cut, "no title was cut"
        if fixture == "ko_post":
            assert cut_wide, "no width cut a double-width character in half"


async def test_the_list_paints_through_the_fast_path(ko_post, monkeypatch):
    stock_calls: list[int] = []
    fast_calls: list[int] = []
    fast = ItemList._one_line_strip  # noqa: SLF001

    def counting_stock(self, option, style):
        if isinstance(self, ItemList):  # the screen has other option lists
            stock_calls.append(self._option_to_index[option])  # noqa: SLF001
        return STOCK(self, option, style)

    def counting_fast(self, option, style, layout):
        strip = fast(self, option, style, layout)
        fast_calls.append(strip is not None)
        return strip

    monkeypatch.setattr(OptionList, "_get_option_render", counting_stock)
    monkeypatch.setattr(ItemList, "_one_line_strip", counting_fast)
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        item_list = app.screen.item_list
        await pilot.pause()
        assert fast_calls and all(fast_calls), "the first paint's rows did not take the fast path"
        assert not stock_calls, f"rows {stock_calls} were drawn by OptionList"
        await pilot.press("down", "down", "up")
        await pilot.hover(item_list, offset=(3, 3))
        await pilot.pause()
        assert not stock_calls, f"rows {stock_calls} were drawn by OptionList"
        assert len(fast_calls) > item_list.option_count  # repaints of highlight and hover too

        # Rename the first item by typing in its heading: the painted row follows.
        await pilot.press("enter", "ctrl+home", "end", *" 둘")
        await until(pilot, lambda: "작은 모델의 반격 둘" in str(item_list.get_option_at_index(1).prompt))
        await pilot.pause()
        painted = [strip.text for strip in item_list.render_lines(item_list.region.reset_offset)]
        shown = [line for line in painted if "작은 모델의 반격" in line]
        assert len(shown) == 1 and "작은 모델의 반격 둘" in shown[0], painted
        assert not stock_calls
        assert_row_like_stock(item_list, 1)


async def test_hover_and_click_read_the_option_meta(en_post):
    app = make_app(en_post)
    async with app.run_test(size=(120, 40)) as pilot:
        item_list = app.screen.item_list
        await pilot.pause()
        target = 3
        offset = (4, item_list._index_to_line[target] + 1)  # noqa: SLF001 - inside the border
        await pilot.hover(item_list, offset=offset)
        await pilot.pause()
        assert item_list._mouse_hovering_over == target  # noqa: SLF001
        await pilot.click(item_list, offset=offset)
        await pilot.pause()
        assert item_list.highlighted == target


async def test_unusual_rows_are_left_to_option_list(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        item_list = app.screen.item_list
        await pilot.pause()
        layout = item_list._compute_row_layout()  # noqa: SLF001
        style = item_list.get_visual_style("option-list--option")
        for prompt in (Content("tab\there"), Content("two\nlines"), Content.from_markup("[b]a[/b][i]b[/]").stylize("red", 0, 2)):
            item_list._set_row_prompt(1, prompt)  # noqa: SLF001
            option = item_list.get_option_at_index(1)
            assert item_list._one_line_strip(option, style, layout) is None, repr(prompt)  # noqa: SLF001
            item_list._option_render_cache.clear()  # noqa: SLF001
            got = item_list._get_option_render(option, style)  # noqa: SLF001
            assert [list(s) for s in got] == [list(s) for s in stock_strips(item_list, option, style)]
        # Other paddings: left and right ones are drawn too, top and bottom ones are not.
        item_list.load(item_list.rows[1:])  # the real prompts back
        padding = item_list._component_styles["option-list--option"]  # noqa: SLF001 - as the CSS sets it
        padding.padding = (0, 2, 0, 3)
        item_list._clear_caches()  # noqa: SLF001 - as a CSS reload would
        await pilot.pause()
        assert item_list._compute_row_layout()[2:4] == (3, 2)  # noqa: SLF001 - left, right
        assert_list_like_stock(item_list)
        padding.padding = (1, 0, 0, 0)
        assert not item_list._compute_row_layout().fast  # noqa: SLF001
        padding.padding = (0, 1, 0, 0)
        # Wrapping allowed: every row goes to OptionList.
        item_list.styles.text_wrap = "wrap"
        assert not item_list._compute_row_layout().fast  # noqa: SLF001


PIECES = st.sampled_from([
    "word", "Attention", "벤치마크", "결과를", "작은 모델의 반격", "ＡＩ", "🚀", "👩‍💻", "e\u0301", "✔️", " ", "  ",
    "**bold**", "*em*", "_em_", "`code`", "[링크](x)", "<br>", "&amp;", "\\*", "[b]", "[/]", "$var",
    "가나다라마바사아자차카타파하", "a-very-long-unbroken-token", "(", ")", "…", "—", "日本語",
])
TITLE = st.lists(PIECES, max_size=10).map("".join)
LINK = st.sampled_from([None, "https://example.com/a", "https://한국.example/경로", "https://www.very-long-domain-name.example.org/x"])
MARK = st.sampled_from([None, "dup", "dead", "redirect"])


async def test_generated_titles_paint_like_option_list(en_post):
    app = make_app(en_post)
    async with app.run_test(size=(120, 40)) as pilot:
        item_list = app.screen.item_list
        await pilot.pause()
        item_row = next(row for row, block in enumerate(item_list.rows) if block is not None and block.kind == "item")
        group_row = next(row for row, block in enumerate(item_list.rows) if block is not None and block.kind == "group")
        checked: list[int] = []

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        @given(TITLE, LINK, MARK, st.booleans())
        @example("작은 모델의 반격 " * 4, "https://example.com/a", "dup", False)
        @example("", None, None, True)
        @example("🚀" * 30, None, "dead", False)
        def check(title: str, link: str | None, mark: str | None, group: bool) -> None:
            row = group_row if group else item_row
            block = item_list.rows[row]
            block.title = title
            if not group:
                block.content = f"### {title}\n\n" + (f"[Link]({link})\n" if link else "")
                item_list.marks.pop(block.uid, None)
                item_list.link_marks.pop(block.uid, None)
                if mark == "dup":
                    item_list.marks[block.uid] = "duplicate"
                elif mark:
                    item_list.link_marks[block.uid] = (mark, "note")
            item_list.refresh_row(row)
            assert_row_like_stock(item_list, row)
            checked.append(row)

        for width in (8, 15, 23, 34, 48):
            item_list.styles.min_width = width
            item_list.styles.width = width
            await pilot.pause()
            check()
        assert len(checked) >= 5 * 40
