from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo


def test_remote_default_asks_the_remote(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("c", {"a": "a\n"})
    git = Git(repo.path)
    empty = tmp_path / "empty.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "trunk", str(empty)], check=True)
    repo.git("remote", "add", "empty", str(empty))
    assert git.remote_default("empty") is None  # a new repository's first push
    repo.git("push", "-q", "empty", "main:trunk")
    assert git.remote_default("empty") == "trunk"
    with pytest.raises(GitError, match="git ls-remote nowhere failed"):
        git.remote_default("nowhere")


def test_branches_leave_symbolic_refs_out(repo: GitRepo) -> None:
    repo.commit("c", {"a": "a\n"})
    repo.git("symbolic-ref", "refs/heads/alias", "refs/heads/main")
    git = Git(repo.path)
    assert git.branches("refs/heads/") == ("refs/heads/main",)
    assert git.symbolic_ref("refs/heads/alias") == "refs/heads/main"
    assert git.symbolic_ref("refs/heads/main") is None


def test_a_remote_with_a_detached_head_names_no_default(repo: GitRepo, tmp_path: Path) -> None:
    sha = repo.commit("c", {"a": "a\n"})
    remote = tmp_path / "detached.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    repo.git("push", "-q", str(remote), "main")
    subprocess.run(
        ["git", "--git-dir", str(remote), "update-ref", "--no-deref", "HEAD", sha], check=True
    )
    assert Git(repo.path).remote_default(str(remote)) is None
