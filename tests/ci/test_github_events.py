"""GitHub events beyond pull_request: merge queues, reviews, pushes with commits, no base."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gate.ci import detect
from gate.errors import GateError
from tests.gitrepo import GitRepo, lines
from tests.run import gate, report

HEAD, BASE = "a" * 40, "b" * 40
QUEUE = f"refs/heads/gh-readonly-queue/main/pr-7-{'c' * 40}"


def env(tmp_path: Path, event: object, name: str, sha: str = HEAD) -> dict[str, str]:
    path = tmp_path / "event.json"
    path.write_text(json.dumps(event))
    return {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_PATH": str(path),
        "GITHUB_EVENT_NAME": name,
        "GITHUB_SHA": sha,
    }


def test_merge_group_reads_like_a_pull_request(tmp_path: Path) -> None:
    group = {"head_sha": HEAD, "base_sha": BASE, "head_ref": QUEUE, "base_ref": "refs/heads/main"}
    found = detect(env(tmp_path, {"merge_group": group}, "merge_group"))
    assert found is not None
    assert (found.base, found.head, found.expect_change) == (BASE, HEAD, True)
    assert found.refspecs == (
        f"+{QUEUE}:refs/remotes/origin/{QUEUE.removeprefix('refs/heads/')}",
        "+refs/heads/main:refs/remotes/origin/main",
    )
    assert found.source == f"GitHub merge queue entry for main: its base {BASE[:12]}"


def test_merge_group_without_its_shas_is_an_error(tmp_path: Path) -> None:
    group = {"head_sha": HEAD, "head_ref": QUEUE, "base_ref": "refs/heads/main"}
    with pytest.raises(GateError, match="merge_group base_sha is missing or not a str"):
        detect(env(tmp_path, {"merge_group": group}, "merge_group"))


def test_a_review_event_is_judged_as_its_pull_request(tmp_path: Path) -> None:
    pr = {"number": 3, "head": {"sha": HEAD}, "base": {"ref": "main", "sha": BASE}}
    event = {"review": {"state": "approved"}, "pull_request": pr}
    found = detect(env(tmp_path, event, "pull_request_review"))
    assert found is not None
    assert (found.head, found.number, found.expect_change) == (HEAD, 3, True)


def test_a_push_that_brought_commits_expects_a_change(tmp_path: Path) -> None:
    found = detect(env(tmp_path, {"before": BASE, "commits": [{"id": HEAD}]}, "push"))
    assert found is not None
    assert found.expect_change
    found = detect(env(tmp_path, {"before": BASE, "commits": []}, "push"))
    assert found is not None
    assert not found.expect_change


def test_an_empty_push_range_the_platform_reported_commits_for_is_exit_2(
    repo: GitRepo, tmp_path: Path
) -> None:
    base = repo.commit("base", {"a.py": lines(3)})
    # The push says it brought a commit, but the checkout is the old tip.
    event = {"before": base, "commits": [{"id": "f" * 40}]}
    run = gate(repo.path, "check", env=env(tmp_path, event, "push", sha=base))
    assert run.code == 2
    assert "already in the base branch, so there is no change to judge" in run.stderr


def test_workflow_dispatch_needs_a_base_and_takes_one(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"a.py": lines(3)})
    repo.branch("feature")
    head = repo.commit("change", {"b.py": lines(3)})
    variables = env(tmp_path, {"inputs": {}}, "workflow_dispatch", sha=head)
    run = gate(repo.path, "check", env=variables)
    assert run.code == 2
    assert run.stderr == (
        "gate: error: the GitHub workflow_dispatch event names no base revision: pass --base REV\n"
    )
    assert gate(repo.path, "check", "--base", "main", env=variables).code == 0


def test_a_merge_queue_entry_end_to_end(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"a.py": lines(3)})
    repo.branch("feature")
    head = repo.commit("pr", {"b.py": lines(30)})
    repo.checkout("main")
    main = repo.commit("main moved on", {"c.py": lines(50)})
    repo.git("checkout", "-q", "--detach", "main")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge pull request #7", head)
    merge = repo.head()
    group = {"head_sha": merge, "base_sha": main, "head_ref": QUEUE, "base_ref": "refs/heads/main"}
    variables = env(tmp_path, {"merge_group": group}, "merge_group", merge)
    run, data = report(repo.path, env=variables)
    assert run.code == 0, run.stderr
    # The queued merge commit against the commit it was queued on: the PR's lines only.
    assert (data["head"], data["merge_base"]) == (merge, main)
    assert data["checks"]["size"]["metrics"]["lines_added"] == 30
