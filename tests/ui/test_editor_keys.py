"""Every key of the editor screen, asserted as a user would notice it: rows, focus, bytes."""

from __future__ import annotations

import pytest

from tests.ui.conftest import make_app, rows, titles, until

KO_TITLES = ["작은 모델의 반격", "벡터 검색 입문", "Jupyter 단축키 모음", "강화학습 강의 공개"]
KO_ANCHORS = ["작은-모델의-반격", "벡터-검색-입문", "jupyter-단축키-모음", "강화학습-강의-공개"]


def split_ko(text: str) -> tuple[str, list[str]]:
    """(head up to the TOC list, item texts) of the Korean fixture, cut by hand."""
    head, *items = text.split("\n### ")
    return head, ["### " + item for item in items]


def ko_text(order: list[int], original: str) -> str:
    """The fixture with its items in ``order`` and the TOC following them."""
    head, items = split_ko(original)
    toc_start = head.index("- [")
    toc = "".join(f"- [{KO_TITLES[i]}](#{KO_ANCHORS[i]})\n" for i in order)
    body = [items[i].rstrip("\n") + "\n" for i in order]
    return head[:toc_start] + toc + "\n" + "\n".join(body)


async def test_opens_with_list_focused_and_rows(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.focused is app.screen.item_list
        assert rows(app)[0].startswith("Post")
        assert [r.split(None, 1)[1] for r in rows(app)[1:]] == [
            "작은 모델의 반격  example.org",
            "벡터 검색 입문  blog.example.com",
            "Jupyter 단축키 모음  docs.example.net",
            "강화학습 강의 공개  example.edu",
        ]
        assert app.screen.sub_title == "weekly-ko.md"
        assert "Weekly ML/DL News (3월 3주차)" in app.screen.title


@pytest.mark.parametrize("down,up", [("down", "up"), ("j", "k")])
async def test_select_loads_the_item(ko_post, down, up):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(down, down)
        assert app.screen.editor.text.startswith("### 벡터 검색 입문\n")
        await pilot.press(up)
        assert app.screen.editor.text.startswith("### 작은 모델의 반격\n")
        await pilot.press(up)
        assert app.screen.editor.text.lstrip("\n").startswith("봄이 오는 소리와")


@pytest.mark.parametrize("key", ["alt+up", "ctrl+up", "K"])
async def test_move_up_and_selection_follows(ko_post, key):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down", key, key)
        assert titles(app) == [KO_TITLES[2], KO_TITLES[0], KO_TITLES[1], KO_TITLES[3]]
        assert app.screen.item_list.highlighted == 1
        assert [r.split()[0] for r in rows(app)[1:]] == ["1", "2", "3", "4"]
        assert app.screen.sub_title.endswith("unsaved")


@pytest.mark.parametrize("key", ["alt+down", "ctrl+down", "J"])
async def test_move_down(ko_post, key):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", key)
        assert titles(app) == [KO_TITLES[1], KO_TITLES[0], KO_TITLES[2], KO_TITLES[3]]
        assert app.screen.item_list.highlighted == 2


async def test_move_to_top_and_bottom(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "alt+end")
        assert titles(app)[-1] == KO_TITLES[1]
        assert app.screen.item_list.highlighted == 4
        await pilot.press("alt+home")
        assert titles(app)[0] == KO_TITLES[1]
        assert app.screen.item_list.highlighted == 1


async def test_post_row_does_not_move(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("alt+down", "delete")
        assert titles(app) == KO_TITLES


async def test_save_writes_exact_bytes_after_moves(ko_post):
    original = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down", "alt+up", "alt+up", "ctrl+s")
        await pilot.pause()
        assert not app.screen.sub_title.endswith("unsaved")
    assert ko_post.read_text(encoding="utf-8") == ko_text([2, 0, 1, 3], original)


async def test_save_unchanged_keeps_bytes(ko_post):
    before = ko_post.read_bytes()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert ko_post.read_bytes() == before


async def test_save_notifies_what_changed(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "alt+down", "ctrl+s")
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("Saved weekly-ko.md: ") and "TOC" in m for m in messages), messages


@pytest.mark.parametrize("key", ["ctrl+n", "a"])
async def test_new_item_after_selection(ko_post, key):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", key)
        assert titles(app)[:2] == [KO_TITLES[0], "New item"]
        assert app.focused is app.screen.editor
        await pilot.press(*"Fresh", "ctrl+end", *"Body.")
        assert titles(app)[1] == "Fresh"
        assert rows(app)[2].split() == ["2", "Fresh"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = ko_post.read_text(encoding="utf-8")
    assert "### 작은 모델의 반격\n" in text
    assert "\n\n### Fresh\n\nBody.\n\n### 벡터 검색 입문\n" in text
    assert "- [Fresh](#fresh)\n" in text


async def test_typing_a_heading_renames_the_row(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+home", "end", *" 2")
        assert rows(app)[1].split(None, 1)[1].startswith("작은 모델의 반격 2")
        assert app.focused is app.screen.editor


@pytest.mark.parametrize("delete,undo", [("delete", "u"), ("d", "ctrl+z")])
async def test_delete_and_undo(ko_post, delete, undo):
    before = ko_post.read_bytes()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", delete)
        assert titles(app) == [KO_TITLES[0], KO_TITLES[2], KO_TITLES[3]]
        assert app.screen.item_list.highlighted == 2
        await pilot.press(undo)
        assert titles(app) == KO_TITLES
        await pilot.press("alt+up", undo)
        assert titles(app) == KO_TITLES
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert ko_post.read_bytes() == before


async def test_enter_escape_tab_focus(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        assert app.focused is app.screen.editor
        await pilot.press("escape")
        assert app.focused is app.screen.item_list
        await pilot.press("tab")
        assert app.focused is app.screen.editor
        await pilot.press("shift+tab")
        assert app.focused is app.screen.item_list


async def test_ctrl_home_end_in_editor(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end")
        editor = app.screen.editor
        assert editor.cursor_location == editor.document.end
        await pilot.press("ctrl+home")
        assert editor.cursor_location == (0, 0)


async def test_typed_sentence_lands_in_the_item(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"Typed.", "ctrl+s")
        await pilot.pause()
    assert "실험 결과.\n\nTyped.\n\n### 벡터" in ko_post.read_text(encoding="utf-8")


async def test_editor_undo_redo(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "ctrl+end", *"abc")
        editor = app.screen.editor
        assert editor.text.endswith("abc")
        await pilot.press("ctrl+z")
        assert not editor.text.endswith("abc")
        await pilot.press("ctrl+y")
        assert editor.text.endswith("abc")


async def test_quit_clean_exits(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running


async def test_quit_dirty_asks_and_discard_keeps_file(ko_post):
    from tui.screens.dialogs import ConfirmQuit

    before = ko_post.read_bytes()
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "alt+down", "ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ConfirmQuit)
        await pilot.press("ctrl+q", "d")
        await pilot.pause()
        assert not app.is_running
    assert ko_post.read_bytes() == before


async def test_quit_dirty_save_writes(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "alt+down", "ctrl+q", "s")
        await pilot.pause()
        assert not app.is_running
    assert ko_post.read_text(encoding="utf-8").index("### 벡터") < ko_post.read_text(
        encoding="utf-8").index("### 작은")


async def test_layout_toggle(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        right = app.screen.query_one("#right")
        assert right.has_class("-split")
        assert app.screen.preview.display and app.screen.editor.display
        await pilot.press("f2")
        assert right.has_class("-editor")
        await pilot.press("f2")
        assert right.has_class("-preview")
        await pilot.press("f2")
        assert right.has_class("-split")


async def test_narrow_starts_with_editor_only(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#right").has_class("-editor")
        await pilot.press("f2")
        assert app.screen.query_one("#right").has_class("-preview")


async def test_command_palette_runs_actions(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "ctrl+p")
        await pilot.pause()
        await pilot.press(*"item: move down")
        await pilot.pause(0.4)
        await pilot.press("enter")
        await pilot.pause()
        assert titles(app)[:2] == [KO_TITLES[1], KO_TITLES[0]]


async def test_help_screen(ko_post):
    from tui.screens.dialogs import HelpScreen

    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_keymap_from_settings(ko_post):
    app = make_app(ko_post, keys={"item.move_down": "x"})
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "x")
        assert titles(app)[:2] == [KO_TITLES[1], KO_TITLES[0]]


async def test_theme_is_remembered(ko_post, isolated_dirs):
    from tui.config import load_settings

    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_settings().theme == "nord"


async def test_english_post_with_groups(en_post):
    original = en_post.read_text(encoding="utf-8")
    app = make_app(en_post)
    async with app.run_test(size=(120, 40)) as pilot:
        assert [r.strip() for r in rows(app)[1:2]] == ["Tools"]
        # The second item passes the "Papers" group heading: it leaves its group.
        await pilot.press("down", "down", "down", "alt+down")
        assert titles(app) == ["Tools", "A faster linter", "Papers", "Terminal apps in Python",
                               "Sparse attention revisited"]
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = en_post.read_text(encoding="utf-8")
    assert text.startswith(original[: original.index("## Contents")])
    assert "- [Papers](#papers)\n  - [Terminal apps in Python](#terminal-apps-in-python)\n" in text


async def test_an_item_with_an_unclosed_fence_is_not_moved_over_others(ko_post):
    """Typing ``` and moving that item up would turn the items below it into code."""
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("end", "enter", "ctrl+end", *"```python", "enter", *"x = 1", "escape")
        await pilot.pause()
        app.screen.item_list.focus()
        await pilot.press("alt+up", "alt+home")
        await pilot.pause()
        assert titles(app) == KO_TITLES, "the move was taken back"
        assert app.screen.item_list.highlighted == 4
        notes = [n.message for n in app._notifications]
        assert any("Not moved" in n and KO_TITLES[3] in n and "unclosed code block" in n for n in notes)

        await pilot.press("enter", "ctrl+end", "enter", *"```", "escape")  # closed: it moves
        await pilot.pause()
        app.screen.item_list.focus()
        await pilot.press("alt+up")
        await pilot.pause()
        assert titles(app) == [KO_TITLES[0], KO_TITLES[1], KO_TITLES[3], KO_TITLES[2]]

        # Moving another item below the open one is refused the same way.
        await pilot.press("enter", "ctrl+end", "enter", *"~~~", "escape")
        await pilot.pause()
        app.screen.item_list.focus()
        await pilot.press("up", "alt+end")
        await pilot.pause()
        assert titles(app) == [KO_TITLES[0], KO_TITLES[1], KO_TITLES[3], KO_TITLES[2]]


async def test_a_crlf_post_stays_crlf_and_clean_while_browsed_and_saved(ko_post):
    crlf = ko_post.read_text(encoding="utf-8").replace("\n", "\r\n")
    ko_post.write_bytes(crlf.encode("utf-8"))
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "up", "down", "down")
        await pilot.pause()
        assert not app.screen.sub_title.endswith("unsaved"), "only looking changed nothing"
        assert app.screen.editor.document.newline == "\r\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert ko_post.read_bytes() == crlf.encode("utf-8")

        await pilot.press("enter", "ctrl+end", *"한 줄 더", "ctrl+s")
        await pilot.pause()
    saved = ko_post.read_bytes()
    assert b"\xed\x95\x9c \xec\xa4\x84 \xeb\x8d\x94" in saved  # "한 줄 더"
    assert saved.count(b"\n") == saved.count(b"\r\n"), "no bare LF line endings"


async def test_cursor_moves_stay_in_the_editor(ko_post, monkeypatch):
    """TextArea.SelectionChanged has no listener above the editor: it is stopped there
    instead of bubbling through every container on each key."""
    from textual.screen import Screen
    from textual.widgets import TextArea

    reached = []
    real = Screen.post_message

    def post(self, message):
        if isinstance(message, TextArea.SelectionChanged):
            reached.append(message)
        return real(self, message)

    monkeypatch.setattr(Screen, "post_message", post)
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter", "right", "down")
        await pilot.pause()
        assert app.screen.editor.selection.end != (0, 0)  # the cursor did move
        assert reached == []
