"""The post: front matter, preamble, TOC, groups and items, as exact source text.

A post is a list of blocks whose texts, joined with the blank-line gaps between them,
give back the file byte for byte. Gaps belong to positions, not to blocks: moving the
last item up must not carry the file's final newline (or its absence) along with it,
and every item keeps its own bytes wherever it goes.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import NamedTuple

from tui.digest.anchors import Slugger
from tui.digest.blocks import Heading, ScanState, scan, scan_headings
from tui.digest.frontmatter import FrontMatter
from tui.digest.toc import find_list, find_markers

DEFAULT_TOC_HEADINGS = ("목차", "차례", "Contents", "Table of Contents", "TOC")
_uids = itertools.count(1)


# No dataclasses here: defining one cost 0.7-1.4 ms of the editor's start-up (its methods
# are generated and compiled then), a NamedTuple ~0.3 ms, a plain class ~15 us.
class ParseOptions(NamedTuple):
    toc_headings: tuple[str, ...] = DEFAULT_TOC_HEADINGS
    anchor_style: str = "github"


class Block:
    """One piece of the body. ``content`` ends with a line ending and has no trailing blank lines.

    Compared by identity: two blocks with the same text are still two places in the post."""

    def __init__(
        self,
        kind: str,  # "preamble", "toc", "group" or "item"
        content: str,
        level: int = 0,
        title: str = "",  # the heading's inline Markdown
        origin_anchor: str | None = None,
        origin_title: str | None = None,
        uid: int | None = None,  # None: the next number
        _scanned: tuple[str, list[Heading]] | None = None,
    ) -> None:
        self.kind = kind
        self.content = content
        self.level = level
        self.title = title
        # What the block was called when the post was read: the TOC entry that pointed at
        # it keeps following it after a rename.
        self.origin_anchor = origin_anchor
        self.origin_title = origin_title
        self.uid: int = next(_uids) if uid is None else uid
        self._scanned = _scanned

    def __repr__(self) -> str:
        return f"Block({self.kind!r}, uid={self.uid}, level={self.level}, title={self.title!r})"

    def headings(self) -> list[Heading]:
        """Headings of this block's content, cached per content string."""
        if self._scanned is None or self._scanned[0] is not self.content:
            self._scanned = (self.content, scan_headings(self.content))
        return self._scanned[1]

    def prime(self, headings: list[Heading]) -> None:
        """Seed the heading cache with what a scan of the whole body found for this block."""
        self._scanned = (self.content, headings)

    def lead_heading(self) -> Heading | None:
        found = self.headings()
        return found[0] if found and found[0].start == 0 else None


_EOL = re.compile(r"\r\n|\r|\n")


def eol_of(text: str) -> str:
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def split_gap(raw: str) -> tuple[str, str]:
    """(content, trailing blank lines) of a block's raw text."""
    # From the end only: a block's text can be long, its blank tail is short.
    kept = len(raw.rstrip(" \t\r\n"))
    if not kept:
        return "", raw
    line_end = _EOL.search(raw, kept)
    cut = line_end.end() if line_end else len(raw)
    return raw[:cut], raw[cut:]


class Post:
    """Compared by identity, like its blocks."""

    def __init__(
        self,
        front: FrontMatter,
        blocks: list[Block],
        gaps: list[str],
        item_level: int,
        eol: str = "\n",
        bom: bool = False,
        strip_final_eol: bool = False,  # the file's last line had no line ending
        options: ParseOptions = ParseOptions(),
    ) -> None:
        self.front = front
        self.blocks = blocks
        self.gaps = gaps
        self.item_level = item_level
        self.eol = eol
        self.bom = bom
        self.strip_final_eol = strip_final_eol
        self.options = options

    def __repr__(self) -> str:
        return f"<Post: {len(self.blocks)} blocks, items at level {self.item_level}>"

    def _init_args(self, options: ParseOptions) -> tuple:
        return (self.front, self.blocks, self.gaps, self.item_level, self.eol, self.bom,
                self.strip_final_eol, options)

    def with_options(self, options: ParseOptions) -> Post:
        """This post read with other options; it shares this one's blocks and gaps."""
        return Post(*self._init_args(options))

    # -- reading and writing -------------------------------------------------

    @classmethod
    def parse(cls, text: str, *, bom: bool = False, options: ParseOptions | None = None) -> Post:
        from tui.digest.parse import parse_post

        return parse_post(text, bom=bom, options=options or ParseOptions())

    def text(self) -> str:
        """The post as it would be written (before any save-time regeneration)."""
        parts = [self.front.raw]
        for block, gap in zip(self.blocks, self.gaps):
            parts.append(block.content)
            parts.append(gap)
        out = "".join(parts)
        if self.strip_final_eol and out.endswith(self.eol):
            out = out[: -len(self.eol)]
        return out

    # -- structure -----------------------------------------------------------

    @property
    def toc(self) -> Block | None:
        return next((b for b in self.blocks if b.kind == "toc"), None)

    @property
    def items(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "item"]

    @property
    def sections(self) -> list[Block]:
        return [b for b in self.blocks if b.kind in ("group", "item")]

    def index(self, block: Block) -> int:
        # The editor asks on every keystroke: positions by uid are remembered, and checked
        # against the list before use, so code that edits ``blocks`` directly only costs a
        # rebuild on the next miss.
        positions = self.__dict__.get("_positions")
        at = positions.get(block.uid) if positions else None
        if at is None or at >= len(self.blocks) or self.blocks[at] is not block:
            self._positions = positions = {b.uid: i for i, b in enumerate(self.blocks)}
            at = positions.get(block.uid)
            if at is None or self.blocks[at] is not block:
                # Not here, or a copy sharing its uid is: look for this very object.
                at = next((i for i, b in enumerate(self.blocks) if b is block), None)
                if at is None:
                    raise ValueError("block is not in this post")
        return at

    def _renumber(self, lo: int, hi: int) -> None:
        """Record the positions of ``blocks[lo:hi]`` after a move among them."""
        positions = self.__dict__.get("_positions")
        if positions is not None:
            for i in range(max(lo, 0), min(hi, len(self.blocks))):
                positions[self.blocks[i].uid] = i

    def first_movable(self) -> int:
        """Items may not move above the TOC, into the preamble."""
        toc = self.toc
        return self.index(toc) + 1 if toc is not None else 1

    def keeps_next_heading(self, at: int, state: ScanState | None = None) -> bool:
        """True when the block after ``blocks[at]`` still starts with its heading when read
        right after it; False when ``blocks[at]`` leaves a code fence or an HTML block open,
        which would swallow that heading (and the items after it) on the next read.
        ``state``: the scan state at the end of ``blocks[at]``, when the caller has it."""
        if at + 1 >= len(self.blocks):
            return True
        after = self.blocks[at + 1]
        lead = after.lead_heading()
        if lead is None:
            return True
        if state is None:
            _, state = scan(self.blocks[at].content)
        gap = self.gaps[at]
        found, _ = scan(gap + after.content[: lead.end], state)
        return any(h.start == len(gap) and (h.level, h.text) == (lead.level, lead.text) for h in found)

    def group_of(self, block: Block) -> Block | None:
        group = None
        for candidate in self.blocks:
            if candidate is block:
                return group
            if candidate.kind == "group":
                group = candidate
        return None

    def typical_gap(self) -> str:
        inner = [gap for block, gap in zip(self.blocks[:-1], self.gaps[:-1]) if block.kind == "item"]
        return Counter(inner).most_common(1)[0][0] if inner else self.eol

    # -- editing -------------------------------------------------------------

    def snapshot(self) -> tuple[list[Block], list[str]]:
        """Structure only: undoing a move or delete restores order, not later typing."""
        return list(self.blocks), list(self.gaps)

    def restore(self, snap: tuple[list[Block], list[str]]) -> None:
        self.blocks, self.gaps = list(snap[0]), list(snap[1])

    def normalize_content(self, text: str) -> str:
        """Text from the editor as block content: trailing blank lines dropped, one line ending kept."""
        content, _ = split_gap(text)
        if content and not content.endswith(("\n", "\r")):
            content += self.eol
        return content

    def new_item_content(self, title: str, body: str = "") -> str:
        eol = self.eol
        text = f"{'#' * self.item_level} {title}{eol}"
        # Any line ending in ``body`` becomes the post's (a CRLF body must not turn into \r\r\n).
        body = body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
        if body:
            text += eol + body.replace("\n", eol) + eol
        return text

    # A move, insert or delete shifts any other pair of neighbours by at most one place, so
    # newly adjacent pairs are within a few places of where it happened: only those are
    # compared (all pairs of a 2,000-item post cost ~1 ms per keystroke).
    _NEAR = 3

    def _pairs(self, spots: tuple[int, ...]) -> set[tuple[int, int]]:
        """The neighbour pairs within reach of ``spots`` (wide enough to hold every pair that
        can still be next to the same block after one step)."""
        last = len(self.blocks) - 1
        return {(self.blocks[k].uid, self.blocks[k + 1].uid)
                for k in self._window(spots, self._NEAR + 1, last)}

    @staticmethod
    def _window(spots: tuple[int, ...], reach: int, last: int) -> list[int]:
        return sorted({k for s in spots for k in range(max(s - reach, 0), min(s + reach, last))})

    def _keep_apart(self, before: set[tuple[int, int]], spots: tuple[int, ...]) -> None:
        """Give each newly adjacent pair with no blank line between them one, when the
        first would otherwise swallow the second's heading: a paragraph running into a
        setext heading becomes part of it, an HTML block runs on to the next blank line."""
        for i in self._window(spots, self._NEAR, len(self.blocks) - 1):
            a, b = self.blocks[i], self.blocks[i + 1]
            if self.gaps[i] or not a.content or (a.uid, b.uid) in before:
                continue
            lead = b.lead_heading()
            if lead is None:
                continue
            found = scan_headings(a.content + b.content[: lead.end])
            if not any(h.start == len(a.content) and h.text == lead.text for h in found):
                self.gaps[i] = self.eol

    def insert(self, index: int, content: str, kind: str = "item") -> Block:
        """Insert a block at ``index`` (into ``blocks``) and return it."""
        index = max(self.first_movable(), min(index, len(self.blocks)))
        pairs = self._pairs((index,))
        block = Block(kind, "", level=self.item_level)
        n = len(self.blocks)
        gap = self.typical_gap()
        if index == n:
            # The new block becomes the last one and takes the file's tail.
            previous = self.blocks[-1]
            self.gaps.insert(n - 1, gap if previous.content else "")
        else:
            self.gaps.insert(index, gap)
        self.blocks.insert(index, block)
        self.set_content(block, content)
        self._keep_apart(pairs, (index,))
        return block

    def delete(self, block: Block) -> None:
        index = self.index(block)
        if index == 0:
            raise ValueError("the preamble cannot be deleted")
        pairs = self._pairs((index,))
        last = index == len(self.blocks) - 1
        del self.blocks[index]
        del self.gaps[index - 1 if last else index]
        self._keep_apart(pairs, (index,))

    def move(self, block: Block, to: int) -> int:
        """Move ``block`` to position ``to`` of ``blocks`` (clamped); return where it landed."""
        index = self.index(block)
        to = max(self.first_movable(), min(to, len(self.blocks) - 1))
        if to != index:
            pairs = self._pairs((index, to))
            del self.blocks[index]
            self.blocks.insert(to, block)
            self._renumber(min(index, to), max(index, to) + 1)
            self._keep_apart(pairs, (index, to))
        return to

    def move_item(self, block: Block, delta: int) -> int:
        """Move an item one step up or down (``delta`` = -1 or +1); group headings count as steps,
        so an item leaves its group by passing the group's heading."""
        return self.move(block, self.index(block) + delta)

    def set_content(self, block: Block, text: str) -> Block:
        """Replace a block's text (from the editor) and re-read its heading."""
        block.content = self.normalize_content(text) if block.kind != "preamble" else text
        lead = block.lead_heading()
        if block.kind in ("item", "group"):
            block.title = lead.text if lead else ""
            if lead:
                block.level = lead.level
        return block

    def prime_save_caches(self) -> None:
        """Compute now what the first save asks for and then keeps cached: every heading's
        anchor and the TOC list. The editor calls it right after its first paint, so the
        first ctrl+s does not pay for them."""
        self.anchors()
        toc = self.toc
        if toc is not None:
            toc_region_text(toc)

    # (what the anchors were computed from, the anchors): a save asks twice (the TOC, then
    # the names the blocks now have in the file), ~1.7 ms each at 2,000 items. Keyed by the
    # headings, not the texts: typing in an item's body between two saves keeps the memo.
    _anchors_memo: tuple | None = None

    def anchors(self) -> dict[int, str]:
        """Anchor of every group/item/toc block's own heading, by block uid, numbered over all
        headings of the body in document order (renderers number duplicates page-wide)."""
        key = (self.options.anchor_style, tuple((b.uid, b.kind, b.headings()) for b in self.blocks))
        memo = self._anchors_memo
        if memo is not None and memo[0] == key:
            return dict(memo[1])
        slugger = Slugger(self.options.anchor_style)
        found: dict[int, str] = {}
        for block in self.blocks:
            for heading in block.headings():
                anchor = slugger.slug(heading.text)
                if heading.start == 0 and block.kind != "preamble" and block.uid not in found:
                    found[block.uid] = anchor
        self._anchors_memo = (key, found)
        return dict(found)


def toc_region_text(block: Block):
    """Where the TOC list sits inside a TOC block (or a preamble holding TOC markers)."""
    if block.kind == "preamble":
        return find_markers(block.content)
    lead = block.lead_heading()
    return find_list(block.content, lead.end if lead else 0)
