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


def test_merge_base_of_a_non_commit_is_an_error(repo: GitRepo) -> None:
    repo.commit("c", {"a": "a\n"})
    with pytest.raises(GitError, match="git merge-base failed"):
        Git(repo.path).merge_base("HEAD", "0" * 40)


def test_cat_file(repo: GitRepo) -> None:
    sha = repo.commit("c", {"a.txt": "hello\n", "b.bin": b"\x00\n\n\x01"})
    git = Git(repo.path)
    assert git.cat_file([]) == []
    assert git.cat_file([f"{sha}:a.txt", "0" * 40, f"{sha}:b.bin", f"{sha}:nope"]) == [
        b"hello\n",
        None,
        b"\x00\n\n\x01",
        None,
    ]
    with pytest.raises(GitError, match="contains a newline"):
        git.cat_file(["HEAD:a\nb"])


def test_git_not_installed(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(GitError, match="git is not installed or not on PATH"):
        Git.discover(repo.path)


def test_upstream(repo: GitRepo) -> None:
    repo.commit("c", {"a": "a\n"})
    assert Git(repo.path).upstream() is None
    repo.git("branch", "other")
    repo.git("branch", "--set-upstream-to=other")
    assert Git(repo.path).upstream() == "other"


def test_fetch_keeps_the_refspecs_that_exist(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("c", {"a": "a\n"})
    clone = GitRepo.init(tmp_path / "clone")
    clone.git("remote", "add", "origin", str(repo.path))
    git = Git(clone.path)
    assert git.remote() == "origin"
    good = "+refs/heads/main:refs/remotes/origin/main"
    assert git.fetch("origin", [good, "+refs/heads/nope:refs/remotes/origin/nope"])
    assert git.resolve_commit("origin/main") == repo.head()
    assert not git.fetch("origin", ["+refs/heads/nope:refs/x"])
    assert not git.fetch("origin", ["refs/heads/nope", "refs/heads/nope2"])


def test_remote_prefers_origin_then_first(repo: GitRepo) -> None:
    git = Git(repo.path)
    assert git.remote() is None
    repo.git("remote", "add", "upstream", "/x")
    assert git.remote() == "upstream"
    repo.git("remote", "add", "origin", "/y")
    assert git.remote() == "origin"
