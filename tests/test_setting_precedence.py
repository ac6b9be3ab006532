"""A setting's value comes from, in order: a flag, the config file, what the blog's posts
show, the default. An explicit `insert_toc` must beat what the blog's posts show, and
what they show must beat the default, in `check`'s output and in `config --explain`."""

from __future__ import annotations

from pathlib import Path

from tui.cli import main

NO_TOC = """---
title: Weekly ML/DL News (3월 {week}주차)
date: 2024.03.{day} 12:00:00
---

이번 주 소식.

### 작은 모델

[참고링크](https://example.org/small-{day})

본문.

### Vector search

[참고링크](https://example.org/vector-{day})
"""

TOC = """## 목차

- [작은 모델](#작은-모델)
- [Vector search](#vector-search)

"""


def blog(tmp_path: Path, *, posts_have_toc: bool) -> Path:
    folder = tmp_path / "blog"
    folder.mkdir()
    for day, week in (("02", 2), ("09", 3)):
        text = NO_TOC.format(day=day, week=week)
        if posts_have_toc:
            text = text.replace("### 작은 모델", TOC + "### 작은 모델")
        (folder / f"2024-03-{day}-news.md").write_text(text, encoding="utf-8")
    post = folder / "2024-03-16-news.md"
    post.write_text(NO_TOC.format(day="16", week=4), encoding="utf-8")
    return post


def config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_config_insert_toc_beats_posts_without_a_toc(tmp_path, capsys, monkeypatch):
    post = blog(tmp_path, posts_have_toc=False)
    monkeypatch.chdir(post.parent)
    code, out, err = run(capsys, "check", "--config", config(tmp_path, "insert_toc = true\n"), post.name)
    assert (code, out, err) == (1, (
        "--- 2024-03-16-news.md\n"
        "+++ 2024-03-16-news.md (after save)\n"
        "@@ -4,6 +4,11 @@\n"
        " ---\n"
        " \n"
        " 이번 주 소식.\n"
        "+\n"
        "+## 목차\n"
        "+\n"
        "+- [작은 모델](#작은-모델)\n"
        "+- [Vector search](#vector-search)\n"
        " \n"
        " ### 작은 모델\n"
        " \n"
    ), "2024-03-16-news.md: stale: TOC inserted with 2 entries\n")


def test_posts_without_a_toc_beat_the_default(tmp_path, capsys):
    post = blog(tmp_path, posts_have_toc=False)
    assert run(capsys, "check", "--config", config(tmp_path, ""), str(post)) == (0, "", "")
    code, out, _ = run(capsys, "config", "--explain", "--config", config(tmp_path, ""), str(post))
    assert "insert_toc = false  # detected: 0 of 2 recent posts with items have a TOC\n" in out


def test_config_without_toc_beats_posts_with_one(tmp_path, capsys):
    post = blog(tmp_path, posts_have_toc=True)
    before = post.read_bytes()
    settings = config(tmp_path, "# the theme draws its own TOC\ninsert_toc = false\n")
    assert run(capsys, "check", "--config", settings, str(post)) == (0, "", "")
    assert run(capsys, "fix", "--config", settings, str(post))[0] == 0
    assert post.read_bytes() == before
    code, out, _ = run(capsys, "config", "--explain", "--config", settings, str(post))
    assert f"insert_toc = false  # config: {settings}, line 2\n" in out


def test_posts_with_a_toc_beat_the_default_and_give_theirs(tmp_path, capsys):
    post = blog(tmp_path, posts_have_toc=True)
    code, _, _ = run(capsys, "fix", "--config", config(tmp_path, ""), str(post))
    assert code == 0
    assert post.read_text(encoding="utf-8") == NO_TOC.format(day="16", week=4).replace(
        "### 작은 모델", TOC + "### 작은 모델")
