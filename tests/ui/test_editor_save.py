"""Conflicts, autosave recovery, broken front matter and what opens without a PATH."""

from __future__ import annotations

from tests.ui.conftest import copy_fixture, make_app, make_settings, titles


async def test_conflict_refuses_silent_overwrite(ko_post):
    from tui.screens.dialogs import ConflictDialog

    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "alt+down")
        ko_post.write_text("rewritten behind the editor's back\n", encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert ko_post.read_text(encoding="utf-8") == "rewritten behind the editor's back\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("o")
        await pilot.pause()
    assert ko_post.read_text(encoding="utf-8").index("### 벡터") < ko_post.read_text(
        encoding="utf-8").index("### 작은")


async def test_conflict_reload(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        ko_post.write_text(ko_post.read_text(encoding="utf-8").replace("### 작은 모델의 반격", "### 바뀐 제목"),
                           encoding="utf-8")
        app.screen.check_disk()
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert titles(app)[0] == "바뀐 제목"


async def test_autosave_journal_is_offered_back(ko_post):
    from tui.config import journal_dir
    from tui.digest.journal import read_journal
    from tui.screens.dialogs import RecoverDialog

    before = ko_post.read_bytes()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "alt+down")
        await app.workers.wait_for_complete()
        entry = read_journal(journal_dir(), ko_post)
        assert entry is not None and entry.text.index("### 벡터") < entry.text.index("### 작은")
        app.exit()  # a crash: no question, no save
    assert ko_post.read_bytes() == before
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverDialog)
        await pilot.press("r")
        await pilot.pause()
        assert titles(app)[:2] == ["벡터 검색 입문", "작은 모델의 반격"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert read_journal(journal_dir(), ko_post) is None


async def test_broken_front_matter_is_kept(blog):
    post = copy_fixture("broken-front.md", blog)
    front = post.read_text(encoding="utf-8").split("\n\n", 1)[0]
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        assert titles(app) == ["First item"]
        await pilot.press("down", "enter", "ctrl+end", *"More.", "ctrl+s")
        await pilot.pause()
    text = post.read_text(encoding="utf-8")
    assert text.startswith(front + "\n\n")
    assert "Body.\n\nMore.\n" in text


def test_no_path_opens_a_demo_copy(isolated_dirs):
    from tui.config import data_dir
    from tui.opening import resolve

    path = resolve(None, make_settings())
    assert path == data_dir() / "demo" / "demo-post.md"
    assert path.read_text(encoding="utf-8").startswith("---\n")


def test_posts_dir_opens_this_weeks_post(blog):
    from tui.opening import resolve

    path = resolve(None, make_settings(posts_dir=str(blog)))
    assert path.parent == blog and path.exists()
    assert resolve(blog, make_settings()) == path


async def test_same_size_change_with_old_mtime_is_not_overwritten(ko_post):
    """A same-length rewrite that kept the file's mtime (rsync -t, a restore) passes the quick
    size+mtime check; the save compares the bytes under the lock and asks instead of writing."""
    import os

    from tui.screens.dialogs import ConflictDialog

    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "alt+down")
        before = os.stat(ko_post)
        theirs = ko_post.read_text(encoding="utf-8").replace("작은", "작다")
        ko_post.write_text(theirs, encoding="utf-8")
        os.utime(ko_post, ns=(before.st_atime_ns, before.st_mtime_ns))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConflictDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert ko_post.read_text(encoding="utf-8") == theirs
