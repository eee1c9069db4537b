"""What the CI environment says to judge: one small reader per platform.

Each reader looks at the environment only (no git) and returns a
:class:`Target`, or None when its platform is not the one running. They are
tried in the order :func:`detect` lists them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

Env = Mapping[str, str]


@dataclass(frozen=True)
class Target:
    """Revisions to compare, as the environment names them, and how to fetch them.

    ``refspecs`` are fetched when a revision is missing or history is too shallow;
    ``expect_change`` is set for pull/merge requests, where an empty change means
    the gate is looking at the wrong revisions. ``trusted`` names the revision
    the policy is read from, the target branch's tip, when it is not ``base``
    itself (GitLab names the merge-base as the base, and the branch apart).
    """

    base: str | None
    head: str
    source: str
    platform: str
    refspecs: tuple[str, ...] = ()
    expect_change: bool = False
    number: int | None = None
    # No base: judge everything from head's first commit (a new repository's first push).
    from_root: bool = False
    trusted: str | None = None


def detect(env: Env) -> Target | None:
    """The first platform whose environment is present, or None (a local run)."""
    from gate.ci import github, gitlab, precommit

    readers: tuple[Callable[[Env], Target | None], ...] = (
        github.target,
        gitlab.target,
        precommit.target,
    )
    for reader in readers:
        found = reader(env)
        if found is not None:
            return found
    return None


def branch_refspec(branch: str) -> str:
    """Fetch ``branch`` into its remote-tracking ref, where ``origin/<branch>`` finds it."""
    return f"+refs/heads/{branch}:refs/remotes/origin/{branch}"
