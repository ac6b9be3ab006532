"""Keys sent as one terminal read sends them: all queued before the app handles the first.

``pilot.press`` waits for the app to go idle after every key, so it never shows what a
burst does (a fast typist, a laggy SSH link, ``tmux send-keys`` with several keys).
"""

from __future__ import annotations

from textual import events


async def burst(pilot, *keys: str) -> None:
    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)  # what the driver's reader thread does per key
    for _ in range(3):
        await pilot.pause()
