"""What a push sends: one line per ref on the pre-push hook's stdin, each judged on its own.

``<local ref> <local sha> <remote ref> <remote sha>``: an all-zero local sha deletes
the remote ref (nothing to judge); an all-zero remote sha is a new branch, judged
against its merge-base with the remote's default branch, or, when the remote has
none yet (a new repository's first push), from the branch's first commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from gate.errors import GateError
from gate.git import Git, is_null_sha
from gate.text import visible


@dataclass(frozen=True)
class Push:
    """One pushed ref: what to compare, or why it is skipped (``base`` None)."""

    label: str
    base: str | None
    head: str
    source: str


def plan(git: Git, remote: str, stdin: str) -> tuple[Push, ...]:
    """One :class:`Push` per line git wrote; a malformed line is an error."""
    pushes = []
    for line in stdin.splitlines():
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 4:
            raise GateError(f"pre-push: unexpected line from git: {visible(line)!r}")
        local_ref, local_sha, remote_ref, remote_sha = parts
        label = f"{visible(local_ref)} -> {visible(remote)} {visible(remote_ref)}"
        if is_null_sha(local_sha):
            pushes.append(Push(label, None, local_sha, "deletes the remote ref: nothing to judge"))
        elif not is_null_sha(remote_sha) and git.resolve_commit(remote_sha):
            pushes.append(Push(label, remote_sha, local_sha, "the remote's current tip"))
        else:
            pushes.append(_new_branch(git, remote, label, local_sha))
    return tuple(pushes)


def _new_branch(git: Git, remote: str, label: str, head: str) -> Push:
    tracking = git.symbolic_ref(f"refs/remotes/{remote}/HEAD")
    if tracking is None:
        name = git.remote_default(remote)
        if name is None:
            root = git.root_commit(head)
            return Push(label, root, head, f"first push: from the first commit {root[:12]}")
        tracking = f"refs/remotes/{remote}/{name}"
    if git.resolve_commit(tracking) is None:
        raise GateError(
            f"pre-push: the remote's default branch {visible(tracking)} is not here: "
            f"run `git fetch {visible(remote)}` first"
        )
    short = visible(tracking.removeprefix("refs/remotes/"))
    return Push(label, tracking, head, f"new branch: merge-base with {short}")
