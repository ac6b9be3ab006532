"""Which post to open: a file as given, a directory's newest post, this week's post, or the demo.

A new user with no configuration gets a copy of the bundled demo post, so the whole app
shows at once; the copy lives in the user data dir and the bundled file is never touched.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.config import Settings, data_dir, new_post_rules

POST_SUFFIXES = (".md", ".markdown")
DEMO_NAME = "demo-post.md"

if TYPE_CHECKING:
    from tui.digest.postfile import Opened


def demo_copy() -> Path:
    """The user's copy of the demo post, made on first use and kept afterwards (it is theirs)."""
    target = data_dir() / "demo" / DEMO_NAME
    if not target.exists():
        from importlib import resources

        from tui.digest.store import write_atomic

        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, resources.files("tui.demo").joinpath(DEMO_NAME).read_bytes())
    return target


def this_weeks_post(directory: Path, settings: Settings) -> Path:
    # Imported here: opening a post by its path (the common case) needs neither the post
    # template's module nor importlib.resources before the first paint (~5-10 ms).
    from tui.digest.newpost import create_post, publish_date

    day = publish_date(date.today(), settings.publish_weekday_index)
    path, _created = create_post(directory, new_post_rules(settings), day)
    return path


def newest_post(directory: Path) -> Path | None:
    """The newest post of ``directory`` by its front matter date (the file's mtime without one)."""
    from tui.digest.postdir import read_post_heads

    heads = read_post_heads(directory)
    if not heads:
        return None
    return max(heads, key=lambda head: (head.when, head.path.name)).path


def begin(path: Path | None, settings: Settings) -> tuple[Path, Opened | None]:
    """The post to open for the command line's PATH, read (None when the file does not
    exist: the editor offers to create it). PostReadError when it cannot be read."""
    from tui.config import parse_options
    from tui.digest.postfile import open_post

    target = resolve(path, settings)
    if not target.exists():
        return target, None
    return target, open_post(target, parse_options(settings))


def resolve(path: Path | None, settings: Settings) -> Path:
    """The post file to open for the command line's PATH (None: no PATH given)."""
    if path is None:
        if settings.posts_dir:
            return this_weeks_post(Path(settings.posts_dir).expanduser(), settings)
        return demo_copy()
    path = Path(path).expanduser()
    if path.is_dir():
        # An empty blog directory: start its first post rather than refusing.
        return newest_post(path) or this_weeks_post(path, settings)
    return path
