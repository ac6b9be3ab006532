"""`check` names the items whose page could not be fetched, from the notes the editor and
`add` keep beside the journal: one line each, controls shown, a warning unless --strict."""

from __future__ import annotations

import os
import subprocess
import sys

from tui.digest.page_notes import notes_path, write_notes

POST = """---
title: Weekly ML/DL News (3월 3주차)
date: 2024.03.09 12:00:00
---

## 목차

- [멀쩡한 글](#멀쩡한-글)
- [항목 3\x07](#항목-3)

### 멀쩡한 글

[참고링크](https://example.org/fine)

### 항목 3\x07

[참고링크](https://example.org/gone)
"""


def check(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "data"), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_STATE_HOME=str(tmp_path / "state"))
    return subprocess.run([sys.executable, "-c", "import sys; from tui.cli import main; sys.exit(main())",
                           "check", *args], capture_output=True, text=True, env=env, timeout=60)


def test_a_failed_fetch_is_one_warning_line_with_its_controls_shown(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST, encoding="utf-8")
    clean = check(tmp_path, str(post))
    assert clean.stdout == "" and "fetch failed" not in clean.stderr
    journal = tmp_path / "data" / "newsdigest-tui" / "journal"
    write_notes(journal, post, {"https://example.org/gone": {"failed": "HTTP 404"},
                                "https://example.org/fine": {"description": "괜찮다."}})
    done = check(tmp_path, str(post))
    lines = [line for line in done.stderr.splitlines() if "fetch failed" in line]
    assert lines == [f"{post}: fetch failed for '항목 3\\x07': HTTP 404 (https://example.org/gone)"]
    assert done.returncode == 1  # the controls in the heading, not the failed fetch
    post.write_text(POST.replace("\x07", ""), encoding="utf-8")
    warned = check(tmp_path, str(post))
    assert warned.returncode == 0
    assert warned.stderr == f"{post}: fetch failed for '항목 3': HTTP 404 (https://example.org/gone)\n"
    assert check(tmp_path, "--strict", str(post)).returncode == 1


def test_an_unreadable_notes_file_is_no_notes(tmp_path):
    post = tmp_path / "post.md"
    post.write_text(POST.replace("\x07", ""), encoding="utf-8")
    journal = tmp_path / "data" / "newsdigest-tui" / "journal"
    journal.mkdir(parents=True)
    os.mkfifo(notes_path(journal, post))  # a plain read would wait for a writer for ever
    done = check(tmp_path, str(post))
    assert (done.returncode, done.stderr) == (0, "")
