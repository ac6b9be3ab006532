"""Open a web address in the user's browser, or copy it when there is none.

Python's ``webbrowser`` cannot tell "opened" from "nothing here": with no display it picks
a console browser (w3m, lynx) that would draw over the editor in the same terminal, and
its registry is fixed at first use. So this module runs the opener itself, detached from
the terminal (no tty, output discarded), and reads its exit status: an opener that fails
within ``GRACE_SECONDS`` means no browser; one still running then is a browser that
started. Both functions block; call them off the event loop.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import threading

GRACE_SECONDS = 3.0
CLIPBOARD_SECONDS = 2.0
# Tried in order on X11/Wayland when $BROWSER is not set.
DESKTOP_OPENERS = ("xdg-open", "x-www-browser", "sensible-browser", "firefox", "chromium", "google-chrome")


def has_display() -> bool:
    """A graphical session a browser or clipboard tool can reach (always on macOS/Windows)."""
    if sys.platform == "darwin" or sys.platform.startswith("win"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def opener_commands() -> list[list[str]]:
    """Commands that may open a URL here, best first; empty when no browser can be reached."""
    chosen = os.environ.get("BROWSER", "").strip()
    if chosen:
        # $BROWSER is the user's explicit choice, a list like webbrowser's: "cmd %s:other".
        return [shlex.split(entry) for entry in chosen.split(os.pathsep) if entry.strip()]
    if sys.platform == "darwin":
        return [["open"]]
    if not has_display():
        return []
    return [[name] for name in DESKTOP_OPENERS if shutil.which(name)]


def _run(command: list[str], url: str) -> bool:
    args = [part.replace("%s", url) for part in command] if any("%s" in p for p in command) else [*command, url]
    try:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    try:
        return process.wait(timeout=GRACE_SECONDS) == 0
    except subprocess.TimeoutExpired:
        return True  # a browser that started and keeps running


def open_in_browser(url: str) -> bool:
    """True when a browser took ``url``; False when none is here or every opener failed."""
    if sys.platform.startswith("win") and not os.environ.get("BROWSER"):
        try:
            os.startfile(url)  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    return any(_run(command, url) for command in opener_commands())


def copy_to_system_clipboard(text: str) -> bool:
    """Copy ``text`` with pyperclip and read it back: True only when the copy is verified.

    With no display xclip "copies" without a word, and a clipboard tool can hang on a dead
    X server, so the copy runs in a daemon thread with a timeout and is checked by pasting."""
    if not has_display():
        return False
    result: dict[str, bool] = {}

    def copy() -> None:
        try:
            import pyperclip

            pyperclip.copy(text)
            result["ok"] = pyperclip.paste() == text
        except Exception:  # noqa: BLE001 - any backend failure means "not copied"
            result["ok"] = False

    worker = threading.Thread(target=copy, daemon=True)
    worker.start()
    worker.join(CLIPBOARD_SECONDS)
    return result.get("ok", False)
