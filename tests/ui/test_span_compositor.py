"""The editor screen's SpanCompositor draws only the chops the dirty spans show, and in a
full update leaves out what widgets in front hide. What it sends to the terminal must be
what Textual's own updates send: a session of selections (with the list scrolling), typing,
moves, hovers, a toast, layout switches, resizes and a theme change is replayed with every
update rendered both ways (a full update byte for byte)."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.control import ControlType
from textual._compositor import ChopsUpdate, Compositor, LayoutUpdate

from tests.ui.conftest import generated_post, make_app, until
from tui import span_compositor
from tui.screens.editor import EditorScreen
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
    app = make_app(generated_post(blog, 120, seed=5))
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


# -- what the terminal shows ---------------------------------------------------------------
#
# The comparison above renders Textual's way after ours within each frame, which refreshes
# every widget's caches: a row our walk skipped could only go stale in a later frame, and
# that is hidden there. Here only SpanCompositor's updates reach a cell buffer, as they
# would a terminal, and at checkpoints the buffer must equal a from-scratch render.


class CellBuffer:
    def __init__(self) -> None:
        self.cells: list[list] = []

    def _write(self, x: int, y: int, segment) -> int:
        if not 0 <= y < len(self.cells):
            return x
        row = self.cells[y]
        style = str(segment.style.clear_meta_and_links()) if segment.style else ""
        for char in segment.text:
            width = cell_len(char)
            for offset in range(width):
                if x + offset < len(row):
                    row[x + offset] = (char if not offset else "", style)
            x += width
        return x

    def apply(self, size, update) -> None:
        width, height = size
        if len(self.cells) != height or (self.cells and len(self.cells[0]) != width):
            self.cells = [[None] * width for _ in range(height)]
        if isinstance(update, LayoutUpdate):
            for y, line in enumerate(update.strips, update.region.y):
                x = update.region.x
                for strip in line:
                    for segment in strip:
                        x = self._write(x, y, segment)
        elif isinstance(update, ChopsUpdate):
            x = y = 0
            from textual._context import active_app

            console = active_app.get().console
            for segment in update.__rich_console__(console, console.options):
                if segment.control:
                    for control in segment.control:
                        if control[0] == ControlType.CURSOR_MOVE_TO:
                            x, y = control[1], control[2]
                elif segment.text != "\n":
                    x = self._write(x, y, segment)


def from_scratch(screen) -> list[list]:
    """The screen rendered the stock way with every widget's rendered lines forgotten."""
    compositor = screen._compositor  # noqa: SLF001
    for widget in list(compositor.visible_widgets):
        widget._styles_cache.clear()  # noqa: SLF001
        if hasattr(widget._styles_cache, "clear_rows"):  # noqa: SLF001
            widget._styles_cache.clear_rows()  # noqa: SLF001
        widget._dirty_regions.add(widget.outer_size.region)  # noqa: SLF001
    buffer = CellBuffer()
    buffer.apply(compositor.size, LayoutUpdate([[strip] for strip in Compositor.render_strips(compositor)],
                                               compositor.size.region))
    return buffer.cells


async def test_the_terminal_shows_what_a_full_repaint_shows(blog):
    app = make_app(generated_post(blog, 300, seed=4))
    shown = CellBuffer()
    display = app._display  # noqa: SLF001

    def to_terminal(screen, update):
        if screen is app.screen and isinstance(screen, EditorScreen):
            shown.apply(app.size, update)
        return display(screen, update)

    app._display = to_terminal  # noqa: SLF001
    stale: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:

        async def check(label: str) -> None:
            await pilot.pause()
            await pilot.pause()
            want = from_scratch(app.screen)
            rows = [y for y, (got, ref) in enumerate(zip(shown.cells, want)) if got != ref]
            if rows:
                stale.append(f"{label}: rows {rows[:5]}")

        await pilot.pause()
        app.screen.item_list.focus()
        for _ in range(60):
            await pilot.press("down")
        await check("60 downs")
        await pilot.press("pagedown", "pagedown", "up", "end")
        await check("page keys")
        for _ in range(30):
            await pilot.press("k")
        await check("30 ups")
        bar = app.screen.item_list.vertical_scrollbar
        await pilot.mouse_down(bar, offset=(0, 1))
        for dy in range(2, 25, 3):
            await pilot.hover(bar, offset=(0, dy))
        await pilot.mouse_up(bar, offset=(0, 24))
        await check("scrollbar drag")
        await pilot.hover("#items", offset=(5, 5))
        await pilot.hover("#items", offset=(5, 9))
        await check("hover")
        await pilot.press("f2")
        await check("layout")
        await pilot.resize_terminal(90, 30)
        await check("resize")
        await pilot.press("f2", "f2")
        app.theme = "textual-light"
        await check("theme")
        app.notify("a toast")
        await check("toast")
        await pilot.press("delete")
        await check("delete")
        await pilot.press("u")
        await check("undo")
    assert not stale, stale
