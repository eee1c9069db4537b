"""Which platform's reader decides: the first whose environment is present, else none."""

from __future__ import annotations

from gate.ci import detect


def test_nothing_detected_locally() -> None:
    assert detect({}) is None


def test_the_first_platform_present_wins() -> None:
    # GitLab CI and pre-commit variables both set: GitLab is tried first.
    env = {
        "GITLAB_CI": "true",
        "CI_COMMIT_BEFORE_SHA": "b" * 40,
        "CI_COMMIT_SHA": "a" * 40,
        "PRE_COMMIT_FROM_REF": "c" * 40,
        "PRE_COMMIT_TO_REF": "d" * 40,
    }
    found = detect(env)
    assert found is not None
    assert (found.platform, found.base) == ("gitlab", "b" * 40)
