"""Regular expressions compiled when first used rather than when their module is imported.

Python compiles a pattern in Python code (sre_parse, sre_compile): 0.1-1 ms each on a
slow machine, ~14 ms for the 67 patterns of the modules the editor imports before its
first paint, of which the first paint uses 17. A ``LazyPattern`` holds its source until a
method is asked for; then it compiles once and keeps the compiled pattern's methods in
its own slots, so every later call costs what a compiled pattern's does.

Only for patterns used through their methods and attributes (``match``, ``sub``,
``pattern``...): ``re.sub(lazy, ...)`` or ``isinstance(lazy, re.Pattern)`` would not see a
pattern.
"""

from __future__ import annotations

import re

_PASSED_ON = ("match", "fullmatch", "search", "finditer", "findall", "sub", "subn", "split",
              "pattern", "flags", "groups", "groupindex")


class LazyPattern:
    __slots__ = ("_source", "_flags", *_PASSED_ON)

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str):
        # Called only while the slots are empty, i.e. on first use (or for a name no
        # pattern has, which then raises as a pattern would). Its own fields are never
        # looked up here: an instance being built by copy or pickle has none yet.
        if name in ("_source", "_flags") or name.startswith("__"):
            raise AttributeError(name)
        compiled = re.compile(self._source, self._flags)
        for attribute in _PASSED_ON:
            setattr(self, attribute, getattr(compiled, attribute))
        return getattr(compiled, name)

    def __reduce__(self):
        return (LazyPattern, (self._source, self._flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self._source!r}, {self._flags!r})"


def lazy(source: str, flags: int = 0) -> LazyPattern:
    """``re.compile(source, flags)``, done on first use."""
    return LazyPattern(source, flags)
