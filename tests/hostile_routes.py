"""Routes a hostile web server would serve, shared by the fetch and `links` tests."""

from __future__ import annotations

import time

ENDLESS_FOR = 20.0  # seconds a body keeps coming (far past any fetch's deadline)
_BLOCK = b"A" * 65_536


def endless(status: int = 302, location: str = "/target", content_type: str = "text/html"):
    """A reply whose body never ends: a redirect's (read whole by urllib) or a page's."""

    def route(handler) -> None:
        handler.send_response(status)
        if status in (301, 302, 303, 307, 308):
            handler.send_header("Location", location)
        handler.send_header("Content-Type", content_type)
        handler.end_headers()
        if handler.command == "HEAD":
            return
        stop = time.monotonic() + ENDLESS_FOR
        try:
            while time.monotonic() < stop:
                handler.wfile.write(_BLOCK)
        except OSError:  # the client hung up, as it should
            pass

    return route


def redirect(target: str, code: int = 302):
    def route(handler) -> None:
        handler.send_response(code)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def drip(delay: float = 0.05):
    """A page that sends its head a byte at a time, for longer than any timeout."""

    def route(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        stop = time.monotonic() + ENDLESS_FOR
        try:
            while time.monotonic() < stop:
                handler.wfile.write(b" ")
                handler.wfile.flush()
                time.sleep(delay)
        except OSError:
            pass

    return route


def head_refused_then_endless(handler) -> None:
    """HEAD refused, so a link check falls back to GET, which gets an endless 302."""
    if handler.command == "HEAD":
        handler.send_response(405)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
        return
    endless(302, "/target")(handler)


def drip_headers(delay: float = 0.05):
    """A reply whose headers never end, a byte at a time (socket timeouts never fire)."""

    def route(handler) -> None:
        stop = time.monotonic() + ENDLESS_FOR
        try:
            handler.wfile.write(b"HTTP/1.1 200 OK\r\nX-Pad: ")
            while time.monotonic() < stop:
                handler.wfile.write(b"a")
                handler.wfile.flush()
                time.sleep(delay)
        except OSError:
            pass

    return route


def hostile_routes(page_reply) -> dict:
    routes = {
        "/endless-302": endless(302, "/target"),
        "/endless-page": endless(200),
        "/no-head": head_refused_then_endless,
        "/ftp": redirect("ftp://127.0.0.1:21/pub/file.txt"),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
        "/self": redirect("/self", 301),
        "/drip": drip(),
        "/drip-headers": drip_headers(),
        "/target": page_reply,
    }
    for i in range(7):
        routes[f"/hop{i}"] = redirect(f"/hop{i + 1}", 307)
    routes["/hop7"] = page_reply
    return routes
