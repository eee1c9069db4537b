"""Judging the security check: findings, status and metrics from a measurement (pure).

A new finding blocks at or above ``[security] fail_on``; a suppression added by
the change blocks when ``suppressions = "fail"``; a head file that was not
analysed makes the check an error, unless ``on_error = "warn"`` and a blocking
finding already fails it (a warned error must not hide a failure). Fixed
findings are information; the base side's problems are warnings.
"""

from __future__ import annotations

from collections.abc import Sequence

from gate.config import OnError, SecurityConfig
from gate.result import CheckResult, Finding, Metric, Severity, Status
from gate.security.identity import Occurrence
from gate.security.measurement import Measurement, NotAnalysed
from gate.security.partial import Partly
from gate.text import plural

NAME = "security"
# semgrep's severities, old and new names, ranked; an unknown one counts as the highest.
_RANK = {"INFO": 0, "LOW": 0, "WARNING": 1, "MEDIUM": 1, "ERROR": 2, "HIGH": 2, "CRITICAL": 2}
_SEVERITY: tuple[Severity, ...] = ("info", "warning", "error")


def judge(m: Measurement, cfg: SecurityConfig, on_error: OnError) -> CheckResult:
    """Findings, status and metrics from a measurement and ``[security]`` (pure)."""
    threshold = _RANK[cfg.fail_on]
    new = [_new(o, threshold) for o in m.comparison.new]
    suppressed = [_suppression(o, cfg) for o in m.comparison.suppressed]
    fixed = [_fixed(o) for o in m.comparison.fixed]
    missing = [_missing(n) for n in m.not_analysed]
    head_missing = [n for n in m.not_analysed if not n.base]
    lost = {n.path for n in head_missing}
    partly = [_partly(p) for p in m.partly if p.path not in lost]
    blocking = sum(f.blocking for f in (*new, *suppressed))
    status: Status = "fail" if blocking else "pass"
    # With on_error = "warn" an error is let through, so it must not mask a failure.
    if head_missing and (on_error == "error" or not blocking):
        status = "error"
    by_severity: dict[str, Metric] = {
        name: sum(f.severity == name for f in new) for name in reversed(_SEVERITY)
    }
    # A fixed finding is information (severity "info"): its rule's severity is what counts.
    fixed_by_severity: dict[str, Metric] = {
        name: sum(_SEVERITY[_rank(str(f.details["semgrep_severity"]))] == name for f in fixed)
        for name in reversed(_SEVERITY)
    }
    metrics: dict[str, Metric] = {
        "new_findings": len(new),
        "blocking_findings": blocking,
        "fixed_findings": len(fixed),
        "moved_findings": len(m.comparison.moved),
        "suppressions_added": len(suppressed),
        "not_analysed": len(head_missing),
        "base_not_analysed": len(m.not_analysed) - len(head_missing),
        "partly_analysed": len(partly),
        "by_severity": by_severity,
        "fixed_by_severity": fixed_by_severity,
        "files_scanned": m.files_scanned,
        "fail_on": cfg.fail_on,
        "rules": m.rules,
        "semgrep_version": m.semgrep_version,
    }
    findings = [*missing, *partly, *_ordered(new), *_ordered(suppressed), *_ordered(fixed)]
    others = (
        (len(fixed), "fixed"),
        (len(suppressed), "suppression added"),
        (len(head_missing), "not analysed"),
        (len(partly), "partly analysed"),
    )
    return CheckResult(
        name=NAME,
        status=status,
        summary=_summary(m, cfg, new=len(new), blocking=blocking, others=others),
        metrics=metrics,
        findings=tuple(findings),
        hints=_hints(blocking, bool(suppressed), bool(head_missing)),
    )


def _rank(severity: str) -> int:
    return rank(severity)


def rank(severity: str) -> int:
    """0 INFO, 1 WARNING, 2 ERROR for a semgrep severity; an unknown one ranks as ERROR."""
    return _RANK.get(severity.upper(), 2)


def _new(o: Occurrence, threshold: int) -> Finding:
    rank = _rank(o.severity)
    return Finding.of(
        NAME,
        o.rule,
        o.message,
        identity=_identity("new", o),
        path=o.path,
        line=o.line,
        severity=_SEVERITY[rank],
        blocking=rank >= threshold,
        details={"status": "new", "semgrep_severity": o.severity},
    )


def _suppression(o: Occurrence, cfg: SecurityConfig) -> Finding:
    return Finding.of(
        NAME,
        "suppression-added",
        f"this change adds a nosemgrep comment that hides a {o.rule} finding: {o.message}",
        identity=_identity("suppression-added", o),
        path=o.path,
        line=o.line,
        severity="error" if cfg.suppressions == "fail" else "warning",
        details={"status": "suppressed", "suppressed_rule": o.rule, "semgrep_severity": o.severity},
    )


def _fixed(o: Occurrence) -> Finding:
    return Finding.of(
        NAME,
        o.rule,
        f"fixed: this change removes a {o.rule} finding",
        identity=_identity("fixed", o),
        path=o.path,
        line=o.line,
        severity="info",
        details={"status": "fixed", "semgrep_severity": o.severity},
    )


def _missing(n: NotAnalysed) -> Finding:
    if n.base:
        rule = "base-not-analysed"
        message = (
            f"the base version of this file was not analysed: {n.reason}; "
            "findings in it may be reported as new"
        )
    else:
        rule = "not-analysed"
        message = f"not analysed: {n.reason}"
    return Finding.of(
        NAME,
        rule,
        message,
        identity=(rule, n.path),
        path=n.path,
        severity="warning" if n.base else "error",
    )


def _partly(p: Partly) -> Finding:
    return Finding.of(
        NAME,
        "partly-analysed",
        f"semgrep parsed this file only partly, its base version alike: lines "
        f"{p.described()} were not analysed ({p.reason}); the change adds no line there",
        identity=("partly-analysed", p.path),
        path=p.path,
        line=p.lines[0][0],
        severity="warning",
        details={"lines": p.described()},
    )


def _identity(kind: str, o: Occurrence) -> tuple[str, ...]:
    # The lineage and the text, never the line: the same finding keeps its
    # fingerprint when code above it moves.
    return (kind, o.rule, o.lineage, o.text, str(o.index))


def _ordered(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line or 0, f.rule))


def _summary(
    m: Measurement,
    cfg: SecurityConfig,
    *,
    new: int,
    blocking: int,
    others: Sequence[tuple[int, str]],
) -> str:
    """One line: the new findings, then each other count that is not zero."""
    parts = [f"{plural(new, 'new finding')} ({blocking} blocking at fail_on = {cfg.fail_on})"]
    parts += [f"{count} {word}" for count, word in others if count]
    return f"{', '.join(parts)}; {plural(m.files_scanned, 'changed file')} scanned with {m.rules}"


def _hints(blocking: int, suppressed: bool, missing: bool) -> tuple[str, ...]:
    hints = []
    if blocking:
        hints.append(
            "each finding's message says how to fix it; for a false positive add "
            "`# nosemgrep: <rule-id>` and a reason on its line (reviewers see it as a suppression)"
        )
    if suppressed:
        hints.append("review the nosemgrep comments this change adds: each hides a finding")
    if missing:
        hints.append(
            "a file that was not analysed blocks the change: fix its syntax, split it, or raise "
            "[security] max_target_bytes / timeout in the base branch's config"
        )
    return tuple(hints)
