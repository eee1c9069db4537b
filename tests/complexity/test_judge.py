"""The rules, the status and the metrics, from paired functions and a policy (pure)."""

from __future__ import annotations

import pytest

from gate.change import LineRange
from gate.complexity.judge import judge
from gate.complexity.matching import Lineage, Side
from gate.complexity.measurement import Measurement, Problem
from gate.complexity.model import Function, Unanalysable
from gate.config import ComplexityConfig
from gate.result import CheckResult

ALL = (LineRange(1, 1000),)


def fn(name: str, cc: int, line: int = 1, digest: str = "") -> Function:
    return Function(name, line, line, line + 5, cc, digest or f"{name}@{cc}")


def changed(base_cc: int | None, head_cc: int | None, *, touched: bool = True) -> Lineage:
    lines = ALL if touched else ()
    base = Side("m.py", (fn("f", base_cc),), lines) if base_cc is not None else None
    head = Side("m.py", (fn("f", head_cc, line=7),), lines) if head_cc is not None else None
    return Lineage(base, head)


def run(*lineages: Lineage, cfg: ComplexityConfig | None = None, **kw: object) -> CheckResult:
    return judge(Measurement(lineages, **kw), cfg or ComplexityConfig())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("base", "head", "rule", "touched"),
    [
        pytest.param(None, 10, None, True, id="new-at-the-limit"),
        pytest.param(None, 11, "max-cc", True, id="new-over-the-limit"),
        pytest.param(3, 8, None, True, id="rise-of-5-allowed"),
        pytest.param(3, 9, "cc-increase", True, id="rise-of-6"),
        pytest.param(8, 11, "crossed-max-cc", True, id="crossed-the-limit"),
        pytest.param(10, 10, None, True, id="at-the-limit-unchanged"),
        pytest.param(15, 17, None, True, id="old-debt-rising-a-little"),
        pytest.param(15, 21, "cc-increase", True, id="old-debt-rising-a-lot"),
        pytest.param(30, 30, None, False, id="untouched-old-debt"),
        pytest.param(3, 30, None, False, id="untouched-never-fails"),
        pytest.param(12, 7, "improved", True, id="simpler"),
        pytest.param(12, None, None, True, id="removed"),
    ],
)
def test_rules(base: int | None, head: int | None, rule: str | None, touched: bool) -> None:
    result = run(changed(base, head, touched=touched))
    assert [f.rule for f in result.findings] == ([rule] if rule else [])
    blocking = rule not in (None, "improved")
    assert result.status == ("fail" if blocking else "pass")
    for f in result.findings:
        assert (f.path, f.line, f.symbol, f.blocking) == ("m.py", 7, "f", blocking)
        assert (f.details["base"], f.details["head"]) == (base, head)
        assert f.severity == ("error" if blocking else "info")


def test_messages_name_values_and_limits() -> None:
    new = run(changed(None, 14)).findings[0]
    assert new.message == "new function f: complexity 14; the limit is 10"
    assert new.details == {"base": None, "head": 14, "limit": 10}
    both = run(changed(3, 12)).findings[0]
    assert both.rule == "crossed-max-cc"
    assert both.message == (
        "f: complexity 3 -> 12 (+9), above the limit 10; a function may gain at most 5"
    )
    rise = run(changed(20, 27)).findings[0]
    assert rise.message == "f: complexity 20 -> 27 (+7); a function may gain at most 5"
    assert rise.details["limit"] == 5
    assert run(changed(9, 4)).findings[0].message == "simpler: f: complexity 9 -> 4 (-5)"


def test_custom_limits() -> None:
    cfg = ComplexityConfig(max_cc=3, max_cc_increase=0)
    assert [f.rule for f in run(changed(None, 4), cfg=cfg).findings] == ["max-cc"]
    assert [f.rule for f in run(changed(1, 2), cfg=cfg).findings] == ["cc-increase"]


def test_worst_offenders_first_and_metrics() -> None:
    a = Lineage(
        Side("a.py", (fn("small", 2), fn("gone", 4, line=30)), ALL),
        Side("a.py", (fn("small", 9), fn("big", 25, line=20), fn("ok", 3, line=40)), ALL),
    )
    b = Lineage(Side("b.py", (fn("g", 12),), ALL), Side("b.py", (fn("g", 11), fn("h", 12)), ALL))
    result = run(a, b, cache_hits=3, analysed=1, workers=2)
    assert [(f.rule, f.symbol) for f in result.findings] == [
        ("max-cc", "big"),
        ("cc-increase", "small"),
        ("max-cc", "h"),
        ("improved", "g"),
    ]
    assert result.metrics == {
        "files_analysed": 2,
        "not_analysed": 0,
        "base_not_analysed": 0,
        "functions_added": 3,
        "functions_changed": 2,
        "functions_moved": 0,
        "functions_removed": 1,
        "cc_delta": 7 + 25 + 3 - 4 - 1 + 12,
        "worst_new_function": {"path": "a.py", "function": "big", "line": 20, "cc": 25},
        "improvements": 1,
        "max_grown_cc": 25,
        "max_cc": 10,
        "max_cc_increase": 5,
        "cache_hits": 3,
        "files_parsed": 1,
        "workers": 2,
    }
    assert result.summary == (
        "2 Python files: 3 new, 2 changed, 1 removed functions; complexity +42; "
        "worst new: big (25); 3 findings over the limits; 1 function simpler"
    )
    assert "max_cc = 10" in result.hints[0]


def test_fingerprints_ignore_line_numbers() -> None:
    moved_down = Lineage(None, Side("m.py", (fn("f", 14, line=90),), ALL))
    first, second = run(changed(None, 14)).findings[0], run(moved_down).findings[0]
    assert first.line != second.line
    assert first.fingerprint == second.fingerprint
    assert run(changed(3, 14)).findings[0].fingerprint != first.fingerprint  # another rule


def mi(base: float | None, head: float | None, **cfg: float) -> CheckResult:
    return run(
        Lineage(
            Side("m.py", (), ALL, base) if base is not None else None,
            Side("m.py", (), ALL if base is not None else None, head),
        ),
        cfg=ComplexityConfig(**cfg),  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("base", "head", "cfg", "rules"),
    [
        pytest.param(30.0, 15.0, {"min_mi": 20.0}, ["mi-floor"], id="fell-below-the-floor"),
        pytest.param(None, 15.0, {"min_mi": 20.0}, ["mi-floor"], id="new-file-below-the-floor"),
        pytest.param(10.0, 9.0, {"min_mi": 20.0}, [], id="already-below"),
        pytest.param(30.0, 20.0, {"min_mi": 20.0}, [], id="at-the-floor"),
        pytest.param(60.0, 45.0, {"max_mi_drop": 10.0}, ["mi-drop"], id="dropped-too-much"),
        pytest.param(60.0, 50.0, {"max_mi_drop": 10.0}, [], id="dropped-the-allowed"),
        pytest.param(
            40.0, 15.0, {"min_mi": 20.0, "max_mi_drop": 10.0}, ["mi-floor", "mi-drop"], id="both"
        ),
        pytest.param(60.0, 1.0, {}, [], id="off-by-default"),
    ],
)
def test_maintainability(
    base: float | None, head: float, cfg: dict[str, float], rules: list[str]
) -> None:
    result = mi(base, head, **cfg)
    assert sorted(f.rule for f in result.findings) == sorted(rules)
    assert result.status == ("fail" if rules else "pass")
    for f in result.findings:
        assert (f.blocking, f.line, f.details["head"]) == (True, None, head)


def test_maintainability_messages() -> None:
    found = {f.rule: f for f in mi(40.0, 15.0, min_mi=20.0, max_mi_drop=10.0).findings}
    floor, drop = found["mi-floor"], found["mi-drop"]
    assert floor.message == "maintainability index 15.0 (was 40.0), below the floor 20"
    assert (
        drop.message == "maintainability index fell 25.0 points (40.0 -> 15.0); at most 10 allowed"
    )
    assert mi(None, 5.5, min_mi=20.0).findings[0].message == (
        "maintainability index 5.5, below the floor 20"
    )


BROKEN = Problem("bad.py", "head", Unanalysable("syntax error: invalid syntax", line=3))
OLD_BROKEN = Problem("old.py", "base", Unanalysable("syntax error: py2"))


@pytest.mark.parametrize(
    ("problems", "failing", "warn", "status"),
    [
        pytest.param((BROKEN,), False, False, "error", id="not-analysed-is-an-error"),
        pytest.param((BROKEN,), False, True, "error", id="warn-is-the-policy's-business"),
        pytest.param((BROKEN,), True, False, "error", id="with-failures-still-an-error"),
        pytest.param((BROKEN,), True, True, "fail", id="warn-cannot-hide-failures"),
        pytest.param((OLD_BROKEN,), False, False, "pass", id="base-side-only-warns"),
        pytest.param((OLD_BROKEN,), True, False, "fail", id="base-side-and-failures"),
    ],
)
def test_not_analysed_status(
    problems: tuple[Problem, ...], failing: bool, warn: bool, status: str
) -> None:
    lineage = changed(None, 20 if failing else 2)
    result = judge(Measurement((lineage,), problems), ComplexityConfig(), warn_on_error=warn)
    assert result.status == status
    assert result.findings[0].path == problems[0].path
    assert [f.rule for f in result.findings[1:]] == (["max-cc"] if failing else [])


def test_not_analysed_head() -> None:
    result = judge(Measurement((), (BROKEN,)), ComplexityConfig())
    (finding,) = result.findings
    assert (finding.rule, finding.blocking, finding.severity, finding.line) == (
        "not-analysed",
        True,
        "error",
        3,
    )
    assert finding.message == "cannot analyse: syntax error: invalid syntax"
    assert "1 file not analysed" in result.summary
    assert any('on_error = "warn"' in h for h in result.hints)


def test_not_analysed_base() -> None:
    result = judge(Measurement((), (OLD_BROKEN,)), ComplexityConfig())
    (finding,) = result.findings
    assert (finding.rule, finding.blocking, finding.severity) == (
        "base-not-analysed",
        False,
        "warning",
    )
    assert finding.message == (
        "cannot analyse the base side: syntax error: py2 (its functions are not compared)"
    )
    assert result.metrics["base_not_analysed"] == 1
