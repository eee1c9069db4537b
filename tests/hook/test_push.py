"""The installed pre-push hook on real `git push`es to a local bare remote."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo, lines
from tests.run import gate

# The hook runs the gate in a subprocess, out of reach of the conftest that keeps
# semgrep out of the tests that are not about it: these are about pushes.
CONFIG = "[size]\nmax_changed_lines = 20\n\n[security]\nenabled = false\n"


def push(repo: GitRepo, *refs: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["git", "push", "origin", *refs],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def new_repository(tmp_path: Path, name: str = "work") -> tuple[GitRepo, GitRepo]:
    remote = GitRepo(tmp_path / f"{name}-remote.git")
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote.path)], check=True)
    repo = GitRepo.init(tmp_path / name)
    repo.git("remote", "add", "origin", str(remote.path))
    assert gate(repo.path, "hook", "install").code == 0
    return repo, remote


@pytest.fixture
def pushed(tmp_path: Path) -> tuple[GitRepo, GitRepo]:
    """A repository whose main is on the remote already (its first push judged and passed)."""
    repo, remote = new_repository(tmp_path)
    repo.commit("base", {".gate.toml": CONFIG, "a.py": lines(5)})
    first = push(repo, "main")
    assert first.returncode == 0, first.stderr
    assert "first push: from the first commit" in first.stderr + first.stdout
    return repo, remote


def output(proc: subprocess.CompletedProcess[str]) -> str:
    return proc.stdout + proc.stderr


def test_a_small_push_passes_and_a_big_one_is_refused(pushed: tuple[GitRepo, GitRepo]) -> None:
    repo, remote = pushed
    repo.commit("small", {"b.py": lines(5)})
    ok = push(repo, "main")
    assert ok.returncode == 0, output(ok)
    assert "the remote's current tip" in output(ok)
    assert "merge-gate PASS" in output(ok)
    repo.commit("big", {"c.py": lines(30)})
    refused = push(repo, "main")
    assert refused.returncode != 0
    assert "merge-gate FAIL" in output(refused)
    assert "30 changed lines" in output(refused)
    assert GitRepo(remote.path).head("main") != repo.head()


def test_a_new_branch_is_judged_against_the_default_branch(
    pushed: tuple[GitRepo, GitRepo],
) -> None:
    repo, _ = pushed
    repo.branch("feat")
    repo.commit("one", {"b.py": lines(12)})
    repo.commit("two", {"c.py": lines(12)})
    # 24 lines over two commits: judged from main, not from the last commit alone.
    refused = push(repo, "feat")
    assert refused.returncode != 0
    assert "new branch: merge-base with origin/main" in output(refused)
    assert "24 changed lines" in output(refused)


def test_a_deleted_branch_is_skipped_and_two_refs_are_both_judged(
    pushed: tuple[GitRepo, GitRepo],
) -> None:
    repo, remote = pushed
    repo.branch("small")
    repo.commit("small", {"b.py": lines(3)})
    repo.checkout("main")
    repo.branch("big")
    repo.commit("big", {"c.py": lines(30)})
    both = push(repo, "small", "big")
    assert both.returncode != 0
    assert "refs/heads/small -> origin refs/heads/small" in output(both)
    assert "refs/heads/big -> origin refs/heads/big" in output(both)
    assert "merge-gate PASS" in output(both)
    assert "merge-gate FAIL" in output(both)
    assert push(repo, "small").returncode == 0
    deleted = push(repo, ":small")
    assert deleted.returncode == 0, output(deleted)
    assert "deletes the remote ref: nothing to judge" in output(deleted)
    assert "small" not in GitRepo(remote.path).git("branch")


def test_the_first_push_of_a_new_repository_is_judged(tmp_path: Path) -> None:
    repo, _ = new_repository(tmp_path, "fresh")
    repo.commit("scaffold", {".gate.toml": CONFIG})
    repo.commit("everything", {"app.py": lines(40)})
    refused = push(repo, "main")
    assert refused.returncode != 0
    assert "first push: from the first commit" in output(refused)
    assert "merge-gate FAIL" in output(refused)


def test_bad_input_and_a_missing_default_branch_stop_the_push(
    pushed: tuple[GitRepo, GitRepo], tmp_path: Path
) -> None:
    repo, _ = pushed
    run = gate(repo.path, "hook", "pre-push", "origin")
    assert run.code == 0  # nothing pushed: nothing to judge
    repo.git("update-ref", "-d", "refs/remotes/origin/main")
    sha = repo.head()
    line = f"refs/heads/x {sha} refs/heads/x {'0' * 40}\n"
    proc = subprocess.run(
        [sys.executable, "-m", "gate", "hook", "pre-push", "origin"],
        cwd=repo.path,
        input="garbage\n" + line,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "pre-push: unexpected line from git: 'garbage'" in proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "gate", "hook", "pre-push", "origin"],
        cwd=repo.path,
        input=line,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert "refs/remotes/origin/main is not here: run `git fetch origin` first" in proc.stderr
    assert gate(tmp_path, "hook", "pre-push", "origin").code == 2


def test_a_gate_that_cannot_judge_stops_the_push(tmp_path: Path) -> None:
    repo, _ = new_repository(tmp_path, "broken")
    repo.commit("base", {".gate.toml": "[size]\nmax_lines = 3\n"})
    proc = push(repo, "main")
    assert proc.returncode != 0
    assert "gate: error: .gate.toml at base" in proc.stderr
    assert "unknown key [size] max_lines" in proc.stderr
