"""A whole run with every check's real metrics (copied from a run of the gate), for the
Markdown summary's golden file: an AI-written change that fails size, complexity and
security and lacks its review, on GitHub (so findings link to their files)."""

from __future__ import annotations

from gate.certification.evidence import Approval, Evidence, Rejected
from gate.certification.judge import Context, judge
from gate.certification.requirements import Requirement
from gate.result import CheckResult, Excluded, Finding, Result, Web

HEAD = "fdb286b8025f6ee0a7df90866390a7fd76bfc89a"
MERGE_BASE = "36e4766022f3596b76ca24e0febc24c8d32a8c82"


def _size() -> CheckResult:
    return CheckResult(
        "size",
        "fail",
        "492 changed lines (+489 -3) in 4 files; limits 400 lines, 50 files",
        metrics={
            "files_changed": 4,
            "lines_added": 489,
            "lines_removed": 3,
            "changed_lines": 492,
            "binary_files": 1,
            "renamed_files": 1,
            "copied_files": 0,
            "max_changed_lines": 400,
            "max_files": 50,
        },
        findings=(
            Finding.of(
                "size", "max-changed-lines", "492 changed lines (+489 -3); the limit is 400"
            ),
        ),
        hints=("split the change into smaller ones; the biggest files: app.py (392)",),
    )


def _complexity() -> CheckResult:
    grown = Finding.of(
        "complexity",
        "cc-increase",
        "function parse grew from 4 to 12; at most +5",
        path="src/parse.py",
        line=20,
        symbol="parse",
        details={"base": 4, "head": 12, "limit": 5},
    )
    new = Finding.of(
        "complexity",
        "max-cc",
        "new function discount: complexity 25; the limit is 10",
        identity=("max-cc", "app.py", "discount"),
        path="app.py",
        line=4,
        symbol="discount",
        details={"base": None, "head": 25, "limit": 10},
    )
    return CheckResult(
        "complexity",
        "fail",
        "2 Python files: 1 new, 1 changed, 0 removed functions; complexity +32",
        metrics={
            "files_analysed": 2,
            "not_analysed": 0,
            "functions_added": 1,
            "functions_changed": 1,
            "functions_moved": 0,
            "functions_removed": 0,
            "cc_delta": 32,
            "worst_new_function": {"path": "app.py", "function": "discount", "line": 4, "cc": 25},
            "improvements": 0,
            "max_cc": 10,
            "max_cc_increase": 5,
        },
        findings=(new, grown),
        hints=("split the flagged functions into smaller ones",),
    )


def _security() -> CheckResult:
    def occurrence(rule: str, line: int, status: str, severity: str) -> Finding:
        return Finding.of(
            "security",
            rule,
            "eval() runs whatever code the string holds; use ast.literal_eval()"
            if status == "new"
            else f"fixed: this change removes a {rule} finding",
            identity=(status, rule, str(line)),
            path="app.py",
            line=line,
            severity="error" if status == "new" else "info",
            details={"status": status, "semgrep_severity": severity},
        )

    return CheckResult(
        "security",
        "fail",
        "1 new finding (1 blocking at fail_on = WARNING), 1 fixed",
        metrics={
            "new_findings": 1,
            "blocking_findings": 1,
            "fixed_findings": 1,
            "moved_findings": 0,
            "suppressions_added": 0,
            "not_analysed": 0,
            "by_severity": {"error": 1, "warning": 0, "info": 0},
            "fixed_by_severity": {"error": 0, "warning": 1, "info": 0},
            "files_scanned": 3,
            "fail_on": "WARNING",
            "rules": "the bundled rules",
            "semgrep_version": "1.185.0",
        },
        findings=(
            occurrence("python-dynamic-code-execution", 31, "new", "ERROR"),
            occurrence("python-insecure-hash", 5, "fixed", "WARNING"),
        ),
        hints=("each finding's message says how to fix it",),
    )


def _ai() -> CheckResult:
    return CheckResult(
        "ai",
        "pass",
        "AI share 80% (391 of 489 added lines: claude 300, copilot 91); 8 unknown; limit 100%",
        metrics={
            "added_lines": 489,
            "ai_lines": 391,
            "ai_share": 391 / 489,
            "by_agent": {"claude": 300, "copilot": 91},
            "human_lines": 90,
            "unknown_lines": 8,
            "preexisting_lines": 12,
            "max_share": 1.0,
            "commits": 3,
            "ai_commits": 2,
            "notes": {"read": True, "status": "fetched from origin (CI)", "fetched": True},
        },
        findings=(
            Finding.of(
                "ai",
                "ai-commit",
                "commit fdb286b8025f counted as AI (claude 300): claude-co-author [agent]",
                identity=("ai-commit", HEAD),
                severity="info",
            ),
        ),
    )


def _certification() -> CheckResult:
    return judge(
        (
            Requirement("ai-share", "AI share 80% >= 50%", 1),
            Requirement("auth-code", "touches auth/**", 2, reviewers=("@org/security",)),
        ),
        (
            Evidence(
                "github",
                approvals=(Approval("carol", "github"),),
                rejected=(
                    Rejected("bob", "github", "approved an older commit (1234567)"),
                    Rejected("mallory", "github", "the pull request's author"),
                ),
                author="mallory",
            ),
        ),
        Context("o/r", "b" * 40, HEAD, MERGE_BASE, "c" * 64, "0.1.0", "2026-12-01T12:00:00+00:00"),
    )


def full_sample() -> Result:
    """Every check with metrics, findings on files, a GitHub repository to link to."""
    return Result(
        verdict="fail",
        base="b" * 40,
        head=HEAD,
        merge_base=MERGE_BASE,
        base_source="GitHub pull request #7: merge-base with main",
        config_source=f"base:{'b' * 40}:.gate.toml",
        commits=3,
        web=Web("https://github.com/o/r", "github"),
        checks=(_size(), _complexity(), _security(), _ai(), _certification()),
        excluded=(Excluded("package-lock.json", "lock file"),),
    )
