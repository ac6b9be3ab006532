"""The title line (tui/widgets/title_bar.py): Textual's Header drawn by one childless widget.

The bar must look exactly as Header did, cell by cell (character, colours, attributes), at
any width and with the pointer over the icon; clicking the icon opens the command palette,
and the line follows the screen's title and sub-title.
"""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import Header

from tests.ui.conftest import make_app
from tui.widgets.title_bar import TitleBar

ATTRIBUTES = ("bold", "dim", "italic", "underline", "reverse", "strike")


def cells(strip) -> list[tuple]:
    """What a terminal shows of a line: a blank's foreground is invisible, and an attribute
    set to "not X" looks as one never set."""
    shown = []
    for segment in strip:
        style = segment.style
        for char in segment.text:
            fg = None if char == " " or style is None or style.color is None else style.color.get_truecolor().hex
            bg = None if style is None or style.bgcolor is None else style.bgcolor.get_truecolor().hex
            shown.append((char, fg, bg, tuple(bool(style and getattr(style, name)) for name in ATTRIBUTES)))
    return shown


async def top_rows(path, size, *, textual_header: bool, hover: bool, tall: bool = False,
                   title: str | None = None) -> list[list[tuple]]:
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        bar = app.screen.query_one(TitleBar)
        if textual_header:
            await app.screen.mount(Header(), before=bar)
            await bar.remove()
        widget = Header if textual_header else TitleBar
        if title is not None:
            app.screen.title = title
        await pilot.pause()
        if tall:
            await pilot.click(widget, offset=(size[0] - 1, 0))  # on the title side: toggles "tall"
            await pilot.pause()
        if hover:
            await pilot.hover(widget, offset=(1, 0))
        await pilot.pause()
        rows = 3 if tall else 1
        return [cells(strip) for strip in app.screen._compositor.render_strips()[:rows]]  # noqa: SLF001


@pytest.mark.parametrize("size", [(120, 40), (60, 20), (24, 10), (16, 10), (12, 10), (10, 10)])
@pytest.mark.parametrize("hover", [False, True])
async def test_draws_the_cells_textuals_header_draws(ko_post, size, hover):
    ours = await top_rows(ko_post, size, textual_header=False, hover=hover)
    assert ours == await top_rows(ko_post, size, textual_header=True, hover=hover)


@pytest.mark.parametrize("hover", [False, True])
async def test_a_click_on_the_title_makes_it_tall_as_headers(ko_post, hover):
    ours = await top_rows(ko_post, (80, 24), textual_header=False, hover=hover, tall=True)
    assert ours == await top_rows(ko_post, (80, 24), textual_header=True, hover=hover, tall=True)
    assert "Weekly" in "".join(cell[0] for cell in ours[0]) and "⭘" in "".join(cell[0] for cell in ours[1])


@pytest.mark.parametrize("width", [30, 25])
async def test_a_tab_in_the_title_is_laid_out_as_headers(ko_post, width):
    ours = await top_rows(ko_post, (width, 10), textual_header=False, hover=False, title="tab\tin")
    assert ours == await top_rows(ko_post, (width, 10), textual_header=True, hover=False, title="tab\tin")


async def test_clicking_the_icon_opens_the_command_palette(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.click(TitleBar, offset=(30, 0))
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        await pilot.click(TitleBar, offset=(1, 0))
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_follows_the_title_and_the_unsaved_mark(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        assert "weekly-ko.md" in bar.render().plain and "unsaved" not in bar.render().plain
        await pilot.press("down", "enter", "x")  # Enter on the Post row goes to the form
        await pilot.pause()
        assert "weekly-ko.md ● unsaved" in bar.render().plain
