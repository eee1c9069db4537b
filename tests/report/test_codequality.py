from __future__ import annotations

import json

from gate.report.codequality import render
from gate.result import Result
from tests.report.sample import golden


def test_golden(result: Result) -> None:
    golden("codequality.json", render(result))


def test_required_fields(result: Result) -> None:
    entries = json.loads(render(result))
    assert len(entries) == 5  # the size finding, anchored at the policy file
    for entry in entries:
        assert entry["description"]
        assert entry["check_name"]
        assert entry["fingerprint"]
        assert entry["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert entry["location"]["path"]
        assert entry["location"]["lines"]["begin"] >= 1
    assert [e["severity"] for e in entries] == [
        "critical",
        "critical",
        "critical",
        "info",
        "critical",
    ]
    assert entries[-1]["location"] == {"path": ".gate.toml", "lines": {"begin": 1}}
    assert entries[-1]["description"].startswith("change-level (the whole change): ")
