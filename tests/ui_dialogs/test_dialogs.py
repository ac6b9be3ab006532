"""The modal dialogs: what each answers for each key and button, and what it shows."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from textual.widgets import Button, Input, OptionList, Static

from tui.screens.dialogs import (
    ConfirmQuit,
    ConflictDialog,
    DiffView,
    HelpScreen,
    MissingFileDialog,
    PostPicker,
    RecoverDialog,
    unified_diff,
)

from . import ENGLISH_POST, KOREAN_POST, ScreenApp

SAVED_AT = 1_772_860_000.0  # a fixed moment, shown in UTC below
JOURNAL = KOREAN_POST.replace(
    "밤새 돌리면 된다는 결론이 솔직해서 좋았다.", "밤새 돌리면 된다는 결론이 솔직했다.\n\n새로 쓴 논평 한 줄."
)


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


async def answer(screen, *keys: str, click: str | None = None, size=(100, 30)):
    """Run ``screen``, press ``keys`` (or click a button), return what it dismissed with."""
    app = ScreenApp(screen)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if click:
            await pilot.click(click)
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        return app.results


def diff_text(screen) -> str:
    return str(screen.query_one(DiffView).query_one(Static).render())


# -- ConfirmQuit ---------------------------------------------------------------------------


@pytest.mark.parametrize("key, expected", [("s", "save"), ("d", "discard"), ("escape", "cancel")])
async def test_confirm_quit_keys(key, expected):
    assert await answer(ConfirmQuit(), key) == [expected]


@pytest.mark.parametrize("button, expected", [("#choice-save", "save"), ("#choice-discard", "discard"),
                                              ("#choice-cancel", "cancel")])
async def test_confirm_quit_buttons(button, expected):
    assert await answer(ConfirmQuit(), click=button) == [expected]


# -- RecoverDialog -------------------------------------------------------------------------


async def test_recover_shows_the_changed_lines_and_answers():
    screen = RecoverDialog("weekly.md", KOREAN_POST, JOURNAL, SAVED_AT)
    app = ScreenApp(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        shown = diff_text(screen)
        assert "-노트북 CPU만으로 LoRA를 돌려 본 기록. 밤새 돌리면 된다는 결론이 솔직해서 좋았다." in shown
        assert "+새로 쓴 논평 한 줄." in shown
        assert "### 새 토크나이저 라이브러리" not in shown  # unchanged parts stay out
        message = str(screen.query_one(".dialog-message", Static).render())
        assert "2026-03-07" in message and "3 line(s) added, 1 removed" in message
        await pilot.press("escape")  # not an answer: discarding must be explicit
        await pilot.pause()
        assert app.results == [] and app.screen is screen
        await pilot.press("r")
        await pilot.pause()
    assert app.results == ["recover"]


async def test_recover_discard_key_and_buttons():
    assert await answer(RecoverDialog("p.md", "a\n", "b\n", SAVED_AT), "d") == ["discard"]
    assert await answer(RecoverDialog("p.md", "a\n", "b\n", SAVED_AT), click="#choice-recover") == ["recover"]
    # Recover has the focus, so enter never discards by accident.
    assert await answer(RecoverDialog("p.md", "a\n", "b\n", SAVED_AT), "enter") == ["recover"]


async def test_recover_diff_scrolls_when_long():
    disk = "".join(f"line {i}\n" for i in range(200))
    journal = "".join(f"line {i} edited\n" for i in range(200))
    screen = RecoverDialog("long.md", disk, journal, SAVED_AT)
    async with ScreenApp(screen).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        view = screen.query_one(DiffView)
        assert view.max_scroll_y > 0
        view.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0


def test_diff_styles_use_theme_variables():
    diff = unified_diff("a\nb\n", "a\nc\n", "old", "new")
    styles = {str(span.style) for span in diff.spans}
    assert any("$text-success" in s for s in styles) and any("$text-error" in s for s in styles)
    assert unified_diff("same\n", "same\n", "a", "b").plain == "No differences."


# -- ConflictDialog ------------------------------------------------------------------------


@pytest.mark.parametrize("key, expected", [("r", "reload"), ("o", "overwrite"), ("escape", "cancel"),
                                           ("enter", "cancel")])
async def test_conflict_keys_never_default_to_overwrite(key, expected):
    assert await answer(ConflictDialog("weekly.md", KOREAN_POST, JOURNAL), key) == [expected]


async def test_conflict_diff_toggles_inline_and_stays_open():
    screen = ConflictDialog("weekly.md", KOREAN_POST, JOURNAL)
    app = ScreenApp(screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = screen.query_one(DiffView)
        assert not view.display
        await pilot.press("v")
        await pilot.pause()
        assert view.display and app.screen is screen and app.results == []
        assert "+새로 쓴 논평 한 줄." in diff_text(screen)
        assert view.region.height > 2  # really on screen, not just in the DOM
        assert "Hide diff" in str(screen.query_one("#choice-diff", Button).label)
        await pilot.click("#choice-diff")
        await pilot.pause()
        assert not view.display
        await pilot.click("#choice-overwrite")
        await pilot.pause()
    assert app.results == ["overwrite"]


# -- MissingFileDialog ---------------------------------------------------------------------


@pytest.mark.parametrize("key, expected", [("y", True), ("n", False), ("escape", False)])
async def test_missing_file(key, expected, tmp_path):
    assert await answer(MissingFileDialog(tmp_path / "post.md"), key) == [expected]


async def test_missing_file_says_which_and_buttons(tmp_path):
    screen = MissingFileDialog(tmp_path / "post.md")
    app = ScreenApp(screen)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "post.md does not exist. Create it?" in str(screen.query_one(".dialog-title").render())
        await pilot.click("#answer-yes")
        await pilot.pause()
    assert app.results == [True]


# -- PostPicker ----------------------------------------------------------------------------


@pytest.fixture
def blog(tmp_path) -> Path:
    (tmp_path / "2026-03-07-weekly.md").write_text(KOREAN_POST, encoding="utf-8")
    (tmp_path / "reading.markdown").write_text(ENGLISH_POST, encoding="utf-8")
    old = KOREAN_POST.replace("2026.03.07", "2025.12.27").replace("3월 2주차", "12월 4주차")
    (tmp_path / "older.md").write_text(old, encoding="utf-8")
    no_front = tmp_path / "draft.md"
    no_front.write_text("# Draft\n\nNo front matter yet.\n", encoding="utf-8")
    os.utime(no_front, (1_700_000_000, 1_700_000_000))  # 2023: by mtime it is the oldest
    (tmp_path / "notes.txt").write_text("not a post", encoding="utf-8")
    (tmp_path / "binary.md").write_bytes(b"\xff\xfe\x00garbage")
    os.utime(tmp_path / "binary.md", (1_600_000_000, 1_600_000_000))
    return tmp_path


async def test_picker_lists_newest_first_with_titles(blog):
    screen = PostPicker(blog)
    async with ScreenApp(screen).run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        names = [head.path.name for head in screen._shown]
        # 2026-03-07 12:00 (Korean) before 2026-03-07 09:30 (English) before 2025-12-27, then mtimes.
        assert names == ["2026-03-07-weekly.md", "reading.markdown", "older.md", "draft.md", "binary.md"]
        options = screen.query_one(OptionList)
        assert "Weekly ML/DL News (3월 2주차)" in str(options.get_option_at_index(0).prompt)


async def test_picker_filters_as_you_type_and_enter_opens(blog):
    screen = PostPicker(blog)
    app = ScreenApp(screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await pilot.press(*"12월")
        await pilot.pause()
        assert [h.path.name for h in screen._shown] == ["older.md"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.results == [blog / "older.md"]


async def test_picker_arrow_keys_move_from_the_filter(blog):
    screen = PostPicker(blog)
    app = ScreenApp(screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
    assert app.results == [blog / "reading.markdown"]


async def test_picker_escape_and_empty_directory(tmp_path):
    assert await answer(PostPicker(tmp_path), "enter", "escape") == [None]
    screen = PostPicker(tmp_path)
    async with ScreenApp(screen).run_test() as pilot:
        await pilot.pause()
        assert "No posts" in str(screen.query_one(OptionList).get_option_at_index(0).prompt)


# -- HelpScreen ----------------------------------------------------------------------------

BINDINGS = [
    ("ctrl+s", "Save the post", "editor.save"),
    ("ctrl+q", "Quit", "editor.quit"),
    ("alt+up", "Move the item up", "list.move_up"),
    ("d", "Delete the item", "list.delete"),
    ("f1", "Help", "help"),
]


async def test_help_groups_and_closes():
    for key in ("f1", "escape"):
        screen = HelpScreen(BINDINGS)
        app = ScreenApp(screen)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            groups = [str(label.render()) for label in screen.query(".help-group")]
            assert groups == ["Editor", "List", "General"]
            rows = [str(s.render()) for s in screen.query(".help-rows")]
            assert "ctrl+s" in rows[0] and "Save the post" in rows[0]
            assert "alt+up" in rows[1] and "Move the item up" in rows[1]
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not screen
        assert app.results == [None]


# -- snapshots -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_snapshot_recover(snap_compare, size, theme):
    app = ScreenApp(RecoverDialog("weekly.md", KOREAN_POST, JOURNAL, SAVED_AT), theme=theme)
    assert snap_compare(app, terminal_size=size)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
def test_snapshot_conflict_with_diff(snap_compare, size, theme):
    app = ScreenApp(ConflictDialog("weekly.md", KOREAN_POST, JOURNAL), theme=theme)
    assert snap_compare(app, terminal_size=size, press=["v"])
