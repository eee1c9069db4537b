"""ci/merge-gate.gitlab-ci.yml, run by gitlab-ci-local on real merge request variables."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.gitrepo import GitRepo, lines
from tests.tools import ROOT, require

TEMPLATE = ROOT / "ci" / "merge-gate.gitlab-ci.yml"
INSTALL = "npm install --prefix .ci gitlab-ci-local@4.62.0 (and Debian's rsync)"


def project(tmp_path: Path, change: dict[str, str | bytes | None]) -> tuple[GitRepo, str]:
    """A project whose origin is a local bare repository (the job fetches notes from it)."""
    remote = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo = GitRepo.init(tmp_path / "project")
    repo.git("remote", "add", "origin", str(remote))
    (repo.path / "ci").mkdir()
    shutil.copy(TEMPLATE, repo.path / "ci" / TEMPLATE.name)
    base = repo.commit(
        "base",
        {
            ".gitlab-ci.yml": f"include:\n  - local: ci/{TEMPLATE.name}\n",
            # No review rule here: these jobs have no approvals API to ask (tests/certification/).
            ".gate.toml": "[size]\nmax_changed_lines = 20\n[certification]\nmin_approvals = 0\n",
            ".gitignore": ".gitlab-ci-local/\n",
        },
    )
    repo.branch("feature")
    repo.commit("change", change)
    repo.git("push", "-q", "origin", "main", "feature")
    return repo, base


def run_job(repo: GitRepo, base: str, extra: str = "") -> subprocess.CompletedProcess[str]:
    tool = require("gitlab-ci-local", INSTALL)
    variables = {
        "GITLAB_CI": "true",  # gitlab-ci-local says false: it is not GitLab; runners say true
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "MERGE_GATE_INSTALL": "merge-gate",  # already installed here: pip does nothing
        "MERGE_GATE_ARGS": extra,
    }
    args = [str(tool), "--force-shell-executor", "merge-gate"]
    for key, value in variables.items():
        args += ["--variable", f"{key}={value}"]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run(
        args, cwd=repo.path, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def test_merge_request_that_is_too_big_fails_and_keeps_its_reports(tmp_path: Path) -> None:
    repo, base = project(tmp_path, {"big.py": lines(30, "x =")})
    proc = run_job(repo, base)
    assert proc.returncode != 0, proc.stdout
    assert "merge-gate FAIL" in proc.stdout
    assert "GitLab merge request !7" in proc.stdout
    artifacts = repo.path / ".gitlab-ci-local" / "artifacts" / "merge-gate"
    junit = (artifacts / "gate-junit.xml").read_text()
    assert 'classname="size"' in junit
    assert "<failure" in junit
    assert json.loads((artifacts / "gate-codequality.json").read_text()) == []
    assert "merge-gate: **fail**" in (artifacts / "gate.md").read_text()


NOTE = """small.py
  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-5
---
{"schema_version":"authorship/3.0.0","git_ai_version":"1.4.5","base_commit_sha":"",
 "prompts":{},"humans":{},
 "sessions":{"s_c9883b05a2487d":{"agent_id":{"tool":"cursor","id":"1","model":"m"}}}}
"""


def test_small_merge_request_passes_with_notes_fetched_from_the_remote(tmp_path: Path) -> None:
    repo, base = project(tmp_path, {"small.py": lines(5, "x =")})
    # git-ai's note exists only on the remote, as in a CI clone.
    repo.git("notes", "--ref=ai", "add", "-m", NOTE, "HEAD")
    repo.git("push", "-q", "origin", "refs/notes/ai")
    repo.git("update-ref", "-d", "refs/notes/ai")
    proc = run_job(repo, base, extra="--json gate.json")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "merge-gate PASS" in proc.stdout
    ai = json.loads((repo.path / "gate.json").read_text())["checks"]["ai"]["metrics"]
    assert ai["by_agent"] == {"cursor": 5}
    assert ai["ai_share"] == 1.0
