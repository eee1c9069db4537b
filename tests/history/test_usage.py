"""``--usage CSV``: cost per durable line, "no data" without it, bad rows named by line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.history.history_run import history, stopped
from tests.history.scenario import Story, build
from tests.run import gate


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    return build(tmp_path_factory.mktemp("usage") / "repo")


def with_usage(story: Story, text: str) -> dict[str, Any]:
    csv = story.repo.path.parent / "usage.csv"
    csv.write_text(text)
    return history(story.repo.path, "--usage", str(csv))[1]


def test_tokens_and_cost_per_durable_line(story: Story) -> None:
    data = with_usage(
        story,
        "date,agent,tokens,cost\n2026-01-02,claude,4000,1.20\n2026-01-15,claude,400,\n"
        "2025-06-01,claude,999999,9\n\n",
    )
    cost = data["cost"]["claude"]
    assert cost["tokens"] == 4400  # the row before the period is left out
    assert cost["survived"] == 4
    assert cost["tokens_per_surviving_line"] == 1100
    assert cost["cost_per_surviving_line"] == pytest.approx(0.3)
    # a report with cost merges with its cost
    out = story.repo.path.parent / "twice.json"
    report = story.repo.path.parent / "history.json"
    gate(story.repo.path, "history", "merge", str(report), str(report), "--json", str(out))
    twice = json.loads(out.read_text())["cost"]["claude"]
    assert (twice["tokens"], twice["cost_micros"], twice["survived"]) == (8800, 2_400_000, 8)


def test_a_seat_by_email_counts_for_its_agent_and_no_data_stays_no_data(story: Story) -> None:
    data = with_usage(
        story, "date,email,tokens\n2026-01-10,dev@example.com,800\n2026-01-10,x@y.z,5\n"
    )
    claude = data["cost"]["claude"]
    assert claude["tokens"] == 800
    assert claude["cost"] is None
    assert claude["cost_per_surviving_line"] == "no data"
    report = story.repo.path.parent / "history.json"
    out = story.repo.path.parent / "merged.json"
    gate(story.repo.path, "history", "merge", str(report), "--json", str(out))
    assert json.loads(out.read_text())["cost"]["claude"]["cost"] is None
    assert data["cost"]["unmatched"]["tokens_per_surviving_line"] is None
    plain = history(story.repo.path)[1]
    assert plain["cost"] == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("when,agent,tokens\n", "line 1: expected a header", id="header"),
        pytest.param("", "line 1: expected a header", id="empty"),
        pytest.param("date,agent,tokens\n2026-01-02,claude\n", "line 2: 2 fields", id="fields"),
        pytest.param("date,agent,tokens\n2026-01-02,claude,lots\n", "line 2: invalid", id="tokens"),
        pytest.param("date,agent,cost\n2026-01-02,claude,1.2.3\n", "line 2:", id="cost"),
        pytest.param("date,agent,tokens\n\n2026-13-02,claude,1\n", "line 3: date", id="date"),
        pytest.param("date,agent,tokens\n2026-01-02,claude,-1\n", "line 2: a negative", id="neg"),
    ],
)
def test_a_malformed_csv_names_the_line(story: Story, text: str, message: str) -> None:
    csv = story.repo.path.parent / "bad.csv"
    csv.write_text(text)
    from tests.history.history_run import PERIOD

    assert message in stopped(story.repo.path, *PERIOD, "--usage", str(csv))


def test_an_unreadable_csv_is_named(story: Story, tmp_path: Path) -> None:
    from tests.history.history_run import PERIOD

    bad = tmp_path / "latin.csv"
    bad.write_bytes(b"date,agent,tokens\n\xff\n")
    assert "cannot be read" in stopped(story.repo.path, *PERIOD, "--usage", str(bad))
