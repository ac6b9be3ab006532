"""The item list as a user meets it: rows drawn from the post (hostile headings made
visible), the mouse (a click selects and keeps the keys with the list, a double click
edits), marks from several sources, and rows kept in the render cache that never differ
from a fresh draw."""

from __future__ import annotations

import re

from textual.geometry import Region

from tests.ui.conftest import generated_post, make_app, rows, until
from tui.widgets.item_list import RowMark

RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

HOSTILE = (
    "---\ntitle: t\ndate: 2026.03.14 12:00:00\n---\n\n인트로\n\n"
    "### 터미널 \x1b]0;pwned\x07 제목 \x1b[2J\n\n[참고링크](https://evil.example.com/a)\n\n본문.\n\n"
    "### Bidi \u202eelif.exe\u202c and C1 \x9b31m\n\n[Link](https://example.org/b)\n\nBody.\n"
)


def painted(widget) -> list[str]:
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


async def test_hostile_headings_reach_the_terminal_only_as_pictures(blog):
    post = blog / "hostile.md"
    post.write_text(HOSTILE, encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        listed = rows(app)
        assert listed[1].startswith("   1 터미널 ␛]0;pwned␇ 제목 ␛[2J")
        assert "<U+202E>elif.exe<U+202C>" in listed[2] and "<U+009B>31m" in listed[2]
        for line in painted(app.screen.item_list):
            assert not RAW_CONTROL.search(line), repr(line)
        # The editor shows the same heading with one cell per control character.
        await pilot.press("down", "enter")
        await pilot.pause()
        first = next(line for line in painted(app.screen.editor) if "### " in line)
        assert "### 터미널 ␛]0;pwned" in first and "제목 ␛[2J" in first, first
        for line in painted(app.screen.editor):
            assert not RAW_CONTROL.search(line), repr(line)
        assert app.screen.editor.text.startswith("### 터미널 \x1b]0;pwned\x07 제목")  # the text itself is kept


async def test_a_click_selects_and_keeps_the_keys_with_the_list(en_post):
    app = make_app(en_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        item_list = app.screen.item_list
        # Border row first: list row 3 ("A faster linter", after Post and the Tools group).
        await pilot.click("#items", offset=(5, 1 + 2))
        await pilot.pause()
        assert item_list.highlighted == 2
        assert app.focused is item_list
        before = app.screen.editor.text
        await pilot.press("j")
        await pilot.pause()
        assert item_list.highlighted == 3, "j went to the list, not into the editor"
        assert app.screen.editor.text != before  # the next item is shown
        assert "j" not in app.screen.editor.text.splitlines()[0]


async def test_a_double_click_edits_the_row(en_post):
    app = make_app(en_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.double_click("#items", offset=(5, 1 + 2))
        await pilot.pause()
        assert app.screen.item_list.highlighted == 2
        assert app.focused is app.screen.editor
        assert app.screen.editor.text.startswith("### A faster linter")


async def test_marks_from_every_source_show_the_most_urgent(en_post):
    app = make_app(en_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        item_list = app.screen.item_list
        block = item_list.rows[2]
        item_list.set_marks("fetch", {block.uid: RowMark("⚠", "bold $text-error", "fetch failed: HTTP 404")})
        await pilot.pause()
        assert rows(app)[2].startswith("⚠  1 A faster linter")
        assert item_list.mark_of(block.uid).note == "fetch failed: HTTP 404"
        assert any(line.lstrip("▊ ").startswith("⚠") for line in painted(item_list))
        # The link check outranks a failed fetch; the duplicate finder comes last.
        item_list.marks = {block.uid: "already in 2026-03-07"}
        item_list.link_marks = {block.uid: ("dead", "HTTP 410")}
        item_list.refresh_uids({block.uid})
        assert rows(app)[2].startswith("✗")
        item_list.link_marks = {}
        item_list.set_marks("fetch", {})
        assert rows(app)[2].startswith("!")
        item_list.marks = {}
        assert rows(app)[2].startswith("   1 A faster linter")


async def test_rows_kept_across_a_scroll_match_a_fresh_draw(blog):
    app = make_app(generated_post(blog, 150, seed=2))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        item_list = app.screen.item_list
        for step in range(100):
            await pilot.press("down" if step < 70 else "pageup" if step == 70 else "up")
            if step % 9 == 0:
                await pilot.pause()
                kept = painted(item_list)
                item_list._strips.clear()  # noqa: SLF001 - draw every row again
                assert painted(item_list) == kept, f"step {step}"
        top = item_list.scroll_offset.y
        assert top <= item_list.highlighted < top + item_list.scrollable_content_region.height
