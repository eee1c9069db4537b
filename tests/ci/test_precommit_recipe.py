"""The README's pre-push recipe, run by the real pre-commit framework on a real `git push`."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.gitrepo import GitRepo, lines

ROOT = Path(__file__).parent.parent.parent


def readme_hook_config() -> str:
    """The .pre-commit-config.yaml block exactly as the README shows it."""
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.DOTALL)
    assert match, "the README lost its pre-commit recipe"
    return match.group(1)


def push(repo: GitRepo, branch: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        ["git", "push", "-q", "origin", branch],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
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
            ".pre-commit-config.yaml": readme_hook_config(),
        },
    )
    repo.git("push", "-q", "origin", "main")
    repo.git("remote", "set-head", "origin", "main")
    subprocess.run(
        [sys.executable, "-m", "pre_commit", "install", "--hook-type", "pre-push"],
        cwd=repo.path,
        check=True,
        capture_output=True,
    )

    repo.branch("big")
    repo.commit("too big", {"a.py": lines(30)})
    rejected = push(repo, "big")
    assert rejected.returncode != 0
    assert "merge-gate FAIL" in rejected.stdout + rejected.stderr
    assert "30 changed lines" in rejected.stdout + rejected.stderr

    repo.checkout("main")
    repo.branch("small")
    repo.commit("small", {"b.py": lines(5)})
    accepted = push(repo, "small")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert GitRepo(remote.path).head("small") == repo.head()
