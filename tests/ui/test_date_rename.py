"""The front matter form from the keyboard alone; a date in another week offers a rename."""

from __future__ import annotations

from tests.ui.conftest import make_app, until


async def edit_date(pilot, new: str) -> None:
    # Enter on the Post row: the title field; tab: the date field.
    await pilot.press("enter", "tab", "end", *["backspace"] * 25, *new, "enter")


async def test_date_into_the_next_week_offers_the_template_name(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await edit_date(pilot, "2024.03.16 12:00:00")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmRename")
        await pilot.press("r")
        await pilot.pause()
        target = ko_post.with_name("weekly-ml-dl-news-2024-03-w4.md")
        assert target.exists() and not ko_post.exists()
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert "date: 2024.03.16 12:00:00\n" in text
    assert "title: Weekly ML/DL News (3월 4주차)\n" in text


async def test_keeping_the_name_renames_nothing_and_same_week_asks_nothing(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await edit_date(pilot, "2024.03.10 09:00:00")  # the same week: no question
        await pilot.pause(1.0)
        assert type(app.screen).__name__ == "EditorScreen"
        await pilot.press("tab", "shift+tab")  # the date field again
        await pilot.press("end", *["backspace"] * 25, *"2024.03.23 12:00:00", "enter")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmRename")
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert "date: 2024.03.23 12:00:00\n" in ko_post.read_text(encoding="utf-8")
    assert sorted(p.name for p in ko_post.parent.iterdir()) == ["weekly-ko.md"]


async def test_enter_then_typing_adds_to_the_title_instead_of_replacing_it(ko_post):
    # Typing right after Enter appends on an item row; on the Post row it once replaced the
    # whole title (the field selected all of it on focus).
    title = next(line for line in ko_post.read_text(encoding="utf-8").splitlines() if line.startswith("title: "))
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", *" 특집", "enter", "ctrl+s")
        await pilot.pause()
    assert f"{title} 특집\n" in ko_post.read_text(encoding="utf-8")


async def test_a_save_right_after_typing_in_the_form_keeps_the_typing(ko_post):
    # The form sends a typed field after 0.6 s of quiet; ctrl+s inside that time once wrote the
    # file without it.
    title = next(line for line in ko_post.read_text(encoding="utf-8").splitlines() if line.startswith("title: "))
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", *" 특집", "ctrl+s")
        await pilot.pause()
        assert f"{title} 특집\n" in ko_post.read_text(encoding="utf-8")


async def test_a_quit_right_after_typing_in_the_form_asks_first(ko_post):
    before = ko_post.read_bytes()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "Q", "ctrl+q")
        await until(pilot, lambda: type(app.screen).__name__ == "ConfirmQuit")
        assert app.is_running
    assert ko_post.read_bytes() == before


async def test_a_quit_with_a_typed_date_that_is_not_one_warns_once(ko_post):
    # The form keeps an invalid date to itself; a quit dropped it without a word.
    before = ko_post.read_bytes()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter", "tab", "end", *["backspace"] * 25, *"2024.13.45 12:00:00", "ctrl+q")
        await pilot.pause()
        assert app.is_running
        assert any("2024.13.45 12:00:00" in n.message and "not a date" in n.message for n in app._notifications)
        await pilot.press("ctrl+q")  # asked again: leaves knowingly
        await until(pilot, lambda: app.return_code is not None)
    assert ko_post.read_bytes() == before
