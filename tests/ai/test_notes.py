"""git-ai notes: parsing, line-level attribution, the refs read, ``--fetch-notes``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gate.ai import notes, remote
from gate.ai.notes import Attested, Note
from gate.ai.signatures import load
from gate.config import AiConfig
from gate.errors import GitError
from gate.git import Git
from tests.ai_repo import add_note, ai_check, evidence, metrics, start
from tests.gitrepo import GitRepo, lines
from tests.run import report

SIGS = load(AiConfig(), "cfg")
CURSOR = {"agent_id": {"tool": "cursor", "id": "abc", "model": "claude-4.5-sonnet"}}


def note(attestations: str, **meta: object) -> str:
    body = {"schema_version": "authorship/3.0.0", "git_ai_version": "1.4.5", **meta}
    return f"{attestations}---\n{json.dumps(body)}\n"


V3 = note(
    "app.py\n  s_c9883b05a2487d::t_9f8e7d6c5b4a32 4-6,9\n  h_31dce776f88375 7\n"
    '"src/my file.py"\n  s_c9883b05a2487d::t_0000000000000a 1-2\n',
    sessions={"s_c9883b05a2487d": CURSOR},
    humans={"h_31dce776f88375": {"author": "Dev <dev@example.com>"}},
)


def test_parse_v3() -> None:
    parsed = notes.parse("refs/notes/ai", V3.encode(), SIGS)
    assert parsed.problem is None
    assert parsed.files == {
        "app.py": (
            Attested(4, 6, "cursor", "s_c9883b05a2487d::t_9f8e7d6c5b4a32"),
            Attested(9, 9, "cursor", "s_c9883b05a2487d::t_9f8e7d6c5b4a32"),
            Attested(7, 7, None, "h_31dce776f88375"),
        ),
        "src/my file.py": (Attested(1, 2, "cursor", "s_c9883b05a2487d::t_0000000000000a"),),
    }
    assert parsed.at("app.py", 5) == parsed.files["app.py"][0]
    assert parsed.at("app.py", 8) is None


def test_parse_legacy_keys() -> None:
    text = note(
        "a.py\n  0123456789abcdef 1-3\n  human 4\n  s_0000000000000b 5\n",
        schema_version="authorship/2.0.0",
        prompts={"0123456789abcdef": {"agent_id": {"tool": "claude"}}},
    )
    parsed = notes.parse("r", text.encode(), SIGS)
    assert [(a.start, a.end, a.agent) for a in parsed.files["a.py"]] == [
        (1, 3, "claude"),
        (4, 4, None),
        (5, 5, "other"),  # a session the JSON does not describe is still AI
    ]
    no_version = notes.parse("r", b"a.py\n  human 1\n---\n{}\n", SIGS)
    assert no_version.problem is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param("a.py\n  human 1\n", "no '---' line", id="no-separator"),
        pytest.param(
            "a.py\n  human 1\n---\n{not json", "the JSON after '---' is invalid", id="json"
        ),
        pytest.param("---\n[1]\n", "not an object", id="not-object"),
        pytest.param('---\n{"schema_version": "other/1"}', "not a git-ai authorship log", id="v"),
        pytest.param("  human 1\n---\n{}", "line 1: an attestation before any file name", id="o"),
        pytest.param("a.py\n  human\n---\n{}", "line 2: expected 'KEY RANGES'", id="no-ranges"),
        pytest.param("a.py\n  zz!! 1\n---\n{}", "unknown attestation key 'zz!!'", id="key"),
        pytest.param("a.py\n  human 5-2\n---\n{}", "bad line range '5-2'", id="reversed"),
        pytest.param("a.py\n  human 0\n---\n{}", "bad line range '0'", id="zero"),
        pytest.param("a.py\n  human 1,x\n---\n{}", "bad line range 'x'", id="text"),
        pytest.param(
            'a.py\n  s_0a 1\n---\n{"sessions": []}', "'sessions' is not an object", id="sessions"
        ),
        pytest.param("a.py\n  human 1\n---\n\xff", "invalid", id="not-utf8"),
        pytest.param("---\n" + "[" * 100_000, "nested too deeply", id="json-too-deep"),
    ],
)
def test_malformed_notes_say_why(text: str, problem: str) -> None:
    parsed = notes.parse("refs/notes/ai", text.encode("latin-1"), SIGS)
    assert parsed.problem is not None
    assert problem in parsed.problem
    assert parsed.files == {}


def test_note_lines_are_attributed_line_by_line(repo: GitRepo) -> None:
    start(repo)
    sha = repo.commit("plain message", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3)
    m = metrics(repo)
    # lines 4-6 and 9 by Cursor, 7 by a person, 8 and 10 not listed
    assert (m["added_lines"], m["ai_lines"], m["human_lines"], m["unknown_lines"]) == (7, 4, 1, 2)
    assert m["by_agent"] == {"cursor": 4}
    found = evidence(m, sha)
    assert found["agent"] is None  # no commit signal: the lines carry the attribution
    assert found["decided_by"] == {
        "ai: git-ai note": 4,
        "human: git-ai note": 1,
        "unknown: not listed in the git-ai note": 2,
    }
    assert found["note"] == {"ref": "refs/notes/ai", "problem": None}
    assert m["ai_commits"] == 1
    assert m["notes"]["commits_with_notes"] == 1


def test_note_lines_follow_the_line_through_later_edits(repo: GitRepo) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3)
    # a person inserts 2 lines at the top: the AI's lines move down at head
    repo.commit("me", {"app.py": "x\ny\n" + lines(3, "base") + lines(7, "new")})
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["human_lines"], m["unknown_lines"]) == (9, 4, 3, 2)


def test_a_commit_signal_covers_lines_the_note_does_not_list(repo: GitRepo) -> None:
    start(repo)
    message = "x\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
    sha = repo.commit(message, {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3)
    m = metrics(repo)
    # a note's "human" never outweighs the commit's own AI signal
    assert (m["ai_lines"], m["by_agent"]) == (7, {"cursor": 4, "claude": 3})


def test_a_malformed_note_is_a_warning_and_unknown_lines(repo: GitRepo) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(4, "new")})
    add_note(repo, sha, "app.py\n  s_zz 1-2\n")
    check = ai_check(repo)
    m = check["metrics"]
    assert (m["added_lines"], m["unknown_lines"], m["ai_lines"]) == (4, 4, 0)
    assert m["notes"]["malformed"] == 1
    warning = [f for f in check["findings"] if f["rule"] == "malformed-note"]
    assert [w["severity"] for w in warning] == ["warning"]
    assert sha[:12] in warning[0]["message"]
    assert "no '---' line" in warning[0]["message"]
    assert check["status"] == "pass"


def test_a_note_for_a_file_that_no_longer_exists(repo: GitRepo) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(2, "new"), "gone.py": "g\n"})
    add_note(
        repo,
        sha,
        note("gone.py\n  s_0a::t_0b 1\napp.py\n  s_0a::t_0b 4-5\n", sessions={"s_0a": CURSOR}),
    )
    repo.commit("drop", {"gone.py": None})
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["by_agent"]) == (2, 2, {"cursor": 2})


def test_notes_in_refs_notes_commits_are_not_git_ai(repo: GitRepo) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3, ref="refs/notes/commits")
    env = {"GIT_NOTES_REF": "refs/notes/commits"}
    repo.git("config", "core.notesRef", "refs/notes/commits")
    run_metrics = ai_check(repo, env=dict(env))["metrics"]
    assert (run_metrics["ai_lines"], run_metrics["notes"]["commits_with_notes"]) == (0, 0)


def test_a_local_note_wins_over_the_fetched_copy(repo: GitRepo) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3, ref=notes.REMOTE_REF)
    add_note(repo, sha, note("app.py\n  human 4-10\n"))
    m = metrics(repo)
    assert (m["ai_lines"], evidence(m, sha)["note"]["ref"]) == (0, "refs/notes/ai")


def clone(source: GitRepo, dest: Path, *args: str) -> GitRepo:
    subprocess.run(["git", "clone", "-q", *args, f"file://{source.path}", str(dest)], check=True)
    return GitRepo(dest)


def test_fetch_notes_into_a_ref_of_its_own(repo: GitRepo, tmp_path: Path) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3)
    local = clone(repo, tmp_path / "clone")
    local.git("branch", "-q", "main", "origin/main")
    # a note of the clone's own, on a commit the remote's notes also cover
    mine = note("app.py\n  human 4-10\n")
    add_note(local, sha, mine)
    assert metrics(local)["ai_lines"] == 0  # the local note wins
    local.git("update-ref", "-d", "refs/notes/ai")
    assert metrics(local)["ai_lines"] == 0  # notes are not fetched by default
    m = metrics(local, "--fetch-notes")
    assert (m["ai_lines"], m["notes"]["fetched"]) == (4, True)
    assert local.git("rev-parse", notes.REMOTE_REF) == repo.git("rev-parse", "refs/notes/ai")
    add_note(local, sha, mine)
    m = metrics(local, "--fetch-notes")
    assert m["ai_lines"] == 0  # the fetch did not overwrite the local note
    assert local.git("notes", "--ref=ai", "show", sha).startswith("app.py\n  human 4-10")


def test_fetch_notes_from_a_remote_without_notes(repo: GitRepo, tmp_path: Path) -> None:
    start(repo)
    repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    local = clone(repo, tmp_path / "clone")
    local.git("branch", "-q", "main", "origin/main")
    m = metrics(local, "--fetch-notes")
    assert (m["notes"]["fetched"], m["added_lines"]) == (False, 7)


def test_fetch_notes_tolerates_notes_on_commits_the_clone_lacks(
    repo: GitRepo, tmp_path: Path
) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3)
    repo.git("checkout", "-q", "-b", "elsewhere", "main")
    other = repo.commit("unpublished", {"z.py": "z\n"})
    add_note(repo, other, V3)
    repo.git("checkout", "-q", "feature")
    local = clone(repo, tmp_path / "clone", "--single-branch", "--branch", "feature")
    local.git("branch", "-q", "main", sha + "~1")
    lacks = subprocess.run(["git", "cat-file", "-e", other], cwd=local.path, check=False)
    assert lacks.returncode != 0
    m = metrics(local, "--fetch-notes")
    assert (m["ai_lines"], m["notes"]["commits_with_notes"]) == (4, 1)


def test_fetch_notes_without_a_remote_is_exit_2(repo: GitRepo) -> None:
    start(repo)
    repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    check = ai_check(repo, "--fetch-notes", code=2)
    assert "--fetch-notes: this repository has no remote" in check["summary"]


def test_fetch_notes_from_an_unreadable_remote_is_an_error(repo: GitRepo, tmp_path: Path) -> None:
    start(repo)
    repo.git("remote", "add", "origin", str(tmp_path / "missing"))
    with pytest.raises(GitError, match=r"git ls-remote origin failed"):
        remote.settle(Git(repo.path), True, {})


def test_note_at_is_none_for_unlisted_files() -> None:
    assert Note("r").at("a.py", 1) is None


def test_require_notes_with_a_note_is_not_warned(repo: GitRepo) -> None:
    start(repo, {".gate.toml": "[ai]\nrequire_notes = true\n"})
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    repo.commit("no note", {"b.py": lines(2)})
    add_note(repo, sha, V3)
    check = ai_check(repo)
    assert [f["rule"] for f in check["findings"]] == ["ai-commit"]
    m = check["metrics"]
    assert (m["ai_lines"], m["human_lines"], m["unknown_lines"]) == (4, 1, 4)


def test_a_depth_1_ci_clone_is_deepened_and_fetches_the_notes(
    repo: GitRepo, tmp_path: Path
) -> None:
    start(repo)
    for i in range(3):
        repo.commit(f"c{i}", {f"f{i}.py": lines(2)})
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(7, "new")})
    add_note(repo, sha, V3)
    repo.commit("signed" + "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n", {"z.py": "z\n"})
    local = clone(repo, tmp_path / "ci", "--depth", "1", "--no-single-branch")
    assert local.git("rev-parse", "--is-shallow-repository").strip() == "true"
    run, data = report(local.path, "--base", "origin/main", "--fetch-notes")
    assert run.code == 0, run.stdout + run.stderr
    m = data["checks"]["ai"]["metrics"]
    assert (m["commits"], m["added_lines"], m["by_agent"]) == (5, 14, {"cursor": 4, "claude": 1})
    assert (m["unknown_lines"], m["notes"]["fetched"]) == (2, True)
