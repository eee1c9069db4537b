""".pre-commit-hooks.yaml, run by the real pre-commit framework (`pre-commit try-repo`).

pre-commit builds the hook's environment itself (``language: python``): it installs
this repository into a new virtualenv. Offline, pip gets no index and finds the
gate's dependencies on PYTHONPATH (this test's site-packages), where it also finds
the build backend; ``gate`` itself is installed into pre-commit's environment.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.gitrepo import GitRepo, lines
from tests.tools import ROOT, copy_source, precommit_env

CONFIG = "[size]\nmax_changed_lines = 20\n\n[security]\nenabled = false\n"


def test_hook_definition() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "merge-gate"
    assert hook["language"] == "python"
    assert hook["stages"] == ["pre-push"]
    assert hook["always_run"] is True
    assert hook["pass_filenames"] is False


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository as pre-commit would clone it: a commit of the current tree."""
    source = GitRepo(copy_source(tmp_path_factory.mktemp("hooks") / "merge-gate"))
    source.git("init", "-q", "-b", "main")
    source.commit("merge-gate")
    return source.path


def try_repo(repo: GitRepo, hook_repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = precommit_env(home)
    args = ["try-repo", str(hook_repo), "merge-gate", "--hook-stage", "pre-push", "--verbose"]
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--from-ref", "main", "--to-ref", "HEAD"],
        cwd=repo.path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.mark.parametrize(
    ("added", "code", "verdict"),
    [pytest.param(5, 0, "merge-gate PASS", id="pass"), pytest.param(30, 1, "FAIL", id="fail")],
)
def test_try_repo_in_the_pre_push_stage(
    tmp_path: Path, hook_repo: Path, added: int, code: int, verdict: str
) -> None:
    repo = GitRepo.init(tmp_path / "project")
    repo.commit("base", {".gate.toml": CONFIG})
    repo.branch("feature")
    repo.commit("change", {"a.py": lines(added)})
    proc = try_repo(repo, hook_repo, tmp_path / "pre-commit-home")
    assert proc.returncode == code, proc.stdout + proc.stderr
    assert verdict in proc.stdout
    # The range pre-commit exported, judged by the gate pre-commit installed.
    assert "base: pre-push to" in proc.stdout
