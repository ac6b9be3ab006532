"""`add`: links collected during the week appended to the week's post, from the shell.

The network is used before the post is locked (titles take seconds, and another `add` or
the editor's save must not wait on them); the post is then read, changed and written by
store.save_post (under the post's lock, compared again right before the rename), and every check that depends on what the post holds (is this
link already in it?) is made again on what is there at that moment, so twenty `add`s
racing each other add every link exactly once.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, NamedTuple

from .links import domain, links_in, normalize_url, provisional_title, reference_link_line, tidy_url
from .post import Post
from .safe_text import cleaned, strip_controls

if TYPE_CHECKING:  # the editor imports this module for its mark, not the export readers
    from .url_sources import Entry

# Same bound as the editor's title fetches: a hundred bookmarks must not open a hundred sockets.
MAX_TITLE_FETCHES = 3
# Marks an item `add --no-fetch` titled from its URL alone; the editor fetches its title
# when it opens the post and removes the mark. Invisible in the published page.
PENDING_MARK = "<!-- newsdigest-tui: title not fetched yet -->"


class Outcome(NamedTuple):
    url: str
    status: str  # "added", "untitled" (added with a title made from the URL), "skipped", "invalid"
    title: str | None = None
    note: str | None = None  # where the link already is, or why there is no title

    def line(self) -> str:
        """The line `add` prints for this URL."""
        if self.status == "added":
            return f"added: {self.title} ({domain(self.url)})"
        if self.status == "untitled":
            return f"added without title: {self.note} ({self.url})"
        if self.status == "skipped":
            return f"skipped: {self.url} {self.note}"
        return f"not added: {self.url} ({self.note})"


def title_as_heading(title: str) -> str:
    """A page title as heading Markdown: cleaned of controls, and characters that would
    become markup escaped (a URL in it too: a page's title is text, never a link)."""
    title = cleaned(title)
    for char in "\\`*_[]<>":
        title = title.replace(char, "\\" + char)
    title = title.replace("://", "\\://")
    return title.lstrip("#").strip() or "Untitled"


def item_body(url: str, label: str, note: str | None, pending: bool) -> str:
    parts = [PENDING_MARK] if pending else []
    parts.append(reference_link_line(url, label))
    note = strip_controls(note or "").strip()
    if note:
        parts.append(note)
    return "\n\n".join(parts)


class Wanted(NamedTuple):
    url: str
    key: str
    title: str | None  # from the export, when it gave one


def _where_in_post(post: Post, tracking: tuple[str, ...]) -> dict[str, str]:
    """Normalised link -> "already in this post (item N: title)"."""
    where: dict[str, str] = {}
    for number, block in enumerate(post.items, 1):
        for url in links_in(block.content):
            if url.lower().startswith(("http://", "https://")):
                key = normalize_url(url, tracking)
                where.setdefault(key, f"already in this post (item {number}: {block.title})")
    return where


def _fetch_all(urls: list[str], fetch: Callable[[str], object]) -> dict[str, object]:
    if not urls:
        return {}
    with ThreadPoolExecutor(max_workers=min(MAX_TITLE_FETCHES, len(urls))) as pool:
        return dict(zip(urls, pool.map(fetch, urls)))


def add_links(
    path: Path,
    entries: list[Entry],
    settings,
    *,
    note: str | None = None,
    fetch: bool = True,
    force: bool = False,
    now: datetime | None = None,
) -> list[Outcome]:
    """Append one item per new URL of ``entries`` to the post at ``path`` (which exists);
    one outcome per entry, in order."""
    from tui.config import parse_options, save_rules

    from .duplicates import DuplicateIndex, already_in
    from .fetch import fetch_page_info
    from .regen import regenerate
    from .store import encode_post, read_post, save_post

    tracking = tuple(settings.tracking_params)
    options = parse_options(settings)
    outcomes: dict[int, Outcome] = {}
    wanted: dict[int, Wanted] = {}
    keys_seen: set[str] = set()
    for n, entry in enumerate(entries):
        url = tidy_url(entry.url.strip(), tracking)
        if not url.lower().startswith(("http://", "https://")) or not domain(url):
            outcomes[n] = Outcome(url, "invalid", note="not a web address")
            continue
        key = normalize_url(url, tracking)
        if key in keys_seen:
            outcomes[n] = Outcome(url, "skipped", note="given twice")
            continue
        keys_seen.add(key)
        wanted[n] = Wanted(url, key, cleaned(entry.title) if entry.title else None)

    if wanted and not force:
        current = _where_in_post(Post.parse(read_post(path).text, options=options), tracking)
        index = DuplicateIndex.build(path.parent, exclude=path, last_n=settings.duplicate_lookback,
                                     tracking=tracking)
        for n, want in list(wanted.items()):
            seen = index.lookup(want.url, want.key)
            where = current.get(want.key)
            if seen:
                files = ", ".join(dict.fromkeys(s.post_path.name for s in seen))
                where = f"{already_in(seen)} ({files})"
            if where:
                outcomes[n] = Outcome(want.url, "skipped", note=where)
                del wanted[n]

    infos: dict[str, object] = {}
    if fetch and wanted:
        suffixes = tuple(settings.strip_title_suffixes)
        infos = _fetch_all([w.url for w in wanted.values()], lambda u: fetch_page_info(
            u, timeout=settings.fetch_timeout, strip_suffixes=suffixes))
        from tui.config import journal_dir

        from .page_notes import remember_fetches

        # Before the post is written: an editor open on it merges the new items and finds
        # their failures and descriptions already there.
        remember_fetches(journal_dir(), path, infos.values())

    titled: dict[int, tuple[str, bool, str | None]] = {}  # n -> (heading, pending, why untitled)
    for n, want in wanted.items():
        info = infos.get(want.url)
        fetched = cleaned(info.title) if info is not None and info.title else None
        title = fetched or want.title
        if title:
            titled[n] = (title_as_heading(title), False, None)
        else:
            why = (info.note if info is not None else None) or "not fetched (--no-fetch)"
            titled[n] = (title_as_heading(provisional_title(want.url)), not fetch, why)

    def change(loaded) -> bytes | None:
        post = Post.parse(loaded.text, bom=loaded.bom, options=options)
        # Looked at again under the lock: another `add` may have added the link meanwhile.
        present = {} if force else _where_in_post(post, tracking)
        results: dict[int, Outcome] = {}
        for n, want in wanted.items():
            if want.key in present:
                results[n] = Outcome(want.url, "skipped", note=present[want.key])
                continue
            heading, pending, why = titled[n]
            body = item_body(want.url, settings.new_link_label, note, pending)
            block = post.insert(len(post.blocks), post.new_item_content(heading, body))
            present[want.key] = f"already in this post ({block.title})"
            shown_title = block.title
            results[n] = (Outcome(want.url, "untitled", shown_title, why) if why
                          else Outcome(want.url, "added", shown_title))
        outcomes.update(results)
        if not any(o.status in ("added", "untitled") for o in results.values()):
            return None
        report = regenerate(post, save_rules(settings), now or datetime.now(), edited=True)
        return encode_post(report.text, loaded.bom)

    if wanted:
        save_post(path, change)
    return [outcomes[n] for n in range(len(entries))]


def week_post(settings, day) -> Path:
    """This week's post (``day``: the post's publishing day), created from the template
    when missing, as `new` does, but under the post's lock."""
    from tui.config import new_post_rules

    from .newpost import file_name, post_text

    rules = new_post_rules(settings)
    directory = Path(settings.posts_dir).expanduser()
    os.makedirs(directory, exist_ok=True)
    path = directory / file_name(rules, day)
    _create_if_missing(path, post_text(rules, day).encode("utf-8"))
    return path


def _create_if_missing(path: Path, data: bytes) -> None:
    # Under the post's lock: two first `add`s of the week must not both start the post
    # (the second would write the template over the first one's items).
    from .post_lock import post_locked
    from .store import write_atomic

    target = Path(os.path.realpath(path))
    with post_locked(target):
        if not os.path.lexists(path):
            write_atomic(path, data)
