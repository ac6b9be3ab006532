"""A line of the item editor built straight into segments, for rows TextArea draws plainly.

TextArea._render_line goes through rich.text.Text (stylize, divide, render): ~0.2 ms a line,
~19 new lines each time another item is selected. A row that carries no cursor, selection,
bracket mark, suggestion, tab or line number only needs its highlights cut at the wrap
section, so it is built here from the same steps Rich takes, segment for segment, at a
fraction of the cost. Everything else stays with TextArea.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from operator import itemgetter

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.document._document import _utf8_encode
from textual.strip import Strip
from textual.widgets._text_area import build_byte_to_codepoint_dict

# Tabs need TextArea's tab widths; Rich's Text drops these control characters, which moves
# every offset after them.
NEEDS_TEXTAREA = re.compile("[\t\x07\x08\x0b\x0c\r]")

_NULL = Style.null()
_by_offset = itemgetter(0, 1)


def highlight_spans(
    text: str, highlights: Sequence[tuple[int, int | None, str]], syntax_styles: Mapping[str, Style]
) -> list[tuple[int, int, Style]]:
    """The spans Text.stylize keeps for `text` plus the cursor's space, from byte offsets."""
    length = len(text) + 1
    spans: list[tuple[int, int, Style]] = []
    if text.isascii():
        for byte_start, byte_end, name in highlights:
            style = syntax_styles.get(name)
            if not style:  # stylize skips a null style, and TextArea skips a missing one
                continue
            # The byte_to_codepoint dict's lookups, for text where a byte is a code point.
            start = byte_start if 0 <= byte_start <= length else 0
            end = byte_end if byte_end and 0 <= byte_end <= length else None
            if end is None:
                end = length
            if start >= length or end <= start:
                continue
            spans.append((start, end, style))
        return spans
    to_codepoint = build_byte_to_codepoint_dict(_utf8_encode(text + " "))
    get = to_codepoint.get
    for byte_start, byte_end, name in highlights:
        style = syntax_styles.get(name)
        if not style:
            continue
        start = get(byte_start, 0)
        end = get(byte_end) if byte_end else None
        if end is None:
            end = length
        if start >= length or end <= start:
            continue
        spans.append((start, min(length, end), style))
    return spans


def plain_row_strip(
    text: str,
    highlights: Sequence[tuple[int, int | None, str]],
    syntax_styles: Mapping[str, Style],
    wrap_offsets: Sequence[int],
    section: int,
    target_width: int,
    pad_style: Style | None,
    base_style: Style,
) -> Strip:
    """What TextArea._render_line paints for wrap `section` of a document line `text` on a
    row with no cursor, selection, bracket mark, suggestion, gutter or tab, soft wrap on."""
    plain = text + " "  # set_length(len + 1): the cell a cursor at the end would take
    spans = highlight_spans(text, highlights, syntax_styles) if highlights else []
    if wrap_offsets:
        bounds = [0, *wrap_offsets, len(plain)]
        first, last = bounds[section], bounds[section + 1]
        plain = plain[first:last]
        # Text.divide: each span clipped to the section, empty ones dropped, order kept.
        cut = []
        for start, end, style in spans:
            start = max(0, start - first)
            end = min(end - first, last - first)
            if end > start:
                cut.append((start, end, style))
        spans = cut

    if not spans:
        segments = [Segment(plain)]
    else:
        # Text.render: a segment between every two span edges, styled by the open spans
        # combined in the order they were added (0 is the Text's own, null, style).
        style_map = [_NULL] + [style for _start, _end, style in spans]
        edges = [(0, False, 0)]
        edges += [(start, False, index) for index, (start, _end, _style) in enumerate(spans, 1)]
        edges += [(end, True, index) for index, (_start, end, _style) in enumerate(spans, 1)]
        edges.append((len(plain), True, 0))
        edges.sort(key=_by_offset)
        open_spans: list[int] = []
        combined: dict[tuple[int, ...], Style] = {}
        segments = []
        for (offset, leaving, index), (next_offset, _, _) in zip(edges, edges[1:]):
            if leaving:
                open_spans.remove(index)
            else:
                open_spans.append(index)
            if next_offset > offset:
                key = tuple(sorted(open_spans))
                style = combined.get(key)
                if style is None:
                    style = combined[key] = Style.combine([style_map[i] for i in key])
                segments.append(Segment(plain[offset:next_offset], style))

    # Strip.extend_cell_length then Strip.apply_style, without the two Strips between.
    width = cell_len(plain)
    if width < target_width:
        segments.append(Segment(" " * (target_width - width), pad_style))
        width = target_width
    if base_style:
        add = base_style.__add__
        segments = [Segment(text, add(style)) for text, style, _control in segments]
    return Strip(segments, width)
