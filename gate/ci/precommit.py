"""The pre-commit framework's pre-push stage: it exports the pushed range."""

from __future__ import annotations

from gate.ci import Env, Target


def target(env: Env) -> Target | None:
    """The range pre-commit's pre-push stage exports; None outside it."""
    base, head = env.get("PRE_COMMIT_FROM_REF"), env.get("PRE_COMMIT_TO_REF")
    if not base or not head:
        return None
    remote = env.get("PRE_COMMIT_REMOTE_BRANCH", "the remote")
    return Target(base=base, head=head, source=f"pre-push to {remote}", platform="pre-commit")
