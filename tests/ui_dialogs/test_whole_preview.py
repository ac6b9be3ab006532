"""The whole-post preview: rendering only near the view, prompt keys, jumps that land at once
(Korean anchors included), links, keys, snapshots."""

from __future__ import annotations

import asyncio
import gc
import time

import pytest
from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.widgets._markdown import MarkdownParagraph

from tui.digest.post import Post
from tui.screens.whole_preview import BlockView, Gap, TocView, WholePreviewScreen

from . import ENGLISH_POST, KOREAN_POST, ScreenApp, big_post


def preview(text: str = KOREAN_POST, style: str = "github") -> tuple[WholePreviewScreen, ScreenApp]:
    screen = WholePreviewScreen(Post.parse(text), style)
    return screen, ScreenApp(screen)


async def until(condition, timeout: float = 60.0) -> None:
    """Poll ``condition``; a screen the app has not composed yet counts as "not yet"."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if condition():
                return
        except NoMatches:
            pass
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


def view_of(screen: WholePreviewScreen, title: str):
    """The rendered widget of the block titled ``title`` (it must be rendered by now)."""
    return next(v for v in screen.views.values() if v.block.title == title)


def in_view(screen: WholePreviewScreen, widget) -> bool:
    """The widget's top row is inside the scroll's visible area."""
    scroll = screen.query_one("#preview-scroll", VerticalScroll).region
    region = widget.region
    return bool(region) and scroll.y <= region.y < scroll.bottom


async def settle(pilot, screen) -> None:
    await until(lambda: screen.settled)
    await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def test_korean_toc_link_scrolls_its_section_into_view():
    screen, app = preview()
    async with app.run_test(size=(60, 14)) as pilot:
        await settle(pilot, screen)
        target = view_of(screen, "작은 언어 모델 벤치마크")
        assert not in_view(screen, target)
        toc = screen.query_one(TocView)
        assert toc.hrefs[1] == "#작은-언어-모델-벤치마크"
        await pilot.click(toc, offset=(6, 2))  # row 0 is the border, row 2 the second entry
        await settle(pilot, screen)
        assert in_view(screen, target)
        assert target.region.y == screen.query_one("#preview-scroll").region.y  # at the top


async def test_markdown_link_to_korean_anchor_jumps_back_to_the_toc():
    screen, app = preview()
    async with app.run_test(size=(80, 16)) as pilot:
        await settle(pilot, screen)
        await pilot.press("G")
        await settle(pilot, screen)
        toc = screen.query_one(TocView)
        assert not in_view(screen, toc)
        last = view_of(screen, "Textual 8 릴리스")
        paragraph = next(p for p in last.query(MarkdownParagraph) if "돌아가기" in p._content.plain)
        plain = paragraph._content.plain
        gutter = paragraph.content_region.x - paragraph.region.x
        x = gutter + cell_len(plain[: plain.rindex("목차")]) + 1
        await pilot.click(paragraph, offset=(x, 0))
        await settle(pilot, screen)
        assert in_view(screen, toc)


async def test_toc_keyboard_enter_jumps():
    screen, app = preview(big_post(30))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, screen)
        screen.query_one(TocView).focus()
        await pilot.press(*["down"] * 25, "enter")
        await settle(pilot, screen)
        assert in_view(screen, view_of(screen, "기사 26 요약"))


async def test_web_links_open_only_on_the_confirm_key(tmp_path, monkeypatch):
    from tests.ui_dialogs.test_preview_links import fake_browser

    command, seen = fake_browser(tmp_path)
    monkeypatch.setenv("BROWSER", command)
    screen, app = preview()
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot, screen)
        item = view_of(screen, "작은 언어 모델 벤치마크")
        paragraph = next(p for p in item.query(MarkdownParagraph) if "참고링크" in p._content.plain)
        gutter = paragraph.content_region.x - paragraph.region.x
        await pilot.click(paragraph, offset=(gutter + 1, 0))
        await pilot.pause(0.5)
        assert not seen.exists()
        assert any("https://example.org/small-lm" in n.message for n in app._notifications)
        await pilot.press("o")
        await until(lambda: seen.exists(), timeout=10)
        assert seen.read_text(encoding="utf-8") == "https://example.org/small-lm"
        screen.follow_link("#없는-앵커")
        await pilot.pause()
        assert any("No section" in n.message for n in app._notifications)


async def test_front_matter_stripped_and_title_shown():
    screen, app = preview()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        assert str(screen.query_one("#preview-title").render()) == "Weekly ML/DL News (3월 2주차)"
        sources = "".join(v.source for v in screen.query(BlockView))
        assert "date: 2026.03.07" not in sources and "---" not in sources
        assert "이번 주에 읽은 글들을" in sources


async def test_anchor_style_is_the_one_asked_for():
    screen, app = preview(ENGLISH_POST, "hexo")
    async with app.run_test(size=(60, 12)) as pilot:
        await settle(pilot, screen)
        assert screen.jump_to_anchor("What’s-new-in-pytest")
        assert not screen.jump_to_anchor("whats-new-in-pytest")
        await settle(pilot, screen)
        assert in_view(screen, view_of(screen, "What's new in pytest"))


async def test_escape_returns():
    screen, app = preview()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is not screen and app.results == [None]


@pytest.fixture
def frozen_heap():
    """Keep the earlier tests' objects out of the garbage collector's way while lag is measured.

    In a long test session a full collection walks every app the session has built and holds
    the loop for 0.2-0.6 s, whatever the preview does; ``gc.freeze`` parks those objects.
    """
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()


class LoopLag:
    """How much rendering happens between two ticks of a 10 ms timer, i.e. how much work a
    key press can be stuck behind. Counted in blocks rather than seconds, so a loaded CI
    machine can't fail it (the seconds are the benchmark's job)."""

    def __init__(self, app, screen) -> None:
        self.screen = screen
        self.most_blocks_per_turn = 0
        self.ticks = 0
        self._seen = len(screen.views)
        self.timer = app.set_interval(0.01, self._tick)

    def _tick(self) -> None:
        try:
            now = len(self.screen.views)
        except NoMatches:
            return  # the app is closing: the screen's widgets are being removed
        self.most_blocks_per_turn = max(self.most_blocks_per_turn, now - self._seen)
        self._seen = now
        self.ticks += 1


def rendered_titles(screen: WholePreviewScreen) -> set[str]:
    return {view.block.title for view in screen.views.values()}


async def test_200_items_top_rendered_soon_and_only_near_the_view():
    screen, app = preview(big_post(200))
    async with app.run_test(size=(120, 40)) as pilot:
        started = time.monotonic()
        # The top is readable at once (source text in a gap), then rendered within moments.
        await until(lambda: {"기사 1 요약", "기사 2 요약"} <= rendered_titles(screen), timeout=10)
        assert time.monotonic() - started < 5.0  # ~0.1 s on a quiet machine; generous for CI
        await settle(pilot, screen)
        assert in_view(screen, view_of(screen, "기사 1 요약"))
        assert 3 <= len(screen.views) < 40, "only the blocks in or near the view are rendered"
        assert "기사 150 요약" not in rendered_titles(screen)
        assert screen.query(Gap), "the rest waits as cheap source text"
        assert str(screen.query_one("#preview-status").render()) == ""


async def test_keys_are_handled_promptly_while_blocks_render(frozen_heap):
    screen, app = preview(big_post(200))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: bool(screen.query("#preview-scroll")))  # pushed on the app's mount
        lag = LoopLag(app, screen)
        scroll = screen.query_one("#preview-scroll", VerticalScroll)
        await pilot.press(*["pagedown"] * 6)  # page down through the post while it renders
        await settle(pilot, screen)
        assert scroll.scroll_y > 0
        top = min(i for i, _ in enumerate(screen.blocks) if screen.column.block_y(i) >= scroll.scroll_y)
        assert top > 10 and screen.blocks[top].uid in screen.views  # what is now in view is rendered
        assert lag.ticks > 0 and lag.most_blocks_per_turn <= 2, (
            f"{lag.most_blocks_per_turn} blocks rendered without letting a key through"
        )


async def test_far_jump_lands_at_once_with_its_heading_in_view(frozen_heap):
    screen, app = preview(big_post(200))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: bool(screen.query("#preview-scroll")))  # pushed on the app's mount
        lag = LoopLag(app, screen)
        assert screen.jump_to_anchor("기사-200-요약")  # while the top is still rendering
        jumped = time.monotonic()
        await until(lambda: "기사 200 요약" in rendered_titles(screen), timeout=10)
        await pilot.pause()
        assert time.monotonic() - jumped < 5.0  # ~0.2 s measured
        assert in_view(screen, view_of(screen, "기사 200 요약"))
        await settle(pilot, screen)
        assert in_view(screen, view_of(screen, "기사 200 요약"))
        assert lag.most_blocks_per_turn <= 2, f"{lag.most_blocks_per_turn} blocks rendered in one turn"


async def test_jump_keeps_its_heading_at_the_top_while_neighbours_render():
    screen, app = preview(big_post(200))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        assert screen.jump_to_anchor("기사-150-요약")
        await settle(pilot, screen)
        target = view_of(screen, "기사 150 요약")
        assert target.region.y == screen.query_one("#preview-scroll").region.y
        # Blocks above it were rendered too (their heights changed) and it did not move.
        assert {"기사 149 요약", "기사 148 요약"} <= rendered_titles(screen)


async def test_g_and_t_keys_go_to_the_end_and_the_contents():
    screen, app = preview(big_post(60))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("G")
        await settle(pilot, screen)
        assert in_view(screen, view_of(screen, "기사 60 요약"))
        await pilot.press("t")
        await settle(pilot, screen)
        assert in_view(screen, screen.query_one(TocView))
        # t hands the keys to the contents: a reader walks them and jumps with enter.
        assert app.focused is screen.query_one(TocView)
        await pilot.press("down", "down", "enter")
        await settle(pilot, screen)
        assert in_view(screen, view_of(screen, "기사 3 요약"))


# -- snapshots -----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_snapshot_whole_preview(snap_compare, size):
    screen, app = preview()

    async def loaded(pilot):
        await settle(pilot, screen)

    assert snap_compare(app, terminal_size=size, run_before=loaded)


def test_snapshot_whole_preview_light(snap_compare):
    screen = WholePreviewScreen(Post.parse(KOREAN_POST), "github")
    app = ScreenApp(screen, theme="textual-light")

    async def loaded(pilot):
        await settle(pilot, screen)

    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)
