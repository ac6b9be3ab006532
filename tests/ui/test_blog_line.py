"""The post form names the blog's engine and the anchor style in force, read-only."""

from __future__ import annotations

from textual.widgets import Static

from tui.app import NewsDigestApp
from tui.config import parse_options
from tui.digest.postfile import open_post
from tui.effective import resolve

from .conftest import make_settings, until

POST = "---\ntitle: 주간 소식\ndate: 2020.06.20 12:00:00\n---\n\n이번 주.\n\n### 첫 소식\n\n본문.\n"


async def test_post_form_shows_detected_engine_and_style(tmp_path):
    (tmp_path / "_config.yml").write_text("title: 블로그\nmarked:\n  modifyAnchors: 1\n", encoding="utf-8")
    (tmp_path / "package.json").write_text('{"dependencies": {"hexo": "^7.0.0"}}', encoding="utf-8")
    post = tmp_path / "source" / "_posts" / "week.md"
    post.parent.mkdir(parents=True)
    post.write_text(POST, encoding="utf-8")
    settings = resolve(make_settings(), post).settings
    app = NewsDigestApp(post, settings, open_post(post, parse_options(settings)))
    async with app.run_test(size=(120, 40)) as pilot:
        await until(pilot, lambda: len(app.screen.query("#form-blog")) == 1)
        await pilot.pause()
        line = app.screen.query_one("#form-blog", Static)
        assert str(line.render()) == "hexo blog, anchors: hexo-lower (detected)"
        assert line.region.height == 1  # shown, one row
