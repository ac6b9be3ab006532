"""The Textual app: thin. It opens a post on an EditorScreen and keeps app-wide concerns
(theme, keymap, quitting, help); the screen owns the post.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from textual import events
from textual.app import App
from textual.binding import Binding

import tui.styles
from tui import heap
from tui.commands import EditorCommands
from tui.config import Settings, load_settings, parse_options, save_setting
from tui.digest.errors import DigestError, PostReadError
from tui.digest.postfile import Opened, open_post
from tui.digest.safe_text import shown
from tui.key_order import KeyOrderMixin
from tui.screens.editor import EditorScreen

STYLES = tui.styles.STYLES
# app.tcss first: the other sheets refine it. Every sheet but those of the screens opened
# on demand (tui.styles.SCREEN_SHEETS), so a new widget's sheet needs no registration here.
CSS_FILES = [STYLES / "app.tcss"] + sorted(
    p for p in STYLES.glob("*.tcss") if p.name != "app.tcss" and p.name not in tui.styles.SCREEN_SHEETS
)


class NewsDigestApp(KeyOrderMixin, App[int]):
    TITLE = "newsdigest"
    CSS_PATH = [str(p) for p in CSS_FILES]
    COMMANDS = App.COMMANDS | {EditorCommands}
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True, id="app.quit"),
        # priority: a modal screen cuts the app's other bindings off, and F1 must work on all.
        Binding("f1", "help", "Help", priority=True, id="app.help"),
    ]

    def __init__(self, path: Path, settings: Settings, opened: Opened | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.path = Path(path)
        self._opened = opened
        self.collector: heap.IdleCollector | None = None  # set when the command paused the GC
        self.init_key_order()

    def on_mount(self) -> None:
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.settings.keys:
            self.set_keymap(self.settings.keys)
        if self._opened is not None:
            # The screen owns the post from here: the app must not keep it alive after
            # another post replaces it.
            opened, self._opened = self._opened, None
            self.push_screen(EditorScreen(opened, self.settings))
        else:
            self.open_path(self.path)

    is_ready = False  # the first full layout is done (Textual's Ready event arrived)

    def on_ready(self) -> None:
        self.is_ready = True
        editor = self.editor_screen()
        if editor is not None:
            editor.after_first_paint()
        self.call_later(self.release_keys)  # keys typed before now were held for this
        if heap.paused():
            self.call_later(self._take_over_collection)

    def _take_over_collection(self) -> None:
        heap.settle()
        self.collector = heap.IdleCollector()
        self.set_interval(0.1, self._collect_when_idle, name="idle gc")

    def _collect_when_idle(self) -> None:
        if self.collector is not None:
            self.collector.tick(time.monotonic())

    async def on_event(self, event: events.Event) -> None:
        if self.collector is not None and isinstance(event, (events.InputEvent, events.Paste)):
            self.collector.touch(time.monotonic())
        await super().on_event(event)

    def _remember_theme(self, theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            try:
                save_setting("theme", theme.name)
            except (DigestError, OSError) as err:
                self.notify(shown(f"Could not remember the theme: {err}"), severity="warning", markup=False)

    def open_path(self, path: Path) -> None:
        """Open ``path`` in a fresh editor screen (replacing the current one)."""
        path = Path(path)
        if not path.exists():
            self._offer_create(path)
            return
        try:
            opened = open_post(path, parse_options(self.settings))
        except PostReadError as err:
            self.notify(shown(str(err)), severity="error", timeout=10, markup=False)
            return
        self.path = path
        screen = EditorScreen(opened, self.settings)
        if isinstance(self.screen, EditorScreen):
            heap.thaw()  # the post being replaced was frozen with the start-up heap
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _offer_create(self, path: Path) -> None:
        from tui.screens.dialogs import MissingFileDialog

        def answered(create: bool | None) -> None:
            if not create:
                if not isinstance(self.screen, EditorScreen):
                    self.exit(1)
                return
            from datetime import date

            from tui.config import new_post_rules
            from tui.digest.newpost import post_text, publish_date
            from tui.digest.store import write_atomic

            day = publish_date(date.today(), self.settings.publish_weekday_index)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(path, post_text(new_post_rules(self.settings), day).encode("utf-8"))
            except (DigestError, OSError) as err:
                self.notify(shown(str(err)), severity="error", timeout=10, markup=False)
                return
            self.open_path(path)

        self.push_screen(MissingFileDialog(path), answered)

    def editor_screen(self) -> EditorScreen | None:
        return next((s for s in reversed(self.screen_stack) if isinstance(s, EditorScreen)), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "quit":
            # A dialog over the editor must be answered first, or a quit could skip its
            # question; F1 (help_keys) leaves the key out where it does nothing.
            editor = self.editor_screen()
            return editor is None or self.screen is editor
        return True

    async def action_quit(self) -> None:
        """Quit, asking first when there are unsaved changes."""
        editor = self.editor_screen()
        if editor is None:
            self.exit(0)
        elif self.screen is editor:
            editor.request_quit()
        # A dialog is up: it must be answered first, or a quit could skip its question.

    def action_help(self) -> None:
        """Show every key."""
        from tui.screens.dialogs import HelpScreen
        from tui.screens.help_keys import help_rows

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)  # F1 again closes it
            return
        self.push_screen(HelpScreen(help_rows(self, self.screen, dict(self.settings.keys))))

    def on_app_focus(self) -> None:
        # Back from another window (git pull, another editor): look at the file now.
        editor = self.editor_screen()
        if editor is not None and self.screen is editor:
            editor.check_disk()


def run_editor(path: Path | None, settings: Settings, begun: tuple[Path, Opened | None] | None = None) -> int:
    """Run the full-screen editor on ``path`` (see tui.opening); the exit code. ``begun`` is
    what tui.opening.begin returned for it, when the command called it before importing us."""
    from tui.opening import begin

    target, opened = begun or begin(path, settings)
    app = NewsDigestApp(target, settings, opened)
    result = app.run()
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    try:
        sys.exit(run_editor(Path(sys.argv[1]) if len(sys.argv) > 1 else None, load_settings()))
    except DigestError as err:
        print(f"newsdigest-tui: {err}", file=sys.stderr)
        sys.exit(2)
