"""The base when nothing names one, and what to suggest when a named base does not exist.

Locally the base is the remote's default branch (``origin/HEAD``), never the
branch's own upstream: after ``git push -u origin feat`` the upstream is
``origin/feat``, and the change would be empty, a vacuous pass.
"""

from __future__ import annotations

from gate.ci import Target
from gate.git import Git
from gate.text import visible

_SHOWN = 5


def local_target(git: Git, head: str) -> Target:
    """Judge ``head`` against the remote's default branch; a Target without base if unknown."""
    remote = git.remote()
    if remote is None:
        reason = "no base revision: this repository has no remote to take a default branch from"
        return Target(None, head, reason + _existing(git, "refs/heads/"), "local")
    default = git.symbolic_ref(f"refs/remotes/{remote}/HEAD")
    if default is not None and git.resolve_commit(default):
        name = visible(default.removeprefix("refs/remotes/"))
        why = f"{visible(remote)}/HEAD, the remote's default branch"
        return Target(default, head, f"merge-base with {name} ({why})", "local")
    reason = (
        f"no base revision: {visible(remote)}/HEAD is not set, so the remote's default "
        f"branch is unknown (`git remote set-head {visible(remote)} --auto` sets it)"
    )
    return Target(None, head, reason + _existing(git, f"refs/remotes/{remote}/"), "local")


def hint(git: Git, rev: str) -> str:
    """A hint for a revision that names no commit: the branch of that name on the remote,
    the remote's real default branch, or the branches that exist ("" when none help)."""
    remote = git.remote()
    name = rev.removeprefix("refs/heads/").removeprefix("refs/remotes/")
    if remote is not None:
        for candidate in (name, name.removeprefix(f"{remote}/")):
            if git.resolve_commit(f"refs/remotes/{remote}/{candidate}"):
                return f"; did you mean {visible(remote)}/{visible(candidate)}?"
        default = git.symbolic_ref(f"refs/remotes/{remote}/HEAD")
        if default is not None and name.startswith(f"{remote}/"):
            short = visible(default.removeprefix("refs/remotes/"))
            return f"; the remote's default branch is {short}"
    return _existing(git, "refs/heads/", "refs/remotes/")


def _existing(git: Git, *prefixes: str) -> str:
    names = [
        visible(ref.removeprefix("refs/heads/").removeprefix("refs/remotes/"))
        for ref in git.branches(*prefixes)
    ]
    if not names:
        return ""
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return f"; branches here: {', '.join(names[:_SHOWN])}{more}"
