"""The remote's git-ai notes: fetched by default in CI; every report says whether they were read.

The shape of the bug this guards against: a CI clone lacks ``refs/notes/ai``, the
only evidence that a change is AI-written, so the share reads 0% where the truth is
100% and certification is not required.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gate.ai import notes
from gate.git import Git
from tests.ai.test_notes import V3, clone
from tests.ai_repo import add_note, ai_check, start
from tests.gitrepo import GitRepo, lines

# Every test chooses its own CI variables, whatever the machine running the tests sets.
LOCAL: dict[str, str | None] = {"GITHUB_ACTIONS": None, "GITLAB_CI": None}
GITHUB = {**LOCAL, "GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": None}
GITLAB = {**LOCAL, "GITLAB_CI": "true", "CI_COMMIT_BEFORE_SHA": None, "CI_DEFAULT_BRANCH": None}
NOTE_ONLY = "app.py\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 4-10\n---\n" + V3.split("---\n", 1)[1]


def ci_clone(repo: GitRepo, tmp_path: Path) -> GitRepo:
    """A clone of a repository whose only AI evidence is a git-ai note on the remote."""
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, NOTE_ONLY)
    local = clone(repo, tmp_path / "clone")
    local.git("branch", "-q", "main", "origin/main")
    return local


def rules(check: dict[str, Any]) -> list[str]:
    return [f["rule"] for f in check["findings"]]


@pytest.mark.parametrize(
    ("env", "platform"),
    [
        pytest.param(GITHUB, "GitHub Actions", id="github"),
        pytest.param(GITLAB, "GitLab CI", id="gitlab"),
    ],
)
def test_ci_fetches_the_notes_by_default(
    repo: GitRepo, tmp_path: Path, env: dict[str, str | None], platform: str
) -> None:
    local = ci_clone(repo, tmp_path)
    # exit 1: the notes make the change 100% AI-written, so a review is now required
    check = ai_check(local, env=env, code=1)
    m = check["metrics"]
    assert (m["ai_share"], m["by_agent"]) == (1.0, {"cursor": 7})
    assert (m["notes"]["fetched"], m["notes"]["read"], m["notes"]["remote_has_notes"]) == (
        True,
        True,
        True,
    )
    assert (
        f"git-ai notes: origin's refs/notes/ai fetched and read (default in {platform})"
        in (check["summary"])
    )
    assert "notes-not-read" not in rules(check)
    assert local.git("rev-parse", notes.REMOTE_REF) == repo.git("rev-parse", notes.AI_REF)


def test_ci_opt_out_reads_local_notes_only_and_says_so(repo: GitRepo, tmp_path: Path) -> None:
    local = ci_clone(repo, tmp_path)
    check = ai_check(local, "--no-fetch-notes", env=GITHUB)
    m = check["metrics"]
    assert (m["ai_share"], m["notes"]["fetched"], m["notes"]["read"]) == (0.0, False, False)
    assert m["notes"]["remote_has_notes"] is None  # opting out asks the remote nothing
    assert "local notes only (--no-fetch-notes: the remote was not asked)" in check["summary"]
    assert Git(local.path).resolve_commit(notes.REMOTE_REF) is None


def test_outside_ci_the_notes_left_on_the_remote_are_a_warning(
    repo: GitRepo, tmp_path: Path
) -> None:
    local = ci_clone(repo, tmp_path)
    check = ai_check(local, env=LOCAL)
    m = check["metrics"]
    assert (m["ai_share"], m["notes"]["fetched"], m["notes"]["read"]) == (0.0, False, False)
    assert rules(check) == ["notes-not-read"]
    warning = check["findings"][0]
    assert warning["severity"] == "warning"
    assert (
        "origin has refs/notes/ai that this run did NOT read (default outside CI)"
        in warning["message"]
    )
    assert "pass --fetch-notes" in check["summary"]
    # once fetched into the notes ref the user reads, the same run is silent
    local.git("fetch", "-q", "origin", "+refs/notes/ai:refs/notes/ai")
    check = ai_check(local, env=LOCAL)
    assert (check["metrics"]["ai_share"], rules(check)) == (1.0, ["ai-commit"])
    assert check["metrics"]["notes"]["read"] is True
    assert "origin's refs/notes/ai is already in this clone and was read" in check["summary"]


def test_notes_older_than_the_local_ones_were_read(repo: GitRepo, tmp_path: Path) -> None:
    local = ci_clone(repo, tmp_path)
    local.git("fetch", "-q", "origin", "+refs/notes/ai:refs/notes/ai")
    add_note(local, local.head(), "a.py\n  human 1\n---\n{}\n")  # local notes moved on
    assert ai_check(local, env=LOCAL)["metrics"]["notes"]["read"] is True


def test_a_remote_without_notes(repo: GitRepo, tmp_path: Path) -> None:
    start(repo)
    repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    local = clone(repo, tmp_path / "clone")
    local.git("branch", "-q", "main", "origin/main")
    for env in (LOCAL, GITHUB):
        check = ai_check(local, env=env)
        assert check["metrics"]["notes"]["read"] is True
        assert "origin has no refs/notes/ai; local notes read" in check["summary"]


def test_no_remote_is_local_notes_only_in_ci_too(repo: GitRepo) -> None:
    start(repo)
    repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    for env, asked in ((LOCAL, "default outside CI"), (GITHUB, "default in GitHub Actions")):
        check = ai_check(repo, env=env)
        assert f"local notes only (no remote; {asked})" in check["summary"]
        assert check["metrics"]["notes"]["remote"] is None


def test_an_unreadable_remote_is_exit_2_in_ci_and_a_remark_outside(
    repo: GitRepo, tmp_path: Path
) -> None:
    start(repo)
    repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    repo.git("remote", "add", "origin", str(tmp_path / "missing"))
    check = ai_check(repo, code=2, env=GITHUB)
    assert (
        "cannot tell whether the remote has git-ai notes (default in GitHub Actions)"
        in check["summary"]
    )
    assert "pass --no-fetch-notes" in check["summary"]
    check = ai_check(repo, env=LOCAL)
    assert (
        "local notes only (could not ask origin for refs/notes/ai: git ls-remote"
        in check["summary"]
    )
    assert check["metrics"]["notes"]["read"] is False
    assert ai_check(repo, "--no-fetch-notes", env=GITHUB)["metrics"]["added_lines"] == 7
