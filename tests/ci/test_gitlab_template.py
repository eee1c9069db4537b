""".gitlab-ci-template.yml, run by gitlab-ci-local on real merge request variables.

The job runs in the local shell (``--force-shell-executor``) with this test's Python
first on PATH, so its pip and gate are this environment's; the default install
(the template's own project at a pinned ref) is run for real in a fresh venv.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.gitrepo import GitRepo, lines
from tests.tools import ROOT, TOOLS, copy_source, require

TEMPLATE = ROOT / ".gitlab-ci-template.yml"
INSTALL = "npm install --prefix .ci gitlab-ci-local@4.62.0 (and Debian's rsync)"


def project(tmp_path: Path, change: dict[str, str | bytes | None]) -> tuple[GitRepo, str]:
    """A project whose origin is a local bare repository (the job fetches notes from it)."""
    remote = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(remote)], check=True)
    repo = GitRepo.init(tmp_path / "project")
    repo.git("remote", "add", "origin", str(remote))
    shutil.copy(TEMPLATE, repo.path / TEMPLATE.name)
    base = repo.commit(
        "base",
        {
            ".gitlab-ci.yml": PIPELINE,
            # No review rule here: these jobs have no approvals API to ask (tests/certification/).
            ".gate.toml": "[size]\nmax_changed_lines = 20\n[certification]\nmin_approvals = 0\n",
            ".gitignore": ".gitlab-ci-local/\n",
        },
    )
    repo.branch("feature")
    repo.commit("change", change)
    repo.git("push", "-q", "origin", "main", "feature")
    return repo, base


# A pipeline of the user's project that includes the template (as `project:` would).
PIPELINE = f"include:\n  - local: {TEMPLATE.name}\n"


def run_job(
    repo: GitRepo,
    base: str,
    extra: str = "",
    *,
    python: Path = Path(sys.executable),
    **more: str,
) -> subprocess.CompletedProcess[str]:
    tool = require("gitlab-ci-local", INSTALL)
    variables = {
        "GITLAB_CI": "true",  # gitlab-ci-local says false: it is not GitLab; runners say true
        "CI_PIPELINE_SOURCE": "merge_request_event",
        "CI_MERGE_REQUEST_IID": "7",
        "CI_MERGE_REQUEST_DIFF_BASE_SHA": base,
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "MERGE_GATE_INSTALL": "merge-gate",  # already installed here: pip does nothing
        "MERGE_GATE_ARGS": extra,
        **more,
    }
    args = [str(tool), "--force-shell-executor", "merge-gate"]
    for key, value in variables.items():
        args += ["--variable", f"{key}={value}"]
    env = {
        **os.environ,
        "PATH": f"{python.parent}{os.pathsep}{os.environ['PATH']}",
        "PIP_NO_INDEX": "1",  # offline: pip never asks an index
        "PIP_NO_BUILD_ISOLATION": "0",  # (pip's spelling of "build without isolation")
    }
    return subprocess.run(
        args, cwd=repo.path, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def artifacts(repo: GitRepo) -> Path:
    return repo.path / ".gitlab-ci-local" / "artifacts" / "merge-gate" / "gate-reports"


def test_merge_request_that_is_too_big_fails_and_keeps_its_reports(tmp_path: Path) -> None:
    repo, base = project(tmp_path, {"big.py": lines(30, "x =")})
    proc = run_job(repo, base)
    assert proc.returncode != 0, proc.stdout
    assert "merge-gate FAIL" in proc.stdout
    assert "GitLab merge request !7" in proc.stdout
    reports = artifacts(repo)
    junit = (reports / "junit.xml").read_text()
    assert 'classname="size"' in junit
    assert "<failure" in junit
    assert isinstance(json.loads((reports / "codequality.json").read_text()), list)
    assert json.loads((reports / "gate.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((reports / "gate.json").read_text())["verdict"] == "fail"
    assert "merge-gate: **fail**" in (reports / "gate.md").read_text()


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
    proc = run_job(repo, base)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "merge-gate PASS" in proc.stdout
    ai = json.loads((artifacts(repo) / "gate.json").read_text())["checks"]["ai"]["metrics"]
    assert ai["by_agent"] == {"cursor": 5}
    assert ai["ai_share"] == 1.0


def test_merged_results_pipeline_judges_the_source_branch_not_the_merge(tmp_path: Path) -> None:
    repo, base = project(tmp_path, {"big.py": lines(30, "x =")})
    head = repo.head()
    repo.checkout("main")
    repo.commit("main moved on", {"other.py": lines(100, "y =")})
    # GitLab runs merged results on an ephemeral merge commit, checked out detached.
    repo.git("checkout", "-q", "--detach", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge feature into main", head)
    proc = run_job(
        repo,
        base,
        extra="--sarif gate-reports/extra.sarif",
        CI_MERGE_REQUEST_EVENT_TYPE="merged_result",
        CI_COMMIT_SHA=repo.head(),
        CI_MERGE_REQUEST_SOURCE_BRANCH_SHA=head,
    )
    assert proc.returncode != 0, proc.stdout
    report = json.loads((artifacts(repo) / "gate.json").read_text())
    assert (report["head"], report["merge_base"]) == (head, base)
    assert report["checks"]["size"]["metrics"]["lines_added"] == 30
    # A report the user asked for under gate-reports/ is kept as an artifact too.
    assert json.loads((artifacts(repo) / "extra.sarif").read_text())["runs"]


def merge_gate_project(tmp_path: Path) -> Path:
    """merge-gate's own project on "the same GitLab": a repository with a release tag."""
    server = tmp_path / "gitlab"
    source = GitRepo(copy_source(tmp_path / "merge-gate-src"))
    source.git("init", "-q", "-b", "main")
    source.commit("merge-gate")
    source.git("tag", "v0.1.0")
    bare = server / "tools" / "merge-gate.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(source.path), str(bare)], check=True)
    return server


def fresh_python(path: Path) -> Path:
    """A venv without the gate (nor pip): the dependencies come from this environment."""
    venv.EnvBuilder(with_pip=False).create(path)
    python = path / "bin" / "python3"
    purelib = sysconfig.get_paths(vars={"base": str(path), "platbase": str(path)})["purelib"]
    Path(purelib, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


@pytest.mark.parametrize(
    ("ref", "code"),
    [pytest.param("v0.1.0", 1, id="installs"), pytest.param("v9.9.9", 2, id="fails-clearly")],
)
def test_default_install_is_the_template_project_at_its_pinned_ref(
    tmp_path: Path, ref: str, code: int
) -> None:
    server = merge_gate_project(tmp_path)
    repo, base = project(tmp_path, {"big.py": lines(30, "x =")})
    python = fresh_python(tmp_path / "job-python")
    proc = run_job(
        repo,
        base,
        python=python,
        MERGE_GATE_INSTALL="",
        CI_SERVER_URL=f"file://{server}",
        MERGE_GATE_PROJECT="tools/merge-gate",
        MERGE_GATE_REF=ref,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert re.search(rf"merge-gate finished in [\d.]+ \w+ +FAIL {code}\b", output), output
    if code == 2:
        assert "merge-gate: could not install the gate" in output
        assert "Job token permissions" in output
        assert "merge-gate FAIL" not in output
    else:
        assert "merge-gate FAIL" in output
        assert (tmp_path / "job-python" / "bin" / "gate").exists()


def test_template_and_a_pipeline_including_it_are_valid_gitlab_ci(tmp_path: Path) -> None:
    tool = require("check-jsonschema", TOOLS)
    pipeline = tmp_path / ".gitlab-ci.yml"
    pipeline.write_text(
        "include:\n"
        "  - project: tools/merge-gate\n"
        "    ref: v0.1.0\n"
        "    file: .gitlab-ci-template.yml\n\n"
        "merge-gate:\n"
        "  variables:\n"
        "    MERGE_GATE_PROJECT: tools/merge-gate\n"
        '    MERGE_GATE_ARGS: "--mode monitor"\n'
    )
    for path in (TEMPLATE, pipeline):
        proc = subprocess.run(
            [str(tool), "--builtin-schema", "vendor.gitlab-ci", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
