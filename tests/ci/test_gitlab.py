"""GitLab CI: merge request pipelines (merged results too) and branch pipelines."""

from __future__ import annotations

from gate.ci import detect

SHA = "a" * 40
BEFORE = "b" * 40


def test_gitlab_merge_request() -> None:
    env = {
        "GITLAB_CI": "true",
        "CI_MERGE_REQUEST_IID": "12",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": BEFORE,
        "CI_COMMIT_SHA": SHA,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "CI_COMMIT_BEFORE_SHA": "0" * 40,
    }
    found = detect(env)
    assert found is not None
    assert (found.base, found.head, found.number, found.expect_change) == (BEFORE, SHA, 12, True)
    merged_result = {**env, "CI_MERGE_REQUEST_SOURCE_BRANCH_SHA": "d" * 40}
    found = detect(merged_result)
    assert found is not None
    assert found.head == "d" * 40
    no_diff_base = {k: v for k, v in env.items() if k != "CI_MERGE_REQUEST_DIFF_BASE_SHA"}
    found = detect(no_diff_base)
    assert found is not None
    assert found.base == "refs/remotes/origin/main"


def test_gitlab_branch_pipelines() -> None:
    found = detect({"GITLAB_CI": "true", "CI_COMMIT_BEFORE_SHA": BEFORE, "CI_COMMIT_SHA": SHA})
    assert found is not None
    assert (found.base, found.head) == (BEFORE, SHA)
    found = detect(
        {"GITLAB_CI": "true", "CI_COMMIT_BEFORE_SHA": "0" * 40, "CI_DEFAULT_BRANCH": "main"}
    )
    assert found is not None
    assert found.base == "refs/remotes/origin/main"
    assert detect({"GITLAB_CI": "true"}) is None
