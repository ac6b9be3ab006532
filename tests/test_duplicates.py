import os
from pathlib import Path

import pytest

from datetime import datetime

from tui.digest.duplicates import DuplicateIndex, Seen, already_in, duplicates_within, post_date


def post(title: str | None, date: str | None, body: str) -> str:
    lines = []
    if title is not None or date is not None:
        lines.append("---")
        if title is not None:
            lines.append(f"title: {title}")
        if date is not None:
            lines.append(f"date: {date}")
        lines += ["tags:", "- ML", "---", ""]
    return "\n".join(lines) + body


def write(path: Path, text: str, mtime: float | None = None) -> Path:
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


@pytest.fixture
def blog(tmp_path: Path) -> Path:
    posts = tmp_path / "_posts"
    posts.mkdir()
    write(posts / "news-w2.md", post("Weekly ML/DL News (6월 2주차)", "2020.06.06 12:00:00",
          "## 목차\n\n### 모델 압축\n\n[참고링크](https://compress.example.com/blog)\n\n정리가 잘 된 글.\n"))
    write(posts / "news-w3.md", post("Weekly ML/DL News (6월 3주차)", "2020.06.13 12:00:00",
          "### 데이터셋 공개\n\n[참고링크](https://example.com/a)\n\n"
          "같이 보면 좋은 [발표](https://talks.example.org/t/42).\n\n"
          "```\nhttps://only-in-code.example.com\n```\n"))
    write(posts / "news-w4.markdown", post("Weekly ML/DL News (6월 4주차)", "2020-06-20 12:00:00",
          "### Tooling roundup\n\n[Source](https://talks.example.org/t/42)\n"))
    # A draft being edited: excluded from its own duplicate warnings.
    write(posts / "news-w5.md", post("Weekly ML/DL News (6월 5주차)", "2020.06.27 12:00:00",
          "[참고링크](https://example.com/a)\n"))
    # Old post beyond last_n in some tests.
    write(posts / "2019-12-28-news.md", post(None, None, "[참고링크](https://ancient.example.com/x)\n"))
    write(posts / "broken.md", "---\ntitle: [unclosed\n---\n[Link](https://broken-fm.example.com)\n")
    (posts / "binary.md").write_bytes(b"\xff\xfe\x00garbage\x80\x81")
    (posts / "notes.txt").write_text("[참고링크](https://not-a-post.example.com)\n", encoding="utf-8")
    return posts


def test_tracking_and_www_variants_match_across_posts(blog: Path):
    index = DuplicateIndex.build(blog, exclude=blog / "news-w5.md")
    seen = index.lookup("http://www.example.com/a/?utm_source=x")
    assert seen == [Seen(blog / "news-w3.md", "6월 3주차")]
    assert already_in(seen) == "already in 6월 3주차"


def test_newest_first_and_named_by_label(blog: Path):
    index = DuplicateIndex.build(blog, exclude=blog / "news-w5.md")
    seen = index.lookup("https://talks.example.org/t/42#slides")
    assert [s.post_label for s in seen] == ["6월 4주차", "6월 3주차"]
    assert already_in(seen) == "already in 6월 4주차, 6월 3주차"


def test_excluded_post_is_not_counted(blog: Path):
    with_draft = DuplicateIndex.build(blog)
    assert [s.post_label for s in with_draft.lookup("https://example.com/a")] == ["6월 5주차", "6월 3주차"]


def test_only_last_n_posts_by_date(blog: Path):
    index = DuplicateIndex.build(blog, last_n=2)
    assert index.lookup("https://example.com/a")[0].post_label == "6월 5주차"
    assert index.lookup("https://compress.example.com/blog") == []
    assert index.lookup("https://ancient.example.com/x") == []


def test_file_name_date_and_label_fallbacks(blog: Path):
    index = DuplicateIndex.build(blog)
    assert index.lookup("https://ancient.example.com/x") == [
        Seen(blog / "2019-12-28-news.md", "2019-12-28-news")]


def test_code_blocks_other_files_and_unreadable_posts(blog: Path):
    index = DuplicateIndex.build(blog)
    assert index.lookup("https://only-in-code.example.com") == []
    assert index.lookup("https://not-a-post.example.com") == []
    # Front matter that does not parse still leaves the body's links indexed.
    assert [s.post_label for s in index.lookup("https://broken-fm.example.com")] == ["broken"]
    assert already_in([]) is None


def test_mtime_orders_posts_without_dates(tmp_path: Path):
    write(tmp_path / "older.md", "[Link](https://x.example.com)\n", mtime=1_000_000)
    write(tmp_path / "newer.md", "[Link](https://y.example.com)\n", mtime=2_000_000)
    index = DuplicateIndex.build(tmp_path, last_n=1)
    assert index.lookup("https://y.example.com")[0].post_label == "newer"
    assert index.lookup("https://x.example.com") == []


def test_toml_front_matter_and_page_bundles(tmp_path: Path):
    bundle = tmp_path / "weekly-digest"
    bundle.mkdir()
    write(bundle / "index.md", '+++\ntitle = "Weekly Digest (Week 25)"\ndate = 2020-06-20\n+++\n'
          "[Link](https://hugo.example.com/post)\n")
    seen = DuplicateIndex.build(tmp_path).lookup("https://hugo.example.com/post/")
    assert seen == [Seen(bundle / "index.md", "Week 25")]


def test_title_without_parentheses_is_the_label(tmp_path: Path):
    write(tmp_path / "a.md", post("Links I liked", "2021-01-02", "[Link](https://z.example.com)\n"))
    assert DuplicateIndex.build(tmp_path).lookup("https://z.example.com")[0].post_label == "Links I liked"


def test_missing_directory_gives_empty_index(tmp_path: Path):
    index = DuplicateIndex.build(tmp_path / "nope")
    assert index.lookup("https://example.com") == [] and len(index) == 0


def test_duplicates_within_a_post():
    items = [
        "### 하나\n\n[참고링크](https://www.example.com/a?utm_source=feed)\n",
        "### 둘\n\n[참고링크](https://other.example.com)\n",
        "### 셋\n\n본문에서 다시 https://example.com/a/ 를 언급하고 https://example.com/a 도.\n",
        "### 넷\n\n`https://example.com/a` 는 코드일 뿐.\n",
        "### 다섯\n\n[Link](https://other.example.com/#top) and [image](/images/a.png)\n",
    ]
    assert duplicates_within(items) == {"example.com/a": [0, 2], "other.example.com": [1, 4]}
    assert duplicates_within(items[:2]) == {}


def test_only_posts_dated_before_count(blog: Path):
    # Opening the 6월 3주차 post: the 6월 4주차 post came later and cannot make its links repeats.
    index = DuplicateIndex.build(blog, exclude=blog / "news-w3.md", before=datetime(2020, 6, 13, 12))
    assert index.lookup("https://talks.example.org/t/42") == []
    assert already_in(index.lookup("https://compress.example.com/blog")) == "already in 6월 2주차"
    later = DuplicateIndex.build(blog, exclude=blog / "news-w3.md", before=datetime(2020, 6, 27))
    assert already_in(later.lookup("https://talks.example.org/t/42")) == "already in 6월 4주차"


def test_post_date_from_front_matter_or_file_name():
    assert post_date("2020.06.20 12:00:00", Path("x.md")) == datetime(2020, 6, 20, 12)
    assert post_date(None, Path("weekly-2021-03-06.md")) == datetime(2021, 3, 6)
    assert post_date(None, Path("draft.md")) is None
