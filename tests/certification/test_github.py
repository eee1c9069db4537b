"""Certification by GitHub reviews, end to end: `gate check` in Actions against a fake API.

One test per threats.md item 4 and 7 to 13, and the other ways a review must not count.
"""

from __future__ import annotations

import pytest

from tests.certification.conftest import PullRequest, write_config
from tests.gitrepo import lines


def certification(data: dict[str, object]) -> dict[str, object]:
    checks = data["checks"]
    assert isinstance(checks, dict)
    result = checks["certification"]
    assert isinstance(result, dict)
    return result


def test_an_eligible_approval_of_the_head_certifies(pr: PullRequest) -> None:
    pr.reviews(pr.review("bob"))
    pr.permission("bob")
    _, data = pr.check(code=0)
    cert = certification(data)
    assert cert["status"] == "pass"
    metrics = cert["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["required"] is True
    assert metrics["certified"] is True
    assert metrics["reviewers"] == [{"who": "bob", "source": "github"}]
    assert metrics["source"] == ["github"]
    assert metrics["required_by"][0]["rule"] == "ai-share"
    attestation = metrics["attestation"]
    assert attestation["head"] == pr.head
    assert attestation["repository"] == "o/r"
    assert attestation["verdict"] == "certified"
    assert len(attestation["config_sha256"]) == 64
    # the token went with every call
    assert all(h.get("Authorization") == "Bearer t0ken" for _, h in pr.api.calls)


def test_reviewed_by_trailer_never_certifies(pr: PullRequest) -> None:
    """4: text anyone can write."""
    pr.repo.commit(
        "more\n\nReviewed-by: Bob <bob@example.com>\nApproved-by: Bob\n",
        {"more.py": lines(3, "x")},
        author="Alice <alice@example.com>",
    )
    head = pr.repo.head()
    pr.api.route("/repos/o/r/pulls/7", {"user": {"login": "alice"}, "head": {"sha": head}})
    pr.env["GITHUB_EVENT_PATH"] = _event(pr, head)
    pr.reviews()
    run, data = pr.check(code=1)
    assert certification(data)["metrics"]["certified"] is False  # type: ignore[index]
    assert "needs 1 approving review of" in run.stdout


@pytest.mark.parametrize(
    ("review", "role", "reason"),
    [
        pytest.param({}, "read", "no write permission (read)", id="7-read-only-account"),
        pytest.param({}, "triage", "no write permission (triage)", id="7-triage-account"),
        pytest.param(
            {"commit": "0" * 40}, "write", "approved an older commit (0000000)", id="8-stale-sha"
        ),
        pytest.param({"kind": "Bot"}, "write", "a bot", id="11-bot-type"),
        pytest.param({"state": "DISMISSED"}, "write", "approval dismissed", id="dismissed"),
    ],
)
def test_approvals_that_do_not_count(
    pr: PullRequest, review: dict[str, str], role: str, reason: str
) -> None:
    pr.reviews(pr.review("bob", **review))
    pr.permission("bob", role)
    run, data = pr.check(code=1)
    metrics = certification(data)["metrics"]
    assert metrics["certified"] is False  # type: ignore[index]
    assert metrics["rejected"] == [{"who": "bob", "source": "github", "reason": reason}]  # type: ignore[index]
    assert "bob" in run.stdout


def test_bot_login_without_type_is_still_a_bot(pr: PullRequest) -> None:
    """11: an app's login ends in [bot]."""
    pr.reviews(pr.review("renovate[bot]", kind="User"))
    pr.permission("renovate[bot]")
    _, data = pr.check(code=1)
    assert certification(data)["metrics"]["rejected"][0]["reason"] == "a bot"  # type: ignore[index]


def test_review_past_the_first_page_is_found(pr: PullRequest) -> None:
    """9: the approval is review number 31."""
    comments = [pr.review(f"user{i}", state="COMMENTED") for i in range(30)]
    pr.reviews(*comments, pr.review("bob"))
    pr.permission("bob")
    _, data = pr.check(code=0)
    assert certification(data)["metrics"]["certified"] is True  # type: ignore[index]
    assert "/repos/o/r/pulls/7/reviews?per_page=100&page=2" in pr.api.paths()


def test_changes_requested_after_approval_wins(pr: PullRequest) -> None:
    """10: the latest decisive state per reviewer; a later comment does not cancel."""
    pr.reviews(
        pr.review("bob"),
        pr.review("bob", state="CHANGES_REQUESTED"),
        pr.review("carol"),
        pr.review("carol", state="COMMENTED"),
    )
    pr.permission("bob")
    pr.permission("carol")
    _, data = pr.check(code=0)
    metrics = certification(data)["metrics"]
    assert metrics["reviewers"] == [{"who": "carol", "source": "github"}]  # type: ignore[index]
    assert metrics["rejected"] == [  # type: ignore[index]
        {"who": "bob", "source": "github", "reason": "requested changes"}
    ]


def test_the_authors_own_approval_is_ignored(pr: PullRequest) -> None:
    """13."""
    pr.reviews(pr.review("alice"))
    pr.permission("alice")
    run, data = pr.check(code=1)
    reason = certification(data)["metrics"]["rejected"][0]["reason"]  # type: ignore[index]
    assert reason == "the pull request's author"
    assert "alice is the author" in run.stdout


def test_a_committer_of_the_change_cannot_certify_it(pr: PullRequest) -> None:
    pr.api.paged(
        "/repos/o/r/pulls/7/commits?per_page=100",
        [{"author": {"login": "alice"}, "committer": {"login": "bob"}, "commit": {}}],
    )
    pr.reviews(pr.review("bob"))
    pr.permission("bob")
    _, data = pr.check(code=1)
    reason = certification(data)["metrics"]["rejected"][0]["reason"]  # type: ignore[index]
    assert reason == "an author or committer of a commit in the change"


def test_a_co_author_cannot_certify_it(pr: PullRequest) -> None:
    pr.repo.commit(
        "pair\n\nCo-authored-by: Bob B <bob@corp.example>\n",
        {"p.py": "x = 1\n"},
        author="Alice <alice@example.com>",
    )
    head = pr.repo.head()
    pr.api.route("/repos/o/r/pulls/7", {"user": {"login": "alice"}, "head": {"sha": head}})
    pr.env["GITHUB_EVENT_PATH"] = _event(pr, head)
    pr.reviews(pr.review("bob", commit=head))
    pr.permission("bob", email="bob@corp.example")
    _, data = pr.check(code=1)
    reason = certification(data)["metrics"]["rejected"][0]["reason"]  # type: ignore[index]
    assert reason == "a co-author of a commit in the change"


@pytest.mark.parametrize(
    ("status", "headers", "message"),
    [
        pytest.param(500, {}, "HTTP 500: the API failed", id="12-server-error"),
        pytest.param(403, {}, "pull-requests: read", id="12-forbidden-names-permission"),
        pytest.param(401, {}, "the token was refused", id="12-bad-token"),
        pytest.param(
            403,
            {"X_RateLimit_Remaining": "0", "X_RateLimit_Reset": "1893456000"},
            "rate limited until 2030-01-01 00:00:00 UTC",
            id="12-rate-limited",
        ),
        pytest.param(429, {"Retry_After": "60"}, "retry after 60 s", id="12-too-many-requests"),
    ],
)
def test_api_errors_are_exit_2_never_a_pass(
    pr: PullRequest, status: int, headers: dict[str, str], message: str
) -> None:
    """12."""
    pr.api.route("/repos/o/r/pulls/7/reviews?per_page=100", {"message": "x"}, status, **headers)
    run, data = pr.check(code=2)
    assert data["verdict"] == "error"
    assert certification(data)["status"] == "error"
    assert message in run.stdout


def test_missing_token_says_what_to_grant(pr: PullRequest) -> None:
    pr.env["GITHUB_TOKEN"] = None
    run, _ = pr.check(code=2)
    assert "pull-requests: read" in run.stdout
    assert pr.api.calls == []


def test_head_moved_during_the_run_is_exit_2(pr: PullRequest) -> None:
    """17: the API's head is not the head judged."""
    pr.api.route("/repos/o/r/pulls/7", {"user": {"login": "alice"}, "head": {"sha": "f" * 40}})
    run, _ = pr.check(code=2)
    assert "pushed to during the run" in run.stdout


def test_no_api_call_when_nothing_requires_review(pr: PullRequest) -> None:
    pr.repo.commit("human", {"h.py": lines(20, "h")})  # the AI share falls to 10 of 30
    head = pr.repo.head()
    pr.env["GITHUB_EVENT_PATH"] = _event(pr, head)
    write_config(pr.repo, "[certification]\nai_share_at_least = 0.9\n")
    _, data = pr.check(code=0)
    cert = certification(data)
    assert cert["status"] == "skipped"
    assert cert["metrics"] == {"required": False, "certified": False, "required_by": []}
    assert "below 90%" in str(cert["summary"])
    assert pr.api.calls == []


def test_certification_is_in_every_report_even_when_skipped(pr: PullRequest) -> None:
    write_config(pr.repo, "[certification]\nmin_approvals = 0\n")
    _, data = pr.check(code=0)
    assert certification(data)["status"] == "skipped"
    assert pr.api.calls == []


def _event(pr: PullRequest, head: str) -> str:
    import json
    from pathlib import Path

    path = Path(str(pr.env["GITHUB_EVENT_PATH"]))
    event = json.loads(path.read_text())
    event["pull_request"]["head"]["sha"] = head
    path.write_text(json.dumps(event))
    return str(path)
