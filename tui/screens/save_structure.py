"""Whether a save leaves the post's blocks as a fresh parse would give them, and the
reparse that keeps each block's origin when it would not. Pure functions of a ``Post``.
"""

from __future__ import annotations

from tui.digest.post import Post


def same_structure(post: Post, toc_before, text: str, *, known_stable: bool = False,
                   known_text: bool = False) -> bool:
    """True when parsing ``text`` would give back ``post``'s blocks: it serializes to
    ``text``, keeps the TOC it had, and its blocks are stable (see ``blocks_stable``;
    ``known_stable``, ``known_text``: the caller has just made sure of it, ~1 ms each at
    2,000 items)."""
    toc = post.toc
    if toc is None or toc is not toc_before or not post.items:
        return False  # a new TOC, or none: where it goes and the item level are a parse's call
    return (known_stable or blocks_stable(post)) and (known_text or post.text() == text)


def blocks_stable(post: Post) -> bool:
    """True when no block gained or lost a heading at or above the item level (a heading
    typed inside an item would become an item of its own on the next parse)."""
    level = post.item_level
    names = {name.strip().casefold() for name in post.options.toc_headings}
    for block in post.blocks:
        found = block.headings()  # cached per content: only edited blocks are scanned again
        if block.kind == "preamble":
            # Above the TOC every heading stays in the preamble, unless it would be the TOC.
            if any(h.text.strip().casefold() in names for h in found):
                return False
        elif block.kind in ("item", "group"):
            if not found or found[0].start != 0 or found[0].level != block.level:
                return False
            if (found[0].level == level) != (block.kind == "item") or found[0].level > level:
                return False
            if any(h.level <= level for h in found[1:]):
                return False
    return True


def reparse_keeping_origins(post: Post) -> Post:
    """``post`` parsed afresh; a block that starts where an old block started keeps that
    block's origin, so its TOC entry (and a custom label) still follows it."""
    fresh = Post.parse(post.text(), bom=post.bom, options=post.options)
    origins, offset = {}, len(post.front.raw)
    for block, gap in zip(post.blocks, post.gaps):
        origins[offset] = block
        offset += len(block.content) + len(gap)
    offset = len(fresh.front.raw)
    for block, gap in zip(fresh.blocks, fresh.gaps):
        old = origins.get(offset)
        if old is not None and block.kind == old.kind and block.kind != "preamble":
            block.origin_anchor, block.origin_title = old.origin_anchor, old.origin_title
        offset += len(block.content) + len(gap)
    return fresh
