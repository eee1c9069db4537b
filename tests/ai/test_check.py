"""The AI check end to end on real repositories: attribution, bad inputs, threats, the cap."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from gate.ai.check import AiCheck
from gate.change import Change, FileChange, LineRange
from gate.config import Config
from gate.engine import run_check
from gate.errors import GitError
from gate.git import Git
from gate.inputs import Inputs
from tests.ai_repo import ai_check, evidence, metrics, start
from tests.gitrepo import GitRepo, lines
from tests.run import report

CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"


def test_surviving_lines_only_and_the_last_writer_wins(repo: GitRepo) -> None:
    start(repo)
    ai = repo.commit("draft" + CLAUDE, {"app.py": lines(3, "base") + lines(10, "ai")})
    # a person rewrites 4 of the AI's lines and deletes 2: 4 of theirs, 4 of the AI's survive
    body = lines(3, "base") + lines(4, "ai") + lines(4, "mine")
    person = repo.commit("rework", {"app.py": body})
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["human_lines"]) == (8, 4, 4)
    assert evidence(m, ai)["lines"] == {"ai": 4, "human": 0, "unknown": 0}
    assert all(e["sha"] != person for e in m["evidence"])


def test_empty_range_has_no_share(repo: GitRepo) -> None:
    start(repo)
    m = metrics(repo)
    assert (m["added_lines"], m["ai_share"], m["commits"]) == (0, None, 0)


def test_only_merge_commits(repo: GitRepo) -> None:
    start(repo)
    repo.checkout("main")
    repo.commit("main moves on", {"later.py": lines(2)})
    repo.checkout("feature")
    repo.git("merge", "-q", "--no-ff", "-m", "Merge main" + CLAUDE, "main")
    # the merge-base is main's tip: the range is the merge alone, with no net change
    check = ai_check(repo)
    assert check["metrics"]["commits"] == 1
    assert check["metrics"]["added_lines"] == 0
    assert check["metrics"]["ai_share"] is None
    assert check["status"] == "pass"
    assert check["summary"] == "no added lines survive at head: AI share not applicable"


def test_an_evil_merge_is_attributed_to_the_merge_commit(repo: GitRepo) -> None:
    start(repo)
    repo.checkout("main")
    repo.commit("main moves on", {"later.py": lines(2)})
    repo.checkout("feature")
    repo.git("merge", "-q", "--no-ff", "--no-commit", "main")
    repo.write("resolved.py", lines(6, "merge"))
    repo.git("add", "resolved.py")
    merge = repo.commit("Merge main" + CLAUDE)
    m = metrics(repo)
    assert (m["commits"], m["added_lines"], m["ai_lines"]) == (1, 6, 6)
    assert evidence(m, merge)["agent"] == "claude"


@pytest.mark.parametrize("who", ["ai", "human"])
def test_a_commit_that_deletes_everything(repo: GitRepo, who: str) -> None:
    start(repo, {"lib.py": lines(4)})
    repo.commit("more", {"extra.py": lines(3)})
    message = "wipe" + (CLAUDE if who == "ai" else "")
    repo.git("rm", "-q", "-r", ".")
    repo.commit(message)
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["ai_share"]) == (0, 0, None)


def test_a_file_renamed_by_an_ai_commit_and_edited_by_a_person(repo: GitRepo) -> None:
    start(repo, {"old.py": lines(20, "old")})
    repo.git("mv", "old.py", "new.py")
    ai = repo.commit("move and extend" + CLAUDE, {"new.py": lines(20, "old") + lines(5, "ai")})
    person = repo.commit("edit", {"new.py": lines(20, "old") + lines(5, "ai") + lines(2, "me")})
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["human_lines"]) == (7, 5, 2)
    assert evidence(m, ai)["lines"]["ai"] == 5
    assert all(e["sha"] != person for e in m["evidence"])


def test_a_pure_rename_by_an_ai_commit_adds_nothing(repo: GitRepo) -> None:
    start(repo, {"old.py": lines(20, "old")})
    repo.git("mv", "old.py", "new.py")
    repo.commit("rename" + CLAUDE)
    run, data = report(repo.path, "--base", "main")
    assert run.code == 0
    m = data["checks"]["ai"]["metrics"]
    assert (m["added_lines"], m["ai_lines"], m["ai_share"]) == (0, 0, None)
    text = (repo.path.parent / "report.json").read_text()
    assert "NaN" not in text
    assert json.loads(text)["checks"]["ai"]["metrics"]["ai_share"] is None


def test_a_rename_with_a_one_line_human_edit(repo: GitRepo) -> None:
    start(repo, {"old.py": lines(20, "old")})
    repo.git("mv", "old.py", "new.py")
    repo.commit("rename" + CLAUDE)
    repo.commit("fix", {"new.py": lines(19, "old") + "changed\n"})
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"], m["human_lines"]) == (1, 0, 1)


def test_lock_file_and_vendored_churn_cannot_dilute_the_share(repo: GitRepo) -> None:
    start(repo)
    repo.commit("feature" + CLAUDE, {"app.py": lines(3, "base") + lines(50, "ai")})
    repo.commit(
        "deps",
        {
            "package-lock.json": lines(5000, "lock"),
            "vendor/lib/x.py": lines(800, "vendored"),
            "api_pb2.py": lines(300, "generated"),
        },
    )
    _, data = report(repo.path, "--base", "main")
    m = data["checks"]["ai"]["metrics"]
    assert (m["added_lines"], m["ai_lines"], m["ai_share"]) == (50, 50, 1.0)
    assert {e["path"] for e in data["excluded"]} == {
        "package-lock.json",
        "vendor/lib/x.py",
        "api_pb2.py",
    }


def test_max_share_fails_above_the_cap_only(repo: GitRepo) -> None:
    start(repo, {".gate.toml": "[ai]\nmax_share = 0.5\n"})
    repo.commit("ai" + CLAUDE, {"a.py": lines(5)})
    repo.commit("me", {"b.py": lines(5)})
    check = ai_check(repo)
    assert check["status"] == "pass"
    assert check["metrics"]["ai_share"] == 0.5
    repo.commit("ai again" + CLAUDE, {"c.py": lines(1)})
    run, data = report(repo.path, "--base", "main")
    assert run.code == 1
    check = data["checks"]["ai"]
    assert check["status"] == "fail"
    blocking = [f for f in check["findings"] if f["blocking"]]
    assert [f["rule"] for f in blocking] == ["max-share"]
    assert blocking[0]["message"] == (
        "AI share 54.5% (6 of 11 added lines) is above [ai] max_share 50%"
    )
    assert check["metrics"]["max_share"] == 0.5


def test_unknown_share_when_a_team_requires_notes(repo: GitRepo) -> None:
    start(repo, {".gate.toml": "[ai]\nrequire_notes = true\n"})
    repo.commit("me", {"b.py": lines(5)})
    ai = repo.commit("ai" + CLAUDE, {"c.py": lines(2)})
    check = ai_check(repo)
    m = check["metrics"]
    assert (m["added_lines"], m["ai_lines"], m["unknown_lines"], m["human_lines"]) == (7, 2, 5, 0)
    assert evidence(m, ai)["decided_by"] == {"ai: commit signal": 2}
    assert [f["rule"] for f in check["findings"] if f["severity"] == "warning"] == ["no-notes"]
    assert "--fetch-notes" in check["findings"][0]["message"]


def test_weak_signals_count_when_the_config_says_so(repo: GitRepo) -> None:
    start(repo, {".gate.toml": '[ai]\ncount = ["agent", "assisted", "weak"]\n'})
    repo.commit("x\n\nCo-authored-by: Copilot <copilot@github.com>\n", {"b.py": lines(5)})
    m = metrics(repo)
    assert (m["ai_lines"], m["by_agent"], m["count"]) == (
        5,
        {"copilot": 5},
        ["agent", "assisted", "weak"],
    )


def test_a_bad_signature_in_the_config_is_exit_2(repo: GitRepo) -> None:
    start(repo, {".gate.toml": '[[ai.signatures]]\nid = "x"\nagent = "x"\n'})
    repo.commit("me", {"b.py": lines(5)})
    check = ai_check(repo, code=2)
    assert check["status"] == "error"
    assert "[[ai.signatures]] id 'x': give exactly one of" in check["summary"]


def test_a_message_with_control_characters_and_a_100_kb_body(repo: GitRepo) -> None:
    start(repo)
    body = "".join(f"{i:05d} " + "x" * 94 + "\n" for i in range(1000))  # 100 KB
    message = (
        "Subject \x1b[31mred\x07 \u202eevil\r\n\n::error file=a.py::all good\n"
        + body
        + "\x0b\x0c\x7f\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"
    )
    sha = repo.commit(message, {"a.py": lines(3)})
    run, data = report(repo.path, "--base", "main")
    assert run.code == 0
    m = data["checks"]["ai"]["metrics"]
    assert (m["ai_lines"], m["by_agent"]) == (3, {"claude": 3})
    found = evidence(m, sha)
    assert found["subject"] == "Subject \\x1b[31mred\\x07 \\u202eevil"
    raw = (repo.path.parent / "report.json").read_text()
    assert "\x1b" not in raw
    assert "\u202e" not in raw
    assert len(raw) < 100_000  # the body is not copied into the report


def test_moved_code_and_whitespace_edits_are_not_added_lines(repo: GitRepo) -> None:
    function = "".join(f"    value_{i} = compute_something_long({i})\n" for i in range(8))
    start(repo, {"a.py": "def f():\n" + function, "b.py": lines(2, "b")})
    # an AI commit moves the function into b.py and re-indents a.py's rest
    repo.commit(
        "move" + CLAUDE,
        {"a.py": "# moved\n", "b.py": lines(2, "b") + "def f():\n" + function},
    )
    _, data = report(repo.path, "--base", "main")
    m = data["checks"]["ai"]["metrics"]
    size = data["checks"]["size"]["metrics"]
    assert size["lines_added"] == 10
    assert (m["added_lines"], m["ai_lines"], m["preexisting_lines"]) == (1, 1, 9)
    assert m["added_lines"] + m["preexisting_lines"] == size["lines_added"]


def test_whitespace_only_edits_are_not_added_lines(repo: GitRepo) -> None:
    start(repo, {"a.txt": "if x:\n" + lines(5, "  code")})
    repo.commit("reindent", {"a.txt": "if x:\n" + lines(5, "    code")})
    m = metrics(repo)
    assert (m["added_lines"], m["preexisting_lines"], m["ai_share"]) == (0, 5, None)


def test_binary_files_and_submodules_are_skipped_and_listed(repo: GitRepo) -> None:
    start(repo)
    repo.commit("img" + CLAUDE, {"logo.png": b"\x89PNG\x00\x01\x02" * 10, "a.py": lines(2)})
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{'1' * 40},sub")
    repo.git("commit", "-q", "-m", "submodule" + CLAUDE)
    m = metrics(repo)
    assert m["skipped_files"] == [
        {"path": "logo.png", "reason": "binary"},
        {"path": "sub", "reason": "submodule"},
    ]
    assert m["added_lines"] == 2


def test_odd_paths_are_traced(repo: GitRepo) -> None:
    start(repo)
    names = ["with space.py", "tab\there.py", "café.py", "new\nline.py", "-dash.py", ":(glob)*.py"]
    files: dict[str, str | bytes | None] = {name: lines(2, name[:3]) for name in names}
    repo.commit("odd" + CLAUDE, files)
    repo.write(b"caf\xe9.py", lines(3))
    repo.commit("latin-1 name", {})
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"]) == (15, 12)


def test_shallow_boundary_inside_the_range_is_an_error(repo: GitRepo, tmp_path: Path) -> None:
    start(repo)
    for i in range(3):
        repo.commit(f"c{i}" + CLAUDE, {f"f{i}.py": lines(2)})
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "2", f"file://{repo.path}", str(clone)], check=True
    )
    git = Git(clone)
    head = git.resolve_commit("HEAD")
    assert head is not None
    commits = git.rev_list([head])  # the clone sees 2 commits, the second lacks its parent
    cfg = Config()
    inputs = Inputs(git, Change(head, head, repo.head("main"), ()), cfg, {}, commits, {})
    with pytest.raises(GitError, match=r"shallow clone: commit [0-9a-f]{12} lacks its parents"):
        AiCheck().run(inputs)
    result = run_check(AiCheck(), inputs)
    assert result.status == "error"
    assert "fetch-depth: 0" in result.summary


def test_a_file_git_cannot_blame_counts_as_unknown(repo: GitRepo) -> None:
    base = start(repo)
    head = repo.commit("me", {"a.py": lines(2)})
    ghost = FileChange(
        "added",
        None,
        "ghost.py",
        None,
        "1" * 40,
        "100644",
        "100644",
        None,
        False,
        (LineRange(1, 3),),
        (),
    )
    git = Git(repo.path)
    inputs = Inputs(git, Change(head, head, base, (ghost,)), Config(), {}, (head,), {})
    result = AiCheck().run(inputs)
    assert result.metrics["unknown_lines"] == 3
    assert result.metrics["added_lines"] == 3
    warning = [f for f in result.findings if f.rule == "not-analysed"]
    assert warning[0].path == "ghost.py"
    assert "never reaches ghost.py" in warning[0].message
    assert not warning[0].blocking


def test_the_config_extends_and_trims_the_signatures(repo: GitRepo) -> None:
    start(
        repo,
        {
            ".gate.toml": """
[ai]
ignore = ["cursor-made-with"]
[[ai.signatures]]
id = "release-bot"
agent = "corp-bot"
email = "release-bot@corp.example"
[[ai.tools]]
pattern = "^internal-llm$"
agent = "corp-llm"
"""
        },
    )
    bot = repo.commit("bump", {"a.py": lines(2)}, author="Release <Release-Bot@Corp.Example>")
    repo.commit("x\n\nMade-with: Cursor\n", {"b.py": lines(3)})
    repo.commit("y\n\nAssisted-by: internal-llm:v2\n", {"c.py": lines(4)})
    m = metrics(repo)
    assert m["by_agent"] == {"corp-llm": 4, "corp-bot": 2}
    assert (m["added_lines"], m["human_lines"]) == (9, 3)
    assert evidence(m, bot)["signals"][0]["id"] == "release-bot"


def test_warnings_come_before_the_per_commit_notes(repo: GitRepo) -> None:
    start(repo)
    for i in range(12):
        repo.commit(f"c{i}" + CLAUDE, {f"f{i}.py": lines(1)})
    repo.commit("traces", {".agent-trace/traces.jsonl": "{broken\n"})
    run, data = report(repo.path, "--base", "main")
    rules = [f["rule"] for f in data["checks"]["ai"]["findings"]]
    assert rules == ["malformed-trace"] + ["ai-commit"] * 12
    assert "traces.jsonl line 1: not JSON" in run.stdout
