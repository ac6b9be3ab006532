"""Page titles and link checks over plain urllib, bounded in time and size.

Nothing here raises for network, HTTP or decoding trouble: the editor runs these in
workers and shows the note. Calls end close to their timeout even against a trickling
server or a hanging resolver, so cancelling a worker never waits long.
"""

from __future__ import annotations

import functools
import http.client
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import quote, urljoin, urlsplit, urlunsplit
import zlib
from dataclasses import dataclass
from typing import NamedTuple

from .pagehead import decode_html, parse_head

USER_AGENT = "Mozilla/5.0 (compatible; newsdigest-tui/0.1; +https://github.com/)"
_CHUNK = 16_384
# Reading stops at the end of <head>: titles and descriptions live there, and big
# pages would otherwise cost their whole body.
_HEAD_END = re.compile(rb"</head\s*>|<body[\s>]", re.IGNORECASE)


@dataclass
class PageInfo:
    url: str
    final_url: str | None
    status: int | None
    title: str | None
    description: str | None
    note: str | None


@dataclass
class LinkStatus:
    url: str
    status: int | None
    final_url: str | None
    ok: bool
    note: str


class LinkReport(NamedTuple):
    dead: list[LinkStatus]  # the server answered with an error
    unreachable: list[LinkStatus]  # no answer at all (offline, DNS): not proof a link is dead
    moved: list[LinkStatus]  # answered after a redirect


def sort_results(results) -> LinkReport:
    """Link check results by what the author should do about them."""
    return LinkReport(
        [r for r in results if not r.ok and r.status is not None],
        [r for r in results if not r.ok and r.status is None],
        [r for r in results if r.ok and r.note != "OK"],
    )


class _Watch:
    """The sockets of one call, so its deadline can cut them off mid-read."""

    def __init__(self, timeout: float):
        self.deadline = time.monotonic() + timeout
        self.socks: list[socket.socket] = []
        self.lock = threading.Lock()
        self.expired = False

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def add(self, sock) -> None:
        with self.lock:
            self.socks.append(sock)
        if self.expired:
            self.fire()

    def fire(self) -> None:
        with self.lock:
            self.expired = True
            for sock in self.socks:
                try:  # shutdown(), unlike close(), wakes a recv() blocked in another thread
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


@functools.lru_cache(maxsize=1)
def _tls() -> ssl.SSLContext:
    return ssl.create_default_context()  # loading the CA store per call is slow


MAX_REDIRECTS = 5
_BAD_URL_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f]")
_REDIRECTS = (301, 302, 303, 307, 308)


class _NoFollow(urllib.request.HTTPRedirectHandler):
    """Redirects come back as HTTPError, body unread; :func:`_open` follows them.

    urllib's own handler reads a redirect's whole body before following it: an endless
    302 body cost 2-4 GB for one title fetch. It also follows any scheme it has a handler
    for (``ftp://`` logs in anywhere a page names).
    """

    def http_error_302(self, req, fp, code, msg, headers):
        return None

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


class _Refused(Exception):
    """A redirect not followed; ``code`` is the status that asked for it."""

    def __init__(self, note: str, code: int, url: str):
        super().__init__(note)
        self.code, self.url = code, url


def _open(watch: _Watch, url: str, method: str):
    """The response at the end of at most MAX_REDIRECTS http(s) redirects.

    Raises HTTPError for an error status and _Refused for a redirect that is not followed.
    """
    opener = _opener(watch)
    seen = {url.partition("#")[0]}
    for _hop in range(MAX_REDIRECTS + 1):
        try:
            return opener.open(_request(url, method), timeout=max(0.05, watch.remaining()))
        except urllib.error.HTTPError as exc:
            location = exc.headers.get("Location") if exc.code in _REDIRECTS else None
            exc.close()  # closed unread: a redirect's body is never worth reading
            if not location:
                raise
            code = exc.code
        target = urljoin(url, location.strip())
        if _BAD_URL_CHAR.search(target):
            # http.client would refuse it as "bad response"; say what the server sent.
            raise _Refused(f"redirect to a malformed address: {target[:200]}", code, target)
        scheme = urlsplit(target).scheme.lower()
        if scheme not in ("http", "https"):
            raise _Refused(f"redirect to {scheme or 'a non-web'} address not followed", code, target)
        if target.partition("#")[0] in seen:
            raise _Refused("redirect loop", code, target)
        seen.add(target.partition("#")[0])
        url = target
    raise _Refused(f"too many redirects (more than {MAX_REDIRECTS})", code, url)


def _opener(watch: _Watch) -> urllib.request.OpenerDirector:
    def watched(base):
        class Conn(base):
            def connect(self):
                super().connect()
                watch.add(self.sock)
        return Conn

    http_conn, https_conn = watched(http.client.HTTPConnection), watched(http.client.HTTPSConnection)

    class Handler(urllib.request.HTTPHandler, urllib.request.HTTPSHandler):
        def http_open(self, req):
            return self.do_open(http_conn, req)

        def https_open(self, req):
            return self.do_open(https_conn, req, context=_tls())

    return urllib.request.build_opener(Handler, _NoFollow)


def _seconds(timeout: float) -> str:
    return f"{timeout:g} s"


def _reason(exc: BaseException, timeout: float) -> str:
    """One short plain phrase for whatever went wrong."""
    if isinstance(exc, _Refused):
        return str(exc)
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        exc = exc.reason
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"timed out after {_seconds(timeout)}"
    if isinstance(exc, socket.gaierror):
        return "offline: name resolution failed"
    if isinstance(exc, ConnectionRefusedError):
        return "offline: connection refused"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return "TLS certificate not trusted"
    if isinstance(exc, ssl.SSLError):
        return "TLS error"
    if isinstance(exc, (ConnectionResetError, http.client.RemoteDisconnected)):
        return "server closed the connection"
    if isinstance(exc, http.client.InvalidURL):
        return "not a web address"
    if isinstance(exc, http.client.HTTPException):
        return "bad response from server"
    if isinstance(exc, OSError) and exc.errno in (101, 113):  # ENETUNREACH, EHOSTUNREACH
        return "offline: network unreachable"
    if isinstance(exc, ValueError):
        return "not a web address"
    if isinstance(exc, urllib.error.URLError):
        reason = exc.reason if isinstance(exc.reason, str) else "request failed"
        return "not a web address" if reason.startswith("unknown url type") else reason
    return (str(exc) or type(exc).__name__)[:80]


def _bounded(work, watch: _Watch, timeout: float, failed):
    """Run work() in a daemon thread and give up at the deadline.

    The thread covers what socket timeouts cannot: a hanging DNS lookup and headers
    trickled a byte at a time. Cut sockets make an abandoned thread end soon after.
    `failed(note)` builds the result when there is none.
    """
    box: list = []

    def run():
        try:
            box.append(work())
        except Exception as exc:  # a bug here must still come back as a note, not a hang
            box.append(failed(_reason(exc, timeout)))

    thread = threading.Thread(target=run, daemon=True, name="newsdigest-fetch")
    thread.start()
    thread.join(max(0.0, watch.remaining()) + 0.25)
    if box:
        return box[0]
    watch.fire()
    return failed(f"timed out after {_seconds(timeout)}")


def _read_head(resp, watch: _Watch, max_bytes: int) -> tuple[bytes, bool]:
    """Read up to the end of <head> or max_bytes; report whether time ran out."""
    encoding = (resp.headers.get("Content-Encoding") or "").lower().strip()
    inflater = None
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32)  # gzip or zlib header
    data = bytearray()
    while len(data) < max_bytes:
        remaining = watch.remaining()
        if remaining <= 0:
            return bytes(data), True
        sock = watch.socks[-1] if watch.socks else None
        try:
            if sock is not None:
                # A timed-out socket file cannot be read again, so the socket only
                # times out when the whole call's deadline is reached.
                sock.settimeout(remaining)
            chunk = resp.read1(_CHUNK)
        except (TimeoutError, socket.timeout):
            return bytes(data), True
        except (OSError, http.client.HTTPException):
            return bytes(data), watch.remaining() <= 0
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, max_bytes - len(data))
            except zlib.error:
                break
        start = max(0, len(data) - 8)
        data += chunk
        if _HEAD_END.search(data, start):
            break
    return bytes(data[:max_bytes]), False


_PRINTABLE_ASCII = "".join(map(chr, range(0x21, 0x7F)))


def _wire_url(url: str) -> str:
    """``url`` as it goes on the wire: a Korean path (/wiki/한글) percent-encoded and an
    international host in IDNA, which http.client refuses to do ("not a web address");
    a URL with a control character or space is no web address at all."""
    if _BAD_URL_CHAR.search(url):
        raise ValueError("control character in URL")
    if url.isascii():
        return url
    parts = urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii():
        host = parts.hostname or ""
        netloc = netloc.lower().replace(host, host.encode("idna").decode("ascii"))
    encode = functools.partial(quote, safe=_PRINTABLE_ASCII)
    return urlunsplit((parts.scheme, netloc, encode(parts.path), encode(parts.query), encode(parts.fragment)))


def _request(url: str, method: str) -> urllib.request.Request:
    return urllib.request.Request(_wire_url(url), method=method, headers={
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "Accept-Language": "ko,en;q=0.8",
        "Accept-Encoding": "gzip, deflate",
    })


def fetch_page_info(url: str, *, timeout: float = 4.0, max_bytes: int = 512_000,
                    strip_suffixes: tuple[str, ...] = ()) -> PageInfo:
    watch = _Watch(timeout)
    timed_out = f"timed out after {_seconds(timeout)}"

    def work() -> PageInfo:
        try:
            resp = _open(watch, url, "GET")
        except _Refused as exc:
            return PageInfo(url, exc.url, exc.code, None, None, str(exc))
        except urllib.error.HTTPError as exc:
            exc.close()
            return PageInfo(url, exc.geturl(), exc.code, None, None, _reason(exc, timeout))
        except Exception as exc:
            note = timed_out if watch.expired else _reason(exc, timeout)
            return PageInfo(url, None, None, None, None, note)
        with resp:
            final, status = resp.geturl(), resp.status
            ctype = resp.headers.get_content_type()
            if ctype not in ("text/html", "application/xhtml+xml", "text/plain"):
                return PageInfo(url, final, status, None, None, f"not a web page ({ctype})")
            data, late = _read_head(resp, watch, max_bytes)
            charset = resp.headers.get_content_charset()
        title, description = parse_head(decode_html(data, charset), strip_suffixes)
        note = None if title else (timed_out if late else "no title in page")
        return PageInfo(url, final, status, title, description, note)

    return _bounded(work, watch, timeout, lambda note: PageInfo(url, None, None, None, None, note))


def check_link(url: str, *, timeout: float = 5.0) -> LinkStatus:
    watch = _Watch(timeout)

    def attempt(method: str) -> LinkStatus:
        try:
            with _open(watch, url, method) as resp:
                status, final = resp.status, resp.geturl()
        except _Refused as exc:
            return LinkStatus(url, exc.code, exc.url, False, str(exc))
        except urllib.error.HTTPError as exc:
            exc.close()
            return LinkStatus(url, exc.code, exc.geturl(), False, f"HTTP {exc.code}")
        except Exception as exc:
            note = f"timed out after {_seconds(timeout)}" if watch.expired else _reason(exc, timeout)
            return LinkStatus(url, None, None, False, note)
        moved = final.partition("#")[0] != _wire_url(url).partition("#")[0]
        note = f"redirects to {final}" if moved else "OK"
        return LinkStatus(url, status, final, 200 <= status < 400, note)

    def work() -> LinkStatus:
        result = attempt("HEAD")
        # Some servers refuse HEAD outright while serving GET normally.
        if result.status in (403, 405, 501):
            result = attempt("GET")
        return result

    return _bounded(work, watch, timeout, lambda note: LinkStatus(url, None, None, False, note))
