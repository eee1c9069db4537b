"""Each check's table from partial or odd metrics: rows that are missing are left out."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gate.report.markdown import tables
from gate.result import CheckResult, Metric
from tests.report.full_sample import full_sample

Metrics = dict[str, Metric]


def shown(name: str, metrics: Metrics) -> str:
    return "\n".join(tables.table(CheckResult(name, "pass", "s", metrics=metrics), full_sample()))


def test_a_check_without_metrics_has_no_table() -> None:
    assert shown("size", {}) == ""
    assert shown("history", {"x": 1}) == ""  # a check this renderer does not know


@pytest.mark.parametrize(
    ("metrics", "has", "lacks"),
    [
        pytest.param({"files_changed": 3}, "| files | 3 | - |", "changed lines", id="files-only"),
        pytest.param(
            {"changed_lines": 9, "max_changed_lines": 400},
            "| changed lines | 9 | 400 |",
            "files",
            id="lines",
        ),
        pytest.param({"copied_files": 2}, "2 copied files", "|", id="copies-only"),
    ],
)
def test_size(metrics: Metrics, has: str, lacks: str) -> None:
    text = shown("size", metrics)
    assert has in text
    assert lacks not in text


def test_complexity_without_limits_or_links() -> None:
    m: Metrics = {
        "files_analysed": 2,
        "not_analysed": 1,
        "worst_new_function": {"path": "a.py", "function": "f", "line": "x", "cc": 3},
    }
    text = "\n".join(tables.complexity(m, replace(full_sample(), web=None)))
    assert "| Python files analysed | 2 (1 not analysed ❌) |" in text
    assert "| worst new function | `f` at `a.py`: 3 (limit -) |" in text
    assert "Limits" not in text


def test_security_with_what_it_has() -> None:
    text = shown("security", {"by_severity": {"error": 2}, "not_analysed": 1, "moved_findings": 0})
    assert "| error | 2 | - |" in text
    assert "1 not analysed ❌." in text
    assert "moved" not in text
    assert shown("security", {"by_severity": 3}).endswith("| info | - | - |")


@pytest.mark.parametrize(
    ("metrics", "has"),
    [
        pytest.param({"added_lines": 0}, "No added line survives at head", id="nothing-added"),
        pytest.param({"added_lines": None}, "No added line survives at head", id="no-share"),
        pytest.param(
            {
                "added_lines": 10,
                "by_agent": {"x": "?", "claude": 2},
                "human_lines": 8,
                "unknown_lines": 0,
            },
            "| `claude` (AI) | 2 | 20% |\n| people | 8 | 80% |\n"
            "| **all added lines** | **10** |  |",
            id="no-unknown-row-when-none",
        ),
        pytest.param(
            {
                "added_lines": 4,
                "ai_share": 0.25,
                "max_share": 0.2,
                "notes": {"read": False, "status": "none"},
            },
            "AI share **25%** (limit 20%) · git-ai notes **not read**: `none`.",
            id="a-cap-and-notes-not-read",
        ),
        pytest.param(
            {"added_lines": 4, "by_agent": 1}, "| **all added lines** | **4** |  |", id="odd-agents"
        ),
    ],
)
def test_ai(metrics: Metrics, has: str) -> None:
    assert has in shown("ai", metrics)


def test_certification_that_is_not_required_has_no_table() -> None:
    assert shown("certification", {"required": False, "certified": False}) == ""


def test_certification_names_who_counts_for_each_rule() -> None:
    rules: tuple[Metric, ...] = (
        {
            "rule": "owners",
            "why": "w",
            "approvals": 1,
            "reviewers": (),
            "owned_paths": ("auth/**",),
        },
        {
            "rule": "team",
            "why": "w",
            "approvals": 2,
            "reviewers": ("@o/t", "lead"),
            "owned_paths": (),
        },
        "not a record",
    )
    text = shown(
        "certification",
        {"required": True, "certified": True, "required_by": rules, "source": "github"},
    )
    assert "| `owners` | `w` | 1 | an owner of each of `auth/**` |" in text
    assert "| `team` | `w` | 2 | `@o/t` or `lead` |" in text
    assert "- Certified: **yes**" in text
    assert "sources" not in text
