"""The front matter form: what it shows, the Changed messages it sends, broken front matter."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, SelectionList, TextArea

from tui.digest.frontmatter import split_front_matter
from tui.digest.postdir import known_tags
from tui.widgets.post_form import PostForm

from . import ENGLISH_POST, KOREAN_POST, WidgetApp

BROKEN = "---\ntitle: [unclosed\ndate: 2026.03.07 12:00:00\n---\n\n본문.\n"


def front_of(text: str):
    return split_front_matter(text)[0]


async def run_form(text: str, keys=(), tags=("ML", "DL", "논문"), size=(80, 40), actions=None):
    """Mount a form, drive it, return (the form, the Changed messages as (key, value))."""
    form = PostForm(front_of(text), list(tags))
    changes: list[tuple[str, object]] = []
    app = WidgetApp(form)

    seen: list[PostForm.Changed] = []

    def hook(message):
        # The hook sees a message at every node it bubbles through: count it once.
        if isinstance(message, PostForm.Changed) and not any(m is message for m in seen):
            seen.append(message)
            changes.append((message.key, message.value))

    async with app.run_test(size=size, message_hook=hook) as pilot:
        await pilot.pause()
        if actions:
            await actions(pilot, form)
        await pilot.pause()
    return form, changes


async def test_fields_show_the_front_matter_as_written():
    async def look(pilot, form):
        assert form.query_one("#form-title", Input).value == "Weekly ML/DL News (3월 2주차)"
        assert form.query_one("#form-date", Input).value == "2026.03.07 12:00:00"
        assert form.query_one("#form-categories", Input).value == "news"
        tags = form.query_one("#form-tags", SelectionList)
        assert tags.selected == ["ML", "벤치마크"]
        assert [o.value for o in tags.options] == ["ML", "벤치마크", "DL", "논문"]

    await run_form(KOREAN_POST, actions=look)


async def test_english_yaml_timestamp_date_is_shown_as_written():
    async def look(pilot, form):
        assert form.query_one("#form-date", Input).value == "2026-03-07 09:30:00"
        assert form.query_one("#form-categories", Input).value == "reading"

    await run_form(ENGLISH_POST, actions=look)


async def test_title_change_is_sent_on_enter_once():
    async def edit(pilot, form):
        field = form.query_one("#form-title", Input)
        field.focus()
        # One change, not typed key by key: on a loaded machine keys can arrive further
        # apart than the debounce, and a half-typed title would (rightly) be sent.
        field.value = "New title"
        await pilot.press("enter")
        await pilot.pause(0.8)  # past the debounce: it must not send the same value again

    _, changes = await run_form(KOREAN_POST, actions=edit)
    assert changes == [("title", "New title")]


async def test_typing_is_debounced_into_one_message():
    async def edit(pilot, form):
        form.query_one("#form-categories", Input).focus()
        await pilot.press("end", *", 리뷰")
        await pilot.pause(1.0)

    _, changes = await run_form(KOREAN_POST, actions=edit)
    assert changes == [("categories", ["news", "리뷰"])]


async def test_date_sent_on_blur_only_when_valid():
    async def edit(pilot, form):
        field = form.query_one("#form-date", Input)
        field.focus()
        field.value = "next saturday"
        await pilot.press("tab")
        await pilot.pause(0.8)
        assert field.has_class("-invalid")
        field.focus()
        field.value = "2026.03.14 12:00:00"
        await pilot.press("tab")

    _, changes = await run_form(KOREAN_POST, actions=edit)
    assert changes == [("date", "2026.03.14 12:00:00")]


async def test_tags_toggle_and_add_with_suggestion():
    async def edit(pilot, form):
        tags = form.query_one("#form-tags", SelectionList)
        tags.focus()
        await pilot.press("space")  # untick ML (the highlighted first option)
        await pilot.press("down", "down", "space")  # tick DL
        adder = form.query_one("#form-tag-add", Input)
        adder.focus()
        await pilot.press(*"논")
        await pilot.pause()
        assert adder._suggestion == "논문"
        await pilot.press("right", "enter")  # accept the suggestion, add it
        await pilot.press(*"brand new", "enter")
        await pilot.pause()
        assert tags.selected[-1] == "brand new"

    _, changes = await run_form(KOREAN_POST, actions=edit)
    assert changes == [
        ("tags", ["벤치마크"]),
        ("tags", ["벤치마크", "DL"]),
        ("tags", ["벤치마크", "DL", "논문"]),
        ("tags", ["벤치마크", "DL", "논문", "brand new"]),
    ]


async def test_broken_front_matter_is_shown_read_only():
    async def look(pilot, form):
        assert not form.query(Input)
        assert "does not parse" in str(form.query_one(".form-error").render()) or "line" in str(
            form.query_one(".form-error").render())
        raw = form.query_one("#form-raw", TextArea)
        assert raw.read_only and raw.text == front_of(BROKEN).raw
        raw.focus()
        await pilot.press("x", "y")
        assert raw.text == front_of(BROKEN).raw

    _, changes = await run_form(BROKEN, actions=look)
    assert changes == []


async def test_no_front_matter_says_so():
    async def look(pilot, form):
        assert not form.query(Input)
        assert "no front matter" in str(form.query_one(".form-error").render())

    await run_form("# Just a body\n", actions=look)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_form_renders_in_dark_and_light(theme):
    form = PostForm(front_of(KOREAN_POST), ["ML"])
    async with WidgetApp(form, theme=theme).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert form.query_one("#form-title").region.height >= 1
        assert form.query_one("#form-tags").region.height >= 2


def test_known_tags_from_the_directory(tmp_path: Path):
    (tmp_path / "a.md").write_text(KOREAN_POST, encoding="utf-8")
    (tmp_path / "b.md").write_text(KOREAN_POST.replace("- 벤치마크", "- 논문"), encoding="utf-8")
    (tmp_path / "c.markdown").write_text(ENGLISH_POST, encoding="utf-8")
    (tmp_path / "broken.md").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "bin.md").write_bytes(b"\x00\xff" * 100)
    # A huge post: only its head is read, its tags still count.
    (tmp_path / "huge.md").write_text("---\ntags: solo\n---\n" + "본문 " * 500_000, encoding="utf-8")
    # Most used first, then alphabetical.
    assert known_tags(tmp_path) == ["ML", "python", "solo", "tools", "논문", "벤치마크"]
    assert known_tags(tmp_path, limit=2) == ["ML", "python"]
    assert known_tags(tmp_path / "missing") == []
