"""Every use of Textual's or Rich's private API in ``tui/``, in one place.

Textual moves its internals between minor releases (8.0 -> 8.2 changed
``StylesCache.render``'s signature and broke 143 tests here), so the app keeps to the
public API and supports the whole Textual 8 line. A private import (``textual._x``,
``rich._x``, ``from textual.x import _y``) or an override of a private Textual method (a
``_name`` method that a Textual base class defines) is allowed only when it is listed
below with why it is needed, what it gains at 200 items, and the upstream issue or pull
request that would make it unnecessary. ``tests/test_public_api.py`` fails on any other.

The list is empty: what used to be private (the span compositor, the StylesCache
override, OptionList's line table and row renderer, TextArea's byte tables, the pickled
stylesheet cache, the screen-resume override) was removed or rebuilt on public API; see
the README's "How a frame is drawn".
"""

from __future__ import annotations

from typing import NamedTuple


class PrivateUse(NamedTuple):
    path: str  # relative to the repository, e.g. "tui/widgets/item_list.py"
    name: str  # the private module or name imported, or the method overridden
    why: str
    gain_at_200_items: str  # measured, with the benchmark that measured it
    upstream: str  # the issue or pull request that would remove it


PRIVATE_USES: tuple[PrivateUse, ...] = ()
