"""The API client against a real server on 127.0.0.1: pages, and every failure a GateError."""

from __future__ import annotations

import socket

import pytest

from gate.certification.http import MAX_PAGES, Client
from gate.errors import GateError
from tests.fakeapi import serve


def client(url: str) -> Client:
    return Client(url, {"Authorization": "Bearer secret"}, "grant pull-requests: read")


def test_pages_follow_the_link_header() -> None:
    with serve() as api:
        api.paged("/items?per_page=100", list(range(65)), size=30)
        assert list(client(api.url).pages("/items?per_page=100")) == list(range(65))
        assert len(api.calls) == 3


def test_a_next_page_on_another_host_is_refused_and_gets_no_token() -> None:
    with serve() as api, serve() as other:
        api.route("/items", [1], Link=f'<{other.url}/steal>; rel="next"')
        with pytest.raises(GateError, match="a next page outside"):
            list(client(api.url).pages("/items"))
        assert other.calls == []


def test_endless_pages_stop() -> None:
    with serve() as api:
        api.route("/loop", [1], Link=f'<{api.url}/loop>; rel="next"')
        with pytest.raises(GateError, match=f"more than {MAX_PAGES} pages"):
            list(client(api.url).pages("/loop"))


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param({"not": "a list"}, "expected a list, got dict", id="not-a-list"),
    ],
)
def test_a_page_that_is_not_a_list(body: object, message: str) -> None:
    with serve() as api:
        api.route("/items", body)
        with pytest.raises(GateError, match=message):
            list(client(api.url).pages("/items"))


def test_an_answer_that_is_not_json() -> None:
    with serve() as api:
        api.route("/x", "ok")
        api.raw["/x"] = b"<html>proxy error</html>"
        with pytest.raises(GateError, match="did not answer JSON"):
            client(api.url).get("/x")


def test_an_unreachable_api() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(GateError, match="cannot reach the API"):
        client(f"http://127.0.0.1:{port}").get("/x")


def test_not_found_is_an_error_for_reads_and_none_for_lookups() -> None:
    with serve() as api:
        with pytest.raises(GateError, match="not found, or the token cannot see it"):
            client(api.url).get("/missing")
        assert client(api.url).find("/missing") is None


def test_a_rate_limit_without_a_reset_header() -> None:
    with serve() as api:
        api.route("/x", {}, 429)
        with pytest.raises(GateError, match=r"HTTP 429: rate limited; re-run"):
            client(api.url).get("/x")
