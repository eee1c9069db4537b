"""Attribution by the AI check's own evidence, exclusions by its own rules, in history."""

from __future__ import annotations

import json
from pathlib import Path

from tests.ai_repo import add_note
from tests.gitrepo import GitRepo
from tests.history.history_run import history
from tests.history.scenario import at, code
from tests.run import gate

NOTE = """a.py
  s_0123456789abcd 1-2
---
{"schema_version": "authorship/3.0.0", "sessions": {"s_0123456789abcd":
 {"agent_id": {"tool": "cursor", "model": "x"}}}}
"""


def test_a_git_ai_note_attributes_its_lines(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    sha = repo.commit("mixed", {"a.py": code(5, "a")}, date=at(0))
    add_note(repo, sha, NOTE)
    data = history(repo.path)[1]
    assert data["by_agent"]["cursor"]["added"] == 2
    assert data["groups"]["unknown"]["added"] == 3  # a note that does not list a line: unknown
    (row,) = data["commits"]
    assert (row["kind"], row["agent"]) == ("mixed", "cursor")
    assert data["repositories"][0]["notes"] == 1
    later = repo.commit("later", {"a.py": code(6, "a")}, date=at(3))
    add_note(repo, later, NOTE.replace("1-2", "6"))
    run = gate(repo.path, "history", "--since", "2026-01-02", "--until", "2026-03-01")
    assert "cursor" in run.stdout  # lines from before the period are not counted


def test_excluded_files_are_left_out_and_listed(tmp_path: Path) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit(
        "one",
        {
            ".gate.toml": '[size]\nexclude = ["docs/**"]\n',
            "a.py": code(2, "a"),
            "docs/guide.md": code(4, "d"),
            "poetry.lock": code(3, "l"),
            ".agent-trace/traces.jsonl": "{}\n",
        },
        date=at(0),
    )
    run, data = history(repo.path)
    reasons = {e["path"]: e["reason"] for e in data["excluded"]}
    assert reasons == {
        "docs/guide.md": "excluded by [size] exclude 'docs/**'",
        "poetry.lock": "lock file",
        ".agent-trace/traces.jsonl": "Agent Trace records (evidence, not code)",
    }
    assert data["groups"]["human"]["added"] == 2 + 2  # a.py and .gate.toml
    assert "excluded: 3 files" in run.stdout


def test_without_json_the_table_is_printed_and_unwritable_reports_are_errors(
    tmp_path: Path,
) -> None:
    repo = GitRepo.init(tmp_path / "repo")
    repo.commit("one", {"a.py": code(2, "a")}, date=at(0))
    run = gate(repo.path, "history", "--since", "2025-12-31", "--until", "2026-03-01")
    assert run.code == 0
    assert "human" in run.stdout
    run = gate(repo.path, "history", "--since", "2025-12-31", "--json", str(tmp_path / "no" / "x"))
    assert run.code == 2
    assert "cannot be written" in run.stderr
    out = tmp_path / "r.json"
    gate(repo.path, "history", "--since", "2025-12-31", "--json", str(out))
    assert json.loads(out.read_text())["schema"] == "gate-history/1"
