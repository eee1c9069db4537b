"""A blob missing from a real partial clone stops only its own file, never the whole run.

The shape seen in the wild: ``git clone --filter=blob:none`` whose promisor remote
cannot serve some blobs any more (here: it is gone), so ``git diff -M -C`` fails
with ``fatal: unable to read …`` and, before, every change exited 2.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from gate import diff
from gate.ai.origins import origins
from gate.errors import GitError
from gate.git import Git
from gate.lineage import engine
from tests.gitrepo import GitRepo
from tests.run import report

pytestmark = pytest.mark.semgrep

CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
RISKY = "def f(x):\n    if x:\n        return 1\n    return eval(x)\n"


def partial_clone(
    repo: GitRepo, tmp_path: Path, base: dict[str, str], head: dict[str, str | None]
) -> GitRepo:
    """A blob:none clone of ``feature`` whose remote is then gone: only fetched blobs remain."""
    repo.git("config", "uploadpack.allowFilter", "true")
    repo.commit("base", {".gate.toml": '[size]\nexclude = ["*.mp4"]\n', **base})
    repo.branch("feature")
    repo.commit("change", head)
    dest = tmp_path / "partial"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--filter=blob:none",
            "-b",
            "feature",
            f"file://{repo.path}",
            str(dest),
        ],
        check=True,
    )
    local = GitRepo(dest)
    local.git("branch", "-q", "main", "origin/main")
    local.git("cat-file", "-p", "main:.gate.toml")  # the policy's blob is fetched
    local.git("remote", "set-url", "origin", str(tmp_path / "gone"))
    return local


def rules(data: dict[str, Any], check: str) -> list[tuple[str, str]]:
    return [(f["rule"], f["path"]) for f in data["checks"][check]["findings"]]


def test_excluded_files_with_missing_blobs_leave_the_rest_judged(
    repo: GitRepo, tmp_path: Path
) -> None:
    local = partial_clone(
        repo,
        tmp_path,
        {"clip1.mp4": "old video\n", "clip2.mp4": "old 2\n", "a.py": "def g(x):\n    return x\n"},
        {
            "clip1.mp4": "new video\n",
            "clip2.mp4": "new 2\n",
            "b.py": RISKY,
            "a.py": None,
            "c.py": "def g(x):\n    return x\n",
        },
    )
    missing = Git(local.path).absent([local.head("main"), local.head()])
    assert len(missing) == 2  # the videos' old blobs: checkout fetched what head holds
    run, data = report(local.path, "--base", "main")
    assert run.code == 1, run.stdout  # the new eval() in b.py, found as before
    assert [e["path"] for e in data["excluded"]] == ["clip1.mp4", "clip2.mp4"]
    assert rules(data, "security") == [("python-dynamic-code-execution", "b.py")]
    assert data["checks"]["size"]["status"] == "pass"
    assert data["checks"]["complexity"]["metrics"]["functions_added"] == 1
    ai = data["checks"]["ai"]["metrics"]
    assert (ai["added_lines"], ai["unknown_lines"]) == (4, 0)


def test_a_measured_file_with_a_missing_blob_is_not_analysed(repo: GitRepo, tmp_path: Path) -> None:
    local = partial_clone(
        repo,
        tmp_path,
        {"lost.py": "def h():\n    return 0\n"},
        {"lost.py": "def h():\n    return 1\n", "b.py": RISKY},
    )
    run, data = report(local.path, "--base", "main")
    assert run.code == 2, run.stdout
    size = data["checks"]["size"]
    assert (size["status"], rules(data, "size")) == ("error", [("not-analysed", "lost.py")])
    assert size["findings"][0]["message"].startswith(
        "its lines cannot be counted (a blob is missing"
    )
    # the path is said once: the reports put it in front of the message
    assert "lost.py: lost.py" not in run.stdout
    assert size["metrics"]["not_analysed"] == 1
    # the rest of the change is judged all the same
    assert ("python-dynamic-code-execution", "b.py") in rules(data, "security")
    assert ("base-not-analysed", "lost.py") in rules(data, "security")
    skipped = data["checks"]["ai"]["metrics"]["skipped_files"]
    assert skipped == [
        {"path": "lost.py", "reason": "a blob is missing from this clone (lines unknown)"}
    ]


def test_a_diff_that_fails_for_another_reason_is_still_an_error(repo: GitRepo) -> None:
    repo.commit("base", {"a.py": "a\n"})
    with pytest.raises(GitError, match="git diff failed"):
        diff.read(Git(repo.path), repo.head(), "0" * 40)


def test_a_cat_file_that_fails_for_another_reason_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="git cat-file failed"):
        Git(tmp_path).cat_file(["HEAD"])


def test_a_blob_a_deleted_file_lacks_leaves_the_other_files_lines_known(
    repo: GitRepo, tmp_path: Path
) -> None:
    # The replay leaves the unreadable file out of every patch, so the line of b.py is
    # traced to its commit (blame, comparing with every file of the commit, failed on it).
    local = partial_clone(
        repo, tmp_path, {"gone.mp4": "old\n"}, {"gone.mp4": None, "b.py": "x = 1\n"}
    )
    run, data = report(local.path, "--base", "main")
    assert run.code == 0, run.stdout
    ai = data["checks"]["ai"]
    assert (ai["metrics"]["added_lines"], ai["metrics"]["human_lines"]) == (1, 1)
    assert ai["metrics"]["unknown_lines"] == 0
    assert ai["findings"] == []


def test_a_blob_missing_inside_the_range_leaves_only_its_file_unknown(
    repo: GitRepo, tmp_path: Path
) -> None:
    # a.py's version between base and head is in no tree the clone checked out, so the
    # replay's `git log -p` cannot read it: that file's lines are unknown, b.py's known
    repo.git("config", "uploadpack.allowFilter", "true")
    repo.commit("base", {"a.py": "x = 1\n"})
    repo.branch("feature")
    repo.commit("middle", {"a.py": "x = 2\n"})
    repo.commit("agent" + CLAUDE, {"a.py": "x = 3\n", "b.py": "y = 1\n"})
    dest = tmp_path / "partial"
    subprocess.run(
        ["git", "clone", "-q", "--filter=blob:none", "-b", "feature", f"file://{repo.path}",
         str(dest)],
        check=True,
    )  # fmt: skip
    local = GitRepo(dest)
    local.git("branch", "-q", "main", "origin/main")
    local.git("cat-file", "-p", "main:a.py")  # the base's blob is here, the middle one not
    local.git("remote", "set-url", "origin", str(tmp_path / "gone"))
    run, data = report(local.path, "--base", "main")
    ai = data["checks"]["ai"]
    assert run.code == 0, run.stdout
    m = ai["metrics"]
    assert (m["added_lines"], m["ai_lines"], m["unknown_lines"]) == (2, 1, 1)
    [finding] = [f for f in ai["findings"] if f["rule"] == "not-analysed"]
    assert finding["path"] == "a.py"
    assert "a blob of the history of a.py is missing from this clone" in finding["message"]


def test_a_replay_that_fails_with_nothing_missing_is_that_error(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = repo.commit("base", {"a.py": "x = 1\n"})
    head = repo.commit("c", {"a.py": "x = 2\n"})
    git = Git(repo.path)
    [change] = diff.read(git, base, head)

    def broken(*args: object, **kwargs: object) -> None:
        raise GitError("git log failed: something else")

    monkeypatch.setattr(engine, "lifetimes", broken)
    with pytest.raises(GitError, match="something else"):
        origins(git, base, head, [change])  # nothing is missing: no second try
    monkeypatch.setattr(Git, "range_absent", broken)
    with pytest.raises(GitError, match="something else"):
        origins(git, base, head, [change])  # the search for missing blobs failed too
