"""Fixtures for the editor's Pilot tests: a temp copy of a fixture post and isolated
config/data dirs, so no test reads the user's settings or leaves a journal behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the parsed-CSS cache
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path


@pytest.fixture
def blog(tmp_path) -> Path:
    directory = tmp_path / "blog"
    directory.mkdir()
    return directory


def copy_fixture(name: str, directory: Path) -> Path:
    target = directory / name
    shutil.copyfile(FIXTURES / name, target)
    return target


@pytest.fixture
def ko_post(blog) -> Path:
    return copy_fixture("weekly-ko.md", blog)


@pytest.fixture
def en_post(blog) -> Path:
    return copy_fixture("weekly-en.md", blog)


def generated_post(directory: Path, items: int, seed: int) -> Path:
    """A long post from the benchmark's generator (Korean and English items), written to
    ``directory``: what the paint-reuse tests scroll through."""
    from tests.bench.genpost import generate

    path = directory / "long.md"
    path.write_text(generate(items, seed=seed), encoding="utf-8")
    return path


def make_settings(**overrides):
    from tui.config import Settings

    # No network in tests unless a test serves pages itself; timers out of the way.
    base = dict(fetch_titles=False, autosave_seconds=3600.0)
    base.update(overrides)
    return Settings(**base)


def make_app(path: Path, **overrides):
    from tui.app import NewsDigestApp
    from tui.config import parse_options
    from tui.digest.postfile import open_post

    settings = make_settings(**overrides)
    return NewsDigestApp(path, settings, open_post(path, parse_options(settings)))


def rows(app) -> list[str]:
    """The item list's rows as plain text."""
    item_list = app.screen.query_one("#items")
    return [item_list.row_plain(row) for row in range(item_list.option_count)]


def titles(app) -> list[str]:
    """Item titles in list order, without positions and domains."""
    return [block.title for block in app.screen.item_list.rows[1:]]


async def until(pilot, condition, timeout: float = 10.0) -> None:
    """Wait for background work (threads, debounced renders) without betting on how fast
    the machine is: a loaded CI runner only makes the wait longer, never the test red."""
    for _ in range(int(timeout / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition(), "timed out waiting"
