"""From a Target to a trustworthy range ``merge_base..head``.

CI clones are shallow (GitHub: depth 1; GitLab: depth 20). There ``git
merge-base`` finds nothing, or finds an older ancestor because the path to the
real one is cut. The range is trusted only when no commit in it, on either
side, is a shallow boundary; otherwise history is deepened step by step from
the remote, within a bound, and the gate gives up with exit 2 naming the
setting to change. It never falls back to a two-dot diff.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gate import default_branch
from gate.ci import Target
from gate.errors import GitError
from gate.git import Git
from gate.text import visible

DEEPEN_STEPS = (50, 200, 1000, 5000)
_FULL_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")  # only a full sha can be fetched by name
FULL_HISTORY = (
    "fetch full history: actions/checkout `fetch-depth: 0`, GitLab `GIT_DEPTH: 0`, "
    "or `git fetch --unshallow`"
)


@dataclass(frozen=True)
class Range:
    """The change's revisions, all full shas, and the commits in ``merge_base..head``.

    ``trusted`` is the target branch's tip, where the policy is read from: the
    author chooses the merge-base (by choosing where to branch), never the tip.
    """

    base: str
    head: str
    merge_base: str
    commits: tuple[str, ...]
    target: Target
    trusted: str


def resolve(git: Git, target: Target, deepen_steps: tuple[int, ...] = DEEPEN_STEPS) -> Range:
    """Resolve the target's revisions and their merge-base, deepening a shallow clone if needed."""
    if target.base is None:
        raise GitError(f"{target.source or 'no base revision'}: pass --base REV")
    remote = git.remote()
    head = _commit(git, target.head, "head", target, remote, steps=deepen_steps)
    base = _commit(git, target.base, "base", target, remote, steps=deepen_steps)
    trusted = (
        base
        if target.trusted is None
        else _commit(git, target.trusted, "target", target, remote, steps=deepen_steps)
    )
    deepened = 0
    for step in (0, *deepen_steps):
        if step:
            if remote is None or not git.fetch(remote, target.refspecs, deepen=step):
                break
            deepened += step
        merge_base = git.merge_base(base, head)
        boundary = git.shallow_boundary()
        if merge_base is not None and not _cut(git, boundary, merge_base, base, head):
            commits = git.rev_list([head], [merge_base])
            if not commits and target.expect_change:
                raise GitError(
                    f"{target.source}: head {head[:12]} is already in the base "
                    f"branch, so there is no change to judge; check which "
                    f"revisions the job checked out"
                )
            return Range(base, head, merge_base, commits, target, trusted)
        if not boundary:
            raise GitError(
                f"base {_name(target.base, base)} and head "
                f"{_name(target.head, head)} share no history"
            )
    where = (
        f"after deepening by {deepened} commits from {remote}"
        if deepened
        else "and there is no remote to deepen from"
        if remote is None
        else f"and fetching more from {remote} failed"
    )
    raise GitError(
        f"this clone is shallow and the history between base "
        f"{_name(target.base, base)} and head {_name(target.head, head)} is "
        f"incomplete {where}; {FULL_HISTORY}"
    )


def _commit(
    git: Git, rev: str, role: str, target: Target, remote: str | None, *, steps: tuple[int, ...]
) -> str:
    sha = git.resolve_commit(rev)
    fetched = ""
    if sha is None and remote is not None:
        sha = _fetched(git, rev, target, remote, steps)
        if sha is None and (target.refspecs or _FULL_SHA.fullmatch(rev)):
            fetched = f", and fetching it from {visible(remote)} did not bring it"
    if sha is None:
        hint = f" ({FULL_HISTORY})" if git.shallow_boundary() else default_branch.hint(git, rev)
        raise GitError(
            f"unknown {role} revision {visible(rev)!r}: not a commit in this "
            f"repository{fetched}{hint}"
        )
    return sha


def _fetched(git: Git, rev: str, target: Target, remote: str, steps: tuple[int, ...]) -> str | None:
    """``rev`` after fetching it: the target's branches, else the sha itself, else deeper history.

    An explicit ``--base <sha>`` in a depth-1 clone names a commit the clone has
    never seen. The remote serves a reachable commit by its full sha (GitHub and
    git itself do); when it will not, the clone's history is deepened step by
    step, within the same bounds as the merge-base search, until the sha appears.
    """
    shallow = bool(git.shallow_boundary())
    depth = 50 if shallow else None
    if target.refspecs and git.fetch(remote, target.refspecs, depth=depth):
        found = git.resolve_commit(rev)
        if found is not None:
            return found
    if not _FULL_SHA.fullmatch(rev):
        return None
    if git.fetch(remote, [rev], depth=depth):
        return git.resolve_commit(rev)
    for step in steps if shallow else ():
        if not git.fetch(remote, target.refspecs, deepen=step):
            return None
        found = git.resolve_commit(rev)
        if found is not None:
            return found
    return None


def _cut(git: Git, boundary: frozenset[str], merge_base: str, base: str, head: str) -> bool:
    """True when a commit between the merge-base and either tip lacks its parents here."""
    return bool(boundary) and bool(set(git.rev_list([head, base], [merge_base])) & boundary)


def _name(rev: str, sha: str) -> str:
    return visible(rev) if rev.startswith(sha[:7]) else f"{visible(rev)} ({sha[:12]})"
