"""A hostile post (escape sequences, NUL, DEL, C1, bidi) and a hostile server through every
headless command: nothing they print may hold a raw control character, `check` reports
the controls it finds and fails, and `fix` keeps them unless told to strip them."""

from __future__ import annotations

import subprocess
import sys

import pytest

try:
    from tests.httpserver import LocalServer, Reply
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from httpserver import LocalServer, Reply

ESC_TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J"
RED = "\x1b[31m"
BIDI = "\u202e"
HOSTILE = (
    "---\n"
    f"title: Weekly ML/DL News (3월 2주차){RED}\n"
    "date: 2024.03.09 12:00:00\n"
    "---\n"
    "\n"
    f"이번 주 소식{CLEAR}입니다.\n"
    "\n"
    "## 목차\n"
    "\n"
    f"- [옛 항목{ESC_TITLE}](#old)\n"
    "\n"
    f"### 제목{ESC_TITLE} 하나{RED}\n"
    "\n"
    "[참고링크]({url})\n"
    "\n"
    f"본문에 BS\x08 과 DEL\x7f 그리고 C1\x9b31m 과 bidi{BIDI}txt.\n"
    "\n"
    f"### Second{BIDI} title\x1b[0m\n"
    "\n"
    "[Link]({url})\n"
)
SIBLING = "---\ntitle: 지난주\ndate: 2024.03.02 12:00:00\n---\n\n### 예전{CLEAR}\n\n[참고링크]({url})\n"


def assert_harmless(data: bytes, where: str) -> None:
    text = data.decode("utf-8")
    bad = sorted({c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F
                  or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"})
    assert not bad, f"{where}: raw control characters {bad!r} in {text[:400]!r}"


def cli(*argv: str, cwd) -> subprocess.CompletedProcess:
    """Run the CLI; a test that passes no --config gets an empty one (never the user's)."""
    if "--config" not in argv:
        config = cwd / "empty-config.toml"
        config.write_text("", encoding="utf-8")
        argv = (*argv, "--config", str(config))
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *argv],
        capture_output=True, timeout=60, cwd=cwd,
    )


@pytest.fixture(scope="module")
def server():
    def hostile_location(handler):
        handler.send_response(302)
        handler.send_header("Location", f"/moved{CLEAR}{ESC_TITLE}")
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    with LocalServer({"/hostile": hostile_location, "/ok": Reply(b"<title>ok</title>")}) as srv:
        yield srv


@pytest.fixture
def posts(tmp_path, server):
    url = server.url("/hostile")
    post = tmp_path / f"post{RED}.md"
    post.write_text(HOSTILE.format(url=url), encoding="utf-8")
    (tmp_path / "2024-03-02-older.md").write_text(SIBLING.format(url=url, CLEAR=CLEAR), encoding="utf-8")
    return tmp_path, post


def test_every_headless_output_path_shows_controls_visibly(posts):
    folder, post = posts
    missing = folder / f"missing{ESC_TITLE}.md"
    # The sibling has no TOC, so the learned convention would leave the post without one:
    # the config asks for a TOC so that check has a diff (with the hostile heading) to print.
    config = folder / "config.toml"
    config.write_text("insert_toc = true\n", encoding="utf-8")
    runs = {
        "check": cli("check", "--config", str(config), str(post), str(missing), cwd=folder),
        "check --strict": cli("check", "--strict", str(post), cwd=folder),
        "links": cli("links", "--timeout", "3", str(post), cwd=folder),
        "fix": cli("fix", str(post), str(missing), cwd=folder),
        "fix --strip-controls": cli("fix", "--strip-controls", str(post), cwd=folder),
        "new": cli("new", "--dir", str(folder / f"new{CLEAR}"), "--date", "2024-03-16", cwd=folder),
        "bad option": cli("check", "--anchors", f"x{CLEAR}", str(post), cwd=folder),
    }
    for name, done in runs.items():
        assert_harmless(done.stdout, f"{name} stdout")
        assert_harmless(done.stderr, f"{name} stderr")
    check = runs["check"]
    assert check.returncode == 2
    out = check.stdout.decode()  # the TOC insertion diff, its hostile headings made visible
    assert "+- [제목␛\\]0;pwned␇ 하나␛\\[31m](#제목0pwned-하나31m)\n" in out
    assert "+- [Second<U+202E> title␛\\[0m](#second-title0m)\n" in out
    err = check.stderr.decode()
    assert "appears in several items (제목␛]0;pwned␇ 하나␛[31m, Second<U+202E> title␛[0m)" in err
    assert "missing␛]0;pwned␇.md" in err
    links = runs["links"].stdout.decode()
    assert "/hostile (redirect to a malformed address: http://127.0.0.1:" in links
    assert "/moved␛[2J␛]0;pwned␇) in '제목\\x1b]0;pwned\\x07 하나" in links


def test_check_reports_each_control_with_line_column_and_kind(posts):
    folder, post = posts
    done = cli("check", str(post), cwd=folder)
    lines = [line for line in done.stderr.decode().splitlines() if "control character" in line]
    name = "post␛[31m.md"
    assert lines[:3] == [
        f"{folder / name}:2:34: control character ␛ (C0 control, U+001B)",
        f"{folder / name}:6:8: control character ␛ (C0 control, U+001B)",
        f"{folder / name}:10:8: control character ␛ (C0 control, U+001B)",
    ]
    assert f"{folder / name}:16:7: control character ␈ (C0 control, U+0008)" in lines
    assert f"{folder / name}:16:14: control character ␡ (DEL, U+007F)" in lines
    assert f"{folder / name}:16:22: control character <U+009B> (C1 control, U+009B)" in lines
    assert f"{folder / name}:16:33: control character <U+202E> (bidi control, U+202E)" in lines


def test_check_fails_for_controls_alone(tmp_path):
    post = tmp_path / "clean.md"
    post.write_text("### 제목\n\n본문\x1b[2J 끝\n", encoding="utf-8")
    (tmp_path / "config.toml").write_text("insert_toc = false\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tui.cli", "check", str(post), "--config",
                           str(tmp_path / "config.toml")], capture_output=True, timeout=60)
    assert done.returncode == 1 and done.stdout == b""
    assert f"{post}:3:3: control character ␛ (C0 control, U+001B)".encode() in done.stderr
    post.write_text("### 제목\n\n본문 끝\r\n", encoding="utf-8")  # a CR before LF is a line ending
    done = subprocess.run([sys.executable, "-m", "tui.cli", "check", str(post), "--config",
                           str(tmp_path / "config.toml")], capture_output=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")


def test_fix_keeps_controls_unless_asked(posts):
    folder, post = posts
    cli("fix", str(post), cwd=folder)
    once = post.read_text(encoding="utf-8")
    for raw in (ESC_TITLE, CLEAR, "\x08", "\x7f", "\x9b", BIDI):
        assert raw in once
    done = cli("fix", "--strip-controls", str(post), cwd=folder)
    assert done.returncode == 0
    stripped = post.read_text(encoding="utf-8")
    assert "### 제목]0;pwned 하나[31m\n" in stripped
    assert "본문에 BS 과 DEL 그리고 C131m 과 bidi txt.\n".replace("bidi ", "bidi") in stripped
    assert not [c for c in stripped if ord(c) < 0x20 and c != "\n"]
    assert cli("check", str(post), cwd=folder).returncode == 0
