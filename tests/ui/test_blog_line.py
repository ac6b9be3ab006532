"""The post form names the blog's engine and the anchor style in force, read-only."""

from __future__ import annotations

from textual.widgets import Static

from tui.app import NewsDigestApp
from tui.config import parse_options
from tui.digest.postfile import open_post

from .conftest import make_settings, until

POST = "---\ntitle: 주간 소식\ndate: 2020.06.20 12:00:00\n---\n\n이번 주.\n\n### 첫 소식\n\n본문.\n"


async def test_post_form_shows_detected_engine_and_style(tmp_path):
    (tmp_path / "_config.yml").write_text("title: 블로그\nmarked:\n  modifyAnchors: 1\n", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"dependencies": {"hexo": "^7.0.0"}}', encoding="utf-8")
    post = tmp_path / "source" / "_posts" / "week.md"
    post.parent.mkdir(parents=True)
    post.write_text(POST, encoding="utf-8")
    settings = make_settings()
    app = NewsDigestApp(post, settings, open_post(post, parse_options(settings)))
    async with app.run_test(size=(120, 40)) as pilot:
        # Learned after the first paint, off the event loop.
        await until(pilot, lambda: app.screen.query("#form-blog") and app.screen.query_one("#form-blog").display)
        await pilot.pause()
        line = app.screen.query_one("#form-blog", Static)
        assert str(line.render()) == "hexo blog, anchors: hexo-lower (detected)"
        assert line.region.height == 1  # one row
        assert app.settings.anchor_style == "hexo-lower" and app.screen.post.options.anchor_style == "hexo-lower"
        await pilot.press("ctrl+s")
        await pilot.pause()
    # The blog has no other post to learn from: a Hexo blog's post gets no TOC it never had;
    # the title "주간 소식" is no template's, so it stays.
    assert post.read_text(encoding="utf-8") == POST


async def test_ctrl_s_obeys_the_blogs_toc_habit(tmp_path):
    # The blog's one other post has a Korean TOC: the new post gets one, headed as the blog heads it.
    toc = "## 목차\n\n- [첫 소식](#첫-소식)\n\n"
    (tmp_path / "old.md").write_text(POST.replace("### 첫", toc + "### 첫"), encoding="utf-8")
    post = tmp_path / "new.md"
    post.write_text(POST.replace("첫 소식", "First News"), encoding="utf-8")
    settings = make_settings()
    app = NewsDigestApp(post, settings, open_post(post, parse_options(settings)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert post.read_text(encoding="utf-8") == POST.replace("### 첫 소식", "## 목차\n\n- [First News](#first-news)\n\n### First News")
