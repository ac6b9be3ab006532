"""A save keeps the open model when a parse would give it back (no reparse, no row rebuild),
and still brings up to date what a parse would: TOC labels keep following renames after it,
and a heading typed inside an item still becomes an item of its own."""

from __future__ import annotations

from tests.ui.conftest import make_app, titles


def toc_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- [")]


async def rename_first_item(pilot, app, new_title: str) -> None:
    """Select the first item and replace its heading line with ``new_title``."""
    app.screen.item_list.focus()
    app.screen.item_list.highlighted = 1
    await pilot.pause()
    editor = app.screen.editor
    first = editor.document.get_line(0)
    editor.replace(f"### {new_title}", (0, 0), (0, len(first)))
    await pilot.pause()


async def test_save_keeps_the_model_and_rows(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "alt+down")
        screen = app.screen
        blocks = list(screen.post.blocks)
        rows = screen.item_list.rows
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.post.blocks == blocks, "the save reparsed the post"
        assert screen.item_list.rows is rows, "the save rebuilt the rows"
        assert not screen.sub_title.endswith("unsaved")
        assert screen.saved_text == ko_post.read_text(encoding="utf-8")


async def test_default_toc_label_follows_two_renames_across_saves(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await rename_first_item(pilot, app, "첫 이름")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "- [첫 이름](#첫-이름)" in toc_lines(ko_post.read_text(encoding="utf-8"))
        # The second rename only follows if the save recorded the new name as the origin.
        await rename_first_item(pilot, app, "둘째 이름")
        await pilot.press("ctrl+s")
        await pilot.pause()
    lines = toc_lines(ko_post.read_text(encoding="utf-8"))
    assert lines[0] == "- [둘째 이름](#둘째-이름)"
    assert len(lines) == 4


async def test_custom_toc_label_stays_through_renames_and_saves(ko_post):
    text = ko_post.read_text(encoding="utf-8")
    ko_post.write_text(text.replace("- [작은 모델의 반격](", "- [내가 붙인 이름]("), encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await rename_first_item(pilot, app, "첫 이름")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert toc_lines(ko_post.read_text(encoding="utf-8"))[0] == "- [내가 붙인 이름](#첫-이름)"
        # The entry now points at the new anchor: the block must be known by it, or the
        # next save would take the entry for a new one and drop the custom label.
        await rename_first_item(pilot, app, "둘째 이름")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert toc_lines(ko_post.read_text(encoding="utf-8"))[0] == "- [내가 붙인 이름](#둘째-이름)"


async def test_heading_typed_inside_an_item_becomes_an_item_on_save(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"### Split off", "ctrl+s")
        await pilot.pause()
        assert titles(app)[:2] == ["작은 모델의 반격", "Split off"]
    # The same save lists it in the TOC (the file must not need a second save).
    lines = toc_lines(ko_post.read_text(encoding="utf-8"))
    assert lines[:2] == ["- [작은 모델의 반격](#작은-모델의-반격)", "- [Split off](#split-off)"]


async def test_split_keeps_the_custom_label_of_the_item_it_split_from(ko_post):
    text = ko_post.read_text(encoding="utf-8")
    ko_post.write_text(text.replace("- [작은 모델의 반격](", "- [내가 붙인 이름]("), encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"### Split off", "ctrl+s")
        await pilot.pause()
    lines = toc_lines(ko_post.read_text(encoding="utf-8"))
    assert lines[:2] == ["- [내가 붙인 이름](#작은-모델의-반격)", "- [Split off](#split-off)"]


async def test_item_heading_removed_joins_the_item_before_on_save(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        app.screen.item_list.highlighted = 2
        await pilot.pause()
        editor = app.screen.editor
        editor.replace("No longer a heading", (0, 0), (0, len(editor.document.get_line(0))))
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("m")  # the merge is confirmed, not done silently
        await pilot.pause()
        assert titles(app) == ["작은 모델의 반격", "Jupyter 단축키 모음", "강화학습 강의 공개"]
