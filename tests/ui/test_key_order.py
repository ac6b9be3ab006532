"""Keys sent in one burst land where the keys before them left the focus, in order.

A burst (a fast typist, a laggy SSH link, ``tmux send-keys`` with several keys) reaches
the app as one read. These tests send the keys of each burst in one batch
(tests/ui/burst.py) and assert the bytes a save writes.
"""

from __future__ import annotations

from tests.ui.burst import burst
from tests.ui.conftest import make_app, make_settings, until

ITEM_1_HEAD = "### 작은 모델의 반격\n\n[참고링크](https://example.org/small-models)\n\n"
ITEM_1_BODY = "파라미터 수가 적은 모델이 특정 과제에서는 큰 모델을 앞선다는 실험 결과.\n"
ITEM_2_HEAD = "### 벡터 검색 입문\n\n[참고링크](https://blog.example.com/vector-search-101)\n\n"
ITEM_2_BODY = "임베딩을 어떻게 색인하는지 그림으로 설명한 글. 처음 접하는 사람에게 추천.\n"
ITEM_3_HEAD = "### Jupyter 단축키 모음\n"


async def test_down_enter_edits_the_row_down_selected(ko_post):
    before = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "down", "enter", "x", "ctrl+s")
        await pilot.pause()
    assert ko_post.read_text(encoding="utf-8") == before.replace(ITEM_1_HEAD, ITEM_1_HEAD + "x")


async def test_j_j_enter_edits_the_second_item(ko_post):
    before = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await burst(pilot, "j", "j", "enter", "y", "ctrl+s")
        await pilot.pause()
    assert ko_post.read_text(encoding="utf-8") == before.replace(ITEM_2_HEAD, ITEM_2_HEAD + "y")


async def test_enter_ctrl_end_types_at_the_end_of_the_item(ko_post):
    before = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "down", "enter", "ctrl+end", "W", "ctrl+s")
        await pilot.pause()
    body = ITEM_1_HEAD + ITEM_1_BODY
    assert ko_post.read_text(encoding="utf-8") == before.replace(body, body + "\nW\n")


async def test_typing_escape_and_list_keys_in_one_burst(ko_post):
    """Text typed, escape, two rows down, enter, more text: each key where it belongs."""
    before = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "down", "enter", "a", "b", "escape", "j", "enter", "c", "escape", "k", "ctrl+s")
        await pilot.pause()
        assert app.focused is app.screen.item_list
        assert app.screen.item_list.highlighted == 1
    expected = before.replace(ITEM_1_HEAD, ITEM_1_HEAD + "ab").replace(ITEM_2_HEAD, ITEM_2_HEAD + "c")
    assert ko_post.read_text(encoding="utf-8") == expected


def early_keys_app(path, keys):
    """The editor app with ``keys`` arriving from the terminal while it mounts, before its
    screen is up (as ``tmux send-keys`` right after launch delivers them)."""
    from textual import events

    from tui.app import NewsDigestApp
    from tui.config import parse_options
    from tui.digest.postfile import open_post

    class EarlyKeys(NewsDigestApp):
        def on_mount(self) -> None:
            for key in keys:
                event = events.Key(key, key if len(key) == 1 else None)
                event.set_sender(self)
                self.post_message(event)  # queued ahead of the first layout and Ready

    settings = make_settings()
    return EarlyKeys(path, settings, open_post(path, parse_options(settings)))


async def test_keys_typed_before_the_app_is_ready_all_apply_in_order(ko_post):
    before = ko_post.read_text(encoding="utf-8")
    keys = ["down", "down", "enter", "ctrl+end", *"new", "ctrl+s"]
    app = early_keys_app(ko_post, keys)
    async with app.run_test(size=(120, 40)) as pilot:
        # Waiting for the save (the last key), not a fixed number of pauses: a loaded machine
        # takes longer to get there (seen once under -n 2 with the CI running beside it).
        await until(pilot, lambda: ko_post.read_text(encoding="utf-8") != before)
        assert app.focused is app.screen.editor
    body = ITEM_2_HEAD + ITEM_2_BODY
    # The text ends the second item; the third item's heading is untouched.
    assert ko_post.read_text(encoding="utf-8") == before.replace(body, body + "\nnew\n")
    assert ITEM_3_HEAD in before


async def test_a_line_feed_typed_at_launch_is_the_enter_it_was(ko_post):
    """Before the terminal leaves line mode the kernel turns Enter into a line feed
    (ctrl+j): ``down down enter d`` at launch edited nothing and deleted the item."""
    before = ko_post.read_text(encoding="utf-8")
    app = early_keys_app(ko_post, ["down", "down", "ctrl+j", "d", "ctrl+s"])
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: ko_post.read_text(encoding="utf-8") != before)
    assert ko_post.read_text(encoding="utf-8") == before.replace(ITEM_2_HEAD, ITEM_2_HEAD + "d")


async def test_escape_glued_to_the_next_key_is_both_keys(ko_post):
    """A terminal sends alt+j as escape then j: ``escape j enter`` in one burst reads as
    alt+j, enter. Nothing binds alt+j, so it is the escape and the j it was."""
    from textual import events

    before = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "down", "enter", "a")
        for key, char in (("alt+j", "j"), ("enter", "\r"), ("b", "b")):
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)
        await burst(pilot, "ctrl+s")
    expected = before.replace(ITEM_1_HEAD, ITEM_1_HEAD + "a").replace(ITEM_2_HEAD, ITEM_2_HEAD + "b")
    assert ko_post.read_text(encoding="utf-8") == expected


def send_parsed(app, *keys: tuple[str, str | None]) -> None:
    """Keys as Textual's parser hands over one terminal read: (key, character) pairs."""
    from textual import events

    for key, char in keys:
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)


async def test_an_escape_reissued_as_a_caret_is_the_escape(ko_post):
    """ESC j, Enter, text, then ctrl+end in one read: Textual's parser re-issues the
    escape as '^' when another ESC-started key follows in the read; it was typed."""
    before = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "down", "enter", "a")
        send_parsed(app, ("circumflex_accent", "^"), ("j", "j"), ("enter", "\r"), ("b", "b"), ("ctrl+end", None))
        await burst(pilot, "ctrl+s")
    expected = before.replace(ITEM_1_HEAD, ITEM_1_HEAD + "a").replace(ITEM_2_HEAD, ITEM_2_HEAD + "b")
    assert ko_post.read_text(encoding="utf-8") == expected


async def test_a_typed_caret_stays_a_caret(ko_post):
    before = ko_post.read_text(encoding="utf-8")
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "down", "enter")
        send_parsed(app, ("x", "x"), ("circumflex_accent", "^"), ("2", "2"), ("space", " "))
        await pilot.pause(0.1)
        await burst(pilot, "ctrl+s")
    assert ko_post.read_text(encoding="utf-8") == before.replace(ITEM_1_HEAD, ITEM_1_HEAD + "x^2 ")


# Found in review: Enter in a text field acts through the message the field posts to itself
# (Input.Submitted), after the key; the keys behind it went to the closing field.
async def test_a_palette_command_then_text_in_one_burst(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "ctrl+p", *"item: new", "enter", *"Hello")
        await until(pilot, lambda: "Hello" in app.screen.editor.text)
        assert app.screen.editor.text.startswith("### Hello\n")


async def test_two_tags_typed_with_enter_in_one_burst(ko_post):
    app = make_app(ko_post)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(app.screen.query("#form-tag-add")) == 1)
        app.screen.query("#form-tag-add").first().focus()
        await pilot.pause()
        await burst(pilot, *"one", "enter", *"two", "enter", "ctrl+s")
        await pilot.pause()
    text = ko_post.read_text(encoding="utf-8")
    assert "- one\n- two\n" in text
