import gzip
import socket
import time
import unicodedata

import pytest

try:
    from tests.httpserver import LocalServer, Reply, closed_port, silent, trickle
except ImportError:  # tests/ is not a package: pytest puts it on sys.path instead
    from httpserver import LocalServer, Reply, closed_port, silent, trickle

from tui.digest.fetch import check_link, fetch_page_info
from tui.digest.pagehead import decode_html, parse_head

KO_TITLE = "주간 딥러닝 소식 정리: 똠방각하 편"  # 똠 exists only in cp949, not in EUC-KR proper
KO_BODY = (
    "이번 주에는 언어 모델과 이미지 생성 모델에 관한 소식이 많았다. 연구실에서 직접 돌려 본 "
    "결과를 짧게 정리해 두고, 다음 주에는 학습 비용을 줄이는 방법을 더 살펴볼 예정이다. "
    "발표 자료와 코드가 함께 공개되어 따라 해 보기 좋았다."
)
JA_TITLE = "機械学習の週間ニュースまとめ"
ZH_TITLE = "机器学习每周新闻汇总"


def page(title: str, *, head: str = "", body: str = "") -> str:
    return f"<!doctype html><html><head>{head}<title>{title}</title></head><body><p>{body}</p></body></html>"


def moved(target: str, code: int = 302):
    def route(handler):
        handler.send_response(code)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return route


def head_refused(handler):
    if handler.command == "HEAD":
        handler.send_response(405)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    body = page("Fine with GET").encode()
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


OG_HEAD = ('<meta property="og:title" content="Scaling BERT inference on CPUs">'
           '<meta property="og:description" content="How a small team cut latency  in half.">')

ROUTES = {
    "/utf8-og": Reply(page("Blog | Example", head='<meta charset="utf-8">' + OG_HEAD).encode()),
    "/euckr-header": Reply(page(KO_TITLE, body=KO_BODY).encode("cp949"),
                           content_type="text/html; charset=EUC-KR"),
    "/euckr-meta": Reply(page(KO_TITLE, head='<meta charset="euc-kr">', body=KO_BODY).encode("cp949")),
    "/euckr-equiv": Reply(page(KO_TITLE, body=KO_BODY, head=(
        '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">')).encode("cp949")),
    "/euckr-none": Reply(page("주간 딥러닝 소식 정리", body=KO_BODY * 3).encode("euc-kr")),
    "/euckr-mislabelled": Reply(page(KO_TITLE, body=KO_BODY).encode("cp949"),
                                content_type="text/html; charset=utf-8"),
    "/sjis": Reply(page(JA_TITLE, body="今週の論文と実装の紹介です。").encode("shift_jis"),
                   content_type="text/html; charset=Shift_JIS"),
    "/gb2312": Reply(page(ZH_TITLE, head='<meta charset="gb2312">', body="本周论文与代码介绍。").encode("gb2312")),
    "/title-only": Reply(page("  Only\n   a   title  ", head='<meta name="description" content="plain">').encode()),
    "/neither": Reply(b"<html><head></head><body><h1>Heading, not a title</h1></body></html>"),
    "/entities": Reply(page("Q&amp;A: what&#39;s new &ndash; &#xAC00;&#44032;").encode()),
    "/youtube": Reply(page("A talk on transformers - YouTube").encode()),
    "/nfd": Reply(page(unicodedata.normalize("NFD", "한글 제목")).encode()),
    "/svg": Reply(b"<html><head></head><body><svg><title>icon</title></svg><title>Real</title></body></html>"),
    "/gzip": Reply(gzip.compress(page("Squeezed page").encode()), headers={"Content-Encoding": "gzip"}),
    "/big": Reply(("<html><head>" + "<!-- pad -->" * 500 + "<title>Too late</title>").encode()),
    "/pdf": Reply(b"%PDF-1.4", content_type="application/pdf"),
    "/redirect": moved("/utf8-og"),
    "/redirect-check": moved("/title-only", 301),
    "/missing": Reply(b"<title>Gone</title>", status=404),
    "/boom": Reply(b"oops", status=500),
    "/head-refused": head_refused,
    "/slow": trickle(b"<html><head>", b" " * 40 + b"<title>Never seen</title>", delay=0.1),
    "/silent": silent(3.0),
}


@pytest.fixture(scope="module")
def server():
    with LocalServer(ROUTES) as srv:
        yield srv


def test_utf8_page_prefers_og_title(server):
    info = fetch_page_info(server.url("/utf8-og"))
    assert info.title == "Scaling BERT inference on CPUs"
    assert info.description == "How a small team cut latency in half."
    assert info.status == 200 and info.note is None


@pytest.mark.parametrize("path", ["/euckr-header", "/euckr-meta", "/euckr-equiv", "/euckr-mislabelled"])
def test_korean_legacy_encodings_are_decoded_as_cp949(server, path):
    assert fetch_page_info(server.url(path)).title == KO_TITLE


def test_euckr_without_any_charset_is_detected(server):
    assert fetch_page_info(server.url("/euckr-none")).title == "주간 딥러닝 소식 정리"


def test_shift_jis_and_gb2312(server):
    assert fetch_page_info(server.url("/sjis")).title == JA_TITLE
    assert fetch_page_info(server.url("/gb2312")).title == ZH_TITLE


def test_title_only_page_collapses_whitespace(server):
    info = fetch_page_info(server.url("/title-only"))
    assert (info.title, info.description) == ("Only a title", "plain")


def test_page_without_title_says_so(server):
    info = fetch_page_info(server.url("/neither"))
    assert info.title is None and info.note == "no title in page"


def test_entities_are_unescaped(server):
    assert fetch_page_info(server.url("/entities")).title == "Q&A: what's new – 가가"


def test_site_suffix_is_stripped_only_when_configured(server):
    assert fetch_page_info(server.url("/youtube")).title == "A talk on transformers - YouTube"
    info = fetch_page_info(server.url("/youtube"), strip_suffixes=(" - YouTube",))
    assert info.title == "A talk on transformers"


def test_title_is_nfc(server):
    assert fetch_page_info(server.url("/nfd")).title == unicodedata.normalize("NFC", "한글 제목")


def test_svg_title_is_not_the_page_title(server):
    assert fetch_page_info(server.url("/svg")).title == "Real"


def test_gzip_body(server):
    assert fetch_page_info(server.url("/gzip")).title == "Squeezed page"


def test_reads_at_most_max_bytes(server):
    info = fetch_page_info(server.url("/big"), max_bytes=1000)
    assert info.title is None and info.note == "no title in page"


def test_non_html_is_not_parsed(server):
    info = fetch_page_info(server.url("/pdf"))
    assert info.title is None and "application/pdf" in info.note


def test_redirect_sets_final_url(server):
    info = fetch_page_info(server.url("/redirect"))
    assert info.final_url == server.url("/utf8-og")
    assert info.title == "Scaling BERT inference on CPUs"


@pytest.mark.parametrize("path, code", [("/missing", 404), ("/boom", 500)])
def test_http_errors_become_notes(server, path, code):
    info = fetch_page_info(server.url(path))
    assert (info.status, info.title, info.note) == (code, None, f"HTTP {code}")


@pytest.mark.parametrize("path", ["/slow", "/silent"])
def test_slow_server_times_out_on_time(server, path):
    started = time.monotonic()
    info = fetch_page_info(server.url(path), timeout=1.0)
    assert time.monotonic() - started < 2.0
    assert info.title is None and "timed out" in info.note


def test_closed_port_is_offline_like():
    info = fetch_page_info(f"http://127.0.0.1:{closed_port()}/")
    assert info.title is None and info.note.startswith("offline")
    status = check_link(f"http://127.0.0.1:{closed_port()}/")
    assert not status.ok and status.note.startswith("offline")


def test_name_resolution_failure(monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    assert fetch_page_info("https://news.example.org/post").note == "offline: name resolution failed"


@pytest.mark.parametrize("url", ["notaurl", "mailto:someone@example.com", "http://[::1"])
def test_not_a_web_address(url):
    info = fetch_page_info(url)
    assert (info.title, info.note) == (None, "not a web address")


def test_check_link_ok_and_redirect(server):
    ok = check_link(server.url("/title-only"))
    assert (ok.ok, ok.status, ok.note) == (True, 200, "OK")
    moved_link = check_link(server.url("/redirect-check"))
    assert moved_link.ok and moved_link.final_url == server.url("/title-only")
    assert moved_link.note == "redirects to " + server.url("/title-only")
    # The redirect is followed with HEAD too: checking links never downloads pages.
    assert ("GET", "/title-only") not in server.requests[-2:]


def test_check_link_falls_back_to_get_when_head_refused(server):
    status = check_link(server.url("/head-refused"))
    assert (status.ok, status.status, status.note) == (True, 200, "OK")
    assert server.requests[-2:] == [("HEAD", "/head-refused"), ("GET", "/head-refused")]


def test_check_link_reports_404(server):
    status = check_link(server.url("/missing"))
    assert (status.ok, status.status, status.note) == (False, 404, "HTTP 404")


def test_check_link_timeout(server):
    started = time.monotonic()
    status = check_link(server.url("/silent"), timeout=1.0)
    assert time.monotonic() - started < 2.0
    assert not status.ok and "timed out" in status.note


def test_decode_and_parse_without_network():
    data = page("제목", head='<meta property="og:title" content="오픈그래프 &amp; 제목">').encode("cp949")
    text = decode_html(data, "euc-kr")
    assert parse_head(text)[0] == "오픈그래프 & 제목"
    assert parse_head("<title>Cut off mid-ti")[0] == "Cut off mid-ti"
