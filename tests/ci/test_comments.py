"""The sticky comment against a fake GitHub and GitLab API on 127.0.0.1: found by its
marker among our own user's comments, updated, never duplicated."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from gate.ci.comments import GITHUB_LIMIT, publish
from gate.errors import GateError
from gate.report.comment import MARKER
from gate.result import CheckResult, Finding, Result
from tests.fakeapi import FakeApi, serve
from tests.report.full_sample import full_sample

GITHUB = "/repos/o/r/issues/7/comments?per_page=100"
GITLAB = "/projects/g%2Fp/merge_requests/5/notes"


@pytest.fixture
def api() -> Iterator[FakeApi]:
    with serve() as fake:
        yield fake


def github_env(api: FakeApi, **extra: str) -> dict[str, str]:
    return {"GITHUB_API_URL": api.url, "GITHUB_REPOSITORY": "o/r", "GITHUB_TOKEN": "t", **extra}


def gitlab_env(api: FakeApi) -> dict[str, str]:
    return {
        "GITLAB_CI": "true",
        "CI_MERGE_REQUEST_IID": "5",
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_PROJECT_ID": "g/p",
        "CI_API_V4_URL": api.url,
        "GATE_GITLAB_TOKEN": "glpat",
    }


def comment(id: int, login: str, body: str, kind: str = "User") -> dict[str, Any]:
    return {"id": id, "user": {"login": login, "type": kind}, "body": body}


def test_github_first_run_creates_the_comment(api: FakeApi) -> None:
    api.route("/user", {"login": "gate-bot"})
    api.paged(GITHUB, [comment(1, "alice", "looks good")])
    api.route("POST /repos/o/r/issues/7/comments", {"id": 99}, status=201)
    said = publish(full_sample(), github_env(api), 7, None)
    assert said == "gate comment: created comment 99 on pull request #7"
    (write,) = api.writes()
    assert write.body["body"].startswith(MARKER + "\n## ❌ merge-gate: **fail**")
    assert write.headers["Authorization"] == "Bearer t"
    assert write.headers["Content-Type"] == "application/json"


def test_github_later_runs_update_our_comment(api: FakeApi) -> None:
    api.route("/user", {"login": "Gate-Bot"})
    api.paged(
        GITHUB,
        [
            comment(1, "mallory", MARKER + " not the gate's"),  # someone else's, with the marker
            *(comment(n, "alice", "chat") for n in range(2, 40)),
            comment(40, "gate-bot", MARKER + "\nold summary"),  # on the second page
            comment(41, "gate-bot", MARKER + "\na second one (never made, but possible)"),
        ],
    )
    api.route("PATCH /repos/o/r/issues/comments/40", {"id": 40})
    said = publish(full_sample(), github_env(api), 7, None)
    assert said == "gate comment: updated comment 40 on pull request #7"
    assert [(w.method, w.path) for w in api.writes()] == [
        ("PATCH", "/repos/o/r/issues/comments/40")
    ]


def test_github_workflow_token_is_the_actions_bot(api: FakeApi) -> None:
    """GITHUB_TOKEN may not read /user: its comments are github-actions[bot]'s."""
    api.route("/user", {"message": "Resource not accessible by integration"}, status=403)
    api.paged(
        GITHUB,
        [
            comment(3, "other-app[bot]", MARKER, kind="Bot"),
            comment(4, "github-actions[bot]", MARKER, kind="Bot"),
        ],
    )
    api.route("PATCH /repos/o/r/issues/comments/4", {"id": 4})
    assert publish(full_sample(), github_env(api), 7, None).startswith(
        "gate comment: updated comment 4"
    )


def test_github_app_token_that_cannot_say_who_it_is_edits_a_bots_comment(api: FakeApi) -> None:
    api.route("/user", {"message": "Resource not accessible by integration"}, status=403)
    api.paged(GITHUB, [comment(3, "alice", MARKER), comment(5, "gate-app[bot]", MARKER, "Bot")])
    api.route("PATCH /repos/o/r/issues/comments/5", {"id": 5})
    env = github_env(api, GATE_GITHUB_TOKEN="app")  # noqa: S106
    assert publish(full_sample(), env, 7, None).startswith("gate comment: updated comment 5")
    assert api.writes()[0].headers["Authorization"] == "Bearer app"


def test_github_body_fits_a_comment(api: FakeApi) -> None:
    findings = tuple(
        Finding("size", "r", f"{i}.py", 1, "m" * 4000, "error", str(i), True) for i in range(20)
    )
    many = tuple(CheckResult(f"c{n}", "fail", "s", findings=findings) for n in range(5))
    api.route("/user", {"login": "me"})
    api.paged(GITHUB, [])
    api.route("POST /repos/o/r/issues/7/comments", {"id": 1}, status=201)
    publish(Result(verdict="fail", checks=many), github_env(api), 7, None)
    body = api.writes()[0].body["body"]
    assert len(body.encode()) < GITHUB_LIMIT
    assert "more lines cut to stay under 65,000 bytes." in body


def test_gitlab_updates_our_note(api: FakeApi) -> None:
    api.route("/user", {"id": 12, "username": "project_5_bot"})
    api.paged(
        f"{GITLAB}?per_page=100&sort=asc&order_by=created_at",
        [
            {"id": 1, "system": True, "body": MARKER, "author": {"id": 12}},
            {"id": 2, "body": MARKER, "author": {"id": 13}},
            {"id": 3, "body": MARKER + "\nold", "author": {"id": 12}},
        ],
    )
    api.route(f"PUT {GITLAB}/3", {"id": 3})
    said = publish(full_sample(), gitlab_env(api), None, None)
    assert said == "gate comment: updated comment 3 on merge request !5"
    (write,) = api.writes()
    assert write.headers["Private-Token"] == "glpat"
    assert "https://github.com/o/r/blob/" in write.body["body"]  # the report's own links


def test_gitlab_first_run_creates_a_note_with_links_from_the_environment(api: FakeApi) -> None:
    api.route("/user", {"id": 12})
    api.paged(f"{GITLAB}?per_page=100&sort=asc&order_by=created_at", [])
    api.route(f"POST {GITLAB}", {"id": 8}, status=201)
    env = {**gitlab_env(api), "CI_PROJECT_URL": "https://gitlab.example/g/p"}
    from dataclasses import replace

    publish(replace(full_sample(), web=None), env, None, None)
    assert "https://gitlab.example/g/p/-/blob/" in api.writes()[0].body["body"]


def test_no_pull_request_no_comment(api: FakeApi) -> None:
    said = publish(full_sample(), github_env(api), None, None)
    assert said == "gate comment: no pull or merge request in this run: nothing to comment on"
    assert api.requests == []


@pytest.mark.parametrize(
    ("env", "error"),
    [
        pytest.param(
            {"GITHUB_REPOSITORY": "o/r"},
            "no GitHub token: pass the workflow's token as GITHUB_TOKEN",
            id="github-no-token",
        ),
        pytest.param(
            {"GITHUB_TOKEN": "t"}, "no repository (GITHUB_REPOSITORY, or --repo)", id="no-repo"
        ),
        pytest.param(
            {
                "GITLAB_CI": "true",
                "CI_MERGE_REQUEST_IID": "5",
                "CI_PROJECT_ID": "1",
                "CI_JOB_TOKEN": "j",
            },
            "no GitLab token: set GATE_GITLAB_TOKEN to a project access token with the api scope",
            id="gitlab-job-token-only",
        ),
        pytest.param(
            {
                "GITLAB_CI": "true",
                "CI_MERGE_REQUEST_IID": "5",
                "CI_PROJECT_ID": "1",
                "GATE_GITLAB_TOKEN": "g",
            },
            "CI_API_V4_URL is not set",
            id="gitlab-no-api",
        ),
    ],
)
def test_what_is_missing_is_named(env: dict[str, str], error: str) -> None:
    with pytest.raises(GateError, match="gate comment: ") as caught:
        publish(full_sample(), env, 7, None)
    assert error in str(caught.value)


def test_a_token_that_cannot_write_says_what_to_grant(api: FakeApi) -> None:
    api.route("/user", {"login": "me"})
    api.paged(GITHUB, [])
    api.route(
        "POST /repos/o/r/issues/7/comments", {"message": "Resource not accessible"}, status=403
    )
    with pytest.raises(GateError) as caught:
        publish(full_sample(), github_env(api), 7, None)
    assert str(caught.value) == (
        f"{api.url}/repos/o/r/issues/7/comments: HTTP 403: the token was refused; give the "
        "workflow `permissions: pull-requests: write`, or set GATE_GITHUB_TOKEN to a token that "
        "can comment on this repository's pull requests (a pull request from a fork gets a "
        "read-only GITHUB_TOKEN)"
    )


def test_a_bad_token_is_refused_before_anything_is_written(api: FakeApi) -> None:
    api.route("/user", {"message": "Bad credentials"}, status=401)
    with pytest.raises(GateError, match="HTTP 401: the token was refused; give the workflow"):
        publish(full_sample(), github_env(api), 7, None)
    assert api.writes() == []


def test_an_answer_without_an_id_is_an_error(api: FakeApi) -> None:
    api.route("/user", {"login": "me"})
    api.paged(GITHUB, [comment(1, "me", "x"), "junk", {"id": 2, "user": None, "body": None}])
    api.route("POST /repos/o/r/issues/7/comments", {"id": "nine"}, status=201)
    with pytest.raises(GateError, match="the comments API answered without a numeric id"):
        publish(full_sample(), github_env(api), 7, None)
