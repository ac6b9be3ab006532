"""A hostile web server against the title fetch and the link check: bodies without end
(after a redirect too), redirects to other schemes, loops and long chains, a drip feed.
Each must end on time with a plain note and without holding the body in memory."""

import json
import subprocess
import sys
import time

import pytest

try:
    from tests.hostile_routes import hostile_routes
    from tests.httpserver import LocalServer, Reply
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from hostile_routes import hostile_routes
    from httpserver import LocalServer, Reply

from tui.digest.fetch import check_link, fetch_page_info

TARGET = Reply("<html><head><title>도착한 페이지</title></head></html>".encode())
HANGUL_PAGE = Reply("<html><head><title>한글 위키</title></head></html>".encode())


@pytest.fixture(scope="module")
def server():
    routes = hostile_routes(TARGET) | {"/wiki/%ED%95%9C%EA%B8%80": HANGUL_PAGE}
    with LocalServer(routes) as srv:
        yield srv


def test_a_korean_path_is_percent_encoded_on_the_wire(server):
    # http.client refuses non-ASCII request lines: this was "not a web address".
    info = fetch_page_info(server.url("/wiki/한글"))
    assert (info.title, info.note) == ("한글 위키", None)
    status = check_link(server.url("/wiki/한글"))
    assert (status.ok, status.note) == (True, "OK")


def test_a_url_with_control_characters_is_not_fetched(server):
    assert fetch_page_info(server.url("/target\x1b[2J")).note == "not a web address"
    assert server.requests[-1:] != [("GET", "/target\x1b[2J")]


def test_redirect_with_endless_body_is_followed_without_reading_it(server):
    started = time.monotonic()
    info = fetch_page_info(server.url("/endless-302"), timeout=3.0)
    assert time.monotonic() - started < 2.0
    assert (info.title, info.final_url) == ("도착한 페이지", server.url("/target"))


def test_endless_page_is_read_up_to_the_cap(server):
    started = time.monotonic()
    info = fetch_page_info(server.url("/endless-page"), timeout=3.0, max_bytes=100_000)
    assert time.monotonic() - started < 2.0
    assert (info.title, info.note) == (None, "no title in page")


def test_redirect_to_ftp_is_not_followed(server):
    info = fetch_page_info(server.url("/ftp"))
    assert info.title is None
    assert info.note == "redirect to ftp address not followed"
    assert info.final_url == "ftp://127.0.0.1:21/pub/file.txt"
    status = check_link(server.url("/ftp"))
    assert (status.ok, status.status, status.note) == (False, 302, "redirect to ftp address not followed")


@pytest.mark.parametrize("path", ["/loop-a", "/self"])
def test_redirect_loop_is_called_a_loop(server, path):
    assert fetch_page_info(server.url(path)).note == "redirect loop"
    status = check_link(server.url(path))
    assert not status.ok and status.note == "redirect loop" and status.status in (301, 302)


def test_five_redirects_are_followed_and_the_sixth_is_not(server):
    # /hop2 is five redirects from the page (/hop7); /hop1 six.
    assert fetch_page_info(server.url("/hop2")).title == "도착한 페이지"
    assert check_link(server.url("/hop2")).ok
    info = fetch_page_info(server.url("/hop1"))
    assert (info.title, info.note) == (None, "too many redirects (more than 5)")
    status = check_link(server.url("/hop1"))
    assert (status.ok, status.status, status.note) == (False, 307, "too many redirects (more than 5)")


def test_a_redirected_head_stays_a_head(server):
    server.requests.clear()
    assert check_link(server.url("/hop5")).ok
    assert [method for method, _ in server.requests] == ["HEAD", "HEAD", "HEAD"]


@pytest.mark.parametrize("call, path", [(fetch_page_info, "/drip"), (fetch_page_info, "/drip-headers"),
                                        (check_link, "/drip-headers")])
def test_drip_feed_ends_at_the_wall_time_cap(server, call, path):
    started = time.monotonic()
    result = call(server.url(path), timeout=1.0)
    assert time.monotonic() - started < 1.8
    assert "timed out" in result.note


# The child's own peak, VmHWM: getrusage's ru_maxrss keeps the parent's peak across the
# fork and exec (a pytest worker grown to 278 MB by earlier tests failed this in CI).
_PEAK_KB = """
def peak_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
"""

_MEASURE = _PEAK_KB + """
import json, sys
from tui.digest.fetch import check_link, fetch_page_info
for url in sys.argv[1:]:
    fetch_page_info(url, timeout=3.0)
    check_link(url, timeout=3.0)
print(json.dumps(peak_kb()))
"""


def test_peak_memory_of_fetches_against_endless_bodies(server):
    # Before: 2-4 GB for one title fetch through an endless 302, 10 GB for check_link.
    urls = [server.url(p) for p in ("/endless-302", "/endless-page", "/drip", "/loop-a")]
    done = subprocess.run([sys.executable, "-c", _MEASURE, *urls], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    peak_kb = json.loads(done.stdout)
    assert peak_kb < 200 * 1024, f"peak RSS {peak_kb // 1024} MB"


_LINKS = _PEAK_KB + """
import json, sys
from tui.cli import main
code = main(["links", "--timeout", "3", sys.argv[1]])
print(json.dumps([code, peak_kb()]))
"""


def test_links_command_against_a_hostile_server(server, tmp_path):
    post = tmp_path / "post.md"
    lines = ["---", "title: 링크 점검", "date: 2024.03.09 12:00:00", "---", ""]
    for n, path in enumerate(("/no-head", "/endless-302", "/ftp", "/loop-a", "/hop1", "/hop2"), 1):
        lines += [f"### 항목 {n}", "", f"[참고링크]({server.url(path)})", ""]
    post.write_text("\n".join(lines), encoding="utf-8")
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _LINKS, str(post)], capture_output=True, text=True, timeout=60)
    assert time.monotonic() - started < 15
    *out, last = done.stdout.splitlines()
    code, peak_kb = json.loads(last)
    assert peak_kb < 200 * 1024, f"peak RSS {peak_kb // 1024} MB"
    assert code == 1
    assert f"{post}: dead: {server.url('/loop-a')} (redirect loop) in '항목 4'" in out
    assert f"{post}: dead: {server.url('/ftp')} (redirect to ftp address not followed) in '항목 3'" in out
    assert f"{post}: dead: {server.url('/hop1')} (too many redirects (more than 5)) in '항목 5'" in out
    assert f"{post}: redirect: {server.url('/no-head')} (redirects to {server.url('/target')}) in '항목 1'" in out
    assert f"{post}: 6 links, 3 dead, 0 unreachable, 3 redirected" in done.stderr


def test_hostile_title_and_description_are_cleaned_at_intake():
    from tui.digest.pagehead import parse_head

    html = ("<title>제목\x00 하나\x1b]0;x\x07 \u202e뒤집기\u200b  끝</title>"
            '<meta name="description" content="설명\x9b31m\t\t입니다">')
    assert parse_head(html) == ("제목 하나]0;x 뒤집기 끝", "설명31m 입니다")
    long = parse_head(f"<title>{'긴 제목 ' * 100}</title>")[0]
    assert len(long) <= 200 and long.endswith("…")
