"""Modal dialogs the editor pushes; each answers through ``dismiss()`` (frogmouth's pattern).

None of them touches the post or the disk: the editor screen owns the document and acts on
the answer, so a dialog can never lose or write a word by itself.
"""

from __future__ import annotations

import difflib
import time
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui.digest.safe_text import shown
from tui.styles import sheet

# PostPicker and HelpScreen live in ``pickers``; the app and the tests import them from here.
from tui.screens.pickers import HelpScreen, PostPicker

__all__ = [
    "ConfirmQuit", "ConflictDialog", "DiffView", "HelpScreen", "MissingFileDialog", "PostPicker",
    "RecoverDialog", "diff_counts", "unified_diff",
]


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> Content:
    """A unified diff as styled text; theme variables so it reads in dark and light themes."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), old_name, new_name, lineterm="", n=2
    )
    styled = []
    for line in lines:
        if line.startswith(("+++", "---")):
            style = "bold $text-muted"
        elif line.startswith("@@"):
            style = "$text-accent"
        elif line.startswith("+"):
            style = "$text-success on $success-muted"
        elif line.startswith("-"):
            style = "$text-error on $error-muted"
        else:
            style = ""
        styled.append(Content.styled(shown(line.expandtabs(4), keep_layout=False), style))
    if not styled:
        return Content.styled("No differences.", "italic $text-muted")
    return Content("\n").join(styled)


def diff_counts(old: str, new: str) -> tuple[int, int]:
    """(lines added, lines removed) going from ``old`` to ``new``."""
    added = removed = 0
    for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0):
        if line.startswith("+") and not line.startswith("+++"):
            added += 1
        elif line.startswith("-") and not line.startswith("---"):
            removed += 1
    return added, removed


class DiffView(VerticalScroll, can_focus=True):
    """A scrollable unified diff (focusable so the keyboard can scroll it)."""

    def __init__(self, old: str, new: str, old_name: str, new_name: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self._diff = unified_diff(old, new, old_name, new_name)

    def compose(self) -> ComposeResult:
        yield Static(self._diff, classes="diff-text")


class _Choice(ModalScreen[str]):
    """Shared shape: a titled box, a message, optional body, a row of buttons."""

    CSS_PATH = sheet("dialogs.tcss")
    DEFAULT_CLASSES = "dialog"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.action_choose(event.button.id.removeprefix("choice-"))

    def action_choose(self, answer: str) -> None:
        """Close the dialog with ``answer``."""
        self.dismiss(answer)


class ConfirmQuit(_Choice):
    """Unsaved changes on quit: dismisses with "save", "discard" or "cancel"."""

    BINDINGS = [
        Binding("s", "choose('save')", "Save", id="dialog.quit.save"),
        Binding("d", "choose('discard')", "Discard", id="dialog.quit.discard"),
        Binding("escape", "choose('cancel')", "Cancel", id="dialog.quit.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("You have unsaved changes", classes="dialog-title")
            yield Static("Save them before quitting?", classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save (s)", id="choice-save", variant="primary")
                yield Button("Discard (d)", id="choice-discard", variant="error")
                yield Button("Cancel (esc)", id="choice-cancel")


class ConfirmMerge(_Choice):
    """A save would merge items that lost their heading: dismisses "merge" or "cancel".
    Cancel is focused, so a stray Enter keeps the file as it is."""

    BINDINGS = [
        Binding("m", "choose('merge')", "Merge and save", id="dialog.merge.merge"),
        Binding("escape,c", "choose('cancel')", "Cancel", id="dialog.merge.cancel"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("An item lost its heading", classes="dialog-title")
            yield Static(Content(self.message), classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (esc)", id="choice-cancel", variant="primary")
                yield Button("Merge and save (m)", id="choice-merge", variant="error")


class ConfirmRename(_Choice):
    """The date moved the post to another week: dismisses "rename" or "keep"."""

    BINDINGS = [
        Binding("r", "choose('rename')", "Rename", id="dialog.rename.rename"),
        Binding("escape,k", "choose('keep')", "Keep the name", id="dialog.rename.keep"),
    ]

    def __init__(self, old_name: str, new_name: str) -> None:
        super().__init__()
        self.old_name, self.new_name = old_name, new_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label("The post moved to another week", classes="dialog-title")
            yield Static(Content(f"Rename {self.old_name} to {self.new_name}, the name `new` gives that week?"),
                         classes="dialog-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep the name (esc)", id="choice-keep", variant="primary")
                yield Button("Rename (r)", id="choice-rename")


class RecoverDialog(_Choice):
    """An autosave journal newer than the file: shows the diff, dismisses "recover" or "discard".

    Escape does not answer: discarding loses the journal, so it takes an explicit key.
    """

    BINDINGS = [
        Binding("r", "choose('recover')", "Recover", id="dialog.recover.recover"),
        Binding("d", "choose('discard')", "Discard", id="dialog.recover.discard"),
        Binding("escape", "explain", "Choose", show=False, id="dialog.recover.escape"),
    ]

    def __init__(self, post_name: str, disk_text: str, journal_text: str, saved_at: float) -> None:
        super().__init__()
        self.post_name = post_name
        self.disk_text = disk_text
        self.journal_text = journal_text
        self.saved_at = saved_at

    def compose(self) -> ComposeResult:
        when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(self.saved_at))
        added, removed = diff_counts(self.disk_text, self.journal_text)
        with Vertical(classes="dialog-box wide"):
            yield Label(shown(f"Unsaved edits found for {self.post_name}", keep_layout=False),
                        classes="dialog-title", markup=False)
            yield Static(
                f"Autosaved {when}: {added} line(s) added, {removed} removed compared with the "
                "file on disk. Recover them into the editor (the file is not written until you "
                "save) or discard the autosave?",
                classes="dialog-message",
            )
            yield DiffView(self.disk_text, self.journal_text, f"{self.post_name} (on disk)",
                           f"{self.post_name} (autosave)", id="recover-diff")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Recover (r)", id="choice-recover", variant="success")
                yield Button("Discard autosave (d)", id="choice-discard", variant="error")

    def on_mount(self) -> None:
        self.query_one("#choice-recover").focus()

    def action_explain(self) -> None:
        """Escape would be ambiguous here; say which keys answer."""
        self.notify("Press r to recover the autosave or d to discard it.", severity="warning")


class ConflictDialog(_Choice):
    """The file changed on disk: "reload", "overwrite" or "cancel"; the diff toggles in place.

    Escape cancels and the focused default is Cancel, so no stray key overwrites the file.
    """

    BINDINGS = [
        Binding("r", "choose('reload')", "Reload", id="dialog.conflict.reload"),
        Binding("o", "choose('overwrite')", "Overwrite", id="dialog.conflict.overwrite"),
        Binding("v", "choose('diff')", "Diff", id="dialog.conflict.diff"),
        Binding("escape", "choose('cancel')", "Cancel", id="dialog.conflict.cancel"),
    ]

    def __init__(self, post_name: str, disk_text: str, buffer_text: str) -> None:
        super().__init__()
        self.post_name = post_name
        self.disk_text = disk_text
        self.buffer_text = buffer_text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide"):
            yield Label(shown(f"{self.post_name} changed on disk", keep_layout=False), classes="dialog-title",
                        markup=False)
            yield Static(
                "Another program rewrote the file since it was opened. Reload it (your unsaved "
                "edits are dropped), overwrite it with your version, or compare first.",
                classes="dialog-message",
            )
            yield DiffView(self.disk_text, self.buffer_text, f"{self.post_name} (on disk)",
                           f"{self.post_name} (editor)", id="conflict-diff")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Reload (r)", id="choice-reload", variant="primary")
                yield Button("Overwrite (o)", id="choice-overwrite", variant="error")
                yield Button("Show diff (v)", id="choice-diff")
                yield Button("Cancel (esc)", id="choice-cancel")

    def on_mount(self) -> None:
        self.query_one("#conflict-diff").display = False
        self.query_one("#choice-cancel").focus()

    def action_choose(self, answer: str) -> None:
        """Answer, except "diff", which shows or hides the comparison and keeps asking."""
        if answer != "diff":
            self.dismiss(answer)
            return
        diff = self.query_one("#conflict-diff")
        diff.display = not diff.display
        self.query_one("#choice-diff", Button).label = "Hide diff (v)" if diff.display else "Show diff (v)"


class MissingFileDialog(ModalScreen[bool]):
    """Opening a path that does not exist: dismisses True to create it, False not to."""

    CSS_PATH = sheet("dialogs.tcss")
    DEFAULT_CLASSES = "dialog"
    BINDINGS = [
        Binding("y", "answer(True)", "Create", id="dialog.missing.create"),
        Binding("n,escape", "answer(False)", "Cancel", id="dialog.missing.cancel"),
    ]

    def __init__(self, path: Path | str) -> None:
        super().__init__()
        self.path = Path(path)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(shown(f"{self.path.name} does not exist. Create it?", keep_layout=False),
                        classes="dialog-title", markup=False)
            yield Static(shown(str(self.path)), classes="dialog-message", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create (y)", id="answer-yes", variant="primary")
                yield Button("Cancel (n)", id="answer-no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "answer-yes")

    def action_answer(self, create: bool) -> None:
        """Close with the answer."""
        self.dismiss(create)
