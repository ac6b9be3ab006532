"""Snapshots of the main screen at the two sizes the issue names, cursor blink off."""

from __future__ import annotations

import pytest

from tests.ui.conftest import make_app


def settle(*keys: str):
    async def run_before(pilot) -> None:
        pilot.app.screen.editor.cursor_blink = False
        await pilot.press(*keys)
        await pilot.pause(0.5)  # the preview renders after its debounce
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_main_screen(snap_compare, ko_post, size):
    assert snap_compare(make_app(ko_post), terminal_size=size, run_before=settle("down", "down"))


def test_narrow_preview(snap_compare, ko_post):
    assert snap_compare(make_app(ko_post), terminal_size=(80, 24), run_before=settle("down", "f2"))


def test_groups_wide(snap_compare, en_post):
    assert snap_compare(make_app(en_post), terminal_size=(120, 40), run_before=settle("down", "down"))
