"""The item preview: Markdown rendered into lines it scrolls itself, shortly after a
selection or a pause in typing, without laying out the screen."""

from __future__ import annotations

from rich.cells import cell_len
from textual._compositor import Compositor

from tests.ui.conftest import make_app, until


def shown(preview) -> list[str]:
    """The preview's rendered lines as text, trailing blanks dropped (all lines, not only
    the visible ones)."""
    return [strip.text.rstrip() for strip in preview._lines]  # noqa: SLF001 - what it paints


async def test_selected_item_is_rendered_not_shown_as_source(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down")
        preview = app.screen.preview
        await until(pilot, lambda: "벡터 검색 입문" in preview.source)
        lines = shown(preview)
        assert "벡터 검색 입문" in lines  # the heading, its ### gone
        assert "참고링크" in lines  # the link's text, its URL and brackets gone
        assert not any("](" in line or line.startswith("#") for line in lines)
        painted = "\n".join(strip.text for strip in preview.render_lines(preview.region.reset_offset))
        assert "임베딩을 어떻게 색인하는지" in painted


async def test_a_walk_down_the_list_renders_the_item_it_stops_on(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        preview = app.screen.preview
        renders = []
        real = preview._render_lines  # noqa: SLF001
        preview._render_lines = lambda: (renders.append(preview.source), real())[1]  # noqa: SLF001
        for _ in range(4):  # a key repeat, faster than the selection debounce
            app.screen.item_list.action_cursor_down()
            await pilot.pause(0.01)
        await until(pilot, lambda: "강화학습 강의 공개" in preview.source)
        await pilot.pause(0.2)
        assert renders == [preview.source]


async def test_typing_reaches_the_preview_after_a_pause(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end")
        await pilot.press(*"new words here")
        preview = app.screen.preview
        await until(pilot, lambda: any("new words here" in line for line in shown(preview)))


async def test_long_item_scrolls_and_a_new_selection_starts_at_its_top(blog):
    body = "\n\n".join(f"문단 {n}: 긴 항목의 본문이 여러 화면에 걸쳐 이어진다." for n in range(60))
    post = blog / "long.md"
    post.write_text(
        "---\ntitle: Long\n---\n\n## 목차\n\n- [긴 항목](#긴-항목)\n- [짧은 항목](#짧은-항목)\n\n"
        f"### 긴 항목\n\n{body}\n\n### 짧은 항목\n\n끝.\n",
        encoding="utf-8",
    )
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        preview = app.screen.preview
        await until(pilot, lambda: "긴 항목" in preview.source)
        assert preview.virtual_size.height > preview.size.height
        preview.focus()
        await pilot.press("end")

        def painted() -> str:
            return "\n".join(strip.text for strip in preview.render_lines(preview.region.reset_offset))

        # Textual 8.0 animates the scroll to the end: wait for it to arrive.
        await until(pilot, lambda: "문단 59" in painted())
        assert preview.scroll_offset.y > 0
        app.screen.item_list.focus()
        await pilot.press("down")
        await until(pilot, lambda: "짧은 항목" in preview.source)
        await pilot.pause()
        assert preview.scroll_offset.y == 0


async def test_narrower_preview_rewraps(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down")
        preview = app.screen.preview
        await until(pilot, lambda: "벡터 검색 입문" in preview.source)
        wide = len(preview._lines)  # noqa: SLF001
        await pilot.resize_terminal(112, 40)
        await until(pilot, lambda: len(preview._lines) > wide)  # noqa: SLF001
        width = preview.scrollable_content_region.width
        assert all(cell_len(strip.text.rstrip()) <= width for strip in preview._lines)  # noqa: SLF001


async def test_a_scrollbar_coming_or_going_rewraps_the_text_to_fit(blog):
    para = "x " * 400  # one-cell words: a line wrapped at w cells is w or w-1 cells long
    post = blog / "wrap.md"
    post.write_text("---\ntitle: W\n---\n\n### Long\n\n" + "\n\n".join([para] * 10)
                    + "\n\n### Short\n\n" + para + "\n", encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        preview = app.screen.preview
        for title, scrollbar in (("Long", True), ("Short", False)):
            await pilot.press("down")
            await until(pilot, lambda title=title: f"### {title}" in preview.source)
            await pilot.pause()
            assert preview.show_vertical_scrollbar == scrollbar
            width = preview.scrollable_content_region.width
            lines = [strip.text.rstrip() for strip in preview._lines]  # noqa: SLF001
            # Wrapped at the width the text really has: the longest line uses it, none passes it.
            assert preview._rendered_width == width  # noqa: SLF001
            assert max(map(cell_len, lines)) in (width, width - 1) and all(cell_len(line) <= width for line in lines)


async def test_focus_keeps_the_lines_and_a_theme_change_renders_them_again(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        preview = app.screen.preview
        await until(pilot, lambda: "작은 모델의 반격" in preview.source)
        lines = preview._lines  # noqa: SLF001
        preview.focus()
        await pilot.pause()
        assert preview._lines is lines  # noqa: SLF001 - the border changed, not the text
        app.theme = "textual-light"
        await until(pilot, lambda: preview._lines is not lines)  # noqa: SLF001
        assert preview._rendered_look[1] is False  # noqa: SLF001
