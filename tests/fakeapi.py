"""A real HTTP server on 127.0.0.1 that plays a platform API for a test: routes, pages, errors.

GET routes are keyed by path and query; other methods by ``"POST /path"`` (and
PATCH, PUT). Every request is recorded, with its JSON body, in ``requests``.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    body: Any = None
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    body: Any
    headers: Mapping[str, str]


@dataclass
class FakeApi:
    """Routes by path and query (``/repos/o/r/pulls/7?x=1``); unknown routes answer 404."""

    url: str = ""
    routes: dict[str, Reply] = field(default_factory=dict)
    calls: list[tuple[str, Mapping[str, str]]] = field(default_factory=list)  # GETs
    raw: dict[str, bytes] = field(default_factory=dict)  # bodies sent as they are, not as JSON
    requests: list[Request] = field(default_factory=list)  # every method, with bodies

    def route(self, path: str, body: Any = None, status: int = 200, **headers: str) -> None:
        self.routes[path] = Reply(
            body, status, {k.replace("_", "-"): v for k, v in headers.items()}
        )

    def paged(self, path: str, items: list[Any], size: int = 30) -> None:
        """``items`` over pages of ``size``, linked by ``Link: <...>; rel="next"`` (GitHub)."""
        pages = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
        for n, page in enumerate(pages):
            here = path if n == 0 else f"{path}&page={n + 1}"
            headers = {}
            if n + 1 < len(pages):
                nxt = f"{self.url}{path}&page={n + 2}"
                headers["Link"] = f'<{nxt}>; rel="next", <{self.url}{path}&page=1>; rel="first"'
            self.routes[here] = Reply(page, 200, headers)

    def paths(self) -> list[str]:
        return [path for path, _ in self.calls]

    def writes(self) -> list[Request]:
        """The requests that were not GETs."""
        return [r for r in self.requests if r.method != "GET"]


@contextmanager
def serve() -> Iterator[FakeApi]:
    api = FakeApi()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            api.calls.append((self.path, dict(self.headers.items())))
            self._answer(api.routes.get(self.path))

        def do_POST(self) -> None:
            self._write()

        def do_PATCH(self) -> None:
            self._write()

        def do_PUT(self) -> None:
            self._write()

        def _write(self) -> None:
            self._answer(api.routes.get(f"{self.command} {self.path}"))

        def _answer(self, reply: Reply | None) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            api.requests.append(Request(self.command, self.path, body, dict(self.headers.items())))
            reply = reply or Reply({"message": "Not Found"}, 404)
            raw_reply = api.raw.get(self.path) if self.command == "GET" else None
            data = raw_reply or json.dumps(reply.body).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for key, value in reply.headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
