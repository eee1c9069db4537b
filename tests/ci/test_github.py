"""GitHub Actions: the revisions of pull_request and push events, and publishing a result."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gate.ci import detect
from gate.ci.actions import publish
from gate.errors import GateError
from gate.result import Result

SHA = "a" * 40
BEFORE = "b" * 40


def github(tmp_path: Path, event: object, name: str = "pull_request") -> dict[str, str]:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_PATH": str(path),
        "GITHUB_EVENT_NAME": name,
        "GITHUB_SHA": "c" * 40,
    }


def test_github_pull_request(tmp_path: Path) -> None:
    env = github(
        tmp_path,
        {
            "pull_request": {
                "number": 7,
                "head": {"sha": SHA},
                "base": {"ref": "main", "sha": BEFORE},
            }
        },
    )
    found = detect(env)
    assert found is not None
    # The frozen base.sha is not used: the base branch is.
    assert (found.base, found.head, found.number) == ("refs/remotes/origin/main", SHA, 7)
    assert found.expect_change
    assert found.platform == "github"
    assert "+refs/heads/main:refs/remotes/origin/main" in found.refspecs
    assert "+refs/pull/7/head:refs/remotes/pull/7/head" in found.refspecs


def test_github_push(tmp_path: Path) -> None:
    found = detect(github(tmp_path, {"before": BEFORE}, name="push"))
    assert found is not None
    assert (found.base, found.head) == (BEFORE, "c" * 40)
    new_branch = {"before": "0" * 40, "repository": {"default_branch": "trunk"}}
    found = detect(github(tmp_path, new_branch, name="push"))
    assert found is not None
    assert found.base == "refs/remotes/origin/trunk"
    # Neither a previous tip nor a default branch, or an event without revisions:
    # there is no base, and the gate must say so rather than guess one.
    for event, name in (({"before": "0" * 40}, "push"), ({}, "workflow_dispatch")):
        found = detect(github(tmp_path, event, name=name))
        assert found is not None
        assert found.base is None
        assert found.source == f"the GitHub {name} event names no base revision"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("{", "cannot read event", id="invalid-json"),
        pytest.param("[]", "not a JSON object", id="not-object"),
        pytest.param(
            '{"pull_request": {"number": "7"}}', "number is missing or not a int", id="number-type"
        ),
        pytest.param(
            '{"pull_request": {"number": 7, "head": {"sha": ""}, "base": {"ref": "m"}}}',
            "without base.ref / head.sha",
            id="empty-sha",
        ),
        pytest.param('{"pull_request": {"number": 7}}', "without base.ref", id="missing"),
    ],
)
def test_github_bad_event(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "event.json"
    path.write_text(content)
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(path)}
    with pytest.raises(GateError, match=message):
        detect(env)


def test_github_missing_event_file(tmp_path: Path) -> None:
    env = {"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": str(tmp_path / "none.json")}
    with pytest.raises(GateError, match=r"GITHUB_EVENT_PATH .*none.json: cannot read event"):
        detect(env)


def test_github_publish_writes_summary_and_returns_annotations(tmp_path: Path) -> None:
    result = Result(verdict="error", error="boom")
    assert publish(result, {}) == ""
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    assert publish(result, env) == "::error title=merge-gate could not evaluate::boom\n"
    assert publish(result, {"GITHUB_ACTIONS": "true"}).startswith("::error")
    assert summary.read_text().startswith("earlier step\n## ⚠️ merge-gate")
    with pytest.raises(GateError, match=r"GITHUB_STEP_SUMMARY .*: cannot write"):
        publish(result, {**env, "GITHUB_STEP_SUMMARY": str(tmp_path)})
