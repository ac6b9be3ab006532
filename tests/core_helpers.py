"""Shared helpers for the core tests (parse + save-time regeneration without a file)."""

from __future__ import annotations

import difflib
from datetime import datetime

from tui.digest.post import ParseOptions, Post
from tui.digest.regen import SaveRules, regenerate

NOW = datetime(2020, 6, 22, 8, 15, 30)


def fix_text(text: str, style: str = "github", **rules) -> str:
    post = Post.parse(text, options=ParseOptions(anchor_style=style))
    return regenerate(post, SaveRules(**rules), NOW).text


def fix_report(text: str, style: str = "github", **rules):
    post = Post.parse(text, options=ParseOptions(anchor_style=style))
    return regenerate(post, SaveRules(**rules), NOW)


def allowed_lines(text: str) -> set[int]:
    """Line numbers fix may touch in ``text``: the TOC block (heading to the first
    section) and the managed front matter keys (title, updated)."""
    post = Post.parse(text)
    allowed: set[int] = set()
    lines = text.splitlines(keepends=True) if "\r" not in text else text.split("\n")
    front_lines = post.front.raw.count("\n")
    for n in range(front_lines):
        if lines[n].startswith(("title", "updated")):
            allowed.add(n)
    offset = len(post.front.raw)
    for block, gap in zip(post.blocks, post.gaps):
        size = len(block.content) + len(gap)
        if block.kind == "toc" or (block.kind == "preamble" and "<!-- toc" in block.content.lower()):
            first = text.count("\n", 0, offset)
            last = text.count("\n", 0, offset + size)
            allowed.update(range(first, last + 1))
            if first and not lines[first - 1].strip():
                allowed.add(first - 1)  # diff may align an inserted blank line either side
        offset += size
    return allowed


def assert_only_toc_and_managed_keys_changed(before: str, after: str) -> None:
    old, new = before.split("\n"), after.split("\n")
    ok_old, ok_new = allowed_lines(before), allowed_lines(after)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for n in range(i1, i2):
            assert n in ok_old, f"line {n + 1} changed outside the TOC: {old[n]!r}"
        for n in range(j1, j2):
            assert n in ok_new, f"line {n + 1} added outside the TOC: {new[n]!r}"
