"""The security check's judging of a measurement and ``[security]`` (pure: no git, no semgrep)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gate.config import OnError, SecurityConfig
from gate.security.identity import Comparison, Occurrence, Pair
from gate.security.judge import judge
from gate.security.measurement import Measurement, NotAnalysed


def occ(
    severity: str = "ERROR", *, line: int = 1, path: str = "a.py", index: int = 0
) -> Occurrence:
    return Occurrence(
        rule="python-dynamic-code-execution",
        path=path,
        lineage=path,
        text="eval(x)",
        line=line,
        offset=line * 10,
        severity=severity,
        message="use json.loads",
        index=index,
    )


def measured(
    *,
    new: tuple[Occurrence, ...] = (),
    fixed: tuple[Occurrence, ...] = (),
    suppressed: tuple[Occurrence, ...] = (),
    missing: tuple[NotAnalysed, ...] = (),
    moved: int = 0,
) -> Measurement:
    pairs = tuple(Pair(occ(), occ()) for _ in range(moved))
    return Measurement(
        comparison=Comparison(new=new, fixed=fixed, moved=pairs, suppressed=suppressed),
        not_analysed=missing,
        files_scanned=3,
        rules="the bundled rules",
        semgrep_version="1.182.0",
    )


HEAD_MISSING = NotAnalysed("big.py", "too large")
BASE_MISSING = NotAnalysed("old.py", "syntax error", base=True)


@pytest.mark.parametrize(
    ("m", "cfg", "on_error", "status"),
    [
        pytest.param(measured(), SecurityConfig(), "error", "pass", id="nothing"),
        pytest.param(measured(new=(occ(),)), SecurityConfig(), "error", "fail", id="new-error"),
        pytest.param(
            measured(new=(occ("INFO"),)), SecurityConfig(), "error", "pass", id="below-fail-on"
        ),
        pytest.param(
            measured(new=(occ("INFO"),)),
            SecurityConfig(fail_on="INFO"),
            "error",
            "fail",
            id="fail-on-info",
        ),
        pytest.param(
            measured(new=(occ("WARNING"),)),
            SecurityConfig(fail_on="ERROR"),
            "error",
            "pass",
            id="warning-under-fail-on-error",
        ),
        pytest.param(measured(fixed=(occ(),)), SecurityConfig(), "error", "pass", id="fixed"),
        pytest.param(
            measured(suppressed=(occ(),)), SecurityConfig(), "error", "pass", id="suppression-warn"
        ),
        pytest.param(
            measured(suppressed=(occ(),)),
            SecurityConfig(suppressions="fail"),
            "error",
            "fail",
            id="suppression-fail",
        ),
        pytest.param(
            measured(missing=(HEAD_MISSING,)), SecurityConfig(), "error", "error", id="missing"
        ),
        pytest.param(
            measured(new=(occ(),), missing=(HEAD_MISSING,)),
            SecurityConfig(),
            "error",
            "error",
            id="missing-and-new",
        ),
        pytest.param(
            measured(missing=(HEAD_MISSING,)),
            SecurityConfig(),
            "warn",
            "error",
            id="missing-warn-is-still-an-error-for-the-policy-to-warn-about",
        ),
        pytest.param(
            # on_error = "warn" lets an error through: it must not let a failure through.
            measured(new=(occ(),), missing=(HEAD_MISSING,)),
            SecurityConfig(),
            "warn",
            "fail",
            id="missing-warn-does-not-mask-a-failure",
        ),
        pytest.param(
            measured(missing=(BASE_MISSING,)), SecurityConfig(), "error", "pass", id="base-missing"
        ),
    ],
)
def test_status(m: Measurement, cfg: SecurityConfig, on_error: OnError, status: str) -> None:
    assert judge(m, cfg, on_error).status == status


@pytest.mark.parametrize(
    ("semgrep", "severity"),
    [
        ("INFO", "info"),
        ("LOW", "info"),
        ("WARNING", "warning"),
        ("MEDIUM", "warning"),
        ("ERROR", "error"),
        ("HIGH", "error"),
        ("CRITICAL", "error"),
        ("SOMETHING-NEW", "error"),  # unknown: treated as the worst
    ],
)
def test_severity_mapping(semgrep: str, severity: str) -> None:
    (finding,) = judge(measured(new=(occ(semgrep),)), SecurityConfig(), "error").findings
    assert finding.severity == severity
    assert finding.details["semgrep_severity"] == semgrep


def test_findings_kinds_and_order() -> None:
    result = judge(
        measured(
            new=(occ(line=9), occ("WARNING", line=2)),
            fixed=(occ(path="gone.py"),),
            suppressed=(occ(path="s.py"),),
            missing=(HEAD_MISSING, BASE_MISSING),
        ),
        SecurityConfig(fail_on="ERROR"),
        "error",
    )
    assert [(f.rule, f.path, f.line, f.severity, f.blocking) for f in result.findings] == [
        ("not-analysed", "big.py", None, "error", True),
        ("base-not-analysed", "old.py", None, "warning", False),
        ("python-dynamic-code-execution", "a.py", 2, "warning", False),
        ("python-dynamic-code-execution", "a.py", 9, "error", True),
        ("suppression-added", "s.py", 1, "warning", False),
        ("python-dynamic-code-execution", "gone.py", 1, "info", False),
    ]
    messages = [f.message for f in result.findings]
    assert messages[0] == "not analysed: too large"
    assert "findings in it may be reported as new" in messages[1]
    assert messages[2] == "use json.loads"
    assert messages[4].startswith("this change adds a nosemgrep comment that hides a python-")
    assert messages[5] == "fixed: this change removes a python-dynamic-code-execution finding"
    assert all(f.check == "security" for f in result.findings)


def test_metrics_and_summary() -> None:
    result = judge(
        measured(
            new=(occ(), occ("WARNING"), occ("INFO")),
            fixed=(occ(),),
            suppressed=(occ(),),
            missing=(HEAD_MISSING, BASE_MISSING),
            moved=2,
        ),
        SecurityConfig(),
        "error",
    )
    assert result.metrics == {
        "new_findings": 3,
        "blocking_findings": 2,
        "fixed_findings": 1,
        "moved_findings": 2,
        "suppressions_added": 1,
        "not_analysed": 1,
        "base_not_analysed": 1,
        "partly_analysed": 0,
        "by_severity": {"error": 1, "warning": 1, "info": 1},
        "fixed_by_severity": {"error": 1, "warning": 0, "info": 0},
        "files_scanned": 3,
        "fail_on": "WARNING",
        "rules": "the bundled rules",
        "semgrep_version": "1.182.0",
    }
    assert result.summary == (
        "3 new findings (2 blocking at fail_on = WARNING), 1 fixed, 1 suppression added, "
        "1 not analysed; 3 changed files scanned with the bundled rules"
    )
    assert len(result.hints) == 3


def test_clean_summary_has_no_hints() -> None:
    result = judge(measured(), SecurityConfig(), "error")
    assert result.summary == (
        "0 new findings (0 blocking at fail_on = WARNING); "
        "3 changed files scanned with the bundled rules"
    )
    assert result.hints == ()


def test_fingerprints_ignore_line_numbers_and_tell_kinds_apart() -> None:
    def fingerprints(o: Occurrence) -> list[str]:
        m = measured(new=(o,), fixed=(o,), suppressed=(o,))
        return [f.fingerprint for f in judge(m, SecurityConfig(), "error").findings]

    here, there = fingerprints(occ(line=3)), fingerprints(occ(line=300))
    assert here == there
    assert len(set(here)) == 3
    assert fingerprints(occ(index=1)) != here
    assert fingerprints(replace(occ(), lineage="b.py")) != here
