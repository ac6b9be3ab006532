"""What a fetch learnt about a post's pages, kept beside its autosave journal.

The page description (F4) and the reason a fetch failed lived only in the running editor:
after a restart F4 had nothing to insert. They are kept per post, by URL (item ids do not
survive a restart), in a small JSON file next to the journal, private like it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .journal import journal_path

KEEP = 500  # pages per post; the oldest go first


def notes_path(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> Path:
    return journal_path(journal_dir, post_path).with_suffix(".pages.json")


def read_notes(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> dict[str, dict]:
    """url -> {"description": ..., "failed": ..., "final_url": ...}; empty when unreadable."""
    try:
        data = json.loads(notes_path(journal_dir, post_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {url: note for url, note in data.items() if isinstance(url, str) and isinstance(note, dict)}


def write_notes(journal_dir: os.PathLike | str, post_path: os.PathLike | str, notes: dict[str, dict]) -> None:
    from .store import write_atomic

    Path(journal_dir).mkdir(parents=True, exist_ok=True, mode=0o700)
    kept = dict(list(notes.items())[-KEEP:])
    path = notes_path(journal_dir, post_path)
    write_atomic(path, json.dumps(kept, ensure_ascii=False, indent=1).encode("utf-8"))
    try:
        os.chmod(path, 0o600)
    except OSError:
        pass
