"""The judged sessions of issue 13, in a real terminal: the installed console script in a
tmux pane, keys sent the way a user's terminal sends a burst (several keys in one
``send-keys``, some right after launch), a blog of three past posts with fixed dates and
a local web server with a page, a 404 and a redirect. Each session ends with the bytes a
careful user expects on disk.
"""

from __future__ import annotations

import http.server
import shutil
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from .test_tmux_e2e import Tmux

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _post(title: str, day: str, items: list[tuple[str, str, str]]) -> str:
    toc = "".join(f"- [{t}](#{t.lower().replace(' ', '-')})\n" for t, _u, _b in items)
    body = "".join(f"### {t}\n\n[참고링크]({u})\n\n{b}\n\n" for t, u, b in items).rstrip("\n") + "\n"
    return (f"---\ntitle: Weekly ML/DL News ({title})\ndate: {day} 12:00:00\ncategories:\n- news\n---\n\n"
            f"이번 주 소식을 정리했다.\n\n## 목차\n\n{toc}\n{body}")


POSTS = {
    "2024-03-02-news.md": _post("3월 1주차", "2024.03.02", [
        ("Old news", "https://example.org/old-news", "예전 소식."),
        ("공유된 링크", "https://example.org/shared-early", "먼저 나온 글."),
    ]),
    "2024-03-09-news.md": _post("3월 2주차", "2024.03.09", [
        ("공유된 링크 다시", "https://example.org/shared-early", "또 나왔다."),
        ("Later repeat", "https://example.org/shared-later", "이 글이 먼저다."),
    ]),
    "2024-03-16-news.md": _post("3월 3주차", "2024.03.16", [
        ("Later repeat again", "https://example.org/shared-later", "나중 글."),
        ("벡터 검색 입문", "https://blog.example.com/vector", "임베딩 색인 설명."),
    ]),
    "2024-03-23-news.md": _post("3월 4주차", "2024.03.23", [
        ("작은 모델의 반격", "https://example.org/small-models", "파라미터 수가 적은 모델이 이겼다."),
        ("Jupyter shortcuts", "https://docs.example.net/jupyter", "자주 쓰는 단축키."),
        ("강화학습 강의 공개", "https://www.example.edu/rl", "무료 강의."),
    ]),
}
THIS_WEEK = "2024-03-23-news.md"
ITEM_1 = "### 작은 모델의 반격\n\n[참고링크](https://example.org/small-models)\n\n"
ITEM_2 = "### Jupyter shortcuts\n\n[참고링크](https://docs.example.net/jupyter)\n\n"


class _Site(http.server.BaseHTTPRequestHandler):
    PAGES = {
        "/page": "<title>새 모델 공개 소식</title>",
        "/moved-here": "<title>Moved Here: An English Title</title>",
    }

    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = self.path.split("?")[0]
        if path == "/old":
            self.send_response(301)
            self.send_header("Location", "/moved-here")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        page = self.PAGES.get(path)
        body = f"<html><head>{page or '<title>404 Not Found</title>'}</head><body>x</body></html>".encode()
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def blog(tmp_path) -> Path:
    folder = tmp_path / "blog"
    folder.mkdir()
    for name, text in POSTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


class Session(Tmux):
    """The editor on one post in a tmux pane of the given size."""

    def __init__(self, tmp_path: Path, post: Path, size: tuple[int, int]):
        super().__init__(f"wt-bursts-{uuid.uuid4().hex[:8]}", "judged")
        script = Path(sys.executable).with_name("newsdigest-tui")
        # COLUMNS/LINES from pytest would pin the app to 80x24 whatever the pane's size.
        env = (f"-u COLUMNS -u LINES XDG_CONFIG_HOME={tmp_path}/config XDG_DATA_HOME={tmp_path}/data "
               f"XDG_STATE_HOME={tmp_path}/state XDG_CACHE_HOME={tmp_path}/cache")
        self.run("new-session", "-d", "-s", self.session, "-x", str(size[0]), "-y", str(size[1]),
                 f"env {env} {script} {post}; echo EXITED $?; sleep 30")

    def burst(self, *keys: str) -> None:
        """Keys in one send-keys: the pane gets them as one write, as a fast typist's are read."""
        self.run("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def paste(self, text: str) -> None:
        self.run("set-buffer", text)
        self.run("paste-buffer", "-p", "-t", self.session)

    def wait_gone(self, text: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} stayed on the screen:\n{self.screen()}")

    def list_column(self) -> list[str]:
        """The item list's rows (left of the first pane border)."""
        return [line.split("▎")[0] for line in self.screen().splitlines()[2:]]

    def save(self) -> str:
        """ctrl+s, and the screen once it says what the save did."""
        self.burst("C-s")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            screen = self.screen()
            if "Saved" in screen or "Nothing to save" in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"the save said nothing:\n{self.screen()}")

    def quit(self) -> None:
        self.burst("C-q")
        self.wait_for("EXITED 0")


@pytest.fixture
def session(tmp_path):
    opened: list[Session] = []

    def start(post: Path, size=(120, 40)) -> Session:
        opened.append(Session(tmp_path, post, size))
        return opened[-1]

    yield start
    for one in opened:
        one.kill()


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_keys_sent_at_launch_enter_then_d_edits_and_deletes_nothing(blog, session, size):
    post = blog / THIS_WEEK
    tmux = session(post, size)
    tmux.burst("Down", "Down", "Enter", "d")  # right after launch, before the app is up
    tmux.wait_for("esc List")  # the editor has the focus
    tmux.save()
    tmux.quit()
    assert post.read_text(encoding="utf-8") == POSTS[THIS_WEEK].replace(ITEM_2, ITEM_2 + "d")


def test_keys_sent_at_launch_ctrl_end_then_text_ends_the_item(blog, session):
    post = blog / THIS_WEEK
    tmux = session(post, (80, 24))
    tmux.burst("Down", "Down", "Enter", "C-End", "끝에 붙인 글")  # once joined the next heading
    tmux.wait_for("esc List")
    time.sleep(0.3)
    tmux.save()
    tmux.quit()
    assert post.read_text(encoding="utf-8") == POSTS[THIS_WEEK].replace(
        "자주 쓰는 단축키.\n", "자주 쓰는 단축키.\n\n끝에 붙인 글\n")


def test_enter_then_text_and_escape_then_list_keys(blog, session):
    post = blog / THIS_WEEK
    tmux = session(post)
    tmux.wait_for("^p palette")
    tmux.burst("Down", "Enter", "새 ", "Escape", "j", "Enter", "More: ", "C-End", "끝")
    tmux.save()
    tmux.quit()
    expected = (POSTS[THIS_WEEK].replace(ITEM_1, ITEM_1 + "새 ")
                .replace(ITEM_2 + "자주 쓰는 단축키.\n", ITEM_2 + "More: 자주 쓰는 단축키.\n\n끝\n"))
    assert post.read_text(encoding="utf-8") == expected


def test_a_heading_removed_is_not_saved_and_named(blog, session):
    post = blog / THIS_WEEK
    before = post.read_bytes()
    tmux = session(post, (80, 24))
    tmux.wait_for("^p palette")
    tmux.burst("Down", "Enter", "C-Home", "C-k", "C-s")
    screen = tmux.wait_for("lost its heading")
    assert "작은 모델의 반격" in screen
    assert post.read_bytes() == before
    tmux.burst("Escape")  # cancel: the file stays as it was
    tmux.wait_gone("Merge and save")  # (ESC and ctrl+z in one read arrive as ctrl+z alone)
    tmux.burst("C-z")  # the heading back
    time.sleep(0.3)
    assert "Nothing to save: the file is up to date." in tmux.save()
    tmux.quit()
    assert post.read_bytes() == before


def test_f1_in_every_screen(blog, session):
    post = blog / THIS_WEEK
    before = post.read_bytes()
    tmux = session(post, (80, 24))
    tmux.wait_for("^p palette")
    # (keys to open the screen, a line of its own help); escape closes the help, then the screen
    screens = [((), "ctrl+n"), (("Down", "Enter"), "ctrl+s"), (("F5",), "Open link"),
               (("C-o",), "Cancel")]
    for opening, row in screens:
        if opening:
            tmux.burst(*opening)
            time.sleep(0.5)
        tmux.burst("F1")
        assert row in tmux.wait_for("Keys")
        tmux.burst("F1")  # F1 closes it too
        tmux.wait_gone("Keys")
        if opening:
            tmux.burst("Escape")
            time.sleep(0.4)
    tmux.quit()
    assert post.read_bytes() == before


def test_paste_of_mixed_text_repeats_a_404_and_a_redirect(blog, session, site):
    post = blog / THIS_WEEK
    tmux = session(post)
    tmux.wait_for("^p palette")
    tmux.burst("Down")
    tmux.paste(f"오늘 본 글: {site}/page?utm_source=feed <{site}/page> 그리고 "
               f"[이미 있는 글](https://example.org/small-models)\n또 {site}/missing\n{site}/old\n")
    tmux.wait_for("Moved Here")
    screen = tmux.wait_for("Skipped 2 URL")
    assert f"{site}/page" in screen and "https://example.org/small-models" in screen
    tmux.wait_for("✗")
    rows = tmux.list_column()
    assert any("✗" in row and "Missing" in row for row in rows)  # the 404, kept on its row
    assert any("↪" in row and "Moved Here" in row for row in rows)  # the redirect
    tmux.save()
    tmux.quit()
    added = (f"### 새 모델 공개 소식\n\n[참고링크]({site}/page)\n\n"
             f"### Missing\n\n[참고링크]({site}/missing)\n\n"
             f"### Moved Here: An English Title\n\n[참고링크]({site}/old)\n\n")
    toc = ("- [새 모델 공개 소식](#새-모델-공개-소식)\n- [Missing](#missing)\n"
           "- [Moved Here: An English Title](#moved-here-an-english-title)\n")
    expected = (POSTS[THIS_WEEK].replace("- [Jupyter shortcuts]", toc + "- [Jupyter shortcuts]")
                .replace(ITEM_2, added + ITEM_2))
    assert post.read_text(encoding="utf-8") == expected


def test_an_older_post_among_newer_ones(blog, session):
    post = blog / "2024-03-09-news.md"
    before = post.read_bytes()
    tmux = session(post)
    tmux.wait_for("^p palette")
    tmux.burst("Down")
    tmux.wait_for("already in 3월 1주차")  # a link of an earlier post: marked
    rows = [row for row in tmux.list_column() if "Later repeat" in row or "공유된 링크 다시" in row]
    assert len(rows) == 2
    assert "!" in rows[0].split("공유된")[0]
    assert "!" not in rows[1].split("Later")[0]  # only in a later post: no repeat
    tmux.save()
    tmux.quit()
    assert post.read_bytes() == before
