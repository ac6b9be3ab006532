"""A local HTTP server for network tests: this project's tests never reach the internet.

Routes map a path to a `Reply` (static) or to a callable taking the request handler
(for slow, trickling or method-sensitive pages).
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    body: bytes = b""
    status: int = 200
    content_type: str | None = "text/html"
    headers: dict[str, str] = field(default_factory=dict)


class _Server(ThreadingHTTPServer):
    # Handlers that sleep (slow pages) must not hold up shutdown at teardown.
    daemon_threads = True
    block_on_close = False


class LocalServer:
    def __init__(self, routes: dict):
        self.routes = routes
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # keep pytest output clean
                pass

            def _serve(self):
                server.requests.append((self.command, self.path))
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    route = Reply(b"<title>Not here</title>", status=404)
                if callable(route):
                    route(self)
                    return
                self.send_response(route.status)
                if route.content_type:
                    self.send_header("Content-Type", route.content_type)
                for key, value in route.headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(route.body)

            do_GET = do_HEAD = _serve

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> "LocalServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def trickle(head: bytes, tail: bytes, *, delay: float = 0.2, limit: float = 4.0):
    """A route that sends `head` at once, then `tail` a byte per `delay` seconds."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.end_headers()
        stop = time.monotonic() + limit
        try:
            handler.wfile.write(head)
            handler.wfile.flush()
            for byte in tail:
                if time.monotonic() > stop:
                    break
                time.sleep(delay)
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        except OSError:  # the client gave up, as it should
            pass

    return route


def silent(seconds: float = 3.0):
    """A route that accepts the request and says nothing for `seconds`."""

    def route(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)

    return route


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (connections are refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
