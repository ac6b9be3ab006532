"""`newsdigest-tui links`: every link checked against a local server, dead apart from
unreachable, and an unreadable post reported without stopping the others."""

from __future__ import annotations

from tests.httpserver import LocalServer, Reply, closed_port
from tui.cli import main

POST = """---
title: Weekly ML/DL News (3월 2주차)
date: 2024.03.09 12:00:00
---

### 살아있는 링크

[참고링크]({ok})

### Gone

[Source]({dead}) and an [inline one]({moved}).

### 꺼진 서버

[참고링크]({down})
"""


def test_links_reports_dead_redirected_and_unreachable(tmp_path, capsys):
    routes = {"/ok": Reply(b"<title>ok</title>"), "/new": Reply(b"<title>new</title>"),
              "/old": Reply(b"", status=301, headers={"Location": "/new"})}
    with LocalServer(routes) as server:
        post = tmp_path / "post.md"
        down = f"http://127.0.0.1:{closed_port()}/x"
        text = POST.format(ok=server.url("/ok"), dead=server.url("/gone"), moved=server.url("/old"), down=down)
        post.write_text(text, encoding="utf-8")
        missing = tmp_path / "missing.md"
        code = main(["links", "--timeout", "3", str(post), str(missing)])
    out, err = capsys.readouterr()
    assert code == 2  # one post could not be read, which outranks the dead link
    assert f"{post}: dead: {server.url('/gone')} (HTTP 404) in 'Gone'\n" in out
    assert f"{post}: redirect: {server.url('/old')} (redirects to {server.url('/new')}) in 'Gone'\n" in out
    assert f"{post}: unreachable: {down} (offline: connection refused) in '꺼진 서버'\n" in out
    assert server.url("/ok") not in out
    assert f"{post}: 4 links, 1 dead, 1 unreachable, 1 redirected" in err
    assert f"{missing}: cannot open {missing}: it does not exist\n" in err
    assert post.read_text(encoding="utf-8") == text


def test_links_exit_1_when_only_a_link_is_dead(tmp_path, capsys):
    with LocalServer({}) as server:
        post = tmp_path / "post.md"
        post.write_text(f"### A\n\n[Link]({server.url('/nothing')})\n", encoding="utf-8")
        assert main(["links", str(post)]) == 1
    assert "dead" in capsys.readouterr().out
