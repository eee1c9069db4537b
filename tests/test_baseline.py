from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gate.baseline import resolve
from gate.ci import Target, branch_refspec
from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo, lines


def target(base: str | None, head: str = "HEAD", **kw: object) -> Target:
    return Target(base=base, head=head, source="test", platform="cli", **kw)  # type: ignore[arg-type]


def feature_repo(repo: GitRepo, feature_commits: int = 3, main_after: int = 2) -> str:
    """main: root + ``main_after`` commits after the fork; feature: ``feature_commits``."""
    fork = repo.commit("root", {"base.txt": lines(5)})
    repo.branch("feature")
    for i in range(feature_commits):
        repo.commit(f"feature {i}", {f"f{i}.txt": f"feature {i}\n"})
    repo.checkout("main")
    for i in range(main_after):
        repo.commit(f"main {i}", {f"m{i}.txt": f"main {i}\n"})
    repo.checkout("feature")
    return fork


def clone(source: GitRepo, dest: Path, *args: str) -> GitRepo:
    subprocess.run(["git", "clone", "-q", *args, f"file://{source.path}", str(dest)], check=True)
    return GitRepo(dest)


def test_base_that_moved_on_counts_only_the_change(repo: GitRepo) -> None:
    fork = feature_repo(repo)
    rng = resolve(Git(repo.path), target("main"))
    assert rng.merge_base == fork
    assert rng.base == repo.head("main") != fork
    assert len(rng.commits) == 3


def test_unknown_ref(repo: GitRepo) -> None:
    repo.commit("root", {"a": "a\n"})
    with pytest.raises(GitError, match=r"unknown base revision 'nope'"):
        resolve(Git(repo.path), target("nope"))
    with pytest.raises(GitError, match=r"unknown head revision '--output=x'"):
        resolve(Git(repo.path), target("HEAD", head="--output=x"))


def test_no_base(repo: GitRepo) -> None:
    repo.commit("root", {"a": "a\n"})
    with pytest.raises(GitError, match=r"pass --base REV"):
        resolve(Git(repo.path), target(None))


def test_unrelated_histories(repo: GitRepo) -> None:
    repo.commit("root", {"a": "a\n"})
    repo.git("checkout", "-q", "--orphan", "other")
    repo.commit("other root", {"b": "b\n"})
    with pytest.raises(GitError, match=r"share no history"):
        resolve(Git(repo.path), target("main"))


def test_base_equals_head_is_an_empty_range(repo: GitRepo) -> None:
    sha = repo.commit("root", {"a": "a\n"})
    rng = resolve(Git(repo.path), target("HEAD"))
    assert (rng.merge_base, rng.head, rng.commits) == (sha, sha, ())


def test_empty_change_in_a_pull_request_is_an_error(repo: GitRepo) -> None:
    repo.commit("root", {"a": "a\n"})
    with pytest.raises(GitError, match=r"already in the base branch"):
        resolve(Git(repo.path), target("HEAD", expect_change=True))


def test_shallow_clone_is_deepened_from_the_remote(repo: GitRepo, tmp_path: Path) -> None:
    fork = feature_repo(repo, feature_commits=3)
    ci = clone(repo, tmp_path / "ci", "--depth=1", "--no-single-branch")
    ci.checkout("origin/feature")
    assert Git(ci.path).shallow_boundary()
    rng = resolve(Git(ci.path), target("origin/main", refspecs=(branch_refspec("main"),)))
    assert rng.merge_base == fork
    assert len(rng.commits) == 3


def test_depth_two_on_a_three_commit_change_is_detected(repo: GitRepo, tmp_path: Path) -> None:
    feature_repo(repo, feature_commits=3, main_after=0)
    ci = clone(repo, tmp_path / "ci", "--depth=2", "--no-single-branch")
    ci.checkout("origin/feature")
    ci.git("remote", "remove", "origin")
    with pytest.raises(GitError, match=r"shallow.*no remote to deepen.*fetch-depth: 0"):
        resolve(Git(ci.path), target(repo.head("main")))


def test_shallow_clone_whose_remote_is_gone(repo: GitRepo, tmp_path: Path) -> None:
    feature_repo(repo)
    ci = clone(repo, tmp_path / "ci", "--depth=1", "--no-single-branch")
    ci.checkout("origin/feature")
    ci.git("remote", "set-url", "origin", f"file://{tmp_path}/missing")
    with pytest.raises(GitError, match=r"fetching more from origin failed.*GIT_DEPTH: 0"):
        resolve(Git(ci.path), target("origin/main"))


def test_missing_base_branch_is_fetched(repo: GitRepo, tmp_path: Path) -> None:
    fork = feature_repo(repo)
    ci = clone(repo, tmp_path / "ci", "--depth=1", "--branch=feature")  # single branch
    assert Git(ci.path).resolve_commit("refs/remotes/origin/main") is None
    rng = resolve(
        Git(ci.path), target("refs/remotes/origin/main", refspecs=(branch_refspec("main"),))
    )
    assert rng.merge_base == fork


def test_missing_base_without_history_names_the_fix(repo: GitRepo, tmp_path: Path) -> None:
    feature_repo(repo)
    ci = clone(repo, tmp_path / "ci", "--depth=1", "--branch=feature")
    ci.git("remote", "remove", "origin")
    with pytest.raises(GitError, match=r"unknown base revision.*fetch-depth: 0"):
        resolve(Git(ci.path), target("refs/remotes/origin/main"))


def test_deepening_gives_up_within_its_bound(repo: GitRepo, tmp_path: Path) -> None:
    feature_repo(repo, feature_commits=6)
    ci = clone(repo, tmp_path / "ci", "--depth=1", "--no-single-branch")
    ci.checkout("origin/feature")
    with pytest.raises(GitError, match="after deepening by 2 commits from origin"):
        resolve(Git(ci.path), target("origin/main"), deepen_steps=(1, 1))


def test_fetched_but_still_unknown(repo: GitRepo, tmp_path: Path) -> None:
    feature_repo(repo)
    ci = clone(repo, tmp_path / "ci", "--branch=feature")
    with pytest.raises(GitError, match="unknown base revision 'refs/remotes/origin/nope'"):
        resolve(
            Git(ci.path), target("refs/remotes/origin/nope", refspecs=(branch_refspec("main"),))
        )


def test_missing_base_when_the_fetch_fails(repo: GitRepo, tmp_path: Path) -> None:
    feature_repo(repo)
    ci = clone(repo, tmp_path / "ci", "--branch=feature", "--single-branch")
    ci.git("remote", "set-url", "origin", str(tmp_path / "gone"))
    with pytest.raises(GitError, match="unknown base revision 'refs/remotes/origin/main'"):
        resolve(
            Git(ci.path), target("refs/remotes/origin/main", refspecs=(branch_refspec("main"),))
        )
