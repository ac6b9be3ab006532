"""The help screen's rows, read from the bindings of the screen on top as they are now.

A hand-kept list went stale (no enter, tab, ctrl+p, ctrl+y, nor the preview's keys) and
F1 did nothing outside the editor. Rows come from every widget of the screen on top (the
list's keys show while the editor has the focus), with the user's remapped keys.
"""

from __future__ import annotations

from textual.actions import parse
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import TextArea

# Stock bindings without an id that a user of this editor asks about.
_STOCK = {
    "focus_next": "general", "focus_previous": "general",
    "undo": "editor", "redo": "editor", "select_all": "editor",
    "copy": "editor", "cut": "editor", "paste": "editor",
}


def _merged(node: object) -> list[Binding]:
    """A class's BINDINGS as Textual merges them: base classes first, subclasses override."""
    found: dict[str, Binding] = {}
    for cls in reversed(type(node).__mro__):
        for binding in cls.__dict__.get("BINDINGS", ()):
            if isinstance(binding, Binding):
                # The same key bound again below replaces the base's (the preview's tab
                # chooses a link: the stock "tab Focus Next" no longer holds there).
                for name in [name for name, old in found.items() if old.key == binding.key]:
                    del found[name]
                found[binding.id or f"{binding.action}:{binding.key}"] = binding
    return list(found.values())


def _acts(app: App, binding: Binding) -> bool:
    """Whether the app's ``binding`` does something on the screen on top now (its check_action)."""
    _, name, parameters = parse(binding.action.removeprefix("app."))
    return bool(app.check_action(name, parameters))


def _shown(keys: str) -> str:
    return ", ".join(key.strip() for key in keys.split(","))


def help_rows(app: App, screen: Screen, keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, description, group id) of every binding that works on ``screen``."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    classes: set[type] = set()
    nodes = [app, screen, *screen.query("*")]
    for node in nodes:
        if type(node) in classes:
            continue
        classes.add(type(node))
        for binding in _merged(node):
            if node is app and screen.is_modal and not binding.priority:
                continue  # a modal screen cuts the app's other bindings off
            if node is app and not _acts(app, binding):
                continue  # ctrl+q under the quit dialog: bound, but it does nothing there
            if not binding.description:
                continue  # a row with a key and no words helps no one (the picker's up/down)
            action = binding.action.removeprefix("app.")
            if binding.id:
                group = binding.id
            elif action in _STOCK and binding.description:
                if _STOCK[action] == "editor" and not isinstance(node, TextArea):
                    continue
                group = _STOCK[action] + "."
            else:
                continue
            keys = _shown(keymap.get(binding.id, binding.key) if binding.id else binding.key)
            if (keys, binding.description) not in seen:
                seen.add((keys, binding.description))
                rows.append((keys, binding.description, group))
    if getattr(app, "use_command_palette", False) and isinstance(screen, Screen) and not screen.is_modal:
        rows.append((app.COMMAND_PALETTE_BINDING, "Command palette: every action", "general."))
    return rows
