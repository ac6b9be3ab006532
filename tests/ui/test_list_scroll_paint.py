"""Scrolling reuses what was drawn: the item list and the preview keep each styled row by
its content (RowStylesCache) and the list's scrollbar repaints only when the thumb moves
(ThumbScrollBar). None of them may ever show something a full repaint would not."""

from __future__ import annotations

from textual.geometry import Region

from tests.ui.conftest import generated_post, make_app, until
from tui.widgets.thumb_scrollbar import ThumbScrollBar


def painted(widget) -> list[list]:
    width, height = widget.size
    return [list(strip) for strip in widget.render_lines(Region(0, 0, width, height))]


def repainted(widget) -> list[list]:
    """What the widget draws with nothing remembered."""
    cache = widget._styles_cache  # noqa: SLF001
    cache.clear()
    if hasattr(cache, "clear_rows"):
        cache.clear_rows()
    widget._dirty_regions.add(widget.region)  # noqa: SLF001 - a Rich-rendered widget renders again
    return painted(widget)


async def test_scrolled_rows_and_scrollbar_match_a_full_repaint(blog):
    app = make_app(generated_post(blog, 150, seed=2))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        item_list = app.screen.item_list
        item_list.focus()
        bar = item_list.vertical_scrollbar
        assert isinstance(bar, ThumbScrollBar)
        thumbs = set()
        for step in range(110):
            await pilot.press("down" if step < 80 else "pageup" if step == 80 else "up")
            await pilot.pause()
            shown_rows, shown_bar = painted(item_list), painted(bar)
            thumbs.add(bar._thumb_start(bar.position))  # noqa: SLF001
            assert shown_bar == repainted(bar), f"scrollbar stale after step {step}"
            assert shown_rows == repainted(item_list), f"rows stale after step {step}"
        assert item_list.scroll_offset.y > 0 and len(thumbs) > 10  # the test did scroll
        # Leaving the list recolours its border: no row may keep the focused colours.
        app.screen.editor.focus()
        await pilot.pause()
        assert painted(item_list) == repainted(item_list)


async def test_thumb_repaints_only_when_it_moves(blog):
    app = make_app(generated_post(blog, 600, seed=4))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        item_list = app.screen.item_list
        item_list.focus()
        bar = item_list.vertical_scrollbar
        item_list.scroll_to(y=100, animate=False, immediate=True)
        await pilot.pause()
        repaints = 0
        for y in range(101, 161):
            before = bar._thumb_start(bar.position)  # noqa: SLF001
            bar._repaint_regions.clear()  # noqa: SLF001
            item_list.scroll_to(y=y, animate=False, immediate=True)
            moved = bar._thumb_start(bar.position) != before  # noqa: SLF001
            assert bool(bar._repaint_regions) == moved, y  # noqa: SLF001
            repaints += moved
            await pilot.pause()
            assert painted(bar) == repainted(bar), y
        # 600 rows in a 36-row bar: the thumb moves an eighth of a cell every ~2 rows.
        assert 10 < repaints < 50


async def test_preview_rows_kept_by_content_match_a_full_repaint(blog):
    """The preview keeps its styled rows by line too: blank rows under a short item, a long
    item's lines scrolled to other rows, and a theme change."""
    body = "\n\n".join(f"문단 {n}: 긴 항목의 본문이 여러 화면에 걸쳐 이어진다." for n in range(60))
    post = blog / "long.md"
    post.write_text(f"---\ntitle: Long\n---\n\n### 긴 항목\n\n{body}\n\n### 짧은 항목\n\n끝.\n", encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        preview = app.screen.preview
        assert painted(preview) == repainted(preview)  # the first paint: all blank
        await pilot.press("down")
        await until(pilot, lambda: "긴 항목" in preview.source)
        await pilot.pause()
        preview.focus()
        for key in ("down", "down", "pagedown", "up", "end", "home"):
            await pilot.press(key)
            await pilot.pause()
            assert painted(preview) == repainted(preview), key
        look = preview._rendered_look  # noqa: SLF001
        app.theme = "textual-light"
        await until(pilot, lambda: preview._rendered_look != look)  # noqa: SLF001 - rendered again
        await pilot.pause()
        assert painted(preview) == repainted(preview)
        app.screen.item_list.focus()
        await pilot.press("down")
        await until(pilot, lambda: "짧은 항목" in preview.source)
        await pilot.pause()
        assert painted(preview) == repainted(preview)
