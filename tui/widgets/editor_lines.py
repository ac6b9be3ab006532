"""The key of each row the item editor shows: what the row draws, so it can come from a cache.

TextArea keeps its rendered rows by position and forgets them all on every edit, so each
keystroke drew every visible row again (~0.3 ms a row, ~11 ms a key at 120x40). A row that
is not under the cursor, the selection or a matched bracket draws one wrapped piece of one
document line with that line's Markdown highlights in the widget's colours, nothing else
(``TextArea._render_line`` in Textual 8.0-8.2); keyed by exactly those, the rows a keystroke
did not touch are drawn once. The rows under the cursor, the selection and a matched bracket
get no key: TextArea draws them (cursor blink and selection styles stay its business).

The highlights are read with the same public query TextArea runs after every edit
(``SyntaxAwareDocument.query_syntax_tree``, ~0.02 ms for an item), from the same query file,
so a line whose colour comes from its neighbours (a code fence opened above it) gets a new key.
"""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import SyntaxAwareDocument

_QUERY_TEXT: list[str] = []  # the Markdown highlight query Textual ships, read once


def _query_text() -> str:
    if not _QUERY_TEXT:
        from importlib.resources import files  # ~4 ms of imports: not before the first paint

        try:
            _QUERY_TEXT.append((files("textual") / "tree-sitter" / "highlights" / "markdown.scm").read_text("utf-8"))
        except OSError:
            _QUERY_TEXT.append("")  # TextArea then highlights nothing either
    return _QUERY_TEXT[0]


def matched_bracket(editor: TextArea):
    """Where the bracket matching the one at the cursor is (None: no such bracket)."""
    try:
        return editor.matching_bracket_location
    except AttributeError:
        # Textual 8.0 has no public property for it: found as TextArea finds it when the
        # cursor moves.
        row, column = editor.selection.end
        try:
            character = editor.document[row][column]
        except IndexError:
            character = ""
        return editor.find_matching_bracket(character, (row, column))


class RowKeys:
    """The keys of one paint of an editor; built when its first row is drawn."""

    def __init__(self) -> None:
        self._document = None
        self._query = None
        self.rows: list[tuple | None] = []

    def _highlights(self, document) -> dict[int, tuple]:
        """Line index -> its highlights, in the order TextArea applies them."""
        if document is not self._document:
            self._document = document
            self._query = None
            if isinstance(document, SyntaxAwareDocument) and _query_text():
                try:
                    self._query = document.prepare_query(_query_text())
                except Exception:  # noqa: BLE001 - a query this grammar rejects: no colours, as TextArea
                    self._query = None
        if self._query is None:
            return {}
        lines: dict[int, list] = {}
        for name, nodes in document.query_syntax_tree(self._query).items():
            for node in nodes:
                (start_row, start_col), (end_row, end_col) = node.start_point, node.end_point
                if start_row == end_row:
                    lines.setdefault(start_row, []).append((start_col, end_col, name))
                else:
                    lines.setdefault(start_row, []).append((start_col, None, name))
                    for row in range(start_row + 1, end_row):
                        lines.setdefault(row, []).append((0, None, name))
                    lines.setdefault(end_row, []).append((0, end_col, name))
        return {row: tuple(spans) for row, spans in lines.items()}

    def build(self, editor: TextArea) -> None:
        """The key of every visible row of ``editor`` (None: TextArea draws that row)."""
        document = editor.document
        height = editor.size.height
        top = editor.scroll_offset.y
        self.rows = [None] * height
        if editor.placeholder and not editor.text:
            return
        look = (editor.size.width, editor.scrollable_content_region.width, editor.indent_width,
                editor.show_line_numbers, editor.soft_wrap, editor.theme, editor.app.theme, editor.rich_style)
        own: set[int] = set()  # lines TextArea must draw itself
        selection = editor.selection
        first, last = sorted((selection.start[0], selection.end[0]))
        own.update(range(first, last + 1) if selection.start != selection.end else (selection.end[0],))
        bracket = matched_bracket(editor)
        if bracket is not None:
            own.add(bracket[0])
        highlights = self._highlights(document)
        wrapped = editor.wrapped_document
        row = 0  # visual row of the first section of `line`
        for line in range(document.line_count):
            offsets = wrapped.get_offsets(line)
            sections = len(offsets) + 1
            if row + sections > top:
                for section in range(sections):
                    y = row + section - top
                    if 0 <= y < height and line not in own:
                        self.rows[y] = (document.get_line(line), section, tuple(offsets), highlights.get(line, ()),
                                        line if editor.show_line_numbers else -1, look)
            row += sections
            if row >= top + height:
                return
        for y in range(max(0, row - top), height):
            self.rows[y] = ("", -1, (), (), -1, look)  # below the text: a blank row
