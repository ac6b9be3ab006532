"""The collector: paused for the editor's start, then run between key presses."""

from __future__ import annotations

import gc
import weakref

import pytest

from tui import heap
from tui.heap import IdleCollector

from .conftest import make_app, until


@pytest.fixture
def restore_gc():
    yield
    heap.release()  # a failed test must not leave the collector off
    gc.unfreeze()
    gc.enable()


class Cycle:
    def __init__(self) -> None:
        self.me = self


async def test_start_pauses_collection_then_collects_when_input_is_quiet(ko_post, restore_gc):
    gc.unfreeze()
    heap.pause()
    assert not gc.isenabled() and heap.paused()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.collector is not None)
        assert not heap.paused()
        # What start-up built (modules, widgets, the post) is out of later passes' way.
        assert gc.get_freeze_count() > 10_000
        assert not gc.isenabled(), "passes are the app's to schedule now"

        # Cyclic garbage made around key presses is freed once input goes quiet.
        await pilot.press("down")
        ref = weakref.ref(Cycle())
        for _ in range(2000):
            Cycle()
        await pilot.press("up")
        await until(pilot, lambda: ref() is None, timeout=10)
        assert sum(app.collector.passes) >= 1
        assert app.screen.item_list.highlighted == 0


async def test_an_editor_started_without_the_pause_leaves_the_collector_alone(ko_post, restore_gc):
    gc.unfreeze()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: app.is_ready)
        await pilot.pause()
        assert gc.isenabled() and gc.get_freeze_count() == 0 and app.collector is None


def test_the_command_pauses_before_it_runs_the_editor(monkeypatch, tmp_path):
    import tui.cli as cli

    seen = {}

    def fake_run_editor(path, settings, begun=None):
        seen["paused"] = heap.paused()
        return 0

    monkeypatch.setattr("tui.app.run_editor", fake_run_editor)
    try:
        config = tmp_path / "config.toml"
        config.write_text("", encoding="utf-8")
        assert cli.main(["--config", str(config), str(tmp_path / "post.md")]) == 0
    finally:
        heap.release()
    assert seen.get("paused") is True
    assert gc.isenabled(), "the collector is the process's again after the editor"


@pytest.mark.parametrize(
    ("quiet", "count", "generation"),
    [
        (0.05, (500, 0, 0), None),  # typing, little allocated: nothing
        (0.05, (9_000, 3, 0), None),  # typing fast: still below the backlog
        (0.05, (10_000, 0, 0), 0),  # a key held down: the cheapest pass only
        (0.05, (50, 100, 0), 2),  # ...and a full one after 100 passes without one
        (0.05, (50, 60, 40), 2),  # (generation-0 and generation-1 passes alike)
        (0.05, (50, 0, 100), 2),
        (0.2, (800, 0, 0), 1),  # a pause between words: the young generations
        (0.2, (100, 5, 2), None),  # ...when there is enough to be worth it
        (1.5, (100, 5, 2), 2),  # reading: a full pass frees old replaced widgets too
        (1.5, (0, 0, 0), None),  # idle and nothing new: nothing, tick after tick
    ],
)
def test_which_pass_runs_depends_on_how_quiet_input_is(quiet, count, generation):
    collector = IdleCollector()
    collector.touch(100.0)
    assert collector.due(100.0 + quiet, count) == generation


def test_an_editor_that_fails_to_start_gives_the_collector_back(tmp_path):
    import tui.cli as cli

    config = tmp_path / "config.toml"
    config.write_text("", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\xff\xfe\x00binary\x00")
    assert cli.main(["--config", str(config), str(bad)]) == 2
    assert gc.isenabled() and not heap.paused()


def test_release_gives_back_a_collector_the_editor_took_over(restore_gc):
    gc.unfreeze()
    heap.pause()
    heap.settle()
    assert not gc.isenabled() and gc.get_freeze_count() > 0
    heap.thaw()  # another post opened: the start-up heap is collectable again
    assert gc.get_freeze_count() == 0 and not gc.isenabled()
    heap.release()
    assert gc.isenabled() and gc.get_freeze_count() == 0 and not heap.paused()
    heap.release()  # twice is harmless
    assert gc.isenabled()


def test_pausing_leaves_a_collector_someone_else_turned_off_alone(restore_gc):
    gc.disable()
    heap.pause()
    assert not heap.paused()
    heap.release()
    assert not gc.isenabled(), "not ours to turn on"
