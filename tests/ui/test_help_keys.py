"""F1 lists the keys of the screen on top, as bound now (remapped keys included)."""

from __future__ import annotations

from tests.ui.conftest import make_app


def help_text(app) -> str:
    from textual.widgets import Static

    return "\n".join(str(static.render()) for static in app.screen.query(".help-rows").results(Static))


async def test_editor_help_lists_enter_tab_palette_and_redo(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        text = help_text(app)
        for key, what in [("enter", "Edit"), ("tab", "Focus Next"), ("ctrl+p", "Command palette"),
                          ("ctrl+y", "Redo"), ("escape", "List"), ("ctrl+s", "Save"), ("f4", "Description")]:
            assert any(line.startswith(key) and what.casefold() in line.casefold()
                       for line in text.splitlines()), (key, what)


async def test_remapped_key_is_shown(ko_post):
    app = make_app(ko_post, keys={"item.move_down": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        lines = help_text(app).splitlines()
        assert any(line.startswith("x ") and "Move down" in line for line in lines)
        assert not any("alt+down" in line for line in lines)


async def test_f1_in_the_whole_preview_lists_its_keys(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f5")
        await pilot.pause()
        preview = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        lines = help_text(app).splitlines()
        assert any(line.startswith("o ") and "Open link" in line for line in lines)
        assert any(line.startswith("t ") and "Contents" in line for line in lines)
        assert not any("Move down" in line for line in lines)  # the editor's keys are not here
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is preview


async def test_f1_in_a_modal_picker_lists_its_keys_and_closes_again(ko_post):
    """A modal screen hides the app's bindings: F1 in the post picker (ctrl+o) did nothing."""
    app = make_app(ko_post)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert type(picker).__name__ == "PostPicker"
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        lines = help_text(app).splitlines()
        assert any(line.startswith("escape ") and "Cancel" in line for line in lines)
        await pilot.press("f1")
        await pilot.pause()
        assert app.screen is picker


async def test_f1_on_the_quit_dialog_lists_its_answers_not_ctrl_q(ko_post):
    """ctrl+q does nothing while the quit question is up: F1 there must not offer it."""
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", *"x", "escape", "ctrl+q")
        await pilot.pause()
        dialog = app.screen
        assert type(dialog).__name__ == "ConfirmQuit"
        await pilot.press("f1")
        await pilot.pause()
        lines = help_text(app).splitlines()
        assert any(line.startswith("s ") and "Save" in line for line in lines)
        assert any(line.startswith("escape ") and "Cancel" in line for line in lines)
        assert not any(line.startswith("ctrl+q") for line in lines)
        await pilot.press("f1", "ctrl+q")  # and indeed it does nothing there
        await pilot.pause()
        assert app.screen is dialog and app.is_running
        await pilot.press("escape", "f1")  # back on the editor, ctrl+q is listed again
        await pilot.pause()
        assert any(line.startswith("ctrl+q ") and "Quit" in line for line in help_text(app).splitlines())
