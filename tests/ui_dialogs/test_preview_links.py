"""The whole preview's links by keyboard: tab / shift+tab choose, o opens in a real browser
command, or copies the address when there is none (issue 13, items 4-5)."""

from __future__ import annotations

import stat
import time
from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from tests.ui.test_clipboard import x_display  # noqa: F401 - the fixture, with Xvfb and xclip
from tests.ui_dialogs.test_whole_preview import preview, settle, until
from tui.screens.preview_links import HIGHLIGHT, HOW_TO_PICK
from tui.screens.whole_preview import TocView

from . import big_post


def fake_browser(tmp_path: Path, status: int = 0) -> tuple[str, Path]:
    """A browser command that writes the address it was given to a file and exits ``status``."""
    seen = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf %s "$1" > "{seen}"\nexit {status}\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script), seen


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


def lit_text(screen) -> str:
    """The text drawn with the link highlight in the chosen link's block."""
    part = screen._lit
    assert part is not None, "no link is highlighted"
    content = part.content
    assert isinstance(content, Content)
    return "".join(content.plain[s.start:s.end] for s in content.spans if s.style == HIGHLIGHT)


def link_line(screen) -> str:
    return str(screen.query_one("#preview-link", Static).render())


async def test_tab_walks_contents_then_links_and_o_opens_the_browser(tmp_path, monkeypatch):
    command, seen = fake_browser(tmp_path)
    monkeypatch.setenv("BROWSER", command)
    screen, app = preview()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        await pilot.press("tab")
        assert isinstance(app.focused, TocView)  # the contents are one stop
        await pilot.press("tab")
        await settle(pilot, screen)
        assert screen.chosen_href() == "https://example.org/tokenizer"
        assert lit_text(screen) == "참고링크"
        assert "https://example.org/tokenizer" in link_line(screen)
        await pilot.press("tab", "tab")
        await settle(pilot, screen)
        assert screen.chosen_href() == "https://example.org/cpu-finetune"
        await pilot.press("shift+tab")
        await settle(pilot, screen)
        assert screen.chosen_href() == "https://example.org/small-lm"
        assert lit_text(screen) == "참고링크"
        await pilot.press("o")
        await until(lambda: seen.exists() and any("Opened" in n for n in notes(app)), timeout=10)
        assert seen.read_text(encoding="utf-8") == "https://example.org/small-lm"


async def test_o_with_no_link_chosen_says_how_to_pick_one(monkeypatch):
    screen, app = preview()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        await pilot.press("o")
        await pilot.pause()
        assert HOW_TO_PICK in notes(app)


async def test_no_display_no_browser_copies_to_the_terminal_and_says_so(monkeypatch):
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    screen, app = preview()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        await pilot.press("tab", "tab", "o")
        await until(lambda: any(n.startswith("No browser here:") for n in notes(app)), timeout=10)
        note = next(n for n in notes(app) if n.startswith("No browser here:"))
        assert "https://example.org/tokenizer" in note
        assert app.clipboard == "https://example.org/tokenizer"


async def test_failing_browser_copies_to_the_system_clipboard(tmp_path, monkeypatch, x_display):  # noqa: F811
    import pyperclip

    pyperclip.copy("something else")
    command, seen = fake_browser(tmp_path, status=3)  # as xdg-open exits with no browser set up
    monkeypatch.setenv("BROWSER", command)
    screen, app = preview()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        await pilot.press("tab", "tab", "tab", "o")
        await until(lambda: any(n.startswith("No browser here:") for n in notes(app)), timeout=15)
        assert "No browser here: copied https://example.org/small-lm" in notes(app)
        assert seen.read_text(encoding="utf-8") == "https://example.org/small-lm"  # it was tried
        assert pyperclip.paste() == "https://example.org/small-lm"


async def test_after_a_contents_jump_tab_chooses_the_link_in_view():
    screen, app = preview(big_post(30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, screen)
        await pilot.press("t")
        await until(lambda: isinstance(app.focused, TocView))
        await pilot.press(*["down"] * 25, "enter")
        await settle(pilot, screen)
        await pilot.press("tab")
        await settle(pilot, screen)
        assert screen.chosen_href() == "https://example.com/news/26"
        assert lit_text(screen) == "참고링크"
        await pilot.press("shift+tab")
        await settle(pilot, screen)
        assert screen.chosen_href() == "https://example.com/news/25"


async def test_enter_on_a_chosen_anchor_link_jumps():
    screen, app = preview()
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot, screen)
        await pilot.press("G")
        await settle(pilot, screen)
        await pilot.press("shift+tab")  # the last link of the post: [목차](#목차)
        await settle(pilot, screen)
        assert screen.chosen_href() == "#목차"
        toc = screen.query_one(TocView)
        assert not toc.region.intersection(screen.column.region)
        await pilot.press("enter")
        await settle(pilot, screen)
        assert toc.region.intersection(screen.column.region)
        started = time.monotonic()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen and time.monotonic() - started < 5


async def test_tabs_in_one_burst_each_move_one_stop():
    from tests.ui.burst import burst

    screen, app = preview()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        await burst(pilot, "tab", "tab", "tab")  # as tmux send-keys or a laggy link sends them
        await settle(pilot, screen)
        assert screen.chosen_href() == "https://example.org/small-lm"


async def test_o_on_the_contents_jumps_to_the_highlighted_entry():
    screen, app = preview(big_post(30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, screen)
        await pilot.press("tab", *["down"] * 9, "o")
        await settle(pilot, screen)
        target = next(v for v in screen.views.values() if v.block.title == "기사 10 요약")
        assert target.region.y == screen.column.region.y  # its section at the top


def test_snapshot_chosen_link_at_80x24(snap_compare):
    screen, app = preview()

    async def choose(pilot):
        await settle(pilot, screen)
        await pilot.press("tab", "tab", "tab")
        await settle(pilot, screen)

    assert snap_compare(app, terminal_size=(80, 24), run_before=choose)


async def test_tab_in_a_post_without_links_says_so():
    screen, app = preview("---\ntitle: 빈 글\n---\n\n링크 없는 소개 한 줄.\n\n### 항목\n\n본문뿐이다.\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, screen)
        await pilot.press("tab", "shift+tab", "o")
        await pilot.pause()
        assert "No more links below." in notes(app) and "No more links above." in notes(app)
        assert HOW_TO_PICK in notes(app)
    screen, app = preview("")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await pilot.pause()
        assert "No more links below." in notes(app)
