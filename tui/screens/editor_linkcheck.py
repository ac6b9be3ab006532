"""Checking every link of the post (HEAD, then GET where HEAD is refused).

Runs in a thread worker with a few checks at once; dead and redirected links are marked
in the item rows and listed in a notification, and the worker is cancellable so a quit
never waits for a slow server.
"""

from __future__ import annotations


from textual import work
from textual.worker import get_current_worker

from tui.digest.post import Block
from tui.digest.safe_text import shown

PARALLEL_CHECKS = 6
CHECK_TIMEOUT = 5.0
LISTED = 6  # dead/redirected links named in the notification; the rows mark them all


def link_state(results) -> tuple[str, str] | None:
    """The worst of an item's link results as (kind, note): dead beats redirect."""
    from tui.digest.fetch import sort_results

    dead, _, moved = sort_results(results)
    if dead:
        return "dead", f"{dead[0].url}: {dead[0].note}"
    if moved:
        return "redirect", f"{moved[0].url} {moved[0].note}"
    return None


class LinkCheckMixin:
    """Mixed into EditorScreen; uses its ``post``, ``item_list`` and ``notify``."""

    def action_check_links(self) -> None:
        """Check every web link of the post; dead and redirected ones are marked in the list."""
        items = [(block.uid, block.content) for block in self.post.items]
        if not items:
            self.notify("This post has no items to check.")
            return
        self.notify("Checking the post's links…", timeout=3)
        self._check_links(items)

    @work(thread=True, exclusive=True, group="linkcheck", exit_on_error=False)
    def _check_links(self, items: list[tuple[int, str]]) -> None:
        from tui.digest.fetch import check_link
        from tui.digest.links import links_in

        worker = get_current_worker()
        by_url: dict[str, list[int]] = {}
        for uid, content in items:
            for url in links_in(content):
                if url.startswith(("http://", "https://")):
                    by_url.setdefault(url, []).append(uid)
        results = {}
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=PARALLEL_CHECKS) as pool:
            futures = {url: pool.submit(check_link, url, timeout=CHECK_TIMEOUT) for url in by_url}
            for url, future in futures.items():
                if worker.is_cancelled:
                    for pending in futures.values():
                        pending.cancel()
                    return
                results[url] = future.result()
        per_item: dict[int, list] = {}
        for url, uids in by_url.items():
            for uid in uids:
                per_item.setdefault(uid, []).append(results[url])
        if not worker.is_cancelled:
            self.app.call_from_thread(self._links_checked, per_item, list(results.values()))

    def _links_checked(self, per_item: dict[int, list], results: list) -> None:
        states = {uid: state for uid, found in per_item.items() if (state := link_state(found))}
        listing = self.item_list
        changed = states.keys() | listing.link_marks.keys()
        listing.link_marks = states
        listing.refresh_uids(changed)
        from tui.digest.fetch import sort_results

        dead, unreachable, moved = sort_results(results)
        lines = [f"{len(results)} links: {len(dead)} dead, {len(moved)} redirected, "
                 f"{len(unreachable)} unreachable"]
        lines += [f"✗ {r.url} ({r.note})" for r in dead[:LISTED]]
        lines += [f"↪ {r.url} → {r.final_url}" for r in moved[:LISTED]]
        if unreachable and not dead and not moved and len(unreachable) == len(results):
            lines.append("No answer from any server: are you offline?")
        self.notify(shown("\n".join(lines)), severity="warning" if dead else "information", timeout=12,
                    markup=False)

    def link_note(self, block: Block) -> str | None:
        state = self.item_list.link_marks.get(block.uid)
        return state[1] if state else None
