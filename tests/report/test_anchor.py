"""Change-level findings in reports that need a file: at the policy file, marked as such."""

from __future__ import annotations

import json

import pytest

from gate.report import codequality, sarif
from gate.report.anchor import anchor, change_level
from gate.report.rules import describe
from gate.result import CheckResult, Finding, Result


@pytest.mark.parametrize(
    ("source", "where"),
    [
        pytest.param("base:" + "a" * 40 + ":.gate.toml", ".gate.toml", id="gate-toml"),
        pytest.param("head:" + "a" * 40 + ":pyproject.toml", "pyproject.toml", id="pyproject"),
        pytest.param("file:ci/gate.toml", "ci/gate.toml", id="relative-file"),
        pytest.param("file:/etc/gate.toml", ".gate.toml", id="absolute-file"),
        pytest.param("defaults", ".gate.toml", id="defaults"),
    ],
)
def test_anchor_is_the_policy_file(source: str, where: str) -> None:
    assert anchor(Result(verdict="pass", config_source=source)) == where


def result() -> Result:
    cap = Finding.of("ai", "max-share", "AI share 90% above 50%")
    info = Finding.of("ai", "ai-commit", "commit counted as AI", severity="info")
    review = Finding.of("certification", "review-required", "needs 1 approval")
    checks = (
        CheckResult("ai", "fail", "x", findings=(cap, info)),
        CheckResult("certification", "fail", "y", findings=(review,)),
    )
    return Result(verdict="fail", checks=checks, config_source="defaults")


def test_the_ai_cap_and_a_missing_review_reach_sarif_and_code_quality() -> None:
    found = result()
    assert [f.rule for f in change_level(found)] == ["max-share", "review-required"]
    run = json.loads(sarif.render(found))["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == [
        "ai/max-share",
        "certification/review-required",
    ]
    for res in run["results"]:
        assert res["properties"] == {"change-level": True}
        assert res["message"]["text"].startswith("change-level (the whole change): ")
        loc = res["locations"][0]["physicalLocation"]
        assert loc == {"artifactLocation": {"uri": ".gate.toml"}, "region": {"startLine": 1}}
    tags = {r["id"]: r["properties"]["tags"] for r in run["tool"]["driver"]["rules"]}
    assert tags["ai/max-share"] == ["ai", "change-level"]
    entries = json.loads(codequality.render(found))
    assert [e["check_name"] for e in entries] == ["ai/max-share", "certification/review-required"]


def test_help_is_written_per_rule_not_taken_from_a_finding() -> None:
    cap = Finding.of("ai", "max-share", "the message of one finding")
    assert "the message of one finding" not in describe(cap).help
    semgrep = Finding.of("security", "python.eval", "eval of input", path="a.py")
    assert describe(semgrep).short == "semgrep rule python.eval"
    odd = Finding.of("ai", "malformed-note", "x", severity="warning")
    assert describe(odd).short == "ai: malformed note"
    assert describe(Finding.of("complexity", "not-analysed", "x", path="a.py")).short == (
        "A changed file could not be analysed"
    )
