"""A three-way merge of a post at item granularity: the editor's unsaved post, the file
it was read from, and what the file holds now (after an `add`, say).

A post is cut into units, each block with the blank lines before it (an item appended at
the end then leaves every earlier unit as it was, where "block and the gap after it"
would change the old last one), plus the front matter and the file's tail. A unit
changed on one side only takes that side; units inserted on both sides at one place are
both kept; an item one side edited next to items the other side inserted keeps both.
Anything else is a real conflict, and the caller asks the user.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import NamedTuple

from .post import Block, ParseOptions, Post

OURS, THEIRS = "ours", "theirs"


class Merged(NamedTuple):
    post: Post
    text: str
    arrived: list[Block]  # blocks only the other side added (the editor's inbox)


def _units(post: Post) -> list[str]:
    gaps = [""] + post.gaps[:-1]
    return [gap + block.content for block, gap in zip(post.blocks, gaps)]


def _pick(base, ours, theirs):
    """The three-way choice for one scalar; raises _Conflict when both sides changed it."""
    if ours == theirs or theirs == base:
        return ours, OURS
    if ours == base:
        return theirs, THEIRS
    raise _Conflict


class _Conflict(Exception):
    pass


def _edits(base: list[str], other: list[str], side: str) -> list[tuple[int, int, str, int, int]]:
    """What ``other`` changed in ``base``: (base from, base to, side, other from, other to)."""
    return [(i1, i2, side, j1, j2) for tag, i1, i2, j1, j2
            in SequenceMatcher(None, base, other, autojunk=False).get_opcodes() if tag != "equal"]


def _clash(a, b, ours: list[str], theirs: list[str]) -> bool:
    """Whether an edit of ours and one of theirs touch the same units."""
    (a1, a2, _, j1, j2), (b1, b2, _, k1, k2) = a, b
    if a1 == a2 and b1 == b2:
        return False  # insertions at one place: both are kept
    if a1 == a2:
        return b1 < a1 < b2
    if b1 == b2:
        return a1 < b1 < a2
    return a1 < b2 and b1 < a2 and not (a1 == b1 and a2 == b2 and ours[j1:j2] == theirs[k1:k2])


def merge_units(base: list[str], ours: list[str], theirs: list[str]) -> list[tuple[str, int]]:
    """Both sides' edits of ``base`` applied, each merged unit as (side, index in that side);
    _Conflict when an edit of each side touches the same units."""
    mine, other = _edits(base, ours, OURS), _edits(base, theirs, THEIRS)
    for a in mine:
        for b in other:
            if _clash(a, b, ours, theirs):
                raise _Conflict
    # The same change made on both sides is made once.
    other = [b for b in other if not any(a[:2] == b[:2] and a[0] < a[1] for a in mine)]
    mapped = {}
    for block in SequenceMatcher(None, base, ours, autojunk=False).get_matching_blocks():
        for n in range(block.size):
            mapped[block.a + n] = block.b + n
    inserts = sorted((e for e in mine + other if e[0] == e[1]), key=lambda e: (e[0], e[2] != OURS))
    ranges = {e[0]: e for e in mine + other if e[0] < e[1]}
    out: list[tuple[str, int]] = []
    p = 0
    while p <= len(base):
        for _, _, side, s1, s2 in (e for e in inserts if e[0] == p):
            out += [(side, n) for n in range(s1, s2)]
        if p == len(base):
            break
        edit = ranges.get(p)
        if edit is not None:
            out += [(edit[2], n) for n in range(edit[3], edit[4])]
            p = edit[1]
        else:
            out.append((OURS, mapped[p]))
            p += 1
    return out


def merge_posts(base_text: str, ours: Post, theirs_text: str, options: ParseOptions) -> Merged | None:
    """``ours`` (read from ``base_text``, edited since) with what changed between
    ``base_text`` and ``theirs_text``; None on a real conflict. Ours' blocks are kept as
    objects where they survive, so the editor's open item stays open."""
    base = Post.parse(base_text, bom=ours.bom, options=options)
    theirs = Post.parse(theirs_text, bom=ours.bom, options=options)
    try:
        front, _ = _pick(base.front.raw, ours.front.raw, theirs.front.raw)
        tail, _ = _pick((base.gaps[-1], base.strip_final_eol), (ours.gaps[-1], ours.strip_final_eol),
                        (theirs.gaps[-1], theirs.strip_final_eol))
        picks = merge_units(_units(base), _units(ours), _units(theirs))
    except _Conflict:
        return None
    sides = {OURS: (ours, _units(ours)), THEIRS: (theirs, _units(theirs))}
    blocks, units = [], []
    for side, n in picks:
        post, side_units = sides[side]
        blocks.append(post.blocks[n])
        units.append(side_units[n])
    if not blocks or blocks[0].kind != "preamble":
        return None
    text = front + "".join(units) + tail[0]
    if tail[1] and text.endswith(ours.eol):
        text = text[: -len(ours.eol)]
    fresh = Post.parse(text, bom=ours.bom, options=options)
    from_ours = {id(b) for b in ours.blocks}
    arrived_contents = [b.content for (side, _), b in zip(picks, blocks) if side == THEIRS
                        and b.kind == "item" and id(b) not in from_ours]
    if [(b.kind, b.content) for b in fresh.blocks] == [(b.kind, b.content) for b in blocks]:
        # The same blocks a parse finds: keep ours' objects (and their origins for the TOC).
        gaps = [unit[: len(unit) - len(b.content)] for unit, b in zip(units[1:], blocks[1:])] + [tail[0]]
        merged = Post(fresh.front if front != ours.front.raw else ours.front, blocks, gaps,
                      fresh.item_level, ours.eol, ours.bom, fresh.strip_final_eol, ours.options)
        if merged.text() != text:
            return None
    else:
        merged = fresh
    arrived = [b for b in merged.items if b.content in arrived_contents and id(b) not in from_ours]
    return Merged(merged, text, arrived)
