"""How each engine numbers a slug that is already on the page.

Engines disagree on three things: whether a candidate with a suffix is re-checked against
every id so far (so a literal `News-1` heading cannot collide), where the suffix count starts,
and what an empty slug becomes. Each class is one engine's answer, called once per heading.
"""

from __future__ import annotations

import re


class Recount:
    """github-slugger: a count per base slug, and each candidate re-checked against all ids."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def __call__(self, base: str) -> str:
        seen, anchor = self.seen, base
        while anchor in seen:
            seen[base] += 1
            anchor = f"{base}-{seen[base]}"
        seen[anchor] = 0
        return anchor


class FirstFree:
    """Hugo, pandoc, markdown-it-anchor: the first of `base`, `base-1`, `base-2`, ... not yet
    used, searched from 1 every time; an empty slug becomes ``empty`` first."""

    def __init__(self, empty: str = "") -> None:
        self.used: set[str] = set()
        self.empty = empty

    def __call__(self, base: str | None) -> str:
        if base is None:  # a heading the engine gives no id at all
            return ""
        used, anchor = self.used, base or self.empty
        if anchor in used:
            n = 1
            while f"{anchor}-{n}" in used:
                n += 1
            anchor = f"{anchor}-{n}"
        used.add(anchor)
        return anchor


class PerBase:
    """kramdown (both parsers) and hexo: a count per base slug and no re-check, so `News`,
    `News`, `News-1` give `news`, `news-1`, `news-1` twice; an empty slug becomes ``empty``."""

    def __init__(self, empty: str = "") -> None:
        self.counts: dict[str, int] = {}
        self.empty = empty

    def __call__(self, base: str) -> str:
        base = base or self.empty
        count = self.counts.get(base)
        self.counts[base] = 0 if count is None else count + 1
        return base if count is None else f"{base}-{count + 1}"


# Python-Markdown's toc.IDCOUNT_RE: a trailing "_N" is a count to bump, not part of the name.
_IDCOUNT = re.compile(r"^(.*)_([0-9]+)$")


class Underscore:
    """Python-Markdown's toc ``unique``: `_1`, `_2` appended, or a trailing `_N` bumped, until
    unused; an empty slug is never used, so it becomes `_1`."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, anchor: str) -> str:
        used = self.used
        while anchor in used or not anchor:
            m = _IDCOUNT.match(anchor)
            anchor = f"{m.group(1)}_{int(m.group(2)) + 1}" if m else f"{anchor}_1"
        used.add(anchor)
        return anchor
