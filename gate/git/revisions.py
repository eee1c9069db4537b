"""Revisions and the commit graph: naming commits, merge-bases, ranges, shallow history."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gate.errors import GitError
from gate.git.process import Repository, first_line
from gate.text import decode_path


class Revisions(Repository):
    """What the commit graph of this clone says."""

    def resolve_commit(self, rev: str) -> str | None:
        """The commit sha ``rev`` names, or None when it names no commit here."""
        proc = self.call(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"
        )
        return proc.stdout.decode().strip() if proc.returncode == 0 else None

    def merge_base(self, a: str, b: str) -> str | None:
        """The best common ancestor of two commits, None when git finds none."""
        proc = self.call("merge-base", a, b)
        if proc.returncode == 1:
            return None
        if proc.returncode != 0:
            raise GitError(f"git merge-base failed: {first_line(proc)}")
        return proc.stdout.decode().strip()

    def rev_list(self, include: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """Commits reachable from ``include`` and not from ``exclude``, newest first."""
        revs = [*include, *(f"^{sha}" for sha in exclude)]
        return tuple(self.run("rev-list", *revs, "--").decode().split())

    def shallow_boundary(self) -> frozenset[str]:
        """Commits whose parents this clone lacks (the contents of ``.git/shallow``)."""
        path = Path(decode_path(self.run("rev-parse", "--git-path", "shallow").strip()))
        path = path if path.is_absolute() else self.root / path
        try:
            return frozenset(path.read_text().split())
        except FileNotFoundError:
            return frozenset()
