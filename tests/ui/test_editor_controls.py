"""Every control character in a post shows in the item editor as a one-cell picture (issue
#12): BEL, BS, VT, FF and CR were invisible (Rich's Text drops the first five, Textual's
Document broke lines at VT, FF and CR), and an edit turned those into newlines in the post.
NUL is left out: a post with one does not open (it looks binary)."""

from __future__ import annotations

from contextlib import asynccontextmanager

from textual.geometry import Region

from tests.ui.conftest import make_app, until

C0 = [chr(c) for c in range(1, 0x20) if chr(c) not in "\t\n"]
OTHERS = ["\x7f", *[chr(c) for c in range(0x80, 0xA0)],
          *"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
BODY = "".join(f"c{ord(ch):04x}={ch}.\n" for ch in C0 + OTHERS)
POST = ("---\ntitle: 제어 문자\ndate: 2024.03.09 12:00:00\n---\n\n"
        "### 제어 문자 항목\n\n[참고링크](https://example.org/controls)\n\n" + BODY
        + "\n### English item\n\nplain text\n")


def screen_rows(editor) -> list[str]:
    region = Region(0, 0, editor.size.width, editor.size.height)
    return [strip.text.removeprefix("▊ ") for strip in editor.render_lines(region)]


async def test_every_control_is_a_one_cell_picture_in_the_editor(blog):
    post = blog / "controls.md"
    post.write_bytes(POST.encode("utf-8"))
    app = make_app(post)
    async with app.run_test(size=(160, 110)) as pilot:
        await pilot.press("down")
        editor = app.screen.editor
        await until(pilot, lambda: "제어 문자 항목" in editor.text)
        assert editor.text.startswith("### 제어 문자 항목\n\n[참고링크]")
        assert BODY in editor.text  # the text itself is kept, VT, FF and CR included
        rows = screen_rows(editor)
        for ch in C0 + OTHERS:
            label = f"c{ord(ch):04x}="
            row = next((r for r in rows if label in r), None)
            assert row is not None, (label, rows)
            drawn = row.split(label)[1].split()[0]
            assert len(drawn) == 2 and drawn.endswith("."), (label, row)
            assert drawn[0] != ch and drawn[0].isprintable() and drawn[0] != " ", (label, row)
        text = "".join(rows)
        assert not [c for c in text if (ord(c) < 0x20) or 0x7F <= ord(c) <= 0x9F or c in OTHERS]
        # Typing in the item keeps every control where it was: none became a line break.
        await pilot.press("enter", "ctrl+end", *"ok")
        await pilot.pause()
        assert BODY in editor.text and editor.text.endswith("ok")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: b"ok" in post.read_bytes())
        assert BODY.encode("utf-8") in post.read_bytes()


@asynccontextmanager
async def editing(blog, text: str):
    """The app on a post of ``text``, its first item open in the editor."""
    post = blog / "post.md"
    post.write_bytes(text.encode("utf-8"))
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "enter")
        await until(pilot, lambda: "###" in app.screen.editor.text)
        yield app, pilot


async def test_a_copied_control_is_the_control_itself(blog):
    async with editing(blog, "### 항목\n\n종\x07 소리와 페이지\x0c 나눔\n") as (app, pilot):
        editor = app.screen.editor
        row = editor.text.split("\n").index("종\x07 소리와 페이지\x0c 나눔")
        editor.select_line(row)
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert app.clipboard == "종\x07 소리와 페이지\x0c 나눔"
        await pilot.press("ctrl+x")  # and a cut (the line under the cursor with its newline)
        await pilot.pause()
        assert app.clipboard.startswith("종\x07 소리와 페이지\x0c 나눔")
        assert "종" not in editor.text


async def test_enter_puts_the_cursor_on_the_commentary_past_a_heading_with_a_vt(blog):
    async with editing(blog, "### 제목\x0b끝\n\n[참고링크](https://example.org/vt)\n\n본문 첫 줄\n") as (app, _):
        editor = app.screen.editor
        assert editor.document.get_line(editor.cursor_location[0]) == "본문 첫 줄"
