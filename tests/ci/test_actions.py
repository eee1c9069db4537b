"""What the gate writes back to the Actions runner: outputs for the steps after it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate.ci.actions import outputs, publish
from gate.errors import GateError
from gate.result import CheckResult, Metric, Result
from tests.ci.composite import outputs as read_outputs


def result(**metrics: Metric) -> Result:
    checks = (
        CheckResult("ai", "pass", "ai", metrics={"ai_share": metrics.get("ai_share")}),
        CheckResult("certification", "fail", "c", metrics={"required": metrics.get("required")}),
    )
    return Result(verdict="fail", checks=checks, mode="monitor", enforced="pass")


def test_outputs_name_the_verdict_share_certification_and_reports(tmp_path: Path) -> None:
    found = outputs(result(ai_share=0.25, required=True), {"json": tmp_path / "g.json"})
    assert found == {
        "verdict": "fail",
        "mode": "monitor",
        "ai-share": "0.25",
        "certification-required": "true",
        "json": str(tmp_path / "g.json"),
    }
    empty = outputs(result(ai_share=None, required=None), {})
    assert (empty["ai-share"], empty["certification-required"]) == ("", "false")
    # Without the checks (a run that stopped): nothing measured, nothing required.
    stopped = outputs(Result(verdict="error", error="x"), {})
    assert (stopped["ai-share"], stopped["certification-required"]) == ("", "false")


def test_a_path_cannot_start_another_output(tmp_path: Path) -> None:
    found = outputs(Result(verdict="pass"), {"json": tmp_path / "a\nverdict=pass"})
    assert "\n" not in found["json"]


def test_publish_appends_outputs_in_actions_only(tmp_path: Path) -> None:
    out = tmp_path / "output"
    out.write_text("earlier=1\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_OUTPUT": str(out)}
    publish(result(ai_share=1.0, required=False), env, {"sarif": tmp_path / "g.sarif"})
    written = read_outputs(out.read_text())
    assert written["earlier"] == "1"
    assert (written["verdict"], written["ai-share"], written["sarif"]) == (
        "fail",
        "1",
        str(tmp_path / "g.sarif"),
    )
    with pytest.raises(GateError, match=r"GITHUB_OUTPUT .*: cannot write"):
        publish(Result(verdict="pass"), {**env, "GITHUB_OUTPUT": str(tmp_path)})
