"""Issue 13, item 11: what a user sees at a glance. Cut rows end in "…" glued to the text,
the list widens when one pane is shown, toasts leave the editor's border note alone, and an
undo back to the saved text clears "● unsaved"."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import make_app
from tui.widgets.title_bar import TitleBar


def long_titles_post(directory: Path) -> Path:
    """Items whose first word grows by one letter: one of them is cut right after it."""
    items = "".join(f"### {'x' * k} {'y' * 30}\n\n[Link](https://example.com/{k})\n\n" for k in range(10, 40))
    path = directory / "cut.md"
    path.write_text("---\ntitle: Cut rows\ndate: 2026-03-07\n---\n\nIntro.\n\n" + items, encoding="utf-8")
    return path


async def test_cut_rows_have_no_space_before_the_ellipsis(blog):
    app = make_app(long_titles_post(blog))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items = app.screen.item_list
        shown = [items.render_line(y).text.rstrip() for y in range(items.scrollable_content_region.height)]
        cut = [row for row in shown if row.endswith("…")]
        assert len(cut) >= 20, shown
        assert not [row for row in cut if row[-2].isspace()], cut
        assert any(row.endswith("x…") for row in cut), cut  # a cut that fell on the space


async def test_list_widens_when_one_pane_is_shown(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        items, editor = app.screen.item_list, app.screen.editor
        split = items.size.width
        await pilot.press("f2")  # editor only
        await pilot.pause()
        assert items.size.width >= split + 8, (split, items.size.width)
        assert editor.size.width >= 60
        await pilot.press("f2")  # preview only
        await pilot.pause()
        assert items.size.width >= split + 8


async def test_toasts_leave_the_editor_border_note_visible(ko_post):
    app = make_app(ko_post)
    for layout_presses in ([], ["f2"]):
        async with app.run_test(size=(120, 40), notifications=True) as pilot:
            await pilot.press(*layout_presses, "down")
            await pilot.pause()
            editor = app.screen.editor
            editor.border_subtitle = "✗ 404 Not Found"
            app.notify("Saved weekly-ko.md: TOC 1 entry added, title updated. " * 2)
            app.notify("Second notification")
            await pilot.pause(0.3)
            toasts = list(app.screen.query("Toast"))
            assert toasts
            border = editor.region.bottom - 1
            for toast in toasts:
                assert toast.region.bottom <= border, (toast.region, editor.region)
        app = make_app(ko_post)


async def test_undo_back_to_the_saved_text_clears_unsaved(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(TitleBar)
        await pilot.press("down", "enter", "x", "y")
        await pilot.pause()
        assert "● unsaved" in bar.render().plain
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.screen.is_dirty() is False, repr(app.screen.editor.text[:40])
        assert "unsaved" not in bar.render().plain
        await pilot.press("z")
        await pilot.pause()
        assert "● unsaved" in bar.render().plain
        assert ko_post.read_text(encoding="utf-8").count("z") == 0  # nothing written meanwhile
