"""The author of the change against GitLab approvals: answers that must not certify."""

from __future__ import annotations

from typing import Any

import pytest

from tests.certification.test_gitlab import MergeRequest, mr

__all__ = ["mr"]  # the fixture, shared with test_gitlab

APPROVED = {"approved_by": [{"user": {"id": 5, "username": "bob"}}]}


@pytest.mark.parametrize(
    ("settings", "approvals"),
    [
        pytest.param({}, APPROVED, id="reset-setting-missing"),
        pytest.param({"reset_approvals_on_push": "true"}, APPROVED, id="reset-setting-a-string"),
        pytest.param(
            {"reset_approvals_on_push": True},
            {"approved_by": [{"user": {"id": "5", "username": "bob"}}]},
            id="user-id-a-string",
        ),
        pytest.param(
            {"reset_approvals_on_push": True},
            {"approved_by": [{"user": {"id": 6, "username": "ALICE"}}]},
            id="author-in-capitals",
        ),
    ],
)
def test_gitlab_answers_that_do_not_certify(
    mr: MergeRequest, settings: dict[str, Any], approvals: dict[str, Any]
) -> None:
    mr.api.route("/projects/42/approvals", settings)
    mr.api.route("/projects/42/merge_requests/7/approvals", approvals)
    mr.user(5)
    mr.user(6, 50, name="Someone")
    _, cert = mr.check(code=1)
    assert cert["metrics"]["reviewers"] == []
