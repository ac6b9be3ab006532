"""`newsdigest-tui add` as a user runs it: a process of its own against a local web site
(UTF-8 and EUC-KR titles) and a blog directory with a past post."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from add_helpers import PAGES, blog, env, run_add
from httpserver import LocalServer, silent

WEEK = "2026-12-12"  # a Saturday: the post is weekly-ml-dl-news-2026-12-w3.md, "12월 3주차"
NAME = "weekly-ml-dl-news-2026-12-w3.md"


@pytest.fixture
def site():
    with LocalServer(dict(PAGES)) as server:
        yield server


def test_urls_as_arguments_create_the_week_post_with_fetched_titles(tmp_path, site):
    config, posts = blog(tmp_path)
    result = run_add(tmp_path, "--config", str(config), "--date", WEEK, "--note", "경량화 비교가 좋다.",
                     site.url("/ko-euckr") + "?utm_source=twitter&id=7", site.url("/ko-utf8"), site.url("/en"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "added: 한국어 뉴스 제목 (127.0.0.1)",
        "added: 트랜스포머 경량화 정리 (127.0.0.1)",
        "added: Small models win (127.0.0.1)",
    ]
    base = site.url("")
    assert (posts / NAME).read_text(encoding="utf-8") == textwrap.dedent(f"""\
        ---
        title: Weekly ML/DL News (12월 3주차)
        date: 2026.12.12 12:00:00
        categories:
        - news
        tags:
        - ML
        - DL
        ---

        ## 목차

        - [한국어 뉴스 제목](#한국어-뉴스-제목)
        - [트랜스포머 경량화 정리](#트랜스포머-경량화-정리)
        - [Small models win](#small-models-win)

        ### 한국어 뉴스 제목

        [참고링크]({base}/ko-euckr?id=7)

        경량화 비교가 좋다.

        ### 트랜스포머 경량화 정리

        [참고링크]({base}/ko-utf8)

        경량화 비교가 좋다.

        ### Small models win

        [참고링크]({base}/en)

        경량화 비교가 좋다.
        """)
    # The post is current: `check` finds nothing to change.
    check = subprocess.run([sys.executable, "-m", "tui.cli", "check", str(posts / NAME), "--config", str(config)],
                           capture_output=True, text=True, env=env(tmp_path))
    assert check.returncode == 0, check.stdout + check.stderr


def test_stdin_text_gives_its_urls_and_duplicates_are_named(tmp_path, site):
    config, posts = blog(tmp_path)
    message = (f"오늘 본 글: {site.url('/plain')}, 그리고 지난주 것 (https://news.example.org/old-story).\n"
               f"다시: <{site.url('/plain')}>\n")
    result = run_add(tmp_path, "--config", str(config), "--date", WEEK, "-", stdin=message)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "added: Plain page (127.0.0.1)",
        "skipped: https://news.example.org/old-story already in 11월 4주차 (weekly-ml-dl-news-2026-11-w4.md)",
        f"skipped: {site.url('/plain')} given twice",
    ]
    again = run_add(tmp_path, "--config", str(config), "--date", WEEK, site.url("/plain") + "/?fbclid=1")
    assert again.stdout.splitlines() == [
        f"skipped: {site.url('/plain')}/ already in this post (item 1: Plain page)"]
    forced = run_add(tmp_path, "--config", str(config), "--date", WEEK, "--force", "--no-fetch",
                     "https://news.example.org/old-story")
    assert forced.returncode == 0
    text = (posts / NAME).read_text(encoding="utf-8")
    assert text.count(site.url("/plain")) == 1
    assert "[참고링크](https://news.example.org/old-story)" in text


def test_bookmarks_export_with_since(tmp_path, site):
    config, posts = blog(tmp_path)
    export = tmp_path / "bookmarks.html"
    export.write_text(textwrap.dedent(f"""\
        <!DOCTYPE NETSCAPE-Bookmark-File-1>
        <META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
        <TITLE>Bookmarks</TITLE>
        <H1>Bookmarks</H1>
        <DL><p>
            <DT><H3 ADD_DATE="1796083200">ML</H3>
            <DL><p>
                <DT><A HREF="{site.url('/ko-utf8')}" ADD_DATE="1796688000">북마크 제목</A>
                <DT><A HREF="https://old.example.com/2019" ADD_DATE="1546300800">Old bookmark</A>
                <DT><A HREF="javascript:alert(1)" ADD_DATE="1796688000">bookmarklet</A>
            </DL><p>
        </DL><p>
        """), encoding="utf-8")
    result = run_add(tmp_path, "--config", str(config), "--date", WEEK, "--from", str(export), "--since", "2026-12-06")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["added: 트랜스포머 경량화 정리 (127.0.0.1)"]
    assert "bookmarks, 1 links" in result.stderr
    assert "old.example.com" not in (posts / NAME).read_text(encoding="utf-8")


def test_rss_file_titles_fall_back_to_the_feed_and_no_fetch_marks(tmp_path, site):
    config, posts = blog(tmp_path, timeout=1.0)
    site.routes["/slow"] = silent(3.0)
    feed = tmp_path / "starred.xml"
    feed.write_text(textwrap.dedent(f"""\
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Starred</title>
          <item><title>피드의 제목</title><link>{site.url('/slow')}</link>
                <pubDate>Tue, 08 Dec 2026 09:00:00 +0900</pubDate></item>
          <item><title>느린 페이지</title><link>{site.url('/missing')}</link>
                <pubDate>Wed, 09 Dec 2026 09:00:00 +0000</pubDate></item>
          <item><title>Too old</title><link>https://old.example.com/feed-item</link>
                <pubDate>Mon, 01 Jun 2020 09:00:00 +0000</pubDate></item>
        </channel></rss>
        """), encoding="utf-8")
    result = run_add(tmp_path, "--config", str(config), "--date", WEEK, "--from", str(feed), "--since", "2026-12-06",
                     "https://nowhere.example.invalid/딥러닝-입문", "--no-fetch")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "added without title: not fetched (--no-fetch) (https://nowhere.example.invalid/딥러닝-입문)",
        "added: 피드의 제목 (127.0.0.1)",
        "added: 느린 페이지 (127.0.0.1)",
    ]
    text = (posts / NAME).read_text(encoding="utf-8")
    # Only the item with no title at all is marked for the editor to fetch.
    assert text.count("<!-- newsdigest-tui: title not fetched yet -->") == 1
    assert "### 딥러닝 입문\n\n<!-- newsdigest-tui: title not fetched yet -->\n\n[참고링크]" in text
    # With the network: a page that never answers is added without a title, on time.
    slow = run_add(tmp_path, "--config", str(config), "--date", WEEK, site.url("/slow") + "?again=1")
    assert slow.returncode == 0
    assert slow.stdout.splitlines() == [f"added without title: timed out after 1 s ({site.url('/slow')}?again=1)"]


def test_exit_status(tmp_path, site):
    config, posts = blog(tmp_path)
    nothing = run_add(tmp_path, "--config", str(config), "--date", WEEK, "-", stdin="no links here\n")
    assert nothing.returncode == 2 and "no URL given" in nothing.stderr
    bad = run_add(tmp_path, "--config", str(config), "--date", WEEK, "--no-fetch", "ftp://files.example.com/x",
                  "https://ok.example.com/page")
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[0] == "not added: ftp://files.example.com/x (not a web address)"
    missing = run_add(tmp_path, "--config", str(config), "--post", str(tmp_path / "nope.md"), "https://a.example.com/")
    assert missing.returncode == 2


def test_twenty_adds_racing_keep_every_url_exactly_once(tmp_path):
    config, posts = blog(tmp_path)
    script = "import sys; from tui.cli import main; sys.exit(main())"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", script, "add", "--config", str(config), "--date", WEEK, "--no-fetch",
             f"https://race.example.com/own-{n}", "https://race.example.com/shared",
             f"https://race.example.com/pair-{n // 2}"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(tmp_path), cwd=tmp_path)
        for n in range(20)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [err for _, err in outputs]
    text = (posts / NAME).read_text(encoding="utf-8")
    for n in range(20):
        assert text.count(f"(https://race.example.com/own-{n})") == 1
    for n in range(10):
        assert text.count(f"(https://race.example.com/pair-{n})") == 1
    assert text.count("(https://race.example.com/shared)") == 1
    added = sum(out.count("added") for out, _ in outputs)
    assert added == 20 + 10 + 1
    assert not list(posts.glob(".*ndtmp*"))
