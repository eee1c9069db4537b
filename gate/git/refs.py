"""Refs and hooks: the remote's default branch, the branches that exist, a root commit,
where hooks live."""

from __future__ import annotations

from pathlib import Path

from gate.errors import GitError
from gate.git.process import Repository, first_line
from gate.text import decode_path, visible


class Refs(Repository):
    """What refs this clone has, and what a remote says its default branch is."""

    def symbolic_ref(self, name: str) -> str | None:
        """The ref that the symbolic ref ``name`` points to (``refs/remotes/origin/HEAD``)."""
        proc = self.call("symbolic-ref", "--quiet", name)
        return proc.stdout.decode("utf-8", "replace").strip() or None

    def branches(self, *prefixes: str) -> tuple[str, ...]:
        """Full names of the refs under ``prefixes`` (``refs/heads/``), symbolic ones left out."""
        out = self.run("for-each-ref", "--format=%(refname) %(symref)", "--", *prefixes)
        rows = (line.split(" ", 1) for line in out.decode("utf-8", "replace").splitlines())
        return tuple(name for name, symref in rows if not symref)

    def remote_default(self, remote: str) -> str | None:
        """The branch the remote's HEAD names (``main``), asked of the remote itself.

        None for an empty remote (a repository's first push); a remote that cannot be
        read is an error.
        """
        proc = self.call("ls-remote", "--symref", "--", remote, "HEAD")
        if proc.returncode != 0:
            raise GitError(f"git ls-remote {visible(remote)} failed: {first_line(proc)}")
        for line in proc.stdout.decode("utf-8", "replace").splitlines():
            ref, _, name = line.removeprefix("ref: ").partition("\t")
            if line.startswith("ref: ") and name == "HEAD":
                return ref.removeprefix("refs/heads/")
        return None

    def root_commit(self, head: str) -> str:
        """The oldest commit with no parent reachable from ``head`` (a new repository's first)."""
        return self.run("rev-list", "--max-parents=0", head, "--").decode().split()[-1]

    def hooks_dir(self) -> Path:
        """Where git looks for hooks: ``core.hooksPath`` if set (relative to the work tree)."""
        path = Path(decode_path(self.run("rev-parse", "--git-path", "hooks").rstrip(b"\n")))
        return path if path.is_absolute() else self.root / path
