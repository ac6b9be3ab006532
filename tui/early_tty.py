"""The terminal taken out of line mode the moment the editor command starts.

Until Textual switches the terminal to raw mode (~0.3 s after launch: imports, reading
the post), the kernel's line discipline edits what is typed: Enter arrives as a line
feed (ctrl+j to Textual, so ``Down Down Enter d`` sent at launch moved twice and then
deleted the item it meant to edit), ctrl+s stops the terminal's output (XOFF) and the
keys are echoed over the screen. Switching those off first thing keeps every early key
as typed; Textual reads them once it is up (tui.key_order holds them until it is ready).
No Textual here: this runs before it is imported.
"""

from __future__ import annotations

import sys
from contextlib import contextmanager


@contextmanager
def keys_kept_as_typed():
    """Within: stdin's terminal, if it is one, without line editing, echo, CR->LF and
    XON/XOFF; on leaving, exactly as it was (Textual restores what it found, i.e. ours)."""
    try:
        import termios
    except ImportError:
        yield  # no termios (Windows)
        return
    try:
        fd = sys.stdin.fileno()
        before = termios.tcgetattr(fd)
    except (termios.error, OSError, ValueError, AttributeError):
        # Not a terminal: /dev/null, a pipe, a test. termios.error is not an OSError.
        yield
        return
    attrs = termios.tcgetattr(fd)
    attrs[0] &= ~(termios.ICRNL | termios.IXON)  # iflag
    attrs[3] &= ~(termios.ICANON | termios.ECHO)  # lflag; ISIG kept: ctrl+c still stops a slow start
    attrs[6][termios.VMIN], attrs[6][termios.VTIME] = 1, 0
    try:
        termios.tcsetattr(fd, termios.TCSANOW, attrs)
    except termios.error:
        yield
        return
    try:
        yield
    finally:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, before)
        except termios.error:
            pass
