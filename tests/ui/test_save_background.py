"""A large post's ctrl+s writes in a thread and returns at once; nothing a save promises
may change for it: a quit or a second ctrl+s waits for the bytes, typing meanwhile stays
unsaved, and a write that fails still says why."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from tests.ui.burst import burst
from tests.ui.conftest import generated_post, make_app, until
from tui.screens.save_thread import BACKGROUND_CHARS

ITEMS = 400  # ~160 K characters (0.32 MB) of Korean and English items: over BACKGROUND_CHARS


async def start(pilot):
    """The first item in the editor, the cursor at the start of its first body line;
    returns (file text, offset of that line in the file)."""
    app = pilot.app
    screen = app.screen
    await until(pilot, lambda: screen.item_list.option_count == ITEMS + 1)
    screen.item_list.focus()
    screen.item_list.highlighted = 1
    await pilot.pause()
    block = screen.post.items[0]
    heading, blank = block.content.splitlines(keepends=True)[:2]
    screen.editor.focus()
    screen.editor.move_cursor((2, 0))
    await pilot.pause()
    text = screen.path.read_text(encoding="utf-8")
    return text, text.index(block.content) + len(heading) + len(blank)


def inserted(text: str, at: int, typed: str) -> bytes:
    return (text[:at] + typed + text[at:]).encode("utf-8")


@contextlib.contextmanager
def lock_held_by_another_writer(path: Path, seconds: float):
    """The post's lock held from another thread for ``seconds`` after the block starts (what
    `fix` or `add` in another process does): a save in the background waits for it."""
    from tui.digest.post_lock import post_locked

    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with post_locked(Path(os.path.realpath(path))):
            held.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert held.wait(5)
    timer = threading.Timer(seconds, release.set)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        release.set()
        holder.join(5)


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_ctrl_s_then_ctrl_q_in_one_burst_writes_the_file_before_exit(blog):
    path = generated_post(blog, ITEMS, seed=5)
    assert len(path.read_text(encoding="utf-8")) >= BACKGROUND_CHARS
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, at = await start(pilot)
        await burst(pilot, "x", "ctrl+s", "ctrl+q")
        await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0  # quit without asking: the save had landed
    assert path.read_bytes() == inserted(text, at, "x")


async def test_a_quit_while_the_write_waits_for_the_lock_exits_only_once_it_is_written(blog):
    path = generated_post(blog, ITEMS, seed=4)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, at = await start(pilot)
        screen = app.screen
        with lock_held_by_another_writer(path, 0.5):
            await burst(pilot, "x", "ctrl+s")
            assert screen.save_in_flight  # the key has returned; the write waits for the lock
            assert "unsaved" in screen.sub_title
            assert path.read_bytes() == text.encode("utf-8")
            await burst(pilot, "ctrl+q")
            await until(pilot, lambda: app.return_code is not None)
    assert app.return_code == 0
    assert path.read_bytes() == inserted(text, at, "x")


async def test_a_second_ctrl_s_waits_for_the_first_and_saves_what_came_after(blog):
    path = generated_post(blog, ITEMS, seed=6)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, at = await start(pilot)
        screen = app.screen
        with lock_held_by_another_writer(path, 0.3):
            await burst(pilot, "x", "ctrl+s", "y", "ctrl+s")
            await until(pilot, lambda: not screen.save_in_flight)
        assert path.read_bytes() == inserted(text, at, "xy")
        assert "unsaved" not in screen.sub_title
        assert screen.fingerprint.size == path.stat().st_size
        assert [n for n in notes(app) if n.startswith("Saved")]


async def test_typing_while_the_bytes_are_written_stays_unsaved(blog):
    from tui.screens.dialogs import ConfirmQuit

    path = generated_post(blog, ITEMS, seed=7)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, at = await start(pilot)
        screen = app.screen
        await burst(pilot, "x", "ctrl+s", "y")
        await until(pilot, lambda: not screen.save_in_flight)
        assert path.read_bytes() == inserted(text, at, "x")  # what there was at ctrl+s
        assert "unsaved" in screen.sub_title
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)  # the "y" is not lost silently


async def test_a_write_that_fails_in_the_thread_is_reported_and_keeps_the_edit(blog):
    path = generated_post(blog, ITEMS, seed=8)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, at = await start(pilot)
        screen = app.screen
        path.chmod(0o444)  # refused by its mode, even for root
        try:
            await burst(pilot, "x", "ctrl+s")
            await until(pilot, lambda: not screen.save_in_flight)
            await pilot.pause()
            assert path.read_bytes() == text.encode("utf-8")
            assert any("read-only" in n for n in notes(app)), notes(app)
            assert "unsaved" in screen.sub_title
            path.chmod(0o644)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not screen.save_in_flight)
            assert path.read_bytes() == inserted(text, at, "x")
            assert "unsaved" not in screen.sub_title
        finally:
            path.chmod(0o644)


async def test_a_character_utf8_cannot_hold_is_reported_when_the_job_lands(blog):
    path = generated_post(blog, ITEMS, seed=9)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, _ = await start(pilot)
        screen = app.screen
        # A lone surrogate: TextArea refuses one, but a recovered journal or a merged `add`
        # reaches the model without it.
        block = screen.post.items[-1]
        screen.post.set_content(block, block.content + "\ud800\n")
        screen.mark_dirty()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen.save_in_flight)
        await pilot.pause()
        assert path.read_bytes() == text.encode("utf-8")
        assert any("cannot be stored as UTF-8" in n for n in notes(app)), notes(app)
        assert "unsaved" in screen.sub_title


# Found in review: the job landed in the save thread's empty context, without Textual's active
# app, so a landing that builds a widget (a rebuilt form, the conflict dialog) killed the app.
async def test_a_landing_that_rebuilds_the_form_keeps_the_app_running(blog):
    path = generated_post(blog, ITEMS, seed=10)
    path.write_text(path.read_text(encoding="utf-8").replace("(6월 4주차)", "(6월 3주차)", 1), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.item_list.option_count == ITEMS + 1)
        await pilot.pause()
        await burst(pilot, "ctrl+s")  # on the Post row: the title is set right, the form redrawn
        await until(pilot, lambda: not screen.save_in_flight)
        await pilot.pause()
        assert app.return_code is None and app.is_running
        assert "title: Weekly ML/DL News (6월 4주차)\n" in path.read_text(encoding="utf-8")
        assert screen.query("#form-title").first().value == "Weekly ML/DL News (6월 4주차)"


async def test_a_file_changed_during_the_write_asks_instead_of_dying(blog):
    path = generated_post(blog, ITEMS, seed=11)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, at = await start(pilot)
        screen = app.screen
        # Held until the other program has written (leaving the block releases it): on a
        # loaded machine a 0.4 s hold could end before the edit, and the save won the race.
        with lock_held_by_another_writer(path, 30):
            await burst(pilot, "x", "ctrl+s")
            assert screen.save_in_flight
            # Another program edits the very line typed in (an append would be merged).
            theirs = text[:at] + "EDIT " + text[at:]
            path.write_text(theirs, encoding="utf-8")
        await until(pilot, lambda: type(app.screen).__name__ == "ConflictDialog")
        assert app.is_running
        assert path.read_text(encoding="utf-8") == theirs


async def test_a_delete_made_while_the_bytes_are_written_can_be_undone(blog):
    path = generated_post(blog, ITEMS, seed=12)
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        text, at = await start(pilot)
        screen = app.screen
        with lock_held_by_another_writer(path, 0.3):
            await burst(pilot, "x", "escape", "ctrl+s", "d")
            assert screen.item_list.option_count == ITEMS  # deleted while the write waits
        await until(pilot, lambda: not screen.save_in_flight)
        await pilot.pause()
        assert path.read_bytes() == inserted(text, at, "x")
        await burst(pilot, "u")
        await pilot.pause()
        assert screen.item_list.option_count == ITEMS + 1
        assert "Nothing to undo" not in " ".join(notes(app))


async def test_the_form_typed_in_while_the_bytes_are_written_is_kept(blog):
    path = generated_post(blog, ITEMS, seed=13)
    path.write_text(path.read_text(encoding="utf-8").replace("(6월 4주차)", "(6월 3주차)", 1), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await until(pilot, lambda: screen.item_list.option_count == ITEMS + 1)
        await until(pilot, lambda: len(screen.query("#form-categories")) == 1)
        screen.query("#form-categories").first().focus()
        await pilot.pause()
        with lock_held_by_another_writer(path, 0.4):
            await burst(pilot, "ctrl+s", "end", ",", " ", "z")
        await until(pilot, lambda: not screen.save_in_flight)
        await pilot.pause()
        assert app.is_running
        assert screen.post.front.peek("categories") == "['news', 'z']"  # the edit is applied, unsaved
        assert "unsaved" in screen.sub_title
