from __future__ import annotations

import pytest

from gate.report.workflow_commands import PER_LEVEL, escape_data, escape_property, render
from gate.result import CheckResult, Finding, Result
from tests.report.sample import error_result, golden


def test_golden(result: Result) -> None:
    golden("workflow_commands.txt", render(result))


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        pytest.param("100%", "100%25", "100%25", id="percent"),
        pytest.param("a\r\nb", "a\\r\\nb", "a\\r\\nb", id="crlf-made-visible"),
        pytest.param("a:b,c", "a:b,c", "a%3Ab%2Cc", id="colon-comma"),
        pytest.param(
            "x\n::add-mask::FAIL.py",
            "x\\n::add-mask::FAIL.py",
            "x\\n%3A%3Aadd-mask%3A%3AFAIL.py",
            id="mask-injection",
        ),
    ],
)
def test_escaping(text: str, data: str, prop: str) -> None:
    assert (escape_data(text), escape_property(text)) == (data, prop)


def test_every_line_is_one_of_our_commands(result: Result) -> None:
    for line in render(result).splitlines():
        assert line.startswith(("::error ", "::warning ", "::notice ", "::error title="))


def test_hostile_commit_text_cannot_start_a_command() -> None:
    f = Finding("ai", "evidence", "a.py", 1, "x\n::stop-commands::abc\n##[error]y", "info", "f")
    text = render(Result(verdict="pass", checks=(CheckResult("ai", "pass", "", findings=(f,)),)))
    assert len(text.splitlines()) == 1
    assert "\\n::stop-commands::abc\\n##[error]y" in text


def test_worst_first_and_ten_per_level() -> None:
    infos = [Finding("c", "i", f"i{n}.py", None, "info", "info", str(n)) for n in range(15)]
    errors = [Finding("c", "e", f"e{n}.py", 2, "bad", "error", str(n), True) for n in range(12)]
    check = CheckResult("c", "fail", "", findings=(*infos, *errors))
    lines = render(Result(verdict="fail", checks=(check,))).splitlines()
    assert lines[0].startswith("::error file=e0.py,line=2,title=c%3A e::bad")
    assert sum(line.startswith("::error") for line in lines) == PER_LEVEL
    assert sum(line.startswith("::notice file") for line in lines) == PER_LEVEL
    assert "::notice file=i0.py,title=c%3A i::info" in lines
    assert lines[-1] == "::notice title=merge-gate::7 more findings are in the reports"


def test_error_result() -> None:
    assert render(error_result()) == (
        "::error title=merge-gate could not evaluate::unknown base revision 'x\\x00y'\n"
    )
