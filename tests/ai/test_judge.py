"""Judging the AI check (pure): the cap, the share, the summary."""

from __future__ import annotations

import math

import pytest

from gate.ai.attribute import Attribution, Tally
from gate.ai.judge import judge
from gate.ai.measurement import AiMeasurement
from gate.ai.remote import NotesSource
from gate.ai.trace import Traces
from gate.config import AiConfig


def measurement(ai: int, human: int, unknown: int = 0) -> AiMeasurement:
    lines_ = {
        ("a" * 40, Attribution("ai", "claude", "commit signal")): ai,
        ("b" * 40, Attribution("human", None, "no AI signal")): human,
        ("c" * 40, Attribution("unknown", None, "malformed git-ai note")): unknown,
    }
    return AiMeasurement(
        "v", (), Tally(lines_, 0), (), (), Traces({}, 0, ()), NotesSource("--no-fetch-notes")
    )


@pytest.mark.parametrize(
    ("ai", "human", "cap", "status"),
    [
        pytest.param(1, 1, 0.5, "pass", id="at-the-cap"),
        pytest.param(2, 1, 0.5, "fail", id="above"),
        pytest.param(0, 0, 0.0, "pass", id="nothing-added"),
        pytest.param(0, 5, 0.0, "pass", id="zero-cap-no-ai"),
        pytest.param(1, 1000, 0.0, "fail", id="zero-cap"),
    ],
)
def test_judge(ai: int, human: int, cap: float, status: str) -> None:
    result = judge(measurement(ai, human), AiConfig(max_share=cap))
    assert result.status == status
    share = result.metrics["ai_share"]
    assert share is None if ai + human == 0 else isinstance(share, float) and not math.isnan(share)
    assert bool(result.hints) == (status == "fail")


def test_summary_names_agents_and_unknown() -> None:
    result = judge(measurement(3, 5, 2), AiConfig())
    assert result.summary == (
        "AI share 30% (3 of 10 added lines: claude 3); 2 unknown; limit 100%; "
        "git-ai notes: local notes only (--no-fetch-notes: the remote was not asked)"
    )
    assert result.metrics["unknown_lines"] == 2
