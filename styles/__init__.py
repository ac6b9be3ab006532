"""Textual stylesheets, shipped inside the package as ``tui.styles``."""

from pathlib import Path

STYLES = Path(__file__).parent

# Sheets of screens the editor may never open: each screen class names its own in
# CSS_PATH, and Textual reads it on the screen's first push instead of at start-up
# (parsing them cost ~12 ms of the editor's first paint).
SCREEN_SHEETS = {"dialogs.tcss", "preview.tcss"}


def sheet(name: str) -> str:
    return str(STYLES / name)
