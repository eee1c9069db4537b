"""``gate comment`` and ``gate check --comment`` as a workflow runs them: a real pull request
of a real repository, GitHub's event file, and a fake GitHub API on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from gate.report.comment import MARKER
from tests.fakeapi import FakeApi, serve
from tests.gitrepo import GitRepo, lines
from tests.pull_request import open_pr
from tests.run import gate

COMMENTS = "/repos/o/r/issues/7/comments?per_page=100"


@dataclass(frozen=True)
class Pr:
    repo: GitRepo
    api: FakeApi
    head: str
    env: dict[str, str | None]
    report: Path


@pytest.fixture
def pr(tmp_path: Path) -> Iterator[Pr]:
    opened = open_pr(tmp_path, "a human's feature", {"feature.py": lines(10, "x")})
    repo, head, event = opened.repo, opened.head, opened.event
    with serve() as api:
        api.route("/user", {"login": "gate-bot"})
        env: dict[str, str | None] = {
            "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request",
            "GITHUB_EVENT_PATH": str(event),
            "GITHUB_API_URL": api.url,
            "GITHUB_SERVER_URL": "https://github.example",
            "GITHUB_REPOSITORY": "o/r",
            "GITHUB_TOKEN": "t0ken",
            "GITHUB_STEP_SUMMARY": None,
            "GATE_GITHUB_TOKEN": None,
        }
        yield Pr(repo, api, head, env, tmp_path / "report.json")


def test_the_comment_step_posts_once_then_updates(pr: Pr) -> None:
    run = gate(pr.repo.path, "check", "--no-fetch-notes", "--json", str(pr.report), env=pr.env)
    assert run.code == 0, run.stdout + run.stderr
    pr.api.paged(COMMENTS, [])
    pr.api.route("POST /repos/o/r/issues/7/comments", {"id": 31}, status=201)
    first = gate(pr.repo.path, "comment", "--report", str(pr.report), env=pr.env)
    assert (first.code, first.stdout) == (
        0,
        "gate comment: created comment 31 on pull request #7\n",
    )
    (posted,) = pr.api.writes()
    body = posted.body["body"]
    assert body.startswith(f"{MARKER}\n## ✅ merge-gate: **pass**")
    assert "https://github.example/o/r/compare/" in body

    pr.api.paged(COMMENTS, [{"id": 31, "user": {"login": "gate-bot"}, "body": body}])
    pr.api.route("PATCH /repos/o/r/issues/comments/31", {"id": 31})
    again = gate(pr.repo.path, "comment", "--report", str(pr.report), env=pr.env)
    assert again.stdout == "gate comment: updated comment 31 on pull request #7\n"
    assert [w.method for w in pr.api.writes()] == ["POST", "PATCH"]


def test_check_can_comment_itself(pr: Pr) -> None:
    pr.api.paged(COMMENTS, [])
    pr.api.route("POST /repos/o/r/issues/7/comments", {"id": 5}, status=201)
    run = gate(pr.repo.path, "check", "--no-fetch-notes", "--comment", env=pr.env)
    assert run.code == 0, run.stdout + run.stderr
    assert run.stderr == "gate comment: created comment 5 on pull request #7\n"
    assert "merge-gate PASS" in run.stdout


def test_a_token_that_cannot_comment_is_exit_2_naming_the_permission(pr: Pr) -> None:
    pr.api.paged(COMMENTS, [])
    pr.api.route("POST /repos/o/r/issues/7/comments", {"message": "no"}, status=403)
    run = gate(pr.repo.path, "check", "--no-fetch-notes", "--comment", env=pr.env)
    assert run.code == 2
    (line,) = run.stderr.splitlines()
    assert line.startswith("gate: error: ")
    assert "give the workflow `permissions: pull-requests: write`" in line


@pytest.mark.parametrize(
    ("content", "error"),
    [
        pytest.param(None, "cannot read the report", id="missing"),
        pytest.param("<xml/>", "not a JSON report", id="not-json"),
    ],
)
def test_a_bad_report_is_exit_2(pr: Pr, content: str | None, error: str) -> None:
    if content is not None:
        pr.report.write_text(content)
    run = gate(pr.repo.path, "comment", "--report", str(pr.report), env=pr.env)
    assert run.code == 2
    (line,) = run.stderr.splitlines()
    assert error in line
    assert pr.api.requests == []
