"""Reading a post's text into blocks (see ``post.py`` for the model)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import unquote

from tui.digest.anchors import Slugger
from tui.digest.blocks import Heading, _new_heading, scan_headings
from tui.digest.frontmatter import split_front_matter
from tui.digest.post import Block, ParseOptions, Post, eol_of, split_gap
from tui.digest.toc import find_list

DEFAULT_ITEM_LEVEL = 3


def _is_toc_heading(heading: Heading, names: set[str]) -> bool:
    return heading.text.strip().casefold() in names


def item_level(headings: list[Heading], anchors: list[str], toc_index: int | None, body: str) -> int:
    """The deepest level the TOC points at; else the most common level (ties: deeper)."""
    if toc_index is not None:
        toc = headings[toc_index]
        following = headings[toc_index + 1].start if toc_index + 1 < len(headings) else len(body)
        # The text the TOC block will hold when the next heading starts a block (it usually
        # does), so the save's look at the same list finds it already read.
        text, _ = split_gap(body[toc.start:following])
        targets = {entry.anchor for entry in find_list(text, toc.end - toc.start).entries}
        # Entries are read percent-decoded; markdown-it-anchor's ids are percent-encoded.
        pointed = [h.level for i, (h, a) in enumerate(zip(headings, anchors))
                   if (unquote(a) if "%" in a else a) in targets and i != toc_index]
        if pointed:
            return max(pointed)
    # Headings before the TOC are preamble and never items: counting them could pick a level
    # the written TOC then does not point at, and the next read would infer another one.
    after = [h.level for h in headings[toc_index + 1:]] if toc_index is not None else []
    counts = Counter(after or (h.level for i, h in enumerate(headings) if i != toc_index))
    if not counts:
        return DEFAULT_ITEM_LEVEL
    return max(counts.items(), key=lambda kv: (kv[1], kv[0]))[0]


def parse_post(text: str, *, bom: bool = False, options: ParseOptions) -> Post:
    front, body = split_front_matter(text)
    eol = eol_of(text)
    headings = scan_headings(body)
    slugger = Slugger(options.anchor_style)
    anchors = [slugger.slug(h.text) for h in headings]
    names = {name.strip().casefold() for name in options.toc_headings}
    toc_index = next((i for i, h in enumerate(headings) if _is_toc_heading(h, names)), None)
    level = item_level(headings, anchors, toc_index, body)

    # Which headings start a block of their own, and what kind.
    starts: list[tuple[int, str]] = []
    h1s = [h for h in headings if h.level == 1]
    for i, heading in enumerate(headings):
        if i == toc_index:
            starts.append((i, "toc"))
        elif toc_index is not None and i < toc_index:
            continue  # everything before the TOC is the preamble
        elif heading.level == 1 and level > 1 and i == 0 and len(h1s) == 1:
            continue  # a lone leading title repeated in the body
        elif heading.level < level:
            starts.append((i, "group"))
        elif heading.level == level:
            starts.append((i, "item"))

    first = headings[starts[0][0]].start if starts else len(body)
    raws: list[tuple[str, str, Heading | None, str | None]] = [("preamble", body[:first], None, None)]
    for n, (i, kind) in enumerate(starts):
        end = headings[starts[n + 1][0]].start if n + 1 < len(starts) else len(body)
        raws.append((kind, body[headings[i].start:end], headings[i], anchors[i]))

    blocks: list[Block] = []
    gaps: list[str] = []
    offset = 0
    at = 0  # index of the first heading not yet given to a block
    count = len(headings)
    for kind, raw, heading, anchor in raws:
        content, gap = split_gap(raw)
        block = Block(kind, content)
        # The whole-body scan already found this block's headings; keeping them saves
        # the first save from scanning the post again. Blocks and headings are both in
        # document order, so one walk hands them out.
        end = offset + len(content)
        while at < count and headings[at].start < offset:
            at += 1
        inside = []
        while at < count and (h := headings[at]).start < end:
            inside.append(_new_heading(h.level, h.start - offset, h.end - offset, h.text, h.setext) if offset else h)
            at += 1
        block.prime(inside)
        offset += len(raw)
        if heading is not None:
            block.level, block.title = heading.level, heading.text
            block.origin_anchor, block.origin_title = anchor, heading.text
        blocks.append(block)
        gaps.append(gap)

    strip_final_eol = False
    last = blocks[-1]
    if last.content and not gaps[-1] and not last.content.endswith(("\n", "\r")):
        last.content += eol
        strip_final_eol = True
    return Post(front, blocks, gaps, level, eol=eol, bom=bom, strip_final_eol=strip_final_eol, options=options)
