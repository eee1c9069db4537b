from __future__ import annotations

import json

from gate.report.sarif import render
from gate.result import Result
from tests.report.sample import golden


def test_golden(result: Result) -> None:
    golden("report.sarif", render(result))


def test_what_github_code_scanning_requires(result: Result) -> None:
    doc = json.loads(render(result))
    assert doc["version"] == "2.1.0"
    assert doc["$schema"]
    run = doc["runs"][0]
    rule_ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert rule_ids == {"complexity/max-cc", "complexity/improved", "size/max-changed-lines"}
    assert "informationUri" not in run["tool"]["driver"]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"]
        assert rule["help"]["text"]
    assert len(run["results"]) == 5  # the path-less size finding too, at the policy file
    for res in run["results"]:
        assert res["ruleId"] in rule_ids
        assert res["level"] in {"note", "warning", "error"}
        assert res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"]
        assert loc["region"]["startLine"] >= 1
        assert res["partialFingerprints"]["primaryLocationLineHash"]
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    ]
    assert "caf%E9%20%1B%5B31mred%E2%80%AE%0A%3A%3Aerror%20file%3Da.py%3A%3Aall%20good.py" in uris


def test_error_result_and_finding_without_line() -> None:
    from gate.result import CheckResult, Finding

    finding = Finding("security", "not-analysed", "big.py", None, "too big", "error", "f", True)
    result = Result(
        verdict="error", checks=(CheckResult("security", "error", "x", findings=(finding,)),)
    )
    doc = json.loads(render(result))
    assert "versionControlProvenance" not in doc["runs"][0]
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc == {"artifactLocation": {"uri": "big.py"}}
