"""Agent Trace records (draft 0.1.0) in ``.agent-trace/traces.jsonl`` at head."""

from __future__ import annotations

import json
from typing import Any

import pytest

from gate.ai import trace
from gate.ai.signatures import load
from gate.config import AiConfig
from tests.ai_repo import ai_check, evidence, start
from tests.gitrepo import GitRepo, lines

SIGS = load(AiConfig(), "cfg")


def record(revision: str, path: str, ranges: list[tuple[int, int]], **kw: Any) -> dict[str, Any]:
    conversations = [
        {
            "contributor": {"type": kw.get("type", "ai"), "model_id": "anthropic/claude-4"},
            "ranges": [{"start_line": a, "end_line": b, "content_hash": "h"} for a, b in ranges],
        }
    ]
    return {
        "version": "0.1.0",
        "id": "0195e5c0-0000-7000-8000-000000000000",
        "timestamp": "2026-01-01T00:00:00Z",
        "vcs": {"type": "git", "revision": revision},
        "tool": kw.get("tool", {"name": "cursor", "version": "2.0"}),
        "files": [{"path": path, "conversations": conversations}],
    }


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_ai_ranges_of_a_revision_are_attributed(repo: GitRepo) -> None:
    start(repo)
    sha = repo.commit("plain", {"app.py": lines(3, "base") + lines(6, "new")})
    records = jsonl(
        record(sha, "app.py", [(4, 6)]),
        record(sha, "app.py", [(7, 9)], type="human"),
        "{broken",
        record(sha, "app.py", [(9, 9)], tool={}),
        record("f" * 40, "app.py", [(1, 9)]),  # a revision outside the range: nothing
    )
    repo.commit("traces", {trace.PATH: records})
    check = ai_check(repo)
    m = check["metrics"]
    assert (m["added_lines"], m["ai_lines"], m["human_lines"]) == (6, 4, 2)
    assert m["by_agent"] == {"cursor": 3, "claude": 1}  # no tool name: the model names it
    assert m["agent_trace"] == {"records": 4, "problems": 1}
    assert m["skipped_files"] == [
        {"path": trace.PATH, "reason": "Agent Trace records (evidence, not code)"}
    ]
    assert evidence(m, sha)["decided_by"] == {"ai: agent trace": 4, "human: no AI signal": 2}
    warnings = [f for f in check["findings"] if f["rule"] == "malformed-trace"]
    assert len(warnings) == 1
    assert warnings[0]["message"].startswith(f"{trace.PATH} line 3: not JSON")


def broken(**changes: object) -> dict[str, Any]:
    """A valid record of revision a*40 with top-level keys replaced."""
    return {**record("a" * 40, "a.py", [(1, 1)]), **changes}


def ranged(start: object, end: object) -> dict[str, Any]:
    r = record("a" * 40, "a.py", [])
    r["files"][0]["conversations"][0]["ranges"] = [{"start_line": start, "end_line": end}]
    return r


GIT = {"type": "git", "revision": "a" * 40}


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param("[]", "the record is not an object", id="not-object"),
        pytest.param('"\\udcff"', "the record is not an object", id="string"),
        pytest.param(broken(version="2.0"), "unsupported version '2.0'", id="version"),
        pytest.param(broken(vcs={**GIT, "type": "hg"}), "vcs must be", id="hg"),
        pytest.param(broken(vcs={**GIT, "revision": "abc"}), "vcs must be", id="short-sha"),
        pytest.param(broken(vcs=None), "vcs is not an object", id="no-vcs"),
        pytest.param(broken(files=None), "files is not a list", id="no-files"),
        pytest.param(broken(files=[3]), "a files[] entry is not an object", id="file-not-object"),
        pytest.param(
            broken(files=[{"conversations": []}]), "a files[] entry has no path", id="no-path"
        ),
        pytest.param(
            broken(files=[{"path": "a", "conversations": [{"ranges": []}]}]),
            "contributor is not an object",
            id="no-contributor",
        ),
        pytest.param(ranged(3, 2), "bad range start_line=3 end_line=2", id="reversed"),
        pytest.param(ranged(True, 2), "bad range", id="bool-line"),
        pytest.param(ranged(0, 2), "bad range", id="line-zero"),
    ],
)
def test_bad_records_are_reported_and_skipped(line: object, problem: str) -> None:
    parsed = trace.parse(jsonl(line).encode(), SIGS)
    assert parsed.records == 0
    assert len(parsed.problems) == 1
    assert problem in parsed.problems[0]


def test_no_tool_and_no_model_is_other() -> None:
    r = record("a" * 40, "a.py", [(1, 2)], tool=None)
    r["files"][0]["conversations"][0]["contributor"] = {"type": "ai"}
    parsed = trace.parse(jsonl(r).encode(), SIGS)
    assert parsed.at("a" * 40, "a.py", 2) == "other"
    assert parsed.at("a" * 40, "a.py", 3) is None


def test_no_file_at_head() -> None:
    assert trace.parse(None, SIGS) == trace.Traces({}, 0, ())
