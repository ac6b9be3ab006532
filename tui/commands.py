"""Every editor action in the command palette (ctrl+p), with namespaced titles."""

from __future__ import annotations

from functools import partial
from typing import Callable

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, method path on the editor screen, arguments)
EDITOR_COMMANDS: list[tuple[str, str, str, tuple]] = [
    ("post: save", "Write the post; TOC and front matter brought up to date", "action_save", ()),
    ("post: preview whole post", "Read the post rendered, with working TOC links", "action_whole_preview", ()),
    ("post: check links", "Check every link; dead and redirected ones are marked in the list", "action_check_links", ()),
    ("post: next new item (inbox)", "Select the next item `add` brought in since the post was opened", "action_next_inbox", ()),
    ("post: open another post", "Pick a post of this directory", "action_pick_post", ()),
    ("item: edit", "Edit the selected item", "action_edit_item", ()),
    ("item: new", "Add an item after the selection", "action_new_item", ()),
    ("item: delete", "Delete the selected item", "action_delete_item", ()),
    ("item: move up", "Move the selected item one step up", "move_item", (-1,)),
    ("item: move down", "Move the selected item one step down", "move_item", (1,)),
    ("item: move to top", "Move the selected item to the top", "move_item_to_end", (True,)),
    ("item: move to bottom", "Move the selected item to the bottom", "move_item_to_end", (False,)),
    ("item: undo move or delete", "Undo the last structural change", "action_undo", ()),
    ("item: paste URLs from clipboard", "New items from the URLs on the system clipboard", "_read_clipboard", ()),
    ("item: fetch the page title again", "Fetch the selected item's page again (after a failure)", "action_refetch_title", ()),
    ("post: fetch every failed title again", "Fetch again the pages whose title fetch failed", "action_refetch_failed", ()),
    ("item: use the redirect target", "Replace the item's link by the address it redirects to", "action_use_redirect_target", ()),
    ("item: insert page description", "Insert the fetched og:description", "action_insert_description", ()),
    ("view: toggle layout", "Editor and preview side by side, editor only, preview only", "action_toggle_layout", ()),
    ("view: back to list", "Focus the item list", "action_back_to_list", ()),
    ("editor: go to start", "Cursor to the start of the item", "editor.action_document_start", ()),
    ("editor: go to end", "Cursor to the end of the item", "editor.action_document_end", ()),
]

APP_COMMANDS: list[tuple[str, str, str]] = [
    ("app: help", "Show every key", "action_help"),
    ("app: quit", "Quit, asking first about unsaved changes", "action_quit"),
]


def _resolve(target: object, path: str) -> Callable:
    for name in path.split("."):
        target = getattr(target, name)
    return target


class EditorCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable]]:
        from tui.screens.editor import EditorScreen

        found = []
        screen = self.screen
        if isinstance(screen, EditorScreen):
            for title, help_text, path, args in EDITOR_COMMANDS:
                found.append((title, help_text, partial(_call, screen, path, args)))
        for title, help_text, name in APP_COMMANDS:
            found.append((title, help_text, getattr(self.app, name)))
        return found

    async def discover(self) -> Hits:
        for title, help_text, callback in self._commands():
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


def _call(screen, path: str, args: tuple):
    # Resolved late: the screen's widgets exist only once it is mounted.
    return _resolve(screen, path)(*args)
