"""Items whose heading line was edited away, and the save that refuses to merge them silently.

Without its heading an item's text belongs, on the next read, to the item above it: its
TOC entry disappears and its words end up under another title. Such an item stays in the
list, marked, and a save names it and asks before writing that merge to the file.
"""

from __future__ import annotations

from tui.digest.post import Block

HEADLESS_NOTE = "no heading: merges into the item above on save"


def is_headless(block: Block) -> bool:
    return block.kind in ("item", "group") and block.lead_heading() is None


class HeadlessMixin:
    """Mixed into EditorScreen; uses its ``post`` and ``item_list``."""

    def init_headless(self) -> None:
        self.lost_names: dict[int, str] = {}  # uid -> the title it had before the heading went

    def heading_edited(self, block: Block, old_title: str) -> None:
        """After typing changed ``block``'s title: remember the name it had, for the messages."""
        if old_title and not block.title:
            self.lost_names[block.uid] = old_title

    def name_of_headless(self, block: Block) -> str:
        name = self.lost_names.get(block.uid) or block.origin_title
        if not name:
            first = next((line.strip() for line in block.content.splitlines() if line.strip()), "")
            name = first[:40] or "an empty item"
        return name

    def headless_marks(self) -> dict[int, str]:
        return {block.uid: HEADLESS_NOTE for block in self.post.blocks if is_headless(block)}

    def headless_blocks(self) -> list[Block]:
        return [block for block in self.post.blocks if is_headless(block)]

    def refuse_headless_save(self, then_save) -> bool:
        """True (and a message, and a question) when a save would merge headless items."""
        lost = self.headless_blocks()
        if not lost:
            return False
        from tui.digest.safe_text import shown
        from tui.screens.dialogs import ConfirmMerge

        names = ", ".join(f"“{shown(self.name_of_headless(block))}”" for block in lost)
        message = (f"Not saved: {names} lost its heading line and would merge into the item "
                   "above. Put the heading back, or confirm the merge.")
        self.notify(message, severity="error", timeout=12, markup=False)

        def answered(answer: str | None) -> None:
            if answer == "merge":
                then_save()

        self.app.push_screen(ConfirmMerge(message), answered)
        return True
