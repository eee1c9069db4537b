"""The author of the change against review certification: `gate check` in Actions, fake API.

Each test is one way the author of an AI-written change tries to get exit 0 without an
eligible human's approval of its head.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.certification.conftest import CLAUDE, PullRequest, write_config
from tests.fakeapi import serve
from tests.gitrepo import lines
from tests.run import report


def cert(data: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = data["checks"]["certification"]
    return result


def push(
    pr: PullRequest, message: str, files: dict[str, str | None], *, fresh: bool = False
) -> str:
    """A new head of pull request #7 (``fresh``: the branch restarted from the base)."""
    if fresh:
        pr.repo.git("reset", "-q", "--hard", pr.base)
    head = pr.repo.commit(message, files, author="Alice <alice@example.com>")
    pr.head = head
    pr.api.route("/repos/o/r/pulls/7", {"user": {"login": "alice"}, "head": {"sha": head}})
    path = Path(str(pr.env["GITHUB_EVENT_PATH"]))
    event = json.loads(path.read_text())
    event["pull_request"]["head"]["sha"] = head
    path.write_text(json.dumps(event))
    return head


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("vendor/app.py", id="vendored-folder"),
        pytest.param("src/third_party/app.py", id="third-party-folder"),
        pytest.param("src/app.generated.py", id="generated-name"),
        pytest.param("src/app_pb2.py", id="protobuf-name"),
    ],
)
def test_ai_code_under_an_excluded_name_still_needs_review(pr: PullRequest, path: str) -> None:
    """A name the change picks must not take its AI lines out of the share."""
    push(pr, f"add helper\n\n{CLAUDE}\n", {path: lines(40, "ai")}, fresh=True)
    pr.reviews()
    _, data = pr.check(code=1)
    assert cert(data)["metrics"]["required"] is True
    assert data["checks"]["ai"]["metrics"]["ai_share"] == 1.0


FAST = "[security]\nenabled = false\n[complexity]\nenabled = false\n"


def test_a_waiver_of_one_changes_review_does_not_waive_the_next(pr: PullRequest) -> None:
    """A maintainer waived the review of one change (by its fingerprint, from its report):
    a later AI change must not ride on that waiver until it expires."""
    pr.reviews()
    _, data = pr.check(code=1)
    (finding,) = cert(data)["findings"]
    write_config(
        pr.repo,
        FAST + '[[waiver]]\ncheck = "certification"\nreason = "hotfix, reviewed on a call"\n'
        f'approved_by = "carol"\nexpires = 2999-01-01\nfingerprint = "{finding["fingerprint"]}"\n',
    )
    pr.repo.git("reset", "-q", "--hard", "main")
    push(pr, f"another feature\n\n{CLAUDE}\n", {"other.py": lines(10, "ai")})
    _, data = pr.check(code=1)
    assert cert(data)["status"] == "fail"


def test_a_redirect_elsewhere_is_not_handed_the_token(pr: PullRequest) -> None:
    """Like a next page on another host: a redirect there must not carry the token."""
    with serve() as other:
        other.route("/repos/o/r/pulls/7", {"user": {"login": "alice"}, "head": {"sha": pr.head}})
        pr.api.route("/repos/o/r/pulls/7", status=302, Location=f"{other.url}/repos/o/r/pulls/7")
        run, _ = pr.check(code=2)
    assert all("Authorization" not in headers for _, headers in other.calls)
    assert "redirect" in run.stdout + run.stderr


def test_a_redirect_on_the_api_itself_is_followed(pr: PullRequest) -> None:
    """GitHub answers 301 for a renamed repository: that one is followed, token and all."""
    pr.api.route("/repos/o/old/pulls/7", status=301, Location=f"{pr.api.url}/repos/o/r/pulls/7")
    pr.api.route("/repos/o/old/pulls/7/commits?per_page=100", [])
    pr.api.route("/repos/o/old/pulls/7/reviews?per_page=100", [])
    pr.env["GITHUB_REPOSITORY"] = "o/old"
    _, data = pr.check(code=1)
    assert cert(data)["status"] == "fail"
    assert ("/repos/o/r/pulls/7", "Bearer t0ken") in [
        (path, h.get("Authorization")) for path, h in pr.api.calls
    ]


@pytest.mark.parametrize(
    "human",
    [pytest.param(None, id="binary-alone"), pytest.param("run.py", id="binary-and-a-human-line")],
)
def test_an_ai_commits_binary_file_still_needs_review(pr: PullRequest, human: str | None) -> None:
    """Compiled AI code (a sourceless `.pyc` imports fine) has no lines to attribute."""
    push(pr, f"add helper\n\n{CLAUDE}\n", {"app/helper.pyc": "\0\r\n" + "x" * 500}, fresh=True)
    if human:
        push(pr, "wire it", {human: "import app.helper\n"})
    pr.reviews()
    _, data = pr.check(code=1)
    assert "binary file app/helper.pyc" in cert(data)["findings"][0]["message"]


@pytest.mark.parametrize(
    "reviews",
    [
        pytest.param([{"user": {"login": "bob"}, "state": "approved"}], id="lower-case-state"),
        pytest.param([{"user": None, "state": "APPROVED"}], id="null-user"),
        pytest.param([{"user": {"login": "bob"}, "state": "APPROVED", "commit_id": None}],
                     id="null-commit"),
        pytest.param([{"user": {"login": "ALICE"}, "state": "APPROVED"}], id="author-in-capitals"),
        pytest.param([{"user": {"login": "Dependabot[BOT]"}, "state": "APPROVED"}],
                     id="bot-suffix-in-capitals"),
        pytest.param(
            [{"user": {"login": "bob"}, "state": "APPROVED"},
             {"user": {"login": "Bob"}, "state": "APPROVED", "commit_id": "0" * 40}],
            id="a-later-stale-approval-in-other-case",
        ),
        pytest.param(
            [{"user": {"login": "bob"}, "state": "APPROVED"},
             {"user": {"login": "BOB"}, "state": "CHANGES_REQUESTED"}],
            id="changes-requested-in-other-case",
        ),
    ],
)  # fmt: skip
def test_reviews_an_ineligible_or_odd_answer_makes_count(
    pr: PullRequest, reviews: list[dict[str, Any]]
) -> None:
    for review in reviews:
        review.setdefault("commit_id", pr.head)
    pr.reviews(*reviews)
    for login in ("bob", "alice", "dependabot[bot]"):
        pr.permission(login, "admin")
    _, data = pr.check(code=1)
    assert cert(data)["metrics"]["reviewers"] == []


HOOK = '[build-system]\nrequires = ["evil-helper"]\nbuild-backend = "evil_helper.build"\n'


@pytest.mark.parametrize(
    ("files", "code"),
    [
        pytest.param({".gate.toml": "[size]\nmax_files = 9\n", "pyproject.toml": HOOK}, 1,
                     id="ai-build-hook-in-the-repair"),
        pytest.param({".gate.toml": None, "app2.py": "[size]\nmax_files = 9\n"}, 2,
                     id="config-renamed-to-code"),
    ],
)  # fmt: skip
def test_the_repair_path_smuggles_nothing_past_review(
    pr: PullRequest, files: dict[str, str | None], code: int
) -> None:
    """Under a broken trusted config only a config-only change is judged (by the defaults,
    which still ask an AI change for its review); anything else stops."""
    write_config(pr.repo, "[size]\nmax_lines = 1\n")  # not a key: the trusted config is broken
    pr.repo.git("reset", "-q", "--hard", "main")
    push(pr, f"repair the policy\n\n{CLAUDE}\n", files)
    pr.reviews()
    run, _ = pr.check(code=code)
    assert ("judged with the DEFAULT policy" in run.stdout) == (code == 1)


@pytest.mark.parametrize(
    "files",
    [
        pytest.param({"app.py": "# base 1\n"}, id="removals-only"),
        pytest.param({"app.py": None, "auth_disabled.py": lines(3, "base")}, id="rename-only"),
    ],
)
def test_an_ai_change_that_adds_no_line_still_needs_review(
    pr: PullRequest, files: dict[str, str | None]
) -> None:
    """An agent deleting the checks of app.py adds nothing: no share, but not no AI."""
    push(pr, f"simplify\n\n{CLAUDE}\n", files, fresh=True)
    pr.reviews()
    _, data = pr.check(code=1)
    assert "change that adds no line" in cert(data)["findings"][0]["message"]


def test_a_human_change_that_adds_no_line_needs_none(pr: PullRequest) -> None:
    push(pr, "simplify", {"app.py": "# base 1\n"}, fresh=True)
    _, data = pr.check(code=0)
    assert cert(data)["status"] == "skipped"


@pytest.mark.parametrize("variable", ["JENKINS_URL", "TF_BUILD", "TEAMCITY_VERSION"])
def test_a_ci_that_sets_no_ci_variable_does_not_look_local(pr: PullRequest, variable: str) -> None:
    """Jenkins or Azure Pipelines without --strict: a missing review must not be 'unverified'."""
    run, data = report(pr.repo.path, "--base", "main", env={variable: "x"})
    assert run.code == 1, run.stdout
    assert cert(data)["metrics"]["attestation"]["verdict"] == "not certified"
