"""Structural edits of the open post: move, move to the end, new, delete and undo.

Each edit pushes an undo snapshot first and ends in ``structural_change`` (dirty mark and a
journal write soon after).
"""

from __future__ import annotations

from textual.widgets.text_area import Selection

from tui.digest.safe_text import shown
from tui.widgets.item_list import ItemList

UNDO_DEPTH = 100


class ItemsMixin:
    """Mixed into EditorScreen; uses its ``post``, ``item_list``, ``editor`` and ``undo_stack``."""

    # -- structural edits ------------------------------------------------------------------

    def _push_undo(self) -> None:
        self.undo_stack.append((self.post.snapshot(), self.item_list.highlighted or 0))
        del self.undo_stack[:-UNDO_DEPTH]

    def structural_change(self) -> None:
        self.mark_dirty()
        self.journal_soon()

    # Name-based handlers: @on only registers methods defined on the MessagePump class itself.
    def on_item_list_move(self, message: ItemList.Move) -> None:
        self.move_item(message.delta)

    def move_item(self, delta: int) -> None:
        block = self.item_list.selected_block
        if block is None:
            return
        old_row = self.item_list.highlighted or 0
        self._push_undo()
        before = self.post.index(block)
        if self.post.move_item(block, delta) == before or not self._move_keeps_items(block, before):
            self.undo_stack.pop()
            return
        new_row = self.row_of(block)
        if abs(new_row - old_row) == 1:
            self.item_list.swap(old_row, new_row)
        elif new_row != old_row:
            self.reselect(new_row)
        self.structural_change()

    def _move_keeps_items(self, block, before: int) -> bool:
        """After moving ``block`` from ``before``: True when every heading next to the places
        it left and reached still starts its item. An item ending in an unclosed code fence
        (or HTML block) is only harmless last; moved up, it would turn every item after it
        into code on the next read. Such a move is taken back, with the reason."""
        post = self.post
        at = post.index(block)
        for i in sorted({at - 1, at, before - 1, before}):
            if 0 <= i < len(post.blocks) and not post.keeps_next_heading(i):
                culprit = post.blocks[i]
                post.restore(self.undo_stack[-1][0])
                name = culprit.title or "the intro"
                self.notify(
                    shown(f"Not moved: “{name}” ends inside an unclosed code block (``` or ~~~) or HTML "
                    "block, which would swallow the items after it. Close it first."),
                    severity="warning",
                    markup=False,
                    timeout=8,
                )
                return False
        return True

    def on_item_list_move_to_end(self, message: ItemList.MoveToEnd) -> None:
        self.move_item_to_end(message.top)

    def move_item_to_end(self, top: bool) -> None:
        block = self.item_list.selected_block
        if block is None:
            return
        self._push_undo()
        before = self.post.index(block)
        target = self.post.first_movable() if top else len(self.post.blocks) - 1
        if self.post.move(block, target) == before or not self._move_keeps_items(block, before):
            self.undo_stack.pop()
            return
        self.reselect(self.row_of(block))
        self.structural_change()

    def on_item_list_new_item(self) -> None:
        self.action_new_item()

    def action_new_item(self) -> None:
        """Add an item after the selected one and edit its title."""
        block = self.item_list.selected_block
        at = self.post.index(block) + 1 if block is not None else self.post.first_movable()
        self._push_undo()
        new = self.post.insert(at, self.post.new_item_content("New item"))
        self.reselect(self.row_of(new))
        self.structural_change()
        self.editor.focus()
        first = self.editor.document.get_line(0)
        # Typing replaces the placeholder title straight away.
        self.editor.selection = Selection((0, len(first) - len("New item")), (0, len(first)))

    def on_item_list_delete(self) -> None:
        self.action_delete_item()

    def action_delete_item(self) -> None:
        """Delete the selected item (u or ctrl+z in the list brings it back)."""
        block = self.item_list.selected_block
        if block is None:
            self.notify("The Post row cannot be deleted.", severity="warning")
            return
        row = self.item_list.highlighted or 0
        self._push_undo()
        self.post.delete(block)
        self.reselect(min(row, len(self.post.sections)))
        self.structural_change()
        self.notify(shown(f"Deleted “{block.title or 'untitled'}”. Press u to undo."), markup=False)

    def on_item_list_undo(self) -> None:
        self.action_undo()

    def action_undo(self) -> None:
        """Undo the last move, delete or insert."""
        if not self.undo_stack:
            self.notify("Nothing to undo.")
            return
        snap, row = self.undo_stack.pop()
        self.post.restore(snap)
        self.reselect(min(row, len(self.post.sections)))
        self.structural_change()
