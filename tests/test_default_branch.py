"""The base when nothing names one (the remote's default branch) and hints for a wrong base."""

from __future__ import annotations

import subprocess
from pathlib import Path

from gate.default_branch import hint, local_target
from gate.git import Git
from tests.gitrepo import GitRepo, lines
from tests.run import gate, stopped


def clone(origin: GitRepo, path: Path) -> GitRepo:
    subprocess.run(["git", "clone", "-q", str(origin.path), str(path)], check=True)
    return GitRepo(path)


def test_after_push_u_the_base_is_the_default_branch_not_the_upstream(
    repo: GitRepo, tmp_path: Path
) -> None:
    repo.commit("base", {"a.py": lines(3)})
    work = clone(repo, tmp_path / "work")
    work.branch("feat")
    work.commit("feature", {"b.py": lines(4)})
    work.git("push", "-q", "-u", "origin", "feat")  # the upstream is now origin/feat
    run = gate(work.path, "check")
    assert run.code == 0, run.stderr
    assert "base: merge-base with origin/main (origin/HEAD, the remote's default branch)" in (
        run.stdout
    )
    assert "1 commit" in run.stdout


def test_a_master_repository_is_judged_against_master(repo: GitRepo, tmp_path: Path) -> None:
    origin = GitRepo.init(tmp_path / "origin", branch="master")
    origin.commit("base", {"a.py": lines(3)})
    work = clone(origin, tmp_path / "work")
    target = local_target(Git(work.path), "HEAD")
    assert target.base == "refs/remotes/origin/master"
    # Asked for origin/main, which does not exist: the real default branch is named.
    assert hint(Git(work.path), "origin/main") == "; the remote's default branch is origin/master"
    message = stopped(work.path, "--base", "origin/main")
    assert "the remote's default branch is origin/master" in message


def test_a_branch_that_exists_only_on_the_remote_is_suggested(
    repo: GitRepo, tmp_path: Path
) -> None:
    repo.commit("base", {"a.py": lines(3)})
    repo.git("branch", "develop")
    work = clone(repo, tmp_path / "work")
    assert "did you mean origin/develop?" in stopped(work.path, "--base", "develop")
    assert hint(Git(work.path), "refs/heads/develop") == "; did you mean origin/develop?"


def test_without_origin_head_the_gate_says_how_to_set_it(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"a.py": lines(3)})
    work = clone(repo, tmp_path / "work")
    work.git("remote", "set-head", "origin", "--delete")
    message = stopped(work.path)
    assert "origin/HEAD is not set" in message
    assert "`git remote set-head origin --auto`" in message
    assert "branches here: origin/main" in message
    assert message.rstrip().endswith("pass --base REV")


def test_without_a_remote_the_local_branches_are_listed(repo: GitRepo) -> None:
    repo.commit("base", {"a.py": lines(3)})
    for n in range(6):
        repo.git("branch", f"topic-{n}")
    message = stopped(repo.path)
    assert "this repository has no remote" in message
    assert "branches here: main, topic-0, topic-1, topic-2, topic-3 and 2 more" in message


def test_no_hint_when_nothing_exists(repo: GitRepo) -> None:
    assert hint(Git(repo.path), "nope") == ""
    assert "no remote to take a default branch from: pass" in stopped(repo.path)


def test_an_unknown_name_with_a_remote_lists_the_branches(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"a.py": lines(3)})
    work = clone(repo, tmp_path / "work")
    assert hint(Git(work.path), "nope") == "; branches here: main, origin/main"
