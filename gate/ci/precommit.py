"""The pre-commit framework's pre-push stage: it exports the pushed range.

When the pushed branch shares no commit with the remote (a new repository's first
push) pre-commit exports no range, only the remote and the branch: then the whole
history is judged, from the branch's first commit (``from_root``).
"""

from __future__ import annotations

from gate.ci import Env, Target


def target(env: Env) -> Target | None:
    """The range pre-commit's pre-push stage exports; None outside it."""
    base, head = env.get("PRE_COMMIT_FROM_REF"), env.get("PRE_COMMIT_TO_REF")
    remote = env.get("PRE_COMMIT_REMOTE_BRANCH", "the remote")
    if not base and not head and env.get("PRE_COMMIT_REMOTE_NAME"):
        return Target(
            base=None,
            head=env.get("PRE_COMMIT_LOCAL_BRANCH") or "HEAD",
            source=f"first pre-push to {remote}: from the first commit",
            platform="pre-commit",
            from_root=True,
        )
    if not base or not head:
        return None
    return Target(base=base, head=head, source=f"pre-push to {remote}", platform="pre-commit")
