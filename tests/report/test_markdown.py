from __future__ import annotations

from gate.report.markdown import LIMIT, code, render
from gate.result import CheckResult, Finding, Result
from tests.report.sample import error_result, golden


def test_golden(result: Result) -> None:
    golden("summary.md", render(result))


def test_code_spans_cannot_be_broken() -> None:
    assert code("a`b") == "``a`b``"
    assert code("`x`") == "`` `x` ``"
    assert code("@octocat") == "`@octocat`"
    assert code("a|b") == "`a\\|b`"
    assert code("") == "` `"
    assert code("a|" * 3000) == "`" + "a\\|" * 2500 + "` … (1000 more characters)"


def test_hostile_text_stays_in_code_spans(result: Result) -> None:
    text = render(result)
    assert "@octocat" in text
    for line in text.splitlines():
        if "@octocat" in line:
            assert "`` simpler" in line or "``simpler" in line


def test_stays_under_github_limit() -> None:
    findings = tuple(
        Finding("size", "r", f"src/{i}.py", i, "m" * 500, "error", str(i), True)
        for i in range(5000)
    )
    result = Result(verdict="fail", checks=(CheckResult("size", "fail", "big", findings=findings),))
    text = render(result)
    assert len(text.encode()) < LIMIT
    assert "more lines cut to stay under GitHub's limit" in text


def test_error_result() -> None:
    text = render(error_result())
    assert "could not evaluate" in text
    assert "x\\x00y" in text


def test_passing_check_with_info_findings_has_no_advice() -> None:
    f = Finding("complexity", "improved", "a.py", 3, "simpler", "info", "x", False)
    check = CheckResult("complexity", "pass", "ok", findings=(f,), hints=("never shown",))
    text = render(Result(verdict="pass", checks=(check,)))
    assert "- info `a.py:3`: `simpler`" in text
    assert "never shown" not in text
