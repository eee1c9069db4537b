"""Monitor mode: the would-be verdict is kept, the enforced one leaves monitored checks out."""

from __future__ import annotations

import pytest

from gate.config import Config, SizeConfig
from gate.monitor import enforce
from gate.result import CheckResult, Mode, Status


def results(size: Status, complexity: Status) -> list[CheckResult]:
    return [CheckResult("size", size, "size"), CheckResult("complexity", complexity, "cc")]


def test_the_whole_gate_in_monitor_mode_never_blocks() -> None:
    found = enforce(results("fail", "error"), Config(mode="monitor"), "error", None)
    assert (found.verdict, found.mode, found.monitored) == (
        "pass",
        "monitor",
        ("size", "complexity"),
    )
    assert found.warnings == (
        "monitor mode: the verdict would be ERROR when enforced; nothing blocks (exit 0)",
    )


@pytest.mark.parametrize(
    ("forced", "config_mode", "verdict"),
    [
        pytest.param("monitor", "enforce", "pass", id="command-line-monitor"),
        pytest.param("enforce", "monitor", "fail", id="command-line-enforce-wins"),
        pytest.param(None, "enforce", "fail", id="default"),
    ],
)
def test_the_command_line_wins_over_the_config(
    forced: Mode | None, config_mode: Mode, verdict: str
) -> None:
    found = enforce(results("fail", "pass"), Config(mode=config_mode), "fail", forced)
    assert found.verdict == verdict


def test_a_monitored_check_does_not_block_the_others_do() -> None:
    cfg = Config(size=SizeConfig(mode="monitor"))
    found = enforce(results("fail", "pass"), cfg, "fail", None)
    assert (found.verdict, found.mode, found.monitored) == ("pass", "enforce", ("size",))
    assert found.warnings == ("the size check is in monitor mode: its fail does not block",)
    assert enforce(results("error", "fail"), cfg, "error", None).verdict == "fail"
    assert enforce(results("pass", "pass"), cfg, "pass", None).warnings == ()


def test_config_mode_keys() -> None:
    cfg = Config(mode="monitor", size=SizeConfig(mode="enforce"))
    assert (cfg.mode_for("size"), cfg.mode_for("ai"), cfg.mode_for("nothing")) == (
        "enforce",
        "monitor",
        "monitor",
    )
