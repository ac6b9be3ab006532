"""Hostile page titles through the editor's paste: what reaches the post is cleaned and
escaped, what reaches a toast is shown literally (Rich markup is not obeyed)."""

from __future__ import annotations

from textual import events

from tests.httpserver import LocalServer, Reply
from tests.ui.conftest import make_app, titles, until
from tui.digest.links import links_in
from tui.screens.editor_links import title_as_heading

HOSTILE_TITLE = "Rust\x00 [bold red]릴리스[/]\x1b]0;x\x07 노트\u202e [link=https://evil.example/x]click[/]"
PAGE = (f"<html><head><title>{HOSTILE_TITLE}</title>"
        '<meta name="description" content="설명\x1b[2J 입니다\x07"></head></html>')


def toasts(app) -> list[str]:
    """Each notification as its toast draws it (markup parsed only where it is asked for)."""
    from textual.content import Content

    return [str(Content.from_markup(n.message) if n.markup else Content(n.message)) for n in app._notifications]


def test_title_as_heading_cleans_then_escapes():
    heading = title_as_heading(HOSTILE_TITLE)
    assert heading == ("Rust \\[bold red\\]릴리스\\[/\\]\\]0;x 노트 "
                       "\\[link=https\\://evil.example/x\\]click\\[/\\]")
    # The escaped heading holds no link: only the item's reference link is found.
    assert links_in(f"### {heading}\n\n[참고링크](https://ok.example/)\n") == ["https://ok.example/"]


def test_links_resolve_backslash_escapes_in_a_bare_url():
    # mistune's url plugin kept the escapes: https://a.example/b%5C_c%5C*d before.
    assert links_in("읽을거리 https://a.example/b\\_c\\*d 참고") == ["https://a.example/b_c*d"]
    assert links_in("\\[x https://evil.example/x\\]y\\[/\\]") == ["https://evil.example/x%5Dy%5B/"]


async def test_pasted_hostile_title_is_cleaned_into_the_post(ko_post):
    with LocalServer({"/page": Reply(PAGE.encode())}) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        async with app.run_test(size=(120, 40)) as pilot:
            app.post_message(events.Paste(server.url("/page")))
            await until(pilot, lambda: titles(app)[0].startswith("Rust"))
            assert titles(app)[0] == title_as_heading(HOSTILE_TITLE)
            await pilot.press("f4")
            assert app.screen.editor.text.endswith("\n\n설명[2J 입니다\n")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: any(t.startswith("Saved") for t in toasts(app)))
    saved = ko_post.read_bytes()
    assert not [b for b in saved if b < 0x20 and b not in b"\n"]
    text = saved.decode("utf-8")
    assert "\u202e" not in text
    assert f"### {title_as_heading(HOSTILE_TITLE)}\n" in text


async def test_markup_in_data_is_shown_literally_in_toasts(ko_post):
    with LocalServer({}) as server:
        app = make_app(ko_post, fetch_titles=True, fetch_timeout=3.0)
        url = server.url("/news/x[b]빨강\x1b")
        async with app.run_test(size=(120, 40)) as pilot:
            app.screen.add_urls([url])
            await until(pilot, lambda: any("No page title" in t for t in toasts(app)), timeout=6)
            note = next(t for t in toasts(app) if "No page title" in t)
            assert "/news/x[b]빨강␛: not a web address" in note
            await pilot.press("delete")
            await until(pilot, lambda: any(t.startswith("Deleted") for t in toasts(app)))
            deleted = next(t for t in toasts(app) if t.startswith("Deleted"))
            assert deleted == "Deleted “X[b]빨강␛”. Press u to undo."


HOSTILE_POST = (
    "---\ntitle: 주간 소식\ndate: 2024.03.09 12:00:00\n---\n\n"
    "### 제목\x1b]0;pwned\x07 하나\x1b[31m\n\n[참고링크](https://example.org/a)\n\n"
    "본문\x1b[2J 지우기 bidi\u202etxt\x9b31m 끝.\n"
)


async def test_item_preview_paints_controls_as_symbols(blog):
    post = blog / "hostile.md"
    post.write_text(HOSTILE_POST, encoding="utf-8")
    app = make_app(post)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down")
        preview = app.screen.preview
        await until(pilot, lambda: "pwned" in preview.source)
        await pilot.pause(0.3)
        painted = "\n".join(strip.text for strip in preview.render_lines(preview.region.reset_offset))
        assert "제목␛]0;pwned␇ 하나␛[31m" in painted
        assert "본문␛[2J" in painted and "<U+202E>" in painted and "<U+009B>" in painted
        assert not [c for c in painted if (ord(c) < 0x20 and c != "\n") or 0x7F <= ord(c) <= 0x9F
                    or c == "\u202e"]
        assert "\x1b" not in app.title + app.sub_title + app.screen.title + app.screen.sub_title
