"""An item whose heading line is edited away stays listed and marked; a save names it and
writes nothing until the heading is back or the merge is confirmed."""

from __future__ import annotations

from tests.ui.conftest import make_app, rows, titles


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_heading_removed_then_save_leaves_the_file_and_names_the_item(ko_post):
    before = ko_post.read_bytes()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "enter", "ctrl+home", "shift+end", "backspace", "ctrl+s")
        await pilot.pause()
        assert ko_post.read_bytes() == before
        assert any("“벡터 검색 입문”" in m and "Not saved" in m for m in messages(app))
        assert type(app.screen).__name__ == "ConfirmMerge"
        await pilot.press("enter")  # Cancel has the focus: a stray Enter writes nothing
        assert ko_post.read_bytes() == before
        editor_screen = app.screen
        assert len(titles(app)) == 4
        assert rows(app)[2].startswith("!")
        assert "(untitled)" in rows(app)[2]
        assert "no heading" in str(editor_screen.editor.border_subtitle)
        # The heading back (TextArea's own undo), and the save goes through.
        await pilot.press("ctrl+z", "ctrl+z", "ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "EditorScreen"
        assert not rows(app)[2].startswith("!")
    assert ko_post.read_bytes() == before  # back to the saved text: nothing to write


async def test_confirmed_merge_writes_the_text_into_the_item_above(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "enter", "ctrl+home", "shift+end", "backspace", "ctrl+s")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
    text = ko_post.read_text(encoding="utf-8")
    assert "### 벡터 검색 입문" not in text
    assert "- [벡터 검색 입문]" not in text
    assert "큰 모델을 앞선다는 실험 결과.\n\n\n\n[참고링크](https://blog.example.com/vector-search-101)" in text


async def test_text_typed_before_the_heading_is_caught_too(en_post):
    before = en_post.read_bytes()
    app = make_app(en_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+home", *"oops", "ctrl+s")
        await pilot.pause()
        assert en_post.read_bytes() == before
        assert type(app.screen).__name__ == "ConfirmMerge"
