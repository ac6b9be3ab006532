"""A date that moves the post to another week: offer to rename the file to match.

The title follows the date on save, but the file kept its old week's name, and `new` for
the new week then created a second post beside it. The rename is offered, never done
silently: the file name may be linked from elsewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.config import journal_dir, new_post_rules
from tui.digest.journal import discard_journal


def week_file_name(settings, date_text: str | None) -> str | None:
    """The filename template's name for the week of ``date_text`` (None when unreadable)."""
    from tui.digest.newpost import file_name
    from tui.digest.weeks import parse_date

    if not date_text:
        return None
    try:
        when, _ = parse_date(str(date_text))
    except ValueError:
        return None
    return file_name(new_post_rules(settings), when.date())


class RenameMixin:
    """Mixed into EditorScreen; uses its ``path`` and ``settings``."""

    def date_changed(self, old_date: str | None, new_date: str) -> None:
        old_name = week_file_name(self.settings, old_date)
        new_name = week_file_name(self.settings, new_date)
        if new_name is None or old_name == new_name or self.path.name == new_name:
            return
        from tui.screens.dialogs import ConfirmRename

        target = self.path.with_name(new_name)

        def answered(answer: str | None) -> None:
            if answer == "rename":
                self.rename_post(target)

        self.app.push_screen(ConfirmRename(self.path.name, new_name), answered)

    def rename_post(self, target: Path) -> bool:
        """Rename the post's file to ``target``; refuse when a file is already there."""
        if target.exists():
            self.notify(f"Not renamed: {target.name} already exists.", severity="error", markup=False)
            return False
        try:
            os.rename(self.path, target)
        except OSError as err:
            self.notify(f"Not renamed: {err}", severity="error", markup=False)
            return False
        discard_journal(journal_dir(), self.path)  # the next journal write goes under the new name
        old = self.path
        self.path = target
        self.journal_pending = True
        self.update_header()
        self.notify(f"Renamed {old.name} → {target.name}", markup=False)
        return True
