from __future__ import annotations

import pytest

from gate.config import Config, SecurityConfig
from gate.policy import EXIT_CODES, decide
from gate.result import CheckResult, Status


def results(*statuses: Status) -> list[CheckResult]:
    names = ["size", "security", "complexity"]
    return [CheckResult(names[i], s, f"{names[i]} {s}") for i, s in enumerate(statuses)]


@pytest.mark.parametrize(
    ("statuses", "verdict"),
    [
        pytest.param(("pass", "pass"), "pass", id="all-pass"),
        pytest.param(("pass", "skipped"), "pass", id="skipped-is-not-a-failure"),
        pytest.param(("fail", "pass"), "fail", id="one-fails"),
        pytest.param(("fail", "error"), "error", id="error-wins-over-fail"),
        pytest.param(("pass", "error"), "error", id="error"),
    ],
)
def test_verdict(statuses: tuple[Status, ...], verdict: str) -> None:
    decision = decide(results(*statuses), Config())
    assert decision.verdict == verdict
    assert decision.warnings == ()


def test_on_error_warn_lets_through_loudly() -> None:
    cfg = Config(security=SecurityConfig(on_error="warn"))
    decision = decide(results("pass", "error"), cfg)
    assert decision.verdict == "pass"
    assert "security check could not run" in decision.warnings[0]
    assert decide(results("fail", "error"), cfg).verdict == "fail"


def test_exit_codes() -> None:
    assert EXIT_CODES == {"pass": 0, "fail": 1, "error": 2}
