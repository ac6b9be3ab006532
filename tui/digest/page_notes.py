"""What a fetch learnt about a post's pages, kept beside its autosave journal.

The page description (F4), the reason a fetch failed and where a link redirects lived only
in the running editor: after a restart F4 had nothing to insert and a 404 was forgotten.
They are kept per post, by URL (item ids do not survive a restart), in a small JSON file
next to the journal and as private as it: written by temp + rename (never through a
planted symlink), read only when it is a regular file of sane size (a FIFO there would
hang the editor's start and `check`). Never in the post itself: a note is the editor's
knowledge of the web, not the author's text.
"""

from __future__ import annotations

import os
from pathlib import Path

from .journal import journal_path

KEEP = 500  # pages per post; the oldest go first
_MAX_BYTES = 2_000_000  # 500 notes of a capped description each, with room to spare
_REASON_MAX = 200


def notes_path(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> Path:
    return journal_path(journal_dir, post_path).with_suffix(".pages.json")


def read_notes(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> dict[str, dict]:
    """url -> {"description": ..., "failed": ..., "final_url": ...}; empty when unreadable."""
    import json

    from .journal import _read_regular, _Unusable  # one hardened reader for the journal's directory

    try:
        data = _read_regular(notes_path(journal_dir, post_path))
        if len(data) > _MAX_BYTES:
            return {}
        record = json.loads(data.decode("utf-8", "surrogatepass"))
    except (OSError, _Unusable, ValueError, RecursionError):
        return {}
    if not isinstance(record, dict):
        return {}
    notes = {}
    for url, note in record.items():
        note = _valid(note) if isinstance(url, str) and _is_web(url) else None
        if note is not None:
            notes[url] = note
    return notes


def _is_web(url: str) -> bool:
    from .safe_text import is_safe

    return url.startswith(("http://", "https://")) and is_safe(url) and not any(c.isspace() for c in url)


def _valid(note) -> dict | None:
    """The note's known fields, each of the right kind; what a hand-edited or older file
    holds besides is dropped, and text is cleaned again (the file is outside the post)."""
    if not isinstance(note, dict):
        return None
    from .pagehead import DESCRIPTION_MAX
    from .safe_text import cleaned

    kept = {}
    if isinstance(note.get("description"), str) and (text := cleaned(note["description"], DESCRIPTION_MAX)):
        kept["description"] = text
    if isinstance(note.get("failed"), str):
        kept["failed"] = cleaned(note["failed"], _REASON_MAX) or "unknown reason"
    if isinstance(note.get("final_url"), str) and _is_web(note["final_url"]):
        kept["final_url"] = note["final_url"]
    return kept


def write_notes(journal_dir: os.PathLike | str, post_path: os.PathLike | str, notes: dict[str, dict]) -> None:
    import json

    from .journal import _private_dir, _write_private  # the journal's own 0600, no-symlink writer

    _private_dir(Path(journal_dir))
    kept = dict(list(notes.items())[-KEEP:])
    data = json.dumps(kept, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")
    _write_private(notes_path(journal_dir, post_path), data)


def note_of_fetch(info) -> dict:
    """What to keep of a title fetch (a ``fetch.PageInfo``): its description, why it found
    no title, and where the link really lives when the page answered from another address.

    A redirect that ended in an error or a loop gives no target: swapping the link for an
    address that fails too would only hide the original."""
    from .safe_text import cleaned

    note = {}
    if info.description:
        note["description"] = info.description
    if not info.title:
        note["failed"] = cleaned(info.note or "", _REASON_MAX) or "no title in page"  # it may quote the server
    final = info.final_url
    answered = info.status is not None and 200 <= info.status < 300
    if final and answered and final.partition("#")[0] != info.url.partition("#")[0] and _is_web(final):
        note["final_url"] = final
    return note


def is_placeholder(title: str, url: str) -> bool:
    """Whether an item's heading is still the one made from its URL (the editor's paste and
    `add` escape it as Markdown, hence the backslashes left out)."""
    from .links import provisional_title

    return title.replace("\\", "") == provisional_title(url).replace("\\", "")


_NO_TITLE = ("not a web page", "no title")


def failure_shown(reason: str, title: str, url: str) -> bool:
    """A link that is broken (an HTTP error, a loop, a timeout) is worth a mark whatever the
    heading; a page that only had no title (a PDF, an image) only while the heading is
    still the placeholder: once the author has named it, nothing is left to do."""
    return not reason.startswith(_NO_TITLE) or is_placeholder(title, url)


def fetch_failures(items, notes: dict[str, dict]) -> list[tuple[object, str, str]]:
    """(item block, url, reason) for every item with a link whose last fetch failed."""
    failed = {url: note["failed"] for url, note in notes.items() if note.get("failed")}
    if not failed:
        return []
    from .links import links_in

    found = []
    for block in items:
        for url in dict.fromkeys(links_in(block.content)):
            if url in failed and failure_shown(failed[url], block.title, url):
                found.append((block, url, failed[url]))
                break  # one line an item is enough to send the author to it
    return found


def remember_fetches(journal_dir: os.PathLike | str, post_path: os.PathLike | str, infos) -> None:
    """Add what these fetches (``fetch.PageInfo``) learnt to the post's notes: `add` fetches
    titles too, and its 404s and descriptions belong on the items as much as the editor's."""
    notes = read_notes(journal_dir, post_path)
    for info in infos:
        notes.pop(info.url, None)  # re-inserted last: the oldest notes are dropped first
        notes[info.url] = note_of_fetch(info)
    try:
        write_notes(journal_dir, post_path, notes)
    except OSError:
        pass  # a note not kept is a convenience lost, never a reason for `add` to fail


def notes_stamp(journal_dir: os.PathLike | str, post_path: os.PathLike | str) -> tuple | None:
    """What changes when the notes file is rewritten (None: no file), to read it again only then."""
    try:
        st = os.stat(notes_path(journal_dir, post_path))
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size
