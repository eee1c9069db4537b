"""Certification rules from the trusted config: what fires, what it needs, what the report says."""

from __future__ import annotations

from typing import Any

import pytest

from tests.certification.conftest import PullRequest, write_config
from tests.gitrepo import lines
from tests.run import report


def cert(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["checks"]["certification"]
    return result


def test_a_path_rule_needs_two_approvals(pr: PullRequest) -> None:
    write_config(
        pr.repo,
        "[certification]\nmin_approvals = 0\n"
        '[[certification.rule]]\nid = "auth"\npaths = ["auth/**"]\napprovals = 2\n',
    )
    pr.repo.commit("auth", {"auth/login.py": "x = 1\n"}, author="Alice <alice@example.com>")
    head = _move(pr)
    pr.reviews(pr.review("bob", commit=head))
    pr.permission("bob")
    run, data = pr.check(code=1)
    metrics = cert(data)["metrics"]
    assert metrics["required_by"] == [
        {
            "rule": "auth",
            "why": "touches auth/login.py (auth/**)",
            "approvals": 2,
            "reviewers": [],
            "owned_paths": [],
        }
    ]
    assert metrics["approvals_required"] == 2
    assert "auth (touches auth/login.py (auth/**)) needs 2 approving reviews" in run.stdout
    pr.reviews(pr.review("bob", commit=head), pr.review("carol", commit=head))
    pr.permission("carol")
    _, data = pr.check(code=0)
    assert cert(data)["metrics"]["certified"] is True


def test_rules_that_do_not_fire_are_not_required(pr: PullRequest) -> None:
    write_config(
        pr.repo,
        "[certification]\nmin_approvals = 0\n"
        '[[certification.rule]]\nid = "auth"\npaths = ["auth/**"]\n'
        '[[certification.rule]]\nid = "agents"\nagent_commits = true\ncomplexity_above = 50\n',
    )
    _, data = pr.check(code=0)
    assert cert(data)["status"] == "skipped"
    assert "none of 2 rules fired" in cert(data)["summary"]
    assert pr.api.calls == []


def test_agent_commits_rule_fires_on_a_claude_commit(pr: PullRequest) -> None:
    write_config(
        pr.repo,
        '[certification]\nmin_approvals = 0\n[[certification.rule]]\nid = "agents"\n'
        "agent_commits = true\n",
    )
    pr.reviews()
    _, data = pr.check(code=1)
    assert cert(data)["metrics"]["required_by"][0]["why"] == "commits by an agent (claude)"


def test_complexity_rule_fires_on_a_grown_function(pr: PullRequest) -> None:
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(8))
    write_config(
        pr.repo,
        '[certification]\nmin_approvals = 0\n[[certification.rule]]\nid = "complex"\n'
        "complexity_above = 5\n",
    )
    pr.repo.commit("f", {"f.py": f"def f(x):\n{branches}    return -1\n"})
    _move(pr)
    pr.reviews()
    _, data = pr.check(code=1)
    why = cert(data)["metrics"]["required_by"][0]["why"]
    assert why == "a function grew to complexity 9 (> 5)"


def test_reviewers_restricted_to_a_team(pr: PullRequest) -> None:
    write_config(
        pr.repo,
        '[certification]\nmin_approvals = 0\n[[certification.rule]]\nid = "all"\n'
        'reviewers = ["@o/security"]\n',
    )
    pr.reviews(pr.review("bob"), pr.review("carol"))
    pr.permission("bob")
    pr.permission("carol")
    pr.api.route("/orgs/o/teams/security/memberships/carol", {"state": "pending"})
    run, _ = pr.check(code=1)
    assert "from @o/security" in run.stdout
    pr.api.route("/orgs/o/teams/security/memberships/bob", {"state": "active"})
    _, data = pr.check(code=0)
    assert cert(data)["metrics"]["certified"] is True


def test_codeowners_from_the_trusted_tip(pr: PullRequest) -> None:
    pr.repo.checkout("main")
    pr.repo.commit("owners", {".github/CODEOWNERS": "* @o/core\n/feature.py @dana\n"})
    write_config(
        pr.repo,
        '[certification]\nmin_approvals = 0\n[[certification.rule]]\nid = "owners"\n'
        "codeowners = true\n",
    )
    # the change rewrites CODEOWNERS to name its own author: ignored
    pr.repo.commit("own it", {".github/CODEOWNERS": "* @bob\n"}, author="Alice <alice@example.com>")
    head = _move(pr)
    pr.reviews(pr.review("bob", commit=head))
    pr.permission("bob")
    run, data = pr.check(code=1)
    assert "an approval by an owner of .github/CODEOWNERS (@o/core) and 1 more path" in run.stdout
    assert cert(data)["metrics"]["required_by"][0]["owned_paths"] == [
        ".github/CODEOWNERS",
        "feature.py",
    ]
    pr.api.route("/orgs/o/teams/core/memberships/bob", {"state": "active"})
    pr.reviews(pr.review("bob", commit=head), pr.review("dana", commit=head))
    pr.permission("dana")
    _, data = pr.check(code=0)
    assert cert(data)["metrics"]["certified"] is True


def test_codeowners_rule_without_a_file_is_exit_2(pr: PullRequest) -> None:
    write_config(pr.repo, '[[certification.rule]]\nid = "owners"\ncodeowners = true\n')
    run, _ = pr.check(code=2)
    assert "has no CODEOWNERS file" in run.stdout


def test_a_new_finding_rule_treats_an_unknown_security_result_as_firing(pr: PullRequest) -> None:
    """Tests without the semgrep marker run no security check: the fact is unknown, so it fires."""
    write_config(
        pr.repo,
        '[certification]\nmin_approvals = 0\n[[certification.rule]]\nid = "sec"\n'
        'new_finding_at_least = "ERROR"\n',
    )
    pr.reviews()
    _, data = pr.check(code=1)
    assert "unknown" in cert(data)["metrics"]["required_by"][0]["why"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '[[certification.rule]]\nid = "ai-share"\n', "id 'ai-share' is used twice", id="dup-id"
        ),
        pytest.param(
            '[[certification.rule]]\nid = "x"\nnew_finding_at_least = "HIGH"\n',
            "must be one of INFO | WARNING | ERROR",
            id="bad-severity",
        ),
        pytest.param("[[certification.rule]]\npaths = []\n", "missing key", id="no-id"),
        pytest.param(
            "[[size.budget]]\nai_share_at_least = 0.5\n", "sets no limit", id="empty-budget"
        ),
    ],
)
def test_bad_rules_are_exit_2_naming_the_key(pr: PullRequest, text: str, message: str) -> None:
    write_config(pr.repo, text)
    run, _ = pr.check(code=2)
    assert message in run.stderr


def test_size_budget_tightens_with_the_ai_share(pr: PullRequest) -> None:
    write_config(
        pr.repo,
        "[certification]\nmin_approvals = 0\n"
        "[[size.budget]]\nai_share_at_least = 0.5\nmax_changed_lines = 5\n",
    )
    _, data = pr.check(code=1)
    size = data["checks"]["size"]
    assert size["status"] == "fail"
    assert size["metrics"]["max_changed_lines"] == 5
    assert "reaches [[size.budget]] at 50%" in size["findings"][0]["message"]
    # a human change of the same size is under the ordinary limit
    pr.repo.commit("human", {"h.py": lines(30, "h")})
    _move(pr)
    _, data = pr.check(code=0)
    assert data["checks"]["size"]["metrics"]["max_changed_lines"] == 400


def test_size_budget_with_the_ai_check_disabled_is_an_error(pr: PullRequest) -> None:
    write_config(
        pr.repo,
        "[ai]\nenabled = false\n[[size.budget]]\nai_share_at_least = 0.5\nmax_files = 1\n",
    )
    run, data = pr.check(code=2)
    assert data["checks"]["size"]["status"] == "error"
    assert "depends on the AI share" in run.stdout


def test_outside_ci_a_required_review_is_unverified_and_warns(pr: PullRequest) -> None:
    run, data = report(pr.repo.path, "--base", "main")
    assert run.code == 0, run.stdout
    assert cert(data)["status"] == "pass"
    assert cert(data)["metrics"]["attestation"]["verdict"] == "unverified"
    assert cert(data)["metrics"]["attestation"]["repository"] == ""  # no remote, no CI
    assert cert(data)["findings"][0]["rule"] == "unverified"
    assert "CI will enforce it" in run.stdout
    strict, data = report(pr.repo.path, "--base", "main", "--strict")
    assert strict.code == 1, strict.stdout
    assert cert(data)["status"] == "fail"


def test_in_ci_without_a_pull_request_nothing_certifies(pr: PullRequest) -> None:
    """A push pipeline has no reviews to read: required and not certified, never unverified."""
    env = {"CI": "true", "GITHUB_ACTIONS": None}
    run, data = report(pr.repo.path, "--base", "main", env=env)
    assert run.code == 1, run.stdout
    assert cert(data)["metrics"]["attestation"]["verdict"] == "not certified"


def test_pr_and_repo_options_outside_actions(pr: PullRequest) -> None:
    pr.reviews(pr.review("bob"))
    pr.permission("bob")
    env = {
        "GITHUB_ACTIONS": None,
        "GITHUB_EVENT_PATH": None,
        "GITHUB_REPOSITORY": None,
        "GITHUB_API_URL": pr.api.url,
        "GITHUB_TOKEN": None,
        "GATE_GITHUB_TOKEN": "other",
    }
    run, data = report(pr.repo.path, "--base", "main", "--pr", "7", "--repo", "o/r", env=env)
    assert run.code == 0, run.stdout
    assert cert(data)["metrics"]["certified"] is True
    assert pr.api.calls[0][1]["Authorization"] == "Bearer other"


def test_an_explicit_base_in_actions_still_reads_the_reviews(pr: PullRequest) -> None:
    """--base must not turn an enforced review into an unverified one."""
    pr.reviews()
    run, data = report(pr.repo.path, "--base", "main", env=pr.env)
    assert run.code == 1, run.stdout
    assert cert(data)["metrics"]["source"] == ["github"]


def _move(pr: PullRequest) -> str:
    """The PR's head is now the feature branch's tip."""
    import json
    from pathlib import Path

    head = pr.repo.head()
    path = Path(str(pr.env["GITHUB_EVENT_PATH"]))
    event = json.loads(path.read_text())
    event["pull_request"]["head"]["sha"] = head
    path.write_text(json.dumps(event))
    pr.api.route("/repos/o/r/pulls/7", {"user": {"login": "alice"}, "head": {"sha": head}})
    pr.head = head
    return head


def test_a_codeowners_blob_missing_from_the_clone_is_exit_2(pr: PullRequest) -> None:
    """A partial clone that could not fetch it: never "no owners" instead."""
    pr.repo.checkout("main")
    missing = "0123456789abcdef" * 2 + "01234567"
    pr.repo.write(".gate.toml", '[[certification.rule]]\nid = "o"\ncodeowners = true\n')
    pr.repo.git("add", ".gate.toml")
    pr.repo.git("update-index", "--add", "--cacheinfo", f"100644,{missing},CODEOWNERS")
    tree = pr.repo.git("write-tree", "--missing-ok").strip()
    tip = pr.repo.git("commit-tree", tree, "-p", "HEAD", "-m", "owners").strip()
    pr.repo.git("update-ref", "refs/remotes/origin/main", tip)
    pr.repo.git("reset", "-q", "--hard", "HEAD")
    pr.repo.checkout("feature")
    run, _ = pr.check(code=2)
    assert "CODEOWNERS at" in run.stdout
    assert "its blob is missing from this clone" in run.stdout


def test_gitlab_style_group_reviewers_and_null_users(pr: PullRequest) -> None:
    """A review by a deleted user (``user: null``) is no one's; web-flow commits no one."""
    pr.api.paged(
        "/repos/o/r/pulls/7/commits?per_page=100",
        [{"author": {"login": "alice"}, "committer": {"login": "web-flow"}, "commit": {}}],
    )
    pr.reviews({"user": None, "state": "APPROVED", "commit_id": pr.head}, pr.review("bob"))
    pr.permission("bob")
    _, data = pr.check(code=0)
    assert cert(data)["metrics"]["reviewers"] == [{"who": "bob", "source": "github"}]


def test_the_attestation_names_the_repository_from_the_remote(pr: PullRequest) -> None:
    pr.repo.git("remote", "add", "origin", "git@example.com:Team/Service.git")
    _, data = report(pr.repo.path, "--base", "main")
    assert cert(data)["metrics"]["attestation"]["repository"] == "team/service"
