"""The editor screen's SpanCompositor draws only the chops the dirty spans show, and in a
full update leaves out what widgets in front hide. What it sends to the terminal must be
what Textual's own updates send: a session of selections (with the list scrolling), typing,
moves, hovers, a toast, layout switches, resizes and a theme change is replayed with every
update rendered both ways (a full update byte for byte)."""

from __future__ import annotations

import re

from textual._compositor import Compositor

from tests.bench.genpost import generate
from tests.ui.conftest import make_app, until
from tui import span_compositor
from tui.span_compositor import SpanCompositor


_CURSOR_TO = re.compile(r"(\x1b\[\d+;\d+H)")


def drawn(update: str) -> list[tuple[str, str]]:
    """What an update draws: (cursor position, what is written there) in order. Every
    piece a ChopsUpdate writes follows an absolute cursor move, so its line feeds carry
    nothing, and a move with nothing written after it (Textual sends one for a chop that
    starts where a span ends) draws nothing."""
    parts = _CURSOR_TO.split(update.replace("\n", ""))
    assert parts[0] == "", parts[0]
    return [(move, text) for move, text in zip(parts[1::2], parts[2::2]) if text]


class Checked(SpanCompositor):
    compared = 0
    full = 0
    differing: list[str] = []

    def render_full_update(self, simplify: bool = False):
        ours = super().render_full_update(simplify)
        theirs = Compositor.render_full_update(self, simplify)
        from textual._context import active_app

        console = active_app.get().console
        if ours.render_segments(console) != theirs.render_segments(console):
            Checked.differing.append(f"full update {self.size}")
        Checked.full += 1
        return ours

    def render_partial_update(self):
        dirty = self._dirty_regions.copy()
        ours = super().render_partial_update()
        self._dirty_regions = dirty.copy()
        theirs = Compositor.render_partial_update(self)
        assert (ours is None) == (theirs is None)
        if ours is not None:
            from textual._context import active_app

            console = active_app.get().console
            sent, want = drawn(ours.render_segments(console)), drawn(theirs.render_segments(console))
            if sent != want:
                Checked.differing.append(f"{sorted(dirty)}: {sent[:3]!r} != {want[:3]!r}")
            Checked.compared += 1
        return ours


async def test_partial_updates_send_what_textual_sends(blog, monkeypatch):
    monkeypatch.setattr(span_compositor, "SpanCompositor", Checked)
    Checked.compared, Checked.full, Checked.differing = 0, 0, []
    path = blog / "long.md"
    path.write_text(generate(120, seed=5), encoding="utf-8")
    app = make_app(path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen._compositor, Checked)  # noqa: SLF001
        await pilot.pause()
        screen.item_list.focus()
        for _ in range(45):  # past the first screenful: the list scrolls
            await pilot.press("down")
        await pilot.press("alt+down", "alt+up", "alt+down")
        for y in (3, 4, 9):
            await pilot.hover("#items", offset=(5, y))
        await pilot.press("enter")
        await pilot.press(*"hello", "enter", *"world")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not screen._dirty)  # noqa: SLF001
        app.notify("a toast over the editor")
        await pilot.pause()
        await pilot.press("escape")
        for _ in range(5):
            await pilot.press("up")
        await pilot.press("f2")
        await pilot.press("down", "down")
        await pilot.resize_terminal(100, 30)
        await pilot.press("down")
        await pilot.press("f2")
        await pilot.resize_terminal(120, 40)
        app.theme = "textual-light"
        await pilot.pause()
        await pilot.press("down", "up")
        await pilot.pause()
    assert Checked.compared > 60 and Checked.full >= 3
    assert not Checked.differing, Checked.differing[:3]
