"""Reading the pre-push hook's lines into what to judge (no push needed)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from gate.git import Git
from gate.hook.push import Push, plan
from tests.gitrepo import GitRepo, lines

ZERO = "0" * 40


def test_a_clone_knows_its_default_branch_without_asking(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"a.py": lines(3)})
    subprocess.run(["git", "clone", "-q", str(repo.path), str(tmp_path / "w")], check=True)
    work = GitRepo(tmp_path / "w")
    head = work.commit("feature", {"b.py": lines(3)})
    # The remote is gone: only the clone's own origin/HEAD can answer.
    work.git("remote", "set-url", "origin", str(tmp_path / "nowhere"))
    pushes = plan(Git(work.path), "origin", f"refs/heads/f {head} refs/heads/f {ZERO}\n\n")
    assert pushes == (
        Push(
            "refs/heads/f -> origin refs/heads/f",
            "refs/remotes/origin/main",
            head,
            "new branch: merge-base with origin/main",
        ),
    )
