"""Modal screens that choose or show rather than ask: another post to open, the key list.

Like the dialogs, they answer through ``dismiss()`` and never touch the post or the disk.
"""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from tui.digest.postdir import PostHead, read_post_heads
from tui.digest.safe_text import shown
from tui.styles import sheet


class PostPicker(ModalScreen[Path | None]):
    """Choose a post of ``directory``, newest first; typing filters; dismisses a Path or None."""

    CSS_PATH = sheet("dialogs.tcss")
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.picker.cancel"),
        Binding("down", "move(1)", show=False, id="dialog.picker.down"),
        Binding("up", "move(-1)", show=False, id="dialog.picker.up"),
    ]

    def __init__(self, directory: Path | str) -> None:
        super().__init__()
        self.directory = Path(directory)
        self.heads: list[PostHead] = read_post_heads(self.directory)
        self.heads.sort(key=lambda head: head.when, reverse=True)
        self._shown: list[PostHead] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(shown(f"Open a post from {self.directory}", keep_layout=False), classes="dialog-title",
                        markup=False)
            yield Input(placeholder="Type to filter by title or file name", id="picker-filter")
            yield OptionList(id="picker-list")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, needle: str) -> None:
        needle = needle.casefold().strip()
        self._shown = [h for h in self.heads
                       if needle in h.title.casefold() or needle in h.path.name.casefold()]
        options = self.query_one(OptionList)
        options.clear_options()
        for head in self._shown:
            prompt = Content.assemble(
                (shown(head.title or head.path.name, keep_layout=False), "bold"), "\n",
                (shown(f"  {head.path.name} · {head.when_text}", keep_layout=False), "$text-muted"),
            )
            options.add_option(Option(prompt))
        if not self._shown:
            empty = "No posts match." if self.heads else f"No posts (*.md, *.markdown) in {self.directory}"
            options.add_option(Option(Content(shown(empty, keep_layout=False)), disabled=True))
        else:
            options.highlighted = 0

    @on(Input.Changed, "#picker-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _open_highlighted(self) -> None:
        index = self.query_one(OptionList).highlighted
        if self._shown and index is not None:
            self.dismiss(self._shown[index].path)

    @on(OptionList.OptionSelected, "#picker-list")
    def _open_selected(self, event: OptionList.OptionSelected) -> None:
        if self._shown:
            self.dismiss(self._shown[event.option_index].path)

    def action_move(self, step: int) -> None:
        """Move the highlight while the filter keeps focus."""
        options = self.query_one(OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """Every binding, grouped by the part of its id before the first dot; F1 or escape closes."""

    CSS_PATH = sheet("dialogs.tcss")
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [Binding("f1,escape,q", "close", "Close", id="dialog.help.close")]

    def __init__(self, bindings: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        groups: dict[str, list[tuple[str, str]]] = {}
        for key, description, binding_id in self.bindings:
            group = binding_id.split(".", 1)[0] if "." in binding_id else "general"
            groups.setdefault(group, []).append((key, description))
        width = max((len(key) for key, _, _ in self.bindings), default=4) + 2
        with Vertical(classes="dialog-box wide"):
            yield Label("Keys", classes="dialog-title")
            with VerticalScroll(id="help-groups", can_focus=True):
                for group, rows in groups.items():
                    yield Label(group.replace("_", " ").capitalize(), classes="help-group")
                    text = Content("\n").join(
                        Content.assemble((key.ljust(width), "bold $text-accent"), description)
                        for key, description in rows
                    )
                    yield Static(text, classes="help-rows")
            yield Static("F1 or escape closes", classes="dialog-hint")

    def action_close(self) -> None:
        """Close the help."""
        self.dismiss(None)
