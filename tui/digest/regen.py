"""What a save does to a post: rebuild the TOC, refresh the managed front matter keys.

Everything else stays byte-identical; running it twice gives what running it once did.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote

from tui.digest import frontmatter
from tui.digest.anchors import toc_label
from tui.digest.blocks import SETEXT, ScanState, scan, split_lines, starts_block
from tui.digest.post import Block, Post, toc_region_text
from tui.digest.toc import TocList, TocRow, describe_change, find_list, markdown_toc_region, render


@dataclass(frozen=True)
class SaveRules:
    """The settings a save obeys (a subset of ``tui.config.Settings``)."""

    insert_toc: bool = True
    toc_heading_text: str | None = "목차"  # None: the post's language picks it
    title_template: str = "Weekly ML/DL News ({month}월 {week}주차)"
    week_start: int = 5  # Saturday
    toc_level: int = 2  # of an inserted TOC's heading, when items are deeper
    toc_bullet: str = "-"  # for a list that has no entries yet to copy
    toc_indent: str = "  "
    toc_markers: bool = False  # an inserted list goes inside <!-- toc --> markers


@dataclass
class SaveReport:
    text: str
    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what a save could not do, and why

    @property
    def summary(self) -> str:
        return "; ".join(self.changes) if self.changes else "nothing to change"


def _ensure_toc(post: Post, rules: SaveRules) -> Block | None:
    toc = post.toc
    if toc is not None:
        return toc
    if toc_region_text(post.blocks[0]) is not None:
        return post.blocks[0]  # TOC markers without a heading
    sections = post.sections
    if not sections or not rules.insert_toc:
        return None
    level = min(rules.toc_level, post.item_level)  # never below the items it lists
    eol = post.eol
    heading = rules.toc_heading_text
    if heading is None:
        from tui.digest.conventions import toc_heading_for

        heading = toc_heading_for(post.text())
    content = f"{'#' * level} {heading}{eol}"
    if rules.toc_markers:
        content += f"{eol}<!-- toc -->{eol}<!-- tocstop -->{eol}"
    toc = Block("toc", content, level=level, title=heading)
    at = post.index(sections[0])
    post.blocks.insert(at, toc)
    post.gaps.insert(at, eol)
    return toc


def _numbered(anchors: list[str]) -> list[str]:
    """Anchors made unique by occurrence (hexo and kramdown repeat an anchor for a heading
    literally named like a numbered duplicate, e.g. "News-1")."""
    seen: dict[str, int] = {}
    out = []
    for anchor in anchors:
        seen[anchor] = seen.get(anchor, -1) + 1
        out.append(f"{anchor}\0{seen[anchor]}")
    return out


def _decoded(anchor: str) -> str:
    # Entries are read percent-decoded; markdown-it-anchor's ids are percent-encoded.
    return unquote(anchor) if "%" in anchor else anchor


def _rows(post: Post, anchors: dict[int, str], old: TocList) -> tuple[list[TocRow], list[str], int]:
    """New TOC rows, the identity key of each (for the change report), and how many labels changed."""
    # The n-th entry for an anchor belongs to the n-th block (in reading order, which uids
    # keep across moves) that had that anchor when the post was read.
    entries = dict(zip(_numbered([e.anchor for e in old.entries]), old.entries))
    sections = post.sections
    origin = {b.uid: _decoded(b.origin_anchor if b.origin_anchor is not None else anchors.get(b.uid, ""))
              for b in sections}
    by_uid = sorted(sections, key=lambda b: b.uid)
    key_of = dict(zip((b.uid for b in by_uid), _numbered([origin[b.uid] for b in by_uid])))
    rows, keys, relabeled = [], [], 0
    in_group = False
    for block in sections:
        if block.kind == "group":
            in_group = True
        anchor = anchors.get(block.uid, "")
        key = key_of[block.uid]
        entry = entries.get(key)
        fresh = toc_label(block.title)
        if entry is None:
            label = fresh
            keys.append("\0new:" + key)
        else:
            keys.append(key)
            # A label that was just the old heading follows the heading; an author's own stays.
            was_default = entry.label in (toc_label(block.origin_title or ""), block.origin_title)
            label = fresh if was_default else entry.label
            if label != entry.label or _decoded(anchor) != entry.anchor:
                relabeled += 1
        depth = 1 if in_group and block.kind == "item" else 0
        rows.append(TocRow(depth, label, anchor))
    return rows, keys, relabeled


def _would_merge(content: str, region: TocList, new_list: str) -> bool:
    """True when emptying the list would join the lines around it into one paragraph.

    A line right after the list is a lazy continuation of its last entry; with the list
    gone it would continue (or underline, as a setext heading) whatever came before, so
    the post's structure would change. Such a list is left for the author to remove.
    """
    if new_list or region.start == region.end:
        return False
    after = split_lines(content[region.end:])
    line = after[0].rstrip("\r\n") if after else ""
    return bool(line.strip()) and (not starts_block(line) or bool(SETEXT.match(line)))


def _toc_eol(content: str, fallback: str) -> str:
    """The line ending of the TOC heading's own line: a post of mixed endings (a lone "\r"
    on its first line) must not get a list whose "\r" joins the next "\n" into one CRLF."""
    for line in split_lines(content):
        ending = line[len(line.rstrip("\r\n")):]
        if ending:
            return ending
    return fallback


def _inside_open_block(content: str, region: TocList) -> bool:
    """True when a list appended at the end of ``content`` would land inside a fence, HTML
    block or comment left open there: the next fix could not find it and would append
    another, so such a TOC is left stale rather than grown on every fix."""
    if region.marked or region.start != region.end:
        return False
    state = scan(content)[1]
    return state[0] is not None or state[1] is not False


def _found_where_written(toc: Block, content: str, region: TocList, where: int, new_list: str) -> bool:
    """Whether the next read of ``content`` finds the TOC list just where it was written: an
    emptied list must not hand the TOC's place to a list further down (the next fix would
    rewrite that one), so a fix that fails this is not made, and fixing twice stays fixing once."""
    if region.marked:
        return True  # the markers bound it
    lead = toc.lead_heading()
    found = find_list(content, lead.end if lead else 0)
    if not new_list:
        return found.start == found.end
    return (found.start, found.end) == (where, where + len(new_list))


def _set_toc_content(post: Post, toc: Block, text: str) -> ScanState:
    """``post.set_content(toc, text)``, keeping the scan's end state: whether the next block's
    heading survives depends on how the new list ends, and a TOC can be 10,000 lines."""
    content = post.normalize_content(text) if toc.kind != "preamble" else text
    headings, state = scan(content)
    toc.content = content
    toc.prime(headings)
    return state


# The inputs and result of the last TOC list built: the editor saves the same post again
# and again, mostly after typing in an item's body, which changes none of the inputs.
# Building the rows and the list took ~9 ms of a ctrl+s at 2,000 items; the key ~1 ms.
_last_list: tuple | None = None


def _toc_list(post: Post, toc: Block, region: TocList, rules: SaveRules
              ) -> tuple[list[TocRow], list[str], int, str]:
    """The TOC rows, their identity keys, how many labels changed, and the list text."""
    global _last_list
    anchors = post.anchors()
    eol = _toc_eol(toc.content, post.eol)
    key = (toc.content, region, eol, rules.toc_bullet, rules.toc_indent, anchors,
           tuple((b.uid, b.kind, b.title, b.origin_anchor, b.origin_title) for b in post.sections))
    if _last_list is not None and _last_list[0] == key:
        return _last_list[1]
    rows, keys, relabeled = _rows(post, anchors, region)
    new_list = render(rows, region, eol, rules.toc_bullet, rules.toc_indent)
    if region.marked:
        new_list = markdown_toc_region(new_list, eol)
    _last_list = (key, (rows, keys, relabeled, new_list))
    return _last_list[1]


def regenerate(post: Post, rules: SaveRules, now: datetime, *, edited: bool = False) -> SaveReport:
    """Bring ``post``'s TOC and managed front matter up to date, in place.

    ``edited`` says the body changed in the editor since it was read, which is what
    makes ``updated`` move.
    """
    changes: list[str] = []
    warnings: list[str] = []
    had_toc = post.toc is not None or toc_region_text(post.blocks[0]) is not None
    before = post.snapshot()
    toc = _ensure_toc(post, rules)
    region = toc_region_text(toc) if toc is not None else None
    if region is not None and not region.marked and region.start == region.end and not rules.insert_toc:
        # A TOC heading with no list, in a blog whose posts have no TOC lists: the engine
        # (a {{< toc >}} shortcode, a theme) draws it; adding a list would call it stale.
        toc = None
    if toc is not None:
        rows, keys, relabeled, new_list = _toc_list(post, toc, region, rules)
        eol = _toc_eol(toc.content, post.eol)
        old_list = toc.content[region.start:region.end]
        if new_list.endswith("\r") and toc.content[region.end:region.end + 1] == "\n":
            # "\r" then "\n" would read as one CRLF: the blank line after the list would go.
            new_list += "\n"
        if new_list != old_list and not _would_merge(toc.content, region, new_list) \
                and not _inside_open_block(toc.content, region):
            if region.marked or region.start != region.end:
                where = region.start
                content = toc.content[: region.start] + new_list + toc.content[region.end:]
            else:
                # A TOC heading with no list yet: the list goes after a blank line.
                where = len(toc.content) + len(eol)
                content = toc.content + eol + new_list
                at = post.index(toc)
                if at < len(post.blocks) - 1 and not post.gaps[at]:
                    # A new list running straight into the next line would swallow a setext
                    # heading there as a lazy continuation; a blank line ends the list.
                    post.gaps[at] = post.eol
            old_content = toc.content
            if not _found_where_written(toc, content, region, where, new_list):
                post.restore(before)
                warnings.append("TOC left as it is: rewriting it would make another list the TOC")
            elif not post.keeps_next_heading(post.index(toc), _set_toc_content(post, toc, content)):
                # The new list would swallow the heading after it (an indented heading reads
                # as the list's continuation): better a stale TOC than a lost item.
                toc.content = old_content
                post.restore(before)
                changes.clear()
            elif not had_toc:
                changes.append(f"TOC inserted with {len(rows)} {'entry' if len(rows) == 1 else 'entries'}")
            else:
                old_keys = _numbered([e.anchor for e in region.entries])
                changes.append(describe_change(old_keys, keys, relabeled) or "TOC rewritten")
    body_changed = edited or bool(changes)
    if post.front.format is not None and post.front.error is None:
        new_front, notes = frontmatter.regenerate(
            post.front,
            template=rules.title_template,
            week_start=rules.week_start,
            now=now,
            body_changed=body_changed,
        )
        post.front = new_front
        changes.extend(notes)
    if post.front.error is not None:
        warnings.append(f"front matter left as written (title and updated not managed): {post.front.error}")
    return SaveReport(post.text(), changes, warnings)
