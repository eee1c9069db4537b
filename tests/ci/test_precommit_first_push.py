"""A new repository's first push under pre-commit: no range exported, the whole history judged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gate.ci import detect
from tests.ci.test_precommit_recipe import hook_config, push
from tests.gitrepo import GitRepo, lines
from tests.run import report


def test_no_range_but_a_remote_means_from_the_first_commit() -> None:
    env = {"PRE_COMMIT_REMOTE_NAME": "origin", "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/main"}
    found = detect(env)
    assert found is not None
    assert (found.base, found.head, found.from_root) == (None, "refs/heads/main", True)
    assert detect({"PRE_COMMIT_REMOTE_NAME": "origin", "PRE_COMMIT_FROM_REF": "x"}) is None


def test_gate_check_judges_from_the_root_commit(repo: GitRepo) -> None:
    root = repo.commit("scaffold", {"a.py": lines(2)})
    repo.commit("everything", {"app.py": lines(7)})
    env = {"PRE_COMMIT_REMOTE_NAME": "origin", "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/main"}
    run, data = report(repo.path, env=env)
    assert run.code == 0, run.stderr
    assert data["merge_base"] == root
    assert data["checks"]["size"]["metrics"]["lines_added"] == 7
    assert data["base_source"] == "first pre-push to the remote: from the first commit"


def test_the_first_push_of_a_new_repository_is_judged(tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo = GitRepo.init(tmp_path / "work")
    repo.git("remote", "add", "origin", str(remote))
    repo.commit(
        "scaffold",
        {
            ".gate.toml": "[size]\nmax_changed_lines = 20\n\n[security]\nenabled = false\n",
            ".pre-commit-config.yaml": hook_config(tmp_path),
        },
    )
    repo.commit("everything", {"app.py": lines(30)})
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-push"],
        cwd=repo.path,
        check=True,
        capture_output=True,
    )
    refused = push(repo, "main", tmp_path / "pre-commit-home")
    out = refused.stdout + refused.stderr
    assert refused.returncode != 0, out
    assert "first pre-push to" in out
    assert "merge-gate FAIL" in out
