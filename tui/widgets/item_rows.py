"""What one row of the item list says: its number, mark, title and link's domain.

Kept apart from the widget that draws it so the row's text (and every way a hostile
heading could reach the terminal through it) is tested without an app.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from textual.content import Content

from tui.digest.links import domain
from tui.digest.post import Block
from tui.digest.safe_text import shown

# Rows render on every move and rename; mistune costs ~1 ms an item, far too slow for
# 2,000 rows, so the row's domain comes from this cheap scan (the marks, which must be
# exact, come from the duplicate worker instead).
_LINK = re.compile(r"\[([^\]\n]*)\]\(\s*<?(https?://[^)\s>]+)", re.IGNORECASE)


def one_line(title: str) -> str:
    """A heading's text on one row (a setext heading's lines are joined with line feeds)."""
    return " ".join(title.splitlines()) if "\n" in title or "\r" in title else title


def row_link(content: str, labels: tuple[str, ...]) -> str | None:
    """The item's reference link as the row shows it: a labelled link, else the first web link."""
    first = None
    wanted = {label.casefold() for label in labels}
    for match in _LINK.finditer(content):
        if match.group(1).strip().casefold() in wanted:
            return match.group(2)
        first = first or match.group(2)
    return first


class RowMark(NamedTuple):
    """A one-cell sign in front of a row, and what it means (the editor's border shows it)."""

    symbol: str
    style: str  # a Textual style, theme variables allowed: "bold $text-error"
    note: str


# Which mark a row shows when several sources mark it: what blocks publishing first.
# A source not listed here comes after these.
MARK_ORDER = ("links", "fetch", "duplicates")


class RowText(NamedTuple):
    """Everything a row shows: equal RowTexts draw equal rows (the render cache's key)."""

    kind: str  # "post", "group" or "item"
    number: int
    title: str
    domain: str
    mark: RowMark | None


def row_content(row: RowText) -> Content:
    """The row as styled text. Titles and domains come from the post (and so from web
    pages): every control character is made visible before it can reach the terminal."""
    if row.kind == "post":
        return Content.assemble(("Post", "bold $text-primary"), ("  front matter & intro", "$text-muted"))
    title = shown(one_line(row.title), keep_layout=False)
    if row.kind == "group":
        return Content.styled(title or "(untitled group)", "bold $text-accent")
    mark = (row.mark.symbol, row.mark.style) if row.mark is not None else " "
    parts = [mark, (f"{row.number:>3} ", "$text-muted"), title or "(untitled)"]
    if row.domain:
        parts.append((f"  {shown(row.domain, keep_layout=False)}", "$text-muted"))
    return Content.assemble(*parts)


def cut(content: Content, width: int) -> Content:
    """``content`` in ``width`` cells; a cut one ends in "…" glued to its last word (Content's
    own ellipsis kept the space before it: "벤치마크  …", "3.14 …")."""
    if content.cell_length <= width:
        return content
    if width <= 1:
        return Content("…"[:width])
    return content.truncate(width - 1).rstrip() + "…"


def row_text(block: Block | None, number: int, labels: tuple[str, ...], mark: RowMark | None) -> RowText:
    if block is None:
        return RowText("post", 0, "", "", None)
    if block.kind == "group":
        return RowText("group", 0, block.title, "", None)
    link = row_link(block.content, labels)
    return RowText("item", number, block.title, domain(link) if link else "", mark)
