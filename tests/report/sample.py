"""One Result for every renderer to render, and golden-file comparison."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from gate.certification.evidence import Evidence, Rejected
from gate.certification.judge import Context, judge
from gate.certification.requirements import Requirement
from gate.result import CheckResult, Excluded, Finding, Result, Severity, fingerprint

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = "caf\udce9 \x1b[31mred\u202e\n::error file=a.py::all good.py"


def finding(
    path: str,
    line: int | None,
    rule: str,
    *,
    blocking: bool = True,
    severity: Severity = "error",
    message: str = "too complex",
) -> Finding:
    return Finding(
        check="complexity",
        rule=rule,
        path=path,
        line=line,
        message=message,
        severity=severity,
        fingerprint=fingerprint("complexity", rule, path),
        blocking=blocking,
        symbol="Klass.method",
        details={"base": 3, "head": 14},
    )


def sample() -> Result:
    size = CheckResult(
        "size",
        "fail",
        "612 changed lines (+500 -112) in 12 files",
        metrics={"files_changed": 12, "lines_added": 500, "lines_removed": 112},
        findings=(
            Finding(
                "size",
                "max-changed-lines",
                "",
                None,
                "612 changed lines; the limit is 400",
                "error",
                fingerprint("size", "max-changed-lines"),
                True,
            ),
        ),
        hints=("split the change",),
        seconds=0.0123,
    )
    complexity = CheckResult(
        "complexity",
        "fail",
        "1 function over the limit",
        metrics={"worst": {"name": "f", "cc": 14}, "by_kind": ("a", "b")},
        findings=(
            finding("src/app.py", 10, "max-cc"),
            finding(HOSTILE, 3, "max-cc"),
            finding("src/app.py", 10, "max-cc"),  # a duplicate name must stay unique in JUnit
            finding(
                "src/ok.py",
                2,
                "improved",
                blocking=False,
                severity="info",
                message="simpler: 9 -> 4 `with` back`ticks` @octocat | pipe",
            ),
        ),
    )
    security = CheckResult("security", "skipped", "disabled by the config (enabled = false)")
    return Result(
        verdict="fail",
        base="b" * 40,
        head="h" * 40,
        merge_base="m" * 40,
        base_source="GitHub pull request #3: merge-base with main",
        config_source="base:" + "m" * 40 + ":.gate.toml",
        commits=3,
        checks=(size, complexity, security),
        excluded=(Excluded("package-lock.json", "lock file"),),
        notes=("this change edits .gate.toml; the base config is used",),
        warnings=('the ai check could not run and on_error = "warn" let it through',),
    )


def review_sample() -> Result:
    """A change that needs a review it does not have, and a waived finding."""
    certification = judge(
        (Requirement("ai-share", "AI share 80% >= 50%", 1),),
        (
            Evidence(
                "github",
                rejected=(Rejected("bob", "github", "approved an older commit (1234567)"),),
                author="alice",
            ),
        ),
        Context(
            "o/r", "b" * 40, "h" * 40, "m" * 40, "c" * 64, "0.1.0", "2026-12-01T12:00:00+00:00"
        ),
    )
    waived = replace(
        finding("src/gen.py", 1, "max-cc", blocking=False),
        waived="generated parser (approved by lead, until 2027-01-31)",
    )
    complexity = CheckResult(
        "complexity", "pass", "1 function over the limit, waived", findings=(waived,)
    )
    return replace(sample(), checks=(complexity, certification), excluded=(), notes=(), warnings=())


def error_result() -> Result:
    return Result(verdict="error", error="unknown base revision 'x\x00y'")


def golden(name: str, text: str) -> None:
    """Compare with the golden file; UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
