"""The editor's key bar (tui/widgets/key_bar.py): Footer's keys in one childless widget."""

from __future__ import annotations

from rich.cells import cell_len
from textual.command import CommandPalette

from tests.ui.conftest import make_app, until
from tui.widgets.key_bar import KeyBar


def bar_of(app) -> KeyBar:
    return app.screen.query_one(KeyBar)


def shown(app) -> str:
    """The bar's line as plain text, as it would be drawn now."""
    return bar_of(app).render().plain


def cell_of(app, text: str) -> int:
    """The cell where ``text`` starts on the bar."""
    line = shown(app)
    return cell_len(line[: line.index(text)])


def section_titles(app) -> list[str]:
    return [block.title for block in app.screen.post.sections]


async def test_shows_the_focused_widgets_keys(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.item_list
        line = shown(app)
        for label in ("alt+↑ Move up", "alt+↓ Move down", "del Delete", "^s Save", "f1 Help"):
            assert label in line
        assert "esc List" not in line  # the screen's check_action hides it on the list
        assert line.rstrip().endswith("▏^p palette")

        app.screen.editor.focus()
        await pilot.pause()
        line = shown(app)
        assert "Move up" not in line and "Delete" not in line
        assert "esc List" in line and "^s Save" in line

        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.screen.item_list
        assert "Move up" in shown(app) and "esc List" not in shown(app)


async def test_clicking_a_key_runs_its_binding(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("down")  # the first item
        await pilot.pause()
        before = section_titles(app)
        await pilot.click(KeyBar, offset=(cell_of(app, "Move down") + 1, 0))
        await until(pilot, lambda: section_titles(app) != before)
        assert section_titles(app) == [before[1], before[0], *before[2:]]
        assert app.focused is app.screen.item_list

        # A screen binding runs on the screen: "New" adds an item and edits it.
        count = len(section_titles(app))
        await pilot.click(KeyBar, offset=(cell_of(app, "^n New"), 0))
        await until(pilot, lambda: len(section_titles(app)) == count + 1)

        # The palette's key, drawn on the right, opens the command palette.
        width = bar_of(app).size.width
        await pilot.click(KeyBar, offset=(width - 3, 0))
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))


async def test_clicks_between_keys_do_nothing(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        before = section_titles(app)
        bar = bar_of(app)
        gap = cell_of(app, "▏") - 1  # past the last key, before the palette
        assert bar.key_at(gap) is None
        await pilot.click(KeyBar, offset=(gap, 0))
        await pilot.pause()
        assert section_titles(app) == before and not isinstance(app.screen, CommandPalette)


async def test_builds_once_per_bindings_change_and_mounts_nothing(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = bar_of(app)
        assert len(bar.children) == 0
        builds = bar.builds
        assert builds >= 1

        # A repaint with the same bindings reuses the line (hovering restyles, not rebuilds).
        await pilot.hover(KeyBar, offset=(2, 0))
        await pilot.pause()
        await pilot.hover(KeyBar, offset=(20, 0))
        await pilot.pause()
        assert bar.builds == builds

        # Focus moves: the screen publishes its bindings twice (focus, then the screen's
        # own refresh_bindings); the bar builds once.
        app.screen.editor.focus()
        await pilot.pause()
        await pilot.pause()
        assert bar.builds == builds + 1
        assert "esc List" in shown(app)
        assert bar.builds == builds + 1
        assert len(bar.children) == 0


async def test_narrow_terminal_shows_the_most_useful_keys_whole(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = bar_of(app)
        assert bar.region.height == 1 and bar.region.width == 80
        assert bar.region.y == 23  # docked at the bottom
        line = shown(app)
        assert cell_len(line) == 80
        left, palette = line.split("▏")
        assert palette == "^p palette "
        # Help and the preview first; keys that do not fit are left out, never cut.
        assert left.startswith(" f1 Help  f5 Preview  ^s Save ")
        assert "…" not in left
        labels = [label for label in left.split("  ") if label.strip()]
        for label in labels:
            assert label.strip() in {"f1 Help", "f5 Preview", "^s Save", "^n New", "del Delete",
                                     "alt+↑ Move up", "alt+↓ Move down", "f2 Layout", "^q Quit"}, label
        # Only keys drawn answer a click; the blank after them does not.
        end = cell_len(left.rstrip()) + 1
        assert all(bar.key_at(x) is None for x in range(end, cell_len(left)))
        await pilot.press("enter")  # the editor's keys: Escape back to the list joins them
        await pilot.pause()
        left = shown(app).split("▏")[0]
        assert left.startswith(" f1 Help  f5 Preview  ^s Save  esc List ")

    app = make_app(ko_post)
    async with app.run_test(size=(200, 24)) as pilot:
        await pilot.pause()
        line = shown(app)
        assert cell_len(line) == 200 and "alt+↓ Move down" in line and "^q Quit" in line
