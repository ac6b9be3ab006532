"""F1 on every screen lists that screen's own keys, as bound now, and F1 again goes back."""

from __future__ import annotations

import re

import pytest

from tests.ui.conftest import make_app
from tests.ui.test_help_keys import help_text


def help_lines(app) -> list[str]:
    return help_text(app).splitlines()


def has(lines: list[str], key: str, what: str) -> bool:
    return any(line.startswith((key + " ", key + ",")) and what.casefold() in line.casefold() for line in lines)


def dialogs(path):
    from tui.screens.dialogs import (ConfirmMerge, ConfirmQuit, ConfirmRename, ConflictDialog, MissingFileDialog,
                                     PostPicker, RecoverDialog)

    return {
        "quit": (lambda: ConfirmQuit(), [("s", "Save"), ("d", "Discard")]),
        "merge": (lambda: ConfirmMerge("Item 2 lost its heading."), [("m", "Merge and save"), ("escape, c", "Cancel")]),
        "rename": (lambda: ConfirmRename("a.md", "b.md"), [("r", "Rename"), ("escape, k", "Keep the name")]),
        "recover": (lambda: RecoverDialog("a.md", "old\n", "new\n", 0.0), [("r", "Recover"), ("d", "Discard")]),
        "conflict": (lambda: ConflictDialog("a.md", "old\n", "new\n"), [("o", "Overwrite"), ("v", "Diff")]),
        "missing": (lambda: MissingFileDialog(path.parent / "nope.md"), [("y", "Create"), ("n, escape", "Cancel")]),
        "picker": (lambda: PostPicker(path.parent), [("escape", "Cancel")]),
    }


async def press_f1_and_back(pilot, app, expected, absent=("Move down",)):
    screen = app.screen
    await pilot.press("f1")
    await pilot.pause()
    assert type(app.screen).__name__ == "HelpScreen", type(screen).__name__
    lines = help_lines(app)
    for key, what in expected:
        assert has(lines, key, what), (type(screen).__name__, key, what, lines)
    for what in absent:
        assert not any(what in line for line in lines), (type(screen).__name__, what)
    assert has(lines, "f1", "Help")
    assert all(re.search(r"\S\s{2,}\S", line) for line in lines), lines  # every key says what it does
    await pilot.press("f1")
    await pilot.pause()
    assert app.screen is screen


async def test_f1_on_the_editor_and_the_whole_preview(ko_post):
    app = make_app(ko_post, keys={"preview.next_link": "n"})
    async with app.run_test(size=(120, 40)) as pilot:
        await press_f1_and_back(pilot, app, [("enter", "Edit"), ("alt+down, ctrl+down, J", "Move down")], absent=())
        await pilot.press("enter")
        await pilot.pause()
        await press_f1_and_back(pilot, app, [("escape", "List"), ("ctrl+y", "Redo")], absent=())
        await pilot.press("escape", "f5")
        await pilot.pause()
        await press_f1_and_back(pilot, app, [("n", "Next link"), ("shift+tab", "Previous link"), ("o", "Open link"),
                                             ("t", "Contents"), ("escape", "Back")], absent=("Move down", "Focus"))


@pytest.mark.parametrize("name", ["quit", "merge", "rename", "recover", "conflict", "missing", "picker"])
async def test_f1_on_every_dialog(ko_post, name):
    make, expected = dialogs(ko_post)[name]
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(make())
        await pilot.pause()
        await press_f1_and_back(pilot, app, expected)
