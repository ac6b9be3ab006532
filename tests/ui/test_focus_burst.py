"""Enter and escape move the focus on the key itself, and Enter lands after the heading."""

from __future__ import annotations

import pytest

from tests.ui.burst import burst
from tests.ui.conftest import make_app, titles

ITEM_1 = "### 작은 모델의 반격\n\n[참고링크](https://example.org/small-models)\n\n"


async def test_enter_then_typing_goes_to_the_commentary(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "x", "y", "space", "ctrl+s")
        text = ko_post.read_text(encoding="utf-8")
        assert ITEM_1 + "xy 파라미터 수가 적은" in text
        assert "- [작은 모델의 반격](#작은-모델의-반격)\n" in text


@pytest.mark.parametrize("send", ["press", "burst"])
async def test_enter_then_d_types_d_and_deletes_nothing(ko_post, send):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        if send == "burst":
            await burst(pilot, "enter", "d")
        else:
            await pilot.press("enter", "d")
        assert titles(app)[0] == "작은 모델의 반격"
        assert len(titles(app)) == 4
        assert app.screen.editor.text.startswith(ITEM_1 + "d파라미터")


async def test_escape_then_j_moves_in_the_list(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        await burst(pilot, "escape", "j", "j")
        assert app.focused is app.screen.item_list
        assert app.screen.item_list.highlighted == 3
        assert app.screen.sub_title == "weekly-ko.md"  # nothing typed


async def test_enter_on_an_item_without_commentary_lands_after_the_heading(ko_post):
    ko_post.write_text(ko_post.read_text(encoding="utf-8").replace(
        "\n\n무료 강의가 공개되었다. 과제까지 모두 열려 있어서 혼자 공부하기에도 좋을듯.", ""), encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end", "enter", "!", "ctrl+s")
        assert "### 강화학습 강의 공개!\n\n[참고링크](https://www.example.edu/rl-course)" in ko_post.read_text(encoding="utf-8")


async def test_enter_on_the_post_row_focuses_the_form(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        assert type(app.focused).__name__ == "Input"
        await pilot.press("escape")
        assert app.focused is app.screen.item_list
