"""A journal someone else planted or damaged never keeps the editor from opening the post."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from tests.ui.conftest import make_app, titles


def _plant(kind: str, path, post) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "symlink":
        elsewhere = path.parent.parent / "elsewhere.json"
        elsewhere.write_text(json.dumps({"version": 1, "post_path": str(post.resolve()), "text": "planted",
                                         "base_sha256": None, "saved_at": 1_700_000_000}))
        path.symlink_to(elsewhere)
    else:
        path.write_text(json.dumps({"version": 1, "post_path": str(post.resolve()), "text": "초안",
                                    "base_sha256": None, "saved_at": float(kind)}))


class Hung(BaseException):
    """Not an OSError: the code under test must not be able to catch it as a read failure."""


@pytest.fixture
def watchdog():
    # A blocking open of a FIFO cannot be cancelled from the event loop: the alarm turns a
    # hang into a failure instead of a stuck test run.
    def expired(*_):
        raise Hung("the editor did not open the post within 5 s")

    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, 5.0)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "symlink", "nan", "1e300"])
async def test_editor_opens_the_post_past_a_hostile_journal(ko_post, kind, watchdog):
    from tui.config import journal_dir
    from tui.digest.journal import journal_path

    path = journal_path(journal_dir(), ko_post)
    _plant(kind, path, ko_post)
    start = time.monotonic()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.pause()
        assert titles(app)[0] == "작은 모델의 반격"
        assert app.screen is app.screen_stack[-1] and type(app.screen).__name__ == "EditorScreen"
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "journal" in warnings[0], warnings
    assert time.monotonic() - start < 5
