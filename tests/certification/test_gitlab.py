"""Certification by GitLab approvals, end to end: `gate check` in an MR pipeline, fake API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.certification.conftest import ALICE, CLAUDE
from tests.fakeapi import FakeApi, serve
from tests.gitrepo import GitRepo, lines
from tests.run import Run, report


@dataclass
class MergeRequest:
    repo: GitRepo
    api: FakeApi
    head: str
    env: dict[str, str | None]

    def approve(self, *users: tuple[int, str], reset: bool = True) -> None:
        self.api.route("/projects/42/approvals", {"reset_approvals_on_push": reset})
        self.api.route(
            "/projects/42/merge_requests/7/approvals",
            {"approved_by": [{"user": {"id": uid, "username": name}} for uid, name in users]},
        )

    def user(self, uid: int, level: int = 30, *, bot: bool = False, name: str = "Bob") -> None:
        self.api.route(f"/users/{uid}", {"bot": bot, "public_email": "", "name": name})
        self.api.route(f"/projects/42/members/all/{uid}", {"access_level": level})

    def check(self, *args: str, code: int) -> tuple[Run, dict[str, Any]]:
        run, data = report(self.repo.path, *args, env=self.env)
        assert run.code == code, run.stdout + run.stderr
        cert: dict[str, Any] = data["checks"]["certification"]
        return run, cert


@pytest.fixture
def mr(tmp_path: Path) -> Iterator[MergeRequest]:
    repo = GitRepo.init(tmp_path / "repo")
    base = repo.commit("base", {"app.py": lines(3, "base")})
    repo.git("update-ref", "refs/remotes/origin/main", "main")
    repo.branch("feature")
    head = repo.commit(f"feature\n\n{CLAUDE}\n", {"f.py": lines(10, "ai")}, author=ALICE)
    with serve() as api:
        api.route("/projects/42/merge_requests/7", {"author": {"username": "alice"}, "sha": head})
        env: dict[str, str | None] = {
            "GITLAB_CI": "true",
            "CI_MERGE_REQUEST_IID": "7",
            "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
            "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
            "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA": head,
            "CI_PROJECT_ID": "42",
            "CI_PROJECT_PATH": "group/project",
            "CI_API_V4_URL": api.url,
            "GATE_GITLAB_TOKEN": "glpat",
        }
        yield MergeRequest(repo, api, head, env)


def test_a_developer_approval_certifies(mr: MergeRequest) -> None:
    mr.approve((2, "bob"))
    mr.user(2)
    _, cert = mr.check(code=0)
    assert cert["metrics"]["certified"] is True
    assert cert["metrics"]["source"] == ["gitlab"]
    assert cert["metrics"]["attestation"]["repository"] == "group/project"
    assert all(h.get("Private-Token") == "glpat" for _, h in mr.api.calls)


@pytest.mark.parametrize(
    ("uid", "login", "user", "reason"),
    [
        pytest.param(3, "rita", {"level": 20}, "access below Developer (20)", id="reporter"),
        pytest.param(4, "bot", {"bot": True}, "a bot", id="bot"),
        pytest.param(1, "alice", {"name": "Someone"}, "the merge request's author", id="13-self"),
        pytest.param(
            5,
            "al",
            {"name": "Alice"},
            "an author, committer or co-author of a commit in the change",
            id="commit-author-by-name",
        ),
    ],
)
def test_approvals_that_do_not_count(
    mr: MergeRequest, uid: int, login: str, user: dict[str, Any], reason: str
) -> None:
    mr.approve((uid, login))
    mr.user(uid, **user)
    _, cert = mr.check(code=1)
    assert cert["metrics"]["rejected"] == [{"who": login, "source": "gitlab", "reason": reason}]


def test_not_a_member_is_rejected(mr: MergeRequest) -> None:
    mr.approve((6, "guest"))
    mr.api.route("/users/6", {"bot": False, "name": "Guest"})
    _, cert = mr.check(code=1)
    assert cert["metrics"]["rejected"][0]["reason"] == "access below Developer (not a member)"


def test_approvals_that_are_not_reset_on_push_are_not_tied_to_the_head(mr: MergeRequest) -> None:
    mr.approve((2, "bob"), reset=False)
    mr.user(2)
    run, cert = mr.check(code=1)
    assert "may be of an older commit" in cert["metrics"]["rejected"][0]["reason"]
    assert "Remove all approvals when commits are added" in run.stdout


def test_the_trusted_config_may_accept_them(mr: MergeRequest) -> None:
    mr.repo.checkout("main")
    mr.repo.commit(
        "policy", {".gate.toml": "[certification]\naccept_approvals_without_reset = true\n"}
    )
    mr.repo.git("update-ref", "refs/remotes/origin/main", "main")
    mr.repo.checkout("feature")
    mr.approve((2, "bob"), reset=False)
    mr.user(2)
    _, cert = mr.check(code=0)
    assert cert["metrics"]["certified"] is True


def test_the_job_token_alone_is_named(mr: MergeRequest) -> None:
    mr.env |= {"GATE_GITLAB_TOKEN": None, "CI_JOB_TOKEN": "job"}
    run, _ = mr.check(code=2)
    assert "the CI job token cannot read merge request approvals" in run.stdout
    assert "GATE_GITLAB_TOKEN" in run.stdout
    assert mr.api.calls == []


def test_no_api_url_is_exit_2(mr: MergeRequest) -> None:
    mr.env["CI_API_V4_URL"] = None
    run, _ = mr.check(code=2)
    assert "CI_API_V4_URL" in run.stdout


def test_head_moved_is_exit_2(mr: MergeRequest) -> None:
    mr.api.route(
        "/projects/42/merge_requests/7", {"author": {"username": "alice"}, "sha": "e" * 40}
    )
    run, _ = mr.check(code=2)
    assert "pushed to during the run" in run.stdout


def test_api_failure_is_exit_2(mr: MergeRequest) -> None:
    mr.api.route("/projects/42/approvals", {"message": "boom"}, 502)
    run, cert = mr.check(code=2)
    assert cert["status"] == "error"
    assert "HTTP 502" in run.stdout


def test_policy_comes_from_the_target_branch_tip_not_the_diff_base(mr: MergeRequest) -> None:
    """The MR names its merge-base; the policy is read from the target branch's tip."""
    mr.repo.checkout("main")
    tip = mr.repo.commit("policy", {".gate.toml": "[certification]\nmin_approvals = 0\n"})
    mr.repo.git("update-ref", "refs/remotes/origin/main", "main")
    mr.repo.checkout("feature")
    run, data = report(mr.repo.path, env=mr.env)
    assert run.code == 0, run.stdout
    assert data["config_source"] == f"base:{tip}:.gate.toml"
    assert data["checks"]["certification"]["status"] == "skipped"


def test_reviewers_from_a_gitlab_group(mr: MergeRequest) -> None:
    mr.repo.checkout("main")
    mr.repo.commit(
        "policy",
        {
            ".gate.toml": '[certification]\nmin_approvals = 0\n[[certification.rule]]\nid = "sec"\n'
            'reviewers = ["platform/security"]\n'
        },
    )
    mr.repo.git("update-ref", "refs/remotes/origin/main", "main")
    mr.repo.checkout("feature")
    mr.approve((2, "bob"), (3, "carol"))
    mr.user(2)
    mr.user(3, name="Carol")
    run, _ = mr.check(code=1)
    assert "from platform/security" in run.stdout
    mr.api.route("/groups/platform%2Fsecurity/members/all/3", {"access_level": 30})
    _, cert = mr.check(code=0)
    assert cert["metrics"]["certified"] is True
