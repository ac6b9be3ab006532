"""The editor's key bar: Textual's Footer in one widget with no children.

Footer mounts a FooterKey per shown binding (10-19 on the editor screen), and each one's
`compact` watcher sets a class that restyles the node, all before the app's Ready event:
15-35 ms of the editor's start-up (measured on a 2,000-item post). This bar draws the same line as one Content, rebuilt only
when the screen's bindings change and restyled by the theme at render time (its spans name
component classes, not colours).

It follows Footer's rules (textual/widgets/_footer.py, Textual 8.2): the screen's active
bindings with ``show=True``, one key per action (the first), bindings of a group with more
than one action as their keys and the group's description, disabled bindings dimmed and a
bell when clicked, the command palette's key on the right. Clicking a key simulates it, as
a FooterKey does, so the binding runs where it would from the keyboard. Unlike Footer, the
most useful keys come first (PRIORITY) and too narrow a terminal leaves out the keys that
do not fit whole instead of scrolling the line or cutting a label.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget

if TYPE_CHECKING:
    from textual.screen import Screen

KEY = ".key-bar--key"
DESCRIPTION = ".key-bar--description"
ITEM = ".key-bar--item"
DISABLED = ".key-bar--disabled"
HOVER = ".key-bar--hover"
BORDER = ".key-bar--palette-border"


class BarKey:
    """A clickable key on the bar: its cells and characters in its part of the line.

    Equal by value: the hovered key stays hovered when the bar is rebuilt with the same key.
    Not a frozen dataclass (~1.5 ms of the editor's start-up to define) nor a NamedTuple
    (~0.5 ms with seven fields): nothing but the bar makes or reads them."""

    __slots__ = ("start", "end", "char_start", "char_end", "key", "enabled", "tooltip")

    def __init__(
        self, start: int, end: int, char_start: int, char_end: int, key: str, enabled: bool, tooltip: str
    ) -> None:
        self.start = start  # cell offsets
        self.end = end
        self.char_start = char_start  # character offsets (Content spans count characters)
        self.char_end = char_end
        self.key = key
        self.enabled = enabled
        self.tooltip = tooltip

    def _values(self) -> tuple:
        return (self.start, self.end, self.char_start, self.char_end, self.key, self.enabled, self.tooltip)

    def __eq__(self, other: object) -> bool:
        return self._values() == other._values() if isinstance(other, BarKey) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())


class _Line:
    """Builds one part of the bar, keeping the cell and character offsets of its keys."""

    def __init__(self) -> None:
        self.parts: list[str | tuple[str, str]] = []
        self.keys: list[BarKey] = []
        self.cells = 0
        self.chars = 0
        self.spans: list[tuple[int, int, str]] = []

    def add(self, text: str, style: str = "") -> None:
        self.parts.append((text, style) if style else text)
        self.cells += cell_len(text)
        self.chars += len(text)

    def key(self, binding: Binding, pieces: list[tuple[str, str]], enabled: bool, tooltip: str) -> None:
        start, char_start = self.cells, self.chars
        for text, style in pieces:
            self.add(text, style)
        self.keys.append(BarKey(start, self.cells, char_start, self.chars, binding.key, enabled, tooltip or ""))
        self.spans.append((char_start, self.chars, ITEM))
        if not enabled:
            self.spans.append((char_start, self.chars, DISABLED))

    def content(self) -> Content:
        content = Content.assemble(*self.parts)
        for start, end, style in self.spans:
            # ITEM goes under the key's own styles, DISABLED over them (both only add).
            content = content.stylize_before(style, start, end) if style == ITEM else content.stylize(style, start, end)
        return content


# The keys a narrow terminal shows first (by action, arguments aside): help and the
# preview must survive 80 columns, then what an author does most. Others follow in the
# screen's order.
PRIORITY = ("help", "whole_preview", "save", "back_to_list", "new_item", "delete_item", "move",
            "toggle_layout", "quit")


def _rank(action: str) -> int:
    name = action.split("(", 1)[0].rsplit(".", 1)[-1]
    return PRIORITY.index(name) if name in PRIORITY else len(PRIORITY)


class KeyBar(Widget, can_focus=False):
    """One line at the bottom with the screen's keys, like Footer, as a single widget."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--item",
        "key-bar--disabled",
        "key-bar--hover",
        "key-bar--palette-border",
    }

    def __init__(self, *, show_command_palette: bool = True, **kwargs) -> None:
        super().__init__(**kwargs)
        self.show_command_palette = show_command_palette
        self.builds = 0  # how many times the line was built (tests count rebuilds)
        self._stale = True
        self._signature: tuple | None = None
        self._left = Content("")
        self._left_keys: list[BarKey] = []
        self._palette: Content | None = None
        self._palette_keys: list[BarKey] = []
        self._room = 0  # cells the left part had at the last render
        self._left_visible = 0  # of which drawn whole (not cut by the ellipsis)
        self._hover: BarKey | None = None

    # -- bindings ----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        # As Footer: the app losing focus blurs the focused widget; keep the keys meanwhile.
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            # Built at the next render: changes published together cost one look at the
            # bindings, and the same keys again (see _build) cost no new line.
            self._stale = True
            self.refresh()

    def _build(self) -> None:
        self._stale = False
        app = self.app
        active_bindings = self.screen.active_bindings
        shown = [
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in active_bindings.values()
            if binding.show
        ]
        palette_binding = None
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette_binding = active_bindings.get(app.COMMAND_PALETTE_BINDING)
        # A focus change is published twice (the focus, then the screen's refresh) and
        # may straddle a repaint: the same keys keep the line already built.
        signature = (shown, None if palette_binding is None else palette_binding[1:])
        if signature == self._signature:
            return
        self._signature = signature
        self.builds += 1
        action_to_bindings: defaultdict[str, list[tuple[Binding, bool, str]]] = defaultdict(list)
        for binding, enabled, tooltip in sorted(shown, key=lambda shown_key: _rank(shown_key[0].action)):
            action_to_bindings[binding.action].append((binding, enabled, tooltip))

        left = _Line()
        for group, grouped in groupby(action_to_bindings.values(), lambda multi: multi[0][0].group):
            multi_bindings = list(grouped)
            if group is not None and len(multi_bindings) > 1:
                # Footer: a KeyGroup of bare keys one cell apart, then the group's label.
                for multi in multi_bindings:
                    binding, enabled, tooltip = multi[0]
                    left.add(" ")
                    left.key(binding, [(app.get_key_display(binding), KEY)], enabled, tooltip or binding.description)
                left.add(" ")
                left.add(group.description, DESCRIPTION)
                left.add(" ")
            else:
                for multi in multi_bindings:
                    binding, enabled, tooltip = multi[0]
                    key_display = app.get_key_display(binding)
                    if binding.description:  # FooterKey pads its key and description
                        pieces = [(f" {key_display} ", KEY), (f"{binding.description} ", DESCRIPTION)]
                    else:
                        pieces = [(key_display, KEY)]
                    left.key(binding, pieces, enabled, tooltip)
        self._left, self._left_keys = left.content(), left.keys

        self._palette, self._palette_keys = None, []
        if palette_binding is not None:
            _, binding, enabled, _ = palette_binding
            # Footer docks a compact FooterKey right: a faint rule, key, description.
            palette = _Line()
            pieces = [
                ("▏", BORDER),
                (app.get_key_display(binding), KEY),
                (f" {binding.description} ", DESCRIPTION),
            ]
            palette.key(binding, pieces, enabled, binding.tooltip or binding.description)
            self._palette, self._palette_keys = palette.content(), palette.keys

    # -- drawing -----------------------------------------------------------------------

    def render(self) -> Content:
        if self._stale:
            self._build()
        width = self.size.width
        left, palette = self._left, self._palette
        palette_cells = palette.cell_length if palette is not None else 0
        if palette is not None and palette_cells >= width:
            palette, palette_cells = None, 0
        room = width - palette_cells
        self._room = room
        # Too narrow: the keys that do not fit whole are left out (never half a label);
        # the most useful come first (PRIORITY).
        if left.cell_length <= room:
            self._left_visible = room
        else:
            self._left_visible = max((k.end for k in self._left_keys if k.end <= room), default=0)
        hover = self._hover
        if hover is not None:
            if hover in self._left_keys:
                left = left.stylize_before(HOVER, hover.char_start, hover.char_end)
            elif palette is not None and hover in self._palette_keys:
                palette = palette.stylize_before(HOVER, hover.char_start, hover.char_end)
        line = left.truncate(self._left_visible)
        line = line.extend_right(max(0, room - line.cell_length))
        return line if palette is None else line + palette

    # -- mouse -------------------------------------------------------------------------

    def key_at(self, x: int) -> BarKey | None:
        """The key drawn at cell ``x`` of the bar, if any."""
        if x < 0 or x >= self.size.width:
            return None
        if x >= self._room:
            keys, x = (self._palette_keys, x - self._room) if self._palette is not None else ([], x)
        else:
            keys = [k for k in self._left_keys if k.end <= self._left_visible]
        for bar_key in keys:
            if bar_key.start <= x < bar_key.end:
                return bar_key
        return None

    def on_click(self, event: events.Click) -> None:
        event.stop()
        bar_key = self.key_at(event.x)
        if bar_key is None:
            return
        if bar_key.enabled:
            self.app.simulate_key(bar_key.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self.key_at(event.x))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, bar_key: BarKey | None) -> None:
        if bar_key != self._hover:
            self._hover = bar_key
            self.tooltip = bar_key.tooltip if bar_key is not None and bar_key.tooltip else None
            self.refresh()
