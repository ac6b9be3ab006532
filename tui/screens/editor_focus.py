"""Focus moves that happen on the key that asks for them, and where the cursor lands.

A terminal delivers a burst of keys (a fast typist, a laggy SSH link) as one read, and
Textual queues them all at once. A focus change made by a message or by ``Widget.focus()``
(both deferred) lands after the rest of the burst was already sent to the old widget:
``enter d`` deleted the item it meant to edit, ``escape j`` typed a ``j``. So enter and
escape are priority bindings of the screen, run while the app dispatches the key itself,
and they move the focus with ``Screen.set_focus`` before the next key is routed.
"""

from __future__ import annotations

import re

from textual.binding import Binding

from tui.digest.post import Block

FOCUS_BINDINGS = [
    Binding("enter", "edit_item", "Edit", priority=True, show=False, id="item.edit"),
    Binding("escape", "back_to_list", "List", priority=True, id="editor.back_to_list"),
]


_LINK_LINE = re.compile(r"\s*\[([^\]\n]+)\]\([^)\n]*\)\s*$")


def commentary_start(block: Block, text: str, labels: tuple[str, ...]) -> tuple[int, int]:
    """Where typing should begin in ``text`` (an item as the editor shows it): the first
    line of commentary after the heading and the reference link line; the end of the
    heading line when there is none. Never before the heading: typing there unmade the item."""
    lines = text.splitlines()
    if not lines:
        return (0, 0)
    if block.kind == "preamble":
        return (next((i for i, line in enumerate(lines) if line.strip()), 0), 0)
    lead = block.lead_heading()
    # A setext heading spans its text lines and the underline.
    last = text[: lead.end].rstrip("\r\n").count("\n") if lead is not None else 0
    wanted = {label.casefold() for label in labels}
    for row in range(last + 1, len(lines)):
        line = lines[row]
        link = _LINK_LINE.match(line)
        if line.strip() and not (link and link.group(1).strip().casefold() in wanted):
            return (row, 0)
    if lead is not None and lead.setext:
        last = max(last - 1, 0)  # the end of the text, not of the underline
    return (last, len(lines[last]))


class FocusMixin:
    """Mixed into EditorScreen; uses its ``item_list``, ``editor`` and ``current``."""

    def focus_checks(self, action: str) -> bool | None:
        """check_action's answer for the focus actions; None for any other action."""
        focused = self.focused
        if action == "edit_item":
            # Enter belongs to the list only; in the editor it breaks the line, in the form
            # it submits the field.
            return focused is self.item_list
        if action == "back_to_list":
            return focused is not None and focused is not self.item_list
        return None

    def action_edit_item(self) -> None:
        """Edit the selected item: the cursor at the start of its commentary."""
        block = self.item_list.selected_block or self.post.blocks[0]
        if block is not self.current:
            self._show_block(block)  # the list's highlight message may still be on its way
        if block is self.post.blocks[0] and self.focus_post_form():
            return
        editor = self.editor
        self.set_focus(editor)
        # The Document's text: its rows are the rows the cursor moves in (see editor_controls).
        editor.move_cursor(commentary_start(block, editor.document.text, tuple(self.settings.link_labels)))

    def action_back_to_list(self) -> None:
        """Leave the editor (or the form) for the item list."""
        self.set_focus(self.item_list)

    def focus_post_form(self) -> bool:
        """Focus the front matter form's first field, when it is up; False when it is not."""
        from textual.widgets import Input

        for field in self.query("#post-head Input").results(Input):
            if field.focusable:
                self.set_focus(field)
                return True
        return False
