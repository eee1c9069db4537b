"""The README's pre-push recipe, run by the real pre-commit framework on a real `git push`.

The recipe names this repository by its address; the test points it at a local copy
tagged like a release, and pre-commit installs the gate from there, offline (the
dependencies come from this test's environment on PYTHONPATH).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from gate import __version__
from tests.ci import readme
from tests.gitrepo import GitRepo, lines
from tests.tools import copy_source, precommit_env

ADDRESS = "https://github.com/your-org/merge-gate"


def hook_config(tmp_path: Path) -> str:
    """The README's .pre-commit-config.yaml, its repository address made a local release."""
    config = readme.block("# .pre-commit-config.yaml")
    assert f"repo: {ADDRESS}" in config
    assert f"rev: v{__version__}" in config
    source = GitRepo(copy_source(tmp_path / "merge-gate"))
    source.git("init", "-q", "-b", "main")
    source.commit("merge-gate")
    source.git("tag", f"v{__version__}")
    return config.replace(ADDRESS, str(source.path))


def push(repo: GitRepo, branch: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = precommit_env(home)
    return subprocess.run(
        ["git", "push", "-q", "origin", branch],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


def test_pre_push_hook_blocks_a_big_push_and_lets_a_small_one_through(tmp_path: Path) -> None:
    remote = GitRepo(tmp_path / "remote.git")
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote.path)], check=True)
    repo = GitRepo.init(tmp_path / "work")
    repo.git("remote", "add", "origin", str(remote.path))
    repo.commit(
        "base",
        {
            # The hook runs the gate in a subprocess, out of reach of the conftest
            # that keeps semgrep out of the spine's tests: this test is about size.
            ".gate.toml": "[size]\nmax_changed_lines = 20\n\n[security]\nenabled = false\n",
            ".pre-commit-config.yaml": hook_config(tmp_path),
        },
    )
    repo.git("push", "-q", "--no-verify", "origin", "main")
    repo.git("remote", "set-head", "origin", "main")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-push"],
        cwd=repo.path,
        check=True,
        capture_output=True,
    )
    home = tmp_path / "pre-commit-home"

    repo.branch("big")
    repo.commit("too big", {"a.py": lines(30)})
    rejected = push(repo, "big", home)
    assert rejected.returncode != 0
    assert "merge-gate FAIL" in rejected.stdout + rejected.stderr
    assert "30 changed lines" in rejected.stdout + rejected.stderr

    repo.checkout("main")
    repo.branch("small")
    repo.commit("small", {"b.py": lines(5)})
    accepted = push(repo, "small", home)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert GitRepo(remote.path).head("small") == repo.head()
