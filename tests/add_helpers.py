"""A blog directory, a config and a local web site for the `add` tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from httpserver import Reply

ROOT = Path(__file__).resolve().parent.parent

# One Korean page in EUC-KR (declared only in <meta>), one in UTF-8 (declared only in the
# HTTP header), and an English one whose title carries a terminal escape.
PAGES = {
    "/ko-euckr": Reply('<html><head><meta charset="euc-kr"><title>한국어 뉴스 제목</title></head>'
                       "<body>본문</body></html>".encode("euc-kr")),
    "/ko-utf8": Reply("<html><head><title>트랜스포머 경량화 정리</title></head></html>".encode("utf-8"),
                      content_type="text/html; charset=utf-8"),
    "/en": Reply(b"<html><head><title>Small\x07 models\x1b win</title></head></html>"),
    "/plain": Reply(b"<html><head><title>Plain page</title></head></html>"),
}

PAST_POST = """\
---
title: Weekly ML/DL News (11월 4주차)
date: 2026.11.28 12:00:00
---

## 목차

- [Old news](#old-news)

### Old news

[참고링크](https://news.example.org/old-story)

Already shared last week.
"""


def blog(tmp_path: Path, *, timeout: float = 2.0) -> tuple[Path, Path]:
    """(config file, posts dir) with one past post in it."""
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "weekly-ml-dl-news-2026-11-w4.md").write_text(PAST_POST, encoding="utf-8")
    config = tmp_path / "config.toml"
    config.write_text(f'posts_dir = "{posts}"\nfetch_timeout = {timeout}\n', encoding="utf-8")
    return config, posts


def env(tmp_path: Path) -> dict[str, str]:
    values = dict(os.environ)
    values["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    values["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")
    values["XDG_STATE_HOME"] = str(tmp_path / "xdg-state")  # the posts' lock files
    return values


def run_add(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`newsdigest-tui add` as a process of its own, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())", "add", *args],
        input=stdin, capture_output=True, text=True, env=env(tmp_path), cwd=tmp_path, timeout=120,
    )
