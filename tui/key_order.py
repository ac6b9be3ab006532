"""Keys (and pastes) handled one at a time, in the order they were typed.

Textual routes a key the moment the app reads it: a priority binding runs there and then;
any other key is queued at the focused widget, and its binding runs only when the key has
bubbled back up to the app, several queues later. Within one terminal read (a fast
typist, a laggy SSH link, ``tmux send-keys`` with several keys) a key was therefore
routed before the key ahead of it had taken effect: ``down enter`` edited the old row
(enter ran first), ``enter ctrl+end`` ran ctrl+end's binding on the list, and keys read
before the first screen was up went to Textual's blank default screen and were lost.

So the app routes the next key only when the one before it has been handled all the way
up: a marker message posted behind it follows it through the same queues (each one first
in, first out) and, when it reaches the app, lets the next key go. Keys read before the
app is ready wait for it and then all apply, in order. A marker that cannot arrive (its
widget was removed with a dialog) is given up after a short while, never blocking keys.
What a terminal read glues to an escape is taken apart first (tui.key_glue).
"""

from __future__ import annotations

import time
from collections import deque

from textual import events
from textual.message import Message

from tui.key_glue import BURST_GAP, as_escape, caret_was_escape, is_caret, key_of_read, unglued

# How long a key may stay unconfirmed before the next one goes anyway (a lost marker).
GIVE_UP_AFTER = 0.5
# Follow-up markers a key may need (below) before the next key goes.
MAX_FOLLOW_UPS = 3
# Enter in a dialog's text field: how long the next key waits for the dialog to close (the
# command palette runs its command through its option list, not through the field).
DIALOG_CLOSE_WAIT = 0.1
DIALOG_CLOSE_POLL = 0.01


class KeyHandled(Message):
    """Follows a routed key up the DOM; the app routes the next key when it arrives."""

    def __init__(self, serial: int) -> None:
        super().__init__()
        self.serial = serial


class KeyOrderMixin:
    """Mixed into the App (before ``App``); it sets ``is_ready`` and calls ``release_keys``."""

    is_ready = False

    def init_key_order(self) -> None:
        self._held: deque[events.Event] = deque()
        self._serial = 0
        self._waiting: tuple[int, float, object] | None = None  # serial, since, target
        self._key_screen = None  # the screen on top when the key in flight was routed
        self._follow_ups = 0
        self._submits = False
        self._dialog: tuple[object, float] | None = None  # (dialog, until) an Enter may close
        self._watch = None
        self._caret_waited: tuple | None = None  # (caret, keys held) when last waited for

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if not self.is_ready and isinstance(event, events.Key) and event.key == "ctrl+j":
                # Typed before the terminal left line mode (tui.early_tty narrows that to the
                # interpreter's start): the kernel turned Enter into a line feed.
                event = key_of_read("enter", "\r", event)  # a caret re-issued before it stays an escape
            if isinstance(event, events.Key):
                self._held.extend(unglued(event, self.screen.active_bindings))
            else:
                self._held.append(event)
            await self.release_keys()
            return
        await super().on_event(event)

    async def release_keys(self) -> None:
        """Route held keys, one at a time, while nothing routed earlier is still on its way."""
        while self._held and self._waiting is None and self.is_ready:
            head = self._held[0]
            if is_caret(head):
                was_escape = caret_was_escape(self._held)
                if was_escape is None and self._caret_waited != (head, len(self._held)):
                    # The rest of its read may still be on its way: look again while keys of
                    # it keep coming in (a timer's event comes after those already queued).
                    self._caret_waited = (head, len(self._held))
                    self.set_timer(BURST_GAP, self.release_keys, name="caret or escape")
                    return
                if was_escape:
                    self._held[0] = as_escape(head)
            from textual.widgets import Input  # not at start-up: the first key is after it

            event = self._held.popleft()
            target = self.focused or self.screen
            self._key_screen, self._follow_ups = self.screen, 0
            # Enter in a text field takes effect through a message the field posts to itself
            # (Input.Submitted: the palette runs a command, a dialog closes, a tag is added)
            # after the marker: one more marker behind it waits for that.
            self._submits = isinstance(event, events.Key) and event.key == "enter" and isinstance(target, Input)
            closing = self._submits and self.screen.is_modal
            self._dialog = (self.screen, time.monotonic() + DIALOG_CLOSE_WAIT) if closing else None
            await super().on_event(event)
            self._follow(target)

    def _follow(self, target) -> None:
        self._serial += 1
        if target.post_message(KeyHandled(self._serial)):
            self._waiting = (self._serial, time.monotonic(), target)
            self._watch_lost_markers()

    async def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        await self._settle(message.serial)

    async def _settle(self, serial: int) -> None:
        """The key's marker (or a follow-up) is back: follow up once more, or route the next."""
        if self._waiting is not None and self._waiting[0] == serial:
            self._waiting = None
            if self._watch is not None:
                self._watch.pause()
            if self._follow_ups < MAX_FOLLOW_UPS:
                if self._submits:
                    self._submits = False
                    self._follow_ups += 1
                    self._follow(self.focused or self.screen)
                    return
                if self.screen is not self._key_screen:
                    # The key opened or closed a screen: the next key waits until the new
                    # top screen has handled what is queued there (a resumed screen gives
                    # the focus back only then; the next key would go to no widget).
                    self._key_screen = self.screen
                    self._follow_ups += 1
                    self._follow(self.screen)
                    return
            if self._dialog is not None and self.screen is self._dialog[0] and time.monotonic() < self._dialog[1]:
                self._waiting = (serial, time.monotonic(), self.screen)
                self.set_timer(DIALOG_CLOSE_POLL, lambda: self._settle(serial), name="dialog closing")
                return
            await self.release_keys()

    def _watch_lost_markers(self) -> None:
        if self._watch is None:
            self._watch = self.set_interval(0.1, self._check_lost_marker, name="key order")
        else:
            self._watch.resume()

    async def _check_lost_marker(self) -> None:
        if self._waiting is None:
            self._watch.pause()
            return
        _serial, since, target = self._waiting
        if not target.is_attached or time.monotonic() - since > GIVE_UP_AFTER:
            self._waiting = None
            await self.release_keys()
