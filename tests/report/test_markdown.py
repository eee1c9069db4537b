from __future__ import annotations

from dataclasses import replace

from gate.report.markdown import LIMIT, render
from gate.result import CheckResult, Excluded, Finding, Result
from tests.report.full_sample import full_sample
from tests.report.sample import error_result, golden


def test_golden(result: Result) -> None:
    golden("summary.md", render(result))


def test_golden_of_a_whole_run() -> None:
    """Every check's table, linked findings, certification's reviews: review the diff."""
    golden("full.md", render(full_sample()))


def test_the_verdict_comes_first() -> None:
    lines = render(full_sample()).splitlines()
    assert lines[0] == "## ❌ merge-gate: **fail**"
    assert lines[2] == (
        "The change fails **size**, **complexity**, **security**, **certification** (exit 1): "
        "the merge is blocked."
    )


def test_a_marker_goes_before_everything() -> None:
    text = render(full_sample(), marker="<!-- merge-gate -->")
    assert text.startswith("<!-- merge-gate -->\n## ❌")


def test_stays_under_github_limit() -> None:
    excluded = tuple(Excluded(f"vendor/{'x' * 300}/{i}.js", "vendored") for i in range(5000))
    result = Result(verdict="pass", excluded=excluded)
    text = render(result)
    assert len(text.encode()) < LIMIT
    assert text.startswith("## ✅ merge-gate: **pass**")
    cut = text.rstrip().splitlines()[-1]
    assert cut.startswith("… ")
    assert cut.endswith("more lines cut to stay under 1,000,000 bytes.")


def test_a_smaller_limit_cuts_whole_lines_and_counts_them() -> None:
    text = render(full_sample(), limit=3000)
    assert len(text.encode()) < 3000
    assert "more lines cut to stay under 3,000 bytes." in text
    assert "| ❌ | size |" in text  # what fits first: the verdict, the change, the overview


def test_the_verdict_survives_any_limit() -> None:
    text = render(full_sample(), limit=10)
    assert text.startswith("## ❌ merge-gate: **fail**")


def test_error_result() -> None:
    text = render(error_result())
    assert "could not evaluate" in text
    assert "x\\x00y" in text


def test_passing_check_with_info_findings_has_no_advice() -> None:
    f = Finding("complexity", "improved", "a.py", 3, "simpler", "info", "x", False)
    check = CheckResult("complexity", "pass", "ok", findings=(f,), hints=("never shown",))
    text = render(Result(verdict="pass", checks=(check,)))
    assert "- 💬 info `improved` `a.py:3`: `simpler`" in text
    assert "never shown" not in text
    assert "The change passes every check (exit 0)." in text


def test_skipped_checks_are_a_row_not_a_section() -> None:
    check = CheckResult("security", "skipped", "disabled by the config (enabled = false)")
    text = render(Result(verdict="pass", checks=(check,)))
    assert "| ⏭️ | security | `disabled by the config (enabled = false)` |" in text
    assert "### " not in text


def test_without_a_repository_nothing_is_linked() -> None:
    text = render(replace(full_sample(), web=None))
    assert "](" not in text


def test_top_findings_only_and_a_count_of_the_rest() -> None:
    many = tuple(Finding("size", "r", f"{i}.py", 1, "m", "warning", str(i)) for i in range(25))
    check = CheckResult("size", "fail", "s", findings=many)
    text = render(Result(verdict="fail", checks=(check,)))
    assert text.count("- ⚠️ warning `r`") == 20
    assert "- … and 5 more findings (in the JSON report)" in text
    assert "How to fix" not in text  # a check without hints


def test_hints_of_a_check_without_findings() -> None:
    check = CheckResult("size", "error", "could not run", hints=("fetch more history",))
    text = render(Result(verdict="error", checks=(check,)))
    assert "### ⚠️ size\n\n**How to fix:**\n\n- `fetch more history`" in text
