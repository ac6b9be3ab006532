"""A post on disk: open it, and compute (or write) what a save makes of it.

The editor and the headless commands share these so that `fix` and ctrl+s can never
disagree about what a post should look like.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tui.digest.errors import PostReadError
from tui.digest.post import ParseOptions, Post
from tui.digest.store import Fingerprint, Loaded, encode_post, read_post, save_post

if TYPE_CHECKING:  # the editor reads a post long before it saves one
    from tui.digest.regen import SaveReport, SaveRules


# Plain classes: as dataclasses they cost ~0.6 ms each of the editor's start-up to define.
class Opened:
    def __init__(self, post: Post, loaded: Loaded) -> None:
        self.post = post
        self.loaded = loaded

    @property
    def original(self) -> str:
        return self.loaded.text


def open_post(path: Path | str, options: ParseOptions) -> Opened:
    """Read and parse a post; PostReadError with a plain reason when it can't be read."""
    loaded = read_post(path)
    return Opened(Post.parse(loaded.text, bom=loaded.bom, options=options), loaded)


class Fixed:
    def __init__(
        self,
        path: Path,
        before: str,
        report: SaveReport,
        fingerprint: Fingerprint | None = None,
        post: Post | None = None,
    ) -> None:
        self.path = path
        self.before = before
        self.report = report
        self.fingerprint = fingerprint
        # The post as the save left it (its text is ``report.text``), so callers that go on
        # to read its items need not parse the file a second time.
        self.post = post

    @property
    def changed(self) -> bool:
        return self.report.text != self.before


def fix_post(
    path: Path | str, options: ParseOptions, rules: SaveRules, *, now: datetime | None = None, write: bool
) -> Fixed:
    """What a save would make of the post at ``path``; written through ``save_post`` when
    ``write`` (so a change made meanwhile is read again and regenerated, never overwritten)."""
    from tui.digest.regen import regenerate

    when = now or datetime.now()
    if not write:
        opened = open_post(path, options)
        report = regenerate(opened.post, rules, when)
        _refuse_hostile(path, opened.post)
        return Fixed(Path(path), opened.original, report, post=opened.post)
    last: list[Fixed] = []

    def compute(loaded: Loaded) -> bytes | None:
        post = Post.parse(loaded.text, bom=loaded.bom, options=options)
        report = regenerate(post, rules, when)
        _refuse_hostile(path, post)
        last[:] = [Fixed(Path(path), loaded.text, report, post=post)]
        return encode_post(report.text, loaded.bom) if report.text != loaded.text else None

    saved = save_post(path, compute)
    fixed = last[0]
    if saved.data is not None:
        fixed.fingerprint = saved.fingerprint
    return fixed


def _refuse_hostile(path: Path | str, post: Post) -> None:
    # An alias bomb or 3,000-deep nesting is an attack, not a typo: the post is unreadable
    # (exit 2, one line), though the editor still opens it with its front matter left alone.
    from tui.digest.frontmatter_limits import is_refusal

    if is_refusal(post.front.error):
        raise PostReadError(f"cannot open {path}: {post.front.error}")
