"""The API client against answers no API should give: too big to hold."""

from __future__ import annotations

import pytest

from gate.certification import http
from gate.errors import GateError
from tests.fakeapi import serve


def test_an_answer_past_the_size_limit_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(http, "MAX_BYTES", 1000)
    with serve() as api:
        api.route("/big", ["x" * 2000])
        api.route("/small", ["x" * 900])
        client = http.Client(api.url, {}, "grant")
        assert client.get("/small") == ["x" * 900]
        with pytest.raises(GateError, match="more than 1000 bytes"):
            client.get("/big")
