"""Talking to a remote: missing refs, deeper history, notes into a ref of our own, pushes."""

from __future__ import annotations

from collections.abc import Sequence

from gate.errors import GitError
from gate.git.process import Repository, first_line
from gate.text import visible


class Remotes(Repository):
    """What the gate may fetch, always quietly and without tags."""

    def remote(self) -> str | None:
        """The remote to fetch from: ``origin`` when present, else the first one."""
        names = self.run("remote").decode("utf-8", "replace").split()
        return "origin" if "origin" in names else (names[0] if names else None)

    def remote_url(self, remote: str) -> str | None:
        """The URL ``remote`` fetches from (``insteadOf`` applied), None for an unknown remote."""
        proc = self.call("remote", "get-url", "--end-of-options", remote)
        return proc.stdout.decode("utf-8", "replace").strip() if proc.returncode == 0 else None

    def push_ref(self, remote: str, ref: str) -> None:
        """Push ``ref`` to the same name on ``remote``; never forced: nobody's commits are lost."""
        self.run("push", "--quiet", "--no-verify", "--end-of-options", remote, f"{ref}:{ref}")

    def fetch(
        self,
        remote: str,
        refspecs: Sequence[str],
        *,
        depth: int | None = None,
        deepen: int | None = None,
    ) -> bool:
        """Fetch quietly; False when nothing could be fetched (the caller decides what that means).

        One missing ref fails a whole ``git fetch``, so when several refspecs fail
        together each is tried alone and the ones that exist are kept.
        """
        args = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head"]
        if depth is not None:
            args.append(f"--depth={depth}")
        if deepen is not None:
            args.append(f"--deepen={deepen}")
        args += ["--end-of-options", remote]
        if self.call(*args, *refspecs).returncode == 0:
            return True
        if len(refspecs) < 2:
            return False
        results = [self.call(*args, spec).returncode == 0 for spec in refspecs]
        return any(results)

    def remote_ref(self, remote: str, ref: str) -> str | None:
        """The sha ``ref`` has on ``remote``, None when the remote has no such ref (one ls-remote).

        ``ls-remote --exit-code`` tells "the remote has no such ref" (exit 2) apart
        from a remote that cannot be read, which is an error, never an empty result.
        """
        proc = self.call("ls-remote", "--exit-code", "--end-of-options", remote, ref)
        if proc.returncode == 2:
            return None
        if proc.returncode != 0:
            raise GitError(f"git ls-remote {visible(remote)} failed: {first_line(proc)}")
        return proc.stdout.decode("ascii", "replace").split()[0]

    def fetch_ref(self, remote: str, src: str, dst: str) -> None:
        """Force-fetch ``src`` of ``remote`` into ``dst`` (a ref of the gate's own)."""
        self.run("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, f"+{src}:{dst}")

    def contains(self, ref: str, sha: str) -> bool:
        """Whether the local ``ref`` exists and ``sha`` is it or one of its ancestors."""
        tip = self.call("rev-parse", "--verify", "--quiet", "--end-of-options", ref)
        if tip.returncode != 0:
            return False
        if tip.stdout.decode().strip() == sha:
            return True
        return self.call("merge-base", "--is-ancestor", sha, ref).returncode == 0
