"""Escape as a terminal read delivers it in a burst, told apart from what it got glued to.

A terminal sends escape as the byte ESC, which also starts alt+key, the arrows and the
function keys. When escape and the next keys arrive in one read (``tmux send-keys Escape
j Enter``, a laggy SSH link), Textual 8's parser reads them as one of:

- ``alt+j``: escape and the key after it. Nothing here binds alt with a printable key,
  so such a key is taken back apart.
- ``^`` (circumflex_accent) then the keys: when another ESC-started key (an arrow,
  ctrl+end, escape) follows in the same read, the parser re-issues the unknown sequence
  with the escape written as a caret, which the editor then typed. A caret followed, in
  the same read, by an ESC-started key is taken as the escape it was; a caret typed on
  its own (``x^2``, a footnote ``[^1]``) keeps being a caret.

(ESC then a ctrl key, ``ESC ^Z``, is read as ctrl+z alone: the escape is gone before the
app sees anything.)
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import events

# Keys parsed from one read are microseconds apart, a typist's keys 60 ms or more. 5 ms was
# too tight: on a loaded CI box the parser thread was preempted inside one read and a
# re-issued escape was typed as "^" (tests/ui/test_tmux_judged.py). A typed caret waits
# this long before it is typed.
BURST_GAP = 0.03


def key_of_read(name: str, character: str | None, like: events.Key) -> events.Key:
    """A key standing for ``like``, in its place in the read it came in."""
    key = events.Key(name, character)
    key.time = like.time
    return key


def unglued(event: events.Key, bound: set[str] | dict) -> tuple[events.Key, ...]:
    """``event``, or for an unbound alt+printable key the escape and the key it was."""
    char = event.character
    if (not event.key.startswith("alt+") or char is None or len(char) != 1 or not char.isprintable()
            or event.key in bound):
        return (event,)
    return key_of_read("escape", "\x1b", event), key_of_read(event.key.removeprefix("alt+"), char, event)


def _escape_started(event: events.Key) -> bool:
    return event.key == "escape" or event.key.startswith("alt+") or event.character is None


def is_caret(event: events.Event) -> bool:
    return isinstance(event, events.Key) and event.key == "circumflex_accent"


def caret_was_escape(held: Sequence[events.Event]) -> bool | None:
    """For the caret at ``held[0]``: True when it is a re-issued escape, False when it was
    typed, None when every key after it so far came in its read (the rest may be on its way)."""
    previous = held[0].time
    for event in list(held)[1:]:
        if not isinstance(event, events.Key) or event.time - previous > BURST_GAP:
            return False
        if _escape_started(event):
            return True
        previous = event.time
    return None


def as_escape(caret: events.Key) -> events.Key:
    return key_of_read("escape", "\x1b", caret)
