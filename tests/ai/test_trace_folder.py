"""Threat: only the record file Agent Trace defines is evidence; the rest of its folder is code."""

from __future__ import annotations

import pytest

from gate.ai import trace
from tests.ai_repo import metrics, start
from tests.gitrepo import GitRepo, lines

CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(".agent-trace/payload.py", id="code-in-the-folder"),
        pytest.param(".agent-trace/lib/deep/mod.py", id="nested"),
        pytest.param(".agent-trace/traces.jsonl.py", id="record-name-prefix"),
        pytest.param(".agent-trace/traces.json", id="other-record-like-name"),
        pytest.param("sub/.agent-trace/traces.jsonl", id="record-name-in-a-subfolder"),
        pytest.param(".Agent-Trace/traces.jsonl", id="other-case"),
    ],
)
def test_ai_code_under_the_trace_folder_counts(repo: GitRepo, path: str) -> None:
    start(repo)
    repo.commit("helper" + CLAUDE, {path: lines(40, "ai")})
    m = metrics(repo)
    assert (m["added_lines"], m["ai_lines"]) == (40, 40)
    assert m["skipped_files"] == []


def test_the_record_file_itself_is_still_evidence_not_code(repo: GitRepo) -> None:
    start(repo)
    repo.commit(
        "code and records" + CLAUDE,
        {"app.py": lines(3, "base") + lines(5, "ai"), trace.PATH: "", ".agent-trace/x.py": "x=1\n"},
    )
    repo.commit("records", {trace.PATH: "\n"})
    m = metrics(repo)
    assert m["skipped_files"] == [
        {"path": trace.PATH, "reason": "Agent Trace records (evidence, not code)"}
    ]
    assert (m["added_lines"], m["ai_lines"]) == (6, 6)
