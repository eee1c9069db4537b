from __future__ import annotations

import json
from pathlib import Path

import pytest

from gate.errors import GateError
from gate.report import json as json_report
from gate.report import markdown
from gate.report.load import read
from gate.result import Result
from tests.report.full_sample import full_sample
from tests.report.sample import error_result, sample


@pytest.mark.parametrize(
    "result",
    [
        pytest.param(full_sample(), id="whole-run"),
        pytest.param(sample(), id="hostile-text"),
        pytest.param(error_result(), id="error"),
    ],
)
def test_a_report_read_back_renders_the_same(tmp_path: Path, result: Result) -> None:
    path = tmp_path / "r.json"
    path.write_text(json_report.render(result), encoding="utf-8")
    loaded = read(path)
    assert markdown.render(loaded) == markdown.render(result)
    assert json_report.render(loaded) == path.read_text(encoding="utf-8")


def test_the_whole_result_comes_back(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_text(json_report.render(full_sample()), encoding="utf-8")
    assert read(path) == full_sample()


@pytest.mark.parametrize(
    ("text", "error"),
    [
        pytest.param(None, "cannot read the report: No such file or directory", id="missing"),
        pytest.param("{", "not a JSON report", id="not-json"),
        pytest.param("[]", "not a merge-gate report (schema gate-report/1)", id="a-list"),
        pytest.param('{"schema": "x"}', "not a merge-gate report", id="other-schema"),
        pytest.param(
            '{"schema": "gate-report/1", "verdict": "maybe", "checks": {}}',
            "malformed gate-report/1 report (ValueError: 'maybe' is not one of pass, fail, error)",
            id="bad-verdict",
        ),
        pytest.param(
            '{"schema": "gate-report/1", "verdict": "pass"}',
            "malformed gate-report/1 report (KeyError: 'checks')",
            id="no-checks",
        ),
    ],
)
def test_what_is_not_a_report_is_named(tmp_path: Path, text: str | None, error: str) -> None:
    path = tmp_path / "r.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(GateError, match=r"r\.json: ") as caught:
        read(path)
    assert error in str(caught.value)


def test_reads_what_the_cli_wrote(tmp_path: Path) -> None:
    data = json.loads(json_report.render(full_sample()))
    assert data["web"] == {"url": "https://github.com/o/r", "platform": "github"}
