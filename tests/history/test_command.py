"""``gate history`` on the story repository: every figure known in advance."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from tests.history.history_run import history
from tests.history.scenario import Story, build


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    return build(tmp_path_factory.mktemp("story") / "repo")


@pytest.fixture(scope="module")
def data(story: Story) -> dict[str, Any]:
    return history(story.repo.path)[1]


def test_groups_ai_against_human(data: dict[str, Any]) -> None:
    ai, human = data["groups"]["ai"], data["groups"]["human"]
    # claude: 10 lines of ai.py rewritten by Ann after 10 days, 4 of feature.py kept
    assert (ai["added"], ai["measurable"], ai["survived"], ai["churned"]) == (14, 14, 4, 10)
    assert (ai["churned_self"], ai["churned_other"]) == (0, 10)
    assert ai["durable_rate"] == pytest.approx(4 / 14)
    # people: 15 at day 0 (5 of util.py deleted at day 13; 5 moved, still alive), 10 + 2 later
    assert (human["added"], human["survived"], human["churned_self"]) == (27, 22, 5)
    assert human["durable"]["60"] == {"measurable": 0, "survived": 0, "durable_rate": None}
    assert data["by_agent"]["claude"]["added"] == 14
    assert data["ai_share"]["added"] == pytest.approx(14 / 41)
    assert data["ai_share"]["survived"] == pytest.approx(4 / 26)


def test_survival_is_censored_not_survived(data: dict[str, Any]) -> None:
    ai = data["survival"]["ai"]
    assert ai["died"] == {"10": 10}
    assert ai["censored"] == {"45": 4}  # born 2026-01-15, alive at 2026-03-01
    assert ai["curve"] == [[10, pytest.approx(4 / 14)]]
    assert ai["median_days"] == 10
    assert data["survival"]["human"]["median_days"] is None


def test_commits_and_months(story: Story, data: dict[str, Any]) -> None:
    rows = {c["sha"]: c for c in data["commits"]}
    assert rows[story.shas["ai"]] | {"author": ""} == rows[story.shas["ai"]] | {
        "author": "",
        "agent": "claude",
        "kind": "ai",
        "added": 10,
        "alive": 0,
        "survived": 0,
        "date": "2026-01-02T00:00:00Z",
    }
    assert rows[story.shas["merge"]]["added"] == 0
    assert rows[story.shas["move"]]["added"] == 0
    assert list(data["monthly"]) == ["2026-01"]


def test_the_report_matches_its_schema(data: dict[str, Any]) -> None:
    schema = json.loads(
        resources.files("gate").joinpath("data/history/gate-history-1.schema.json").read_text()
    )
    jsonschema.validate(data, schema)


def test_younger_lines_are_not_yet_measurable(story: Story) -> None:
    out = story.repo.path.parent / "young.json"
    from tests.run import gate

    run = gate(story.repo.path, "history", "--since", "2025-12-31", "--until", "2026-01-20",
               "--json", str(out))  # fmt: skip
    assert run.code == 0, run.stderr
    data = json.loads(out.read_text())
    assert data["groups"]["ai"]["measurable"] == 0
    assert data["groups"]["ai"]["durable_rate"] is None
    assert data["groups"]["ai"]["churned"] == 10  # known already: died at 10 days
    assert any("not yet measurable" in n for n in data["notes"])
    assert "n/a" in run.stdout
