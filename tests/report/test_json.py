from __future__ import annotations

import json

from gate.report.json import render
from gate.result import Result
from tests.report.sample import error_result, golden


def test_golden(result: Result) -> None:
    golden("report.json", render(result))


def test_contract_keys(result: Result) -> None:
    data = json.loads(render(result))
    assert data["schema"] == "gate-report/1"
    assert {"verdict", "base", "head", "merge_base", "config_source", "checks"} <= set(data)
    for check in data["checks"].values():
        assert {"status", "metrics", "findings"} <= set(check)
        for f in check["findings"]:
            assert {"check", "rule", "path", "line", "message", "severity", "fingerprint"} <= set(f)


def test_hostile_path_is_escaped_valid_utf8(result: Result) -> None:
    text = render(result)
    text.encode("utf-8")  # no lone surrogates
    paths = [f["path"] for f in json.loads(text)["checks"]["complexity"]["findings"]]
    assert "caf\\xe9 \\x1b[31mred\\u202e\\n::error file=a.py::all good.py" in paths


def test_error_result() -> None:
    data = json.loads(render(error_result()))
    assert data["verdict"] == "error"
    assert data["error"] == "unknown base revision 'x\\x00y'"
    assert data["checks"] == {}
    assert data["base"] is None
