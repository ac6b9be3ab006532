"""ctrl+l checks every link of the post against a local server: dead and redirected
links are marked in their rows and named in a notification."""

from __future__ import annotations

from tests.httpserver import LocalServer, Reply
from tests.ui.conftest import make_app, rows

POST = """---
title: Weekly ML/DL News (3월 2주차)
date: 2024.03.09 12:00:00
---

## 목차

- [살아있는 링크](#살아있는-링크)
- [Dead link](#dead-link)
- [옮겨간 페이지](#옮겨간-페이지)

### 살아있는 링크

[참고링크]({ok})

### Dead link

[Source]({dead})

### 옮겨간 페이지

[참고링크]({moved})
"""


async def test_check_links_marks_dead_and_redirected_rows(blog):
    routes = {
        "/ok": Reply(b"<title>ok</title>"),
        "/new-home": Reply(b"<title>moved here</title>"),
        "/old-home": Reply(b"", status=301, headers={"Location": "/new-home"}),
    }
    with LocalServer(routes) as server:
        post = blog / "post.md"
        post.write_text(POST.format(ok=server.url("/ok"), dead=server.url("/gone"),
                                    moved=server.url("/old-home")), encoding="utf-8")
        app = make_app(post)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+l")
            for _ in range(100):
                await pilot.pause(0.05)
                if app.screen.item_list.link_marks:
                    break
            listed = rows(app)
            assert listed[1].startswith(" ") and "살아있는 링크" in listed[1]
            assert listed[2].startswith("✗") and "Dead link" in listed[2]
            assert listed[3].startswith("↪") and "옮겨간 페이지" in listed[3]
            notes = [n.message for n in app._notifications]
            assert any("3 links: 1 dead, 1 redirected" in n and "/gone (HTTP 404)" in n for n in notes)
            await pilot.press("down", "down")
            assert "HTTP 404" in str(app.screen.editor.border_subtitle)
    assert post.read_text(encoding="utf-8") == POST.format(
        ok=server.url("/ok"), dead=server.url("/gone"), moved=server.url("/old-home"))
