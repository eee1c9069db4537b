"""The pre-commit framework's pre-push stage."""

from __future__ import annotations

from gate.ci import detect

SHA = "a" * 40
BEFORE = "b" * 40


def test_pre_commit_pre_push() -> None:
    found = detect(
        {
            "PRE_COMMIT_FROM_REF": BEFORE,
            "PRE_COMMIT_TO_REF": SHA,
            "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/main",
        }
    )
    assert found is not None
    assert (found.base, found.head) == (BEFORE, SHA)
    assert found.platform == "pre-commit"
    assert "refs/heads/main" in found.source
