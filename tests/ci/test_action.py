"""action.yml run as the runner runs it: its bash steps, a real event, a depth-1 checkout.

The remote holds a PR-like history (the base branch moved on after the fork) and
GitHub's synthetic ``refs/pull/7/merge``; the workspace is what actions/checkout
makes of it with its default ``fetch-depth: 1``. The action is installed from a copy
of this tree (its ``GITHUB_ACTION_PATH``), offline: pip gets no index, and the
dependencies come from this test's environment through the venv the install step
finds in ``RUNNER_TEMP`` (as a job that cached it would).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
from junitparser import JUnitXml

from tests.ci import composite, readme
from tests.gitrepo import GitRepo, lines
from tests.tools import copy_source

CONFIG = "[size]\nmax_changed_lines = 20\n\n[security]\nenabled = false\n"


@dataclass(frozen=True)
class Remote:
    path: Path
    base: str  # the fork point
    main: str  # the base branch's tip, after the fork
    head: str  # the PR head
    merge: str  # refs/pull/7/merge


@pytest.fixture(scope="module")
def action(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The action's folder, as the runner checks it out (a copy of this tree)."""
    return copy_source(tmp_path_factory.mktemp("actions") / "merge-gate")


def remote(tmp_path: Path, change: dict[str, str | bytes | None]) -> Remote:
    author = GitRepo.init(tmp_path / "author")
    base = author.commit("base", {".gate.toml": CONFIG, "a.py": lines(5)})
    author.branch("feature")
    head = author.commit("the pull request", change)
    author.checkout("main")
    main = author.commit("main moved on", {"c.py": lines(100)})
    author.git("checkout", "-q", "--detach", "main")
    author.git("merge", "-q", "--no-ff", "-m", "Merge feature into main", head)
    merge = author.head()
    path = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", "-b", "main", str(path)], check=True)
    author.git("push", "-q", str(path), "main", "feature")
    author.git("push", "-q", str(path), f"{head}:refs/pull/7/head", f"{merge}:refs/pull/7/merge")
    queue = f"refs/heads/gh-readonly-queue/main/pr-7-{head}"
    author.git("push", "-q", str(path), f"{merge}:{queue}")
    return Remote(path, base, main, head, merge)


def checkout(tmp_path: Path, origin: Remote, ref: str) -> GitRepo:
    """What actions/checkout does with fetch-depth 1: fetch one commit, check it out."""
    ws = GitRepo.init(tmp_path / "workspace")
    ws.git("remote", "add", "origin", f"file://{origin.path}")
    local = ref.replace("refs/heads/", "refs/remotes/origin/").replace(
        "refs/pull/", "refs/remotes/pull/"
    )
    ws.git("fetch", "-q", "--no-tags", "--depth=1", "origin", f"+{ref}:{local}")
    ws.git("checkout", "-q", "--force", local)
    assert ws.git("rev-parse", "--is-shallow-repository").strip() == "true"
    return ws


def pull_request_event(origin: Remote) -> dict[str, object]:
    """A pull_request "synchronize" payload, trimmed to what GitHub always sends."""
    return {
        "action": "synchronize",
        "number": 7,
        "pull_request": {
            "number": 7,
            "state": "open",
            "user": {"login": "octocat", "type": "User"},
            "head": {"sha": origin.head, "ref": "feature", "label": "octo:feature"},
            # base.sha is frozen when the PR opened: the gate must not use it.
            "base": {"sha": origin.base, "ref": "main", "label": "octo:main"},
        },
        "repository": {"full_name": "octo/app", "default_branch": "main"},
        "sender": {"login": "octocat"},
    }


def runner_env(tmp_path: Path, ws: GitRepo, name: str, event: object, sha: str) -> dict[str, str]:
    temp = tmp_path / "runner-temp"
    temp.mkdir()
    event_path = tmp_path / "event.json"
    event_path.write_text(json.dumps(event))
    (tmp_path / "summary.md").write_text("")
    # The venv the install step reuses: none of pip's, the deps from this environment.
    gate_venv = temp / "merge-gate-venv"
    venv.EnvBuilder(with_pip=False).create(gate_venv)
    purelib = sysconfig.get_paths(vars={"base": str(gate_venv), "platbase": str(gate_venv)})
    Path(purelib["purelib"], "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_NAME": name,
        "GITHUB_EVENT_PATH": str(event_path),
        "GITHUB_SHA": sha,
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_WORKSPACE": str(ws.path),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "RUNNER_TEMP": str(temp),
        # Offline: no index, and the build backend from this environment.
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
    }


def run_pr(
    tmp_path: Path, action: Path, change: dict[str, str | bytes | None], **inputs: str
) -> tuple[composite.Job, Remote, Path]:
    origin = remote(tmp_path, change)
    ws = checkout(tmp_path, origin, "refs/pull/7/merge")
    env = runner_env(tmp_path, ws, "pull_request", pull_request_event(origin), origin.merge)
    job = composite.run(action, inputs, env, ws.path)
    return job, origin, tmp_path / "summary.md"


def test_big_pull_request_fails_with_every_report_and_output(tmp_path: Path, action: Path) -> None:
    # With the inputs of the README's workflow.
    inputs = readme.gate_step().get("with", {})
    job, origin, summary = run_pr(tmp_path, action, {"big.py": lines(30)}, **inputs)
    assert job.returncode == 1, job.log
    assert [uses for uses, _ in job.used] == ["actions/setup-python", "actions/cache"]
    assert job.used[0][1] == {"python-version": "3.12"}
    out = job.outputs
    assert (out["verdict"], out["mode"], out["ai-share"]) == ("fail", "enforce", "0")
    assert out["certification-required"] == "false"
    report = json.loads(Path(out["json"]).read_text())
    # The PR head against its merge-base with the base branch: not the synthetic
    # merge commit, not the frozen base.sha, and main's own later commit not counted.
    assert (report["head"], report["merge_base"]) == (origin.head, origin.base)
    assert report["checks"]["size"]["metrics"]["lines_added"] == 30
    assert "GitHub pull request #7" in report["base_source"]
    sarif = json.loads(Path(out["sarif"]).read_text())
    assert sarif["version"] == "2.1.0"
    assert isinstance(json.loads(Path(out["codequality"]).read_text()), list)
    suites = JUnitXml.fromfile(out["junit"])
    assert any(suite.name == "size" and suite.failures for suite in suites)
    assert "merge-gate: **fail**" in Path(out["markdown"]).read_text()
    assert "merge-gate: **fail**" in summary.read_text()
    assert "::error" in job.log
    assert "gate, version" in job.log


def test_small_pull_request_passes(tmp_path: Path, action: Path) -> None:
    inputs = {"python-version": "", "token": "t0ken"}
    job, _, _ = run_pr(tmp_path, action, {"small.py": lines(5)}, **inputs)
    assert job.returncode == 0, job.log
    assert "::add-mask::" in job.log  # the token's header is masked in the log
    assert job.skipped == ["Set up Python"]
    assert job.outputs["verdict"] == "pass"


def test_monitor_mode_reports_the_failure_and_lets_it_through(tmp_path: Path, action: Path) -> None:
    job, _, summary = run_pr(tmp_path, action, {"big.py": lines(30)}, mode="monitor")
    assert job.returncode == 0, job.log
    assert (job.outputs["verdict"], job.outputs["mode"]) == ("fail", "monitor")
    assert "monitor mode" in job.log
    assert "monitor mode" in summary.read_text()
    report = json.loads(Path(job.outputs["json"]).read_text())
    assert (report["verdict"], report["enforced_verdict"]) == ("fail", "pass")


def test_merge_queue_entry_is_judged_like_a_pull_request(tmp_path: Path, action: Path) -> None:
    origin = remote(tmp_path, {"big.py": lines(30)})
    queue = f"refs/heads/gh-readonly-queue/main/pr-7-{origin.head}"
    ws = checkout(tmp_path, origin, queue)
    event = {
        "action": "checks_requested",
        "merge_group": {
            "head_sha": origin.merge,
            "head_ref": queue,
            "base_sha": origin.main,
            "base_ref": "refs/heads/main",
            "head_commit": {"id": origin.merge, "message": "Merge pull request #7"},
        },
        "repository": {"full_name": "octo/app", "default_branch": "main"},
    }
    env = runner_env(tmp_path, ws, "merge_group", event, origin.merge)
    job = composite.run(action, {}, env, ws.path)
    assert job.returncode == 1, job.log
    report = json.loads(Path(job.outputs["json"]).read_text())
    assert (report["head"], report["merge_base"]) == (origin.merge, origin.main)
    # The queue's merge commit brings the PR's 30 lines, not main's 100.
    assert report["checks"]["size"]["metrics"]["lines_added"] == 30
    assert "merge queue" in report["base_source"]


@pytest.mark.parametrize(
    ("fail_on_error", "code"),
    [pytest.param("true", 2, id="fails"), pytest.param("false", 0, id="warns")],
)
def test_an_event_without_a_base_cannot_pass_silently(
    tmp_path: Path, action: Path, fail_on_error: str, code: int
) -> None:
    origin = remote(tmp_path, {"small.py": lines(5)})
    ws = checkout(tmp_path, origin, "refs/heads/main")
    env = runner_env(tmp_path, ws, "workflow_dispatch", {"inputs": {}}, origin.main)
    job = composite.run(action, {"fail-on-error": fail_on_error}, env, ws.path)
    assert job.returncode == code, job.log
    assert job.outputs["verdict"] == "error"
    assert "workflow_dispatch event names no base revision: pass --base REV" in job.log
    if code == 0:
        assert "fail-on-error is false" in job.log


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        pytest.param("mode", "lenient", "input mode must be enforce or monitor", id="mode"),
        pytest.param("fail-on-error", "yes", "must be true or false", id="fail-on-error"),
    ],
)
def test_bad_inputs_stop_the_step(
    tmp_path: Path, action: Path, name: str, value: str, message: str
) -> None:
    job, _, _ = run_pr(tmp_path, action, {"a.py": "x = 1\n"}, **{name: value})
    assert job.returncode == 2
    assert message in job.log
