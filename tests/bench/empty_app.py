"""Child processes for the editor figures of tests/bench/run.py.

    python -m tests.bench.empty_app start            an empty Textual App, exits at on_ready
    python -m tests.bench.empty_app start POST       the editor on POST, exits at on_ready
    python -m tests.bench.empty_app keys POST N      Pilot key latencies on POST, N presses each

Each prints one JSON line last. The module imports nothing heavy at the top, so both start-up
figures pay for exactly their own imports: the ratio editor/empty is the start-up figure of
issue 6, and it is only fair when both are started the same way.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

# time.time() in the parent just before it spawned us: "ready" then counts interpreter start-up
# and every import, as a user waiting for the first screen does.
T0 = float(os.environ.get("BENCH_T0") or time.time())
SIZE = (120, 40)


def editor_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("tui.app") is not None


def begin_editor(path: str):
    """What `newsdigest-tui PATH` (tui.cli.main) does before it imports Textual: pause the
    collector, read the settings, read the post."""
    from tui import heap
    from tui.config import load_settings
    from tui.opening import begin

    heap.pause()
    settings = load_settings()
    return settings, begin(Path(path), settings)


def make_editor(path_or_begun, cls=None):
    """The editor App, built the way tui.app.run_editor builds it, on a path or on what
    begin_editor returned; ``cls`` wraps NewsDigestApp in a subclass (the start-up probe)."""
    settings, (target, pending) = (begin_editor(path_or_begun) if isinstance(path_or_begun, str)
                                   else path_or_begun)
    from tui.app import NewsDigestApp

    app_class = cls(NewsDigestApp) if cls else NewsDigestApp
    return app_class(target, settings, pending)


def start(path: str | None) -> dict:
    """Run headless until on_ready (after the first full layout, the first-paint mark), then exit."""
    # The editor's command starts reading the post before Textual is imported.
    begun = begin_editor(path) if path is not None else None
    from textual.app import App

    seen: dict = {}

    def timed(base: type[App]) -> type[App]:
        # A subclass, so our on_ready runs alongside the app's own (Textual calls the handler of
        # every class along the MRO): the app's post-first-paint work is scheduled, not skipped.
        class Timed(base):
            def on_ready(self) -> None:
                seen["ready_s"] = time.time() - T0
                # CPU seconds so far, of this process (all threads): the same mark, but
                # blind to other processes on a shared machine taking the cores.
                seen["own_cpu_s"] = time.process_time()
                seen["screen"] = type(self.screen).__name__
                self.exit()

        return Timed

    app = timed(App)() if begun is None else make_editor(begun, timed)
    app.run(headless=True, size=SIZE)
    return seen


def _post_key(app, key: str) -> None:
    """What Pilot.press does for one key, without its 20 ms idle-detection sleeps, which would
    swamp a 16 ms budget."""
    from textual import events
    from textual.keys import _character_to_key

    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    app._driver.send_message(event)


def _busy(app) -> bool:
    """True while any widget has a message queued, a callback due, or is inside a handler.

    Textual's message queue keeps no count of messages being handled, so a pump counts as
    idle only when its task is parked in the queue's ``get()`` (waiting on ``ready_event``);
    a handler awaiting a mount or anything else is still busy.
    """
    screen = app.screen
    if screen._callbacks:
        return True
    for pump in (app, *screen.walk_children(with_self=True)):
        queue = pump._message_queue
        if queue.values or pump._next_callbacks or pump._pending_message is not None:
            return True
        task = pump._task
        if task is not None and not task.done() and not any(not w.done() for w in queue.ready_event._waiters):
            return True
    return False


async def _drain(app) -> None:
    """Yield to the event loop until nothing is ready to run and no widget is busy.

    Pilot's own wait (``_wait_for_screen``) posts a callback to every widget and awaits them
    all, twice per key: with the ~100 widgets of the editor that alone cost 10-20 ms, more
    than the 16 ms budget, so it measured the harness. Here one ``sleep(0)`` per loop turn
    and a scan of the queues is all the harness adds (well under a millisecond).
    """
    import asyncio

    loop = asyncio.get_running_loop()
    for _ in range(100_000):  # a bound, so a widget that never goes idle cannot hang the run
        await asyncio.sleep(0)
        if not loop._ready and not _busy(app):  # noqa: SLF001 - the only "nothing runnable" probe
            return


async def settle(pilot) -> None:
    """Until every widget has handled the key and what it caused, then lay out and render now.

    A key hops app -> focused widget -> binding -> message to the screen -> widget updates;
    rendering is then forced instead of waiting for Textual's next frame tick (a real
    terminal adds up to one frame, ~16 ms at 60 fps). A render can schedule callbacks
    (call_after_refresh), so drain and render until nothing is left, a few rounds at most.
    Timers, threads and debounced workers sleeping are not the key's work and are not waited for.
    """
    app = pilot.app
    for _ in range(5):
        await _drain(app)
        screen = app.screen
        if not (screen._layout_required or screen._repaint_required or screen._dirty_widgets
                or screen._scroll_required):
            break
        screen._on_timer_update()


async def timed_key(pilot, key: str) -> float:
    start = time.perf_counter()
    _post_key(pilot.app, key)
    await settle(pilot)
    return time.perf_counter() - start


async def preview_done(pilot) -> None:
    for worker in [w for w in pilot.app.workers if w.group == "preview"]:
        try:
            await worker.wait()
        except Exception:  # noqa: BLE001 - a superseded (cancelled) render is expected
            pass
    await settle(pilot)


def _stats(name: str, xs: list[float]) -> dict:
    ms = sorted(x * 1000 for x in xs)
    return {f"{name}_med": statistics.median(ms), f"{name}_p95": ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))],
            f"{name}_max": ms[-1]}


async def keys(path: str, presses: int) -> dict:
    import asyncio

    app = make_editor(path)
    out: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()  # rows beyond the first screenful load right after the first paint
        await preview_done(pilot)
        screen = app.screen
        rows = screen.item_list
        rows.focus()
        rows.highlighted = 1
        await preview_done(pilot)

        # The harness's own cost: a key nothing is bound to still goes through every wait below.
        out |= _stats("floor", [await timed_key(pilot, "f12") for _ in range(max(5, presses // 2))])

        # down: select the next item (list, editor, preview). Bounce at the ends of short posts.
        select, preview, going_down = [], [], True
        for _ in range(presses):
            last = rows.option_count - 1
            going_down = (going_down and rows.highlighted < last) or rows.highlighted <= 1
            start = time.perf_counter()
            select.append(await timed_key(pilot, "down" if going_down else "up"))
            await preview_done(pilot)
            preview.append(time.perf_counter() - start)
        out |= _stats("select", select) | _stats("preview", preview)

        # alt+down: move the selected item; alternate with alt+up so every press is a real move.
        rows.highlighted = 1
        await preview_done(pilot)
        move = [await timed_key(pilot, "alt+down" if i % 2 == 0 else "alt+up") for i in range(presses)]
        out |= _stats("move", move)

        # One character typed at the end of the item's body (not in its heading).
        editor = screen.editor
        editor.focus()
        editor.move_cursor(editor.document.end)
        await settle(pilot)
        out |= _stats("type", [await timed_key(pilot, "x") for _ in range(presses)])
        await preview_done(pilot)

        # ctrl+s after an (untimed) edit each time, so every save really writes the file.
        # A large post's bytes go to disk in a thread after the key returns (save_thread.py):
        # "saved" is until they are there and the editor has recorded it (the "Saved" toast).
        saves, saved = [], []
        for _ in range(max(3, presses // 5)):
            _post_key(app, "y")
            await settle(pilot)
            start = time.perf_counter()
            saves.append(await timed_key(pilot, "ctrl+s"))
            while getattr(screen, "save_in_flight", False):
                await asyncio.sleep(0.0005)
            await settle(pilot)
            saved.append(time.perf_counter() - start)
        out |= _stats("save", saves) | _stats("saved", saved)
        out["rows"] = rows.option_count
        out["screen"] = type(app.screen).__name__
    return out


# Set by run.py's bench_env: the XDG dirs already point into the benchmark's temporary dir.
PRIVATE_HOME = "NEWSDIGEST_BENCH_HOME"
XDG_DIRS = ("CONFIG", "DATA", "STATE", "CACHE")


def main(argv: list[str]) -> int:
    if PRIVATE_HOME in os.environ:
        return _run(argv)
    # Run by hand (an A/B of one figure): the editor's journals and settings must not come
    # from or land in the user's own dirs (k200-*.json journals were left there).
    import tempfile

    with tempfile.TemporaryDirectory(prefix="newsdigest-bench-") as home:
        os.environ.update({f"XDG_{d}_HOME": os.path.join(home, d.lower()) for d in XDG_DIRS})
        os.environ[PRIVATE_HOME] = home
        return _run(argv)


def _run(argv: list[str]) -> int:
    mode = argv[0] if argv else "start"
    if mode == "start":
        result = start(argv[1] if len(argv) > 1 else None)
    elif mode == "keys":
        import asyncio

        result = asyncio.run(keys(argv[1], int(argv[2]) if len(argv) > 2 else 50))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
