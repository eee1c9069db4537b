"""Every report of a change that lacks its review and has a waived finding: golden files."""

from __future__ import annotations

import json

import pytest

from gate.report import json as json_report
from gate.report import markdown, sarif, terminal
from tests.report.sample import golden, review_sample


@pytest.mark.parametrize(
    ("name", "render"),
    [
        pytest.param("review.md", markdown.render, id="markdown"),
        pytest.param("review.txt", terminal.render, id="terminal"),
        pytest.param("review.json", json_report.render, id="json"),
        pytest.param("review.sarif", sarif.render, id="sarif"),
    ],
)
def test_golden(name: str, render: object) -> None:
    assert callable(render)
    golden(name, render(review_sample()))


def test_the_json_has_what_a_compliance_reviewer_archives() -> None:
    data = json.loads(json_report.render(review_sample()))
    metrics = data["checks"]["certification"]["metrics"]
    assert (metrics["required"], metrics["certified"]) == (True, False)
    assert metrics["rejected"] == [
        {"who": "bob", "source": "github", "reason": "approved an older commit (1234567)"}
    ]
    assert set(metrics["attestation"]) == {
        "repository",
        "base",
        "head",
        "merge_base",
        "config_sha256",
        "verdict",
        "evidence",
        "gate_version",
        "time",
    }
    waived = data["checks"]["complexity"]["findings"][0]
    assert waived["waived"].startswith("generated parser")
    assert waived["blocking"] is False


def test_sarif_marks_a_waived_finding_suppressed() -> None:
    run = json.loads(sarif.render(review_sample()))["runs"][0]
    waived = [r for r in run["results"] if r.get("suppressions")]
    assert waived[0]["suppressions"][0]["kind"] == "external"


def test_markdown_says_what_monitor_mode_let_through() -> None:
    from dataclasses import replace

    monitored = replace(review_sample(), mode="monitor", enforced="pass")
    text = markdown.render(monitored)
    assert "**Monitor mode:** the change would fail when enforced" in text
    assert "the merge is blocked" not in text
