from __future__ import annotations

from pathlib import Path

from gate.git import Git
from tests.gitrepo import GitRepo


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


def test_remote_url_and_push_ref(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("c", {"a": "a\n"})
    git = Git(repo.path)
    assert git.remote_url("origin") is None
    bare = tmp_path / "bare.git"
    GitRepo.init(bare).git("config", "core.bare", "true")
    repo.git("remote", "add", "origin", str(bare))
    assert git.remote_url("origin") == str(bare)
    git.set_note("refs/notes/x", repo.head(), b"n\n")
    git.push_ref("origin", "refs/notes/x")
    assert GitRepo(bare).git("rev-parse", "refs/notes/x") == repo.git("rev-parse", "refs/notes/x")
