from __future__ import annotations

from pathlib import Path

import pytest

from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo


def test_discover_from_a_subdirectory(repo: GitRepo) -> None:
    repo.commit("c", {"sub/dir/a.txt": "a\n"})
    assert Git.discover(repo.path / "sub" / "dir").root == repo.path


def test_discover_errors(tmp_path: Path) -> None:
    with pytest.raises(GitError, match=r"not a directory: .*missing"):
        Git.discover(tmp_path / "missing")
    with pytest.raises(GitError, match="not a git repository"):
        Git.discover(tmp_path)


def test_run_failure_names_the_command(repo: GitRepo) -> None:
    with pytest.raises(GitError, match=r"git log failed: fatal: "):
        Git(repo.path).run("log", "--no-such-option")
    # Not "git -c failed": the command after the -c settings (a diff of a missing blob).
    repo.commit("c", {"a": "a\n"})
    with pytest.raises(GitError, match=r"^git diff failed: fatal: "):
        Git(repo.path).diff("HEAD", "0123456789abcdef" * 2 + "01234567")


def test_git_not_installed(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(GitError, match="git is not installed or not on PATH"):
        Git.discover(repo.path)
