"""Findings and metrics from the paired functions and ``[complexity]`` (pure).

Only functions the change touched can fail: old debt in untouched code never
does. A new function fails above ``max_cc``; an existing one fails when it
crosses ``max_cc`` or gains more than ``max_cc_increase``; one finding per
function, the crossing named first. Functions that got simpler are reported as
non-blocking improvements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from gate.complexity.matching import Lineage, Located, Pair, match
from gate.complexity.model import Function, Unanalysable
from gate.config import ComplexityConfig
from gate.result import CheckResult, Finding, Metric, Severity, Status, fingerprint
from gate.text import plural

NAME = "complexity"


@dataclass(frozen=True)
class Problem:
    """A side of a changed file that could not be analysed."""

    path: str
    side: Literal["base", "head"]
    why: Unanalysable


@dataclass(frozen=True)
class Measurement:
    """What the check read: the changed Python files and how the reading went."""

    lineages: tuple[Lineage, ...]
    problems: tuple[Problem, ...] = ()
    cache_hits: int = 0
    analysed: int = 0
    workers: int = 1


def judge(m: Measurement, cfg: ComplexityConfig, *, warn_on_error: bool = False) -> CheckResult:
    """Pass, fail or error against ``cfg``.

    A head file that cannot be analysed makes the status ``error`` (exit 2, or a
    loud warning under ``on_error = "warn"``); when ``warn_on_error`` would let that
    through while real failures were found too, the status is ``fail`` instead,
    so the warning cannot hide them.
    """
    pairs = match(m.lineages)
    findings = [f for p in pairs if p.touched and (f := _function_finding(p, cfg)) is not None]
    findings += _mi_findings(m.lineages, cfg)
    findings.sort(key=lambda f: -_overshoot(f))
    unanalysable = [_problem(p) for p in m.problems]
    failed = any(f.blocking for f in findings)
    broken = any(p.side == "head" for p in m.problems)
    status: Status = "pass"
    if broken and not (failed and warn_on_error):
        status = "error"
    elif failed:
        status = "fail"
    tally = _tally(pairs, m, findings)
    return CheckResult(
        name=NAME,
        status=status,
        summary=_summary(tally, findings, m),
        metrics=_metrics(tally, m, cfg),
        findings=tuple(unanalysable + findings),
        hints=_hints(failed, broken, cfg),
    )


def _function_finding(pair: Pair, cfg: ComplexityConfig) -> Finding | None:
    if pair.head is None:
        return None
    if pair.base is None:
        return _new_finding(pair.head, cfg)
    return _change_finding(pair.base.function, pair.head, cfg)


def _new_finding(at: Located, cfg: ComplexityConfig) -> Finding | None:
    cc = at.function.cc
    if cc <= cfg.max_cc:
        return None
    message = f"new function {at.function.qualname}: complexity {cc}; the limit is {cfg.max_cc}"
    return _finding("max-cc", at, message, None, cfg.max_cc)


def _change_finding(base: Function, at: Located, cfg: ComplexityConfig) -> Finding | None:
    head = at.function
    rise = head.cc - base.cc
    change = f"{head.qualname}: complexity {base.cc} -> {head.cc} ({rise:+d})"
    too_much = f"a function may gain at most {cfg.max_cc_increase}"
    if base.cc <= cfg.max_cc < head.cc:
        extra = f"; {too_much}" if rise > cfg.max_cc_increase else ""
        message = f"{change}, above the limit {cfg.max_cc}{extra}"
        return _finding("crossed-max-cc", at, message, base.cc, cfg.max_cc)
    if rise > cfg.max_cc_increase:
        message = f"{change}; {too_much}"
        return _finding("cc-increase", at, message, base.cc, cfg.max_cc_increase)
    if rise < 0:
        return _finding("improved", at, f"simpler: {change}", base.cc, None)
    return None


def _finding(rule: str, at: Located, message: str, base: int | None, limit: int | None) -> Finding:
    return _new(
        rule,
        at.path,
        message,
        line=at.function.line,
        symbol=at.function.qualname,
        severity="info" if rule == "improved" else "error",
        details={"base": base, "head": at.function.cc, "limit": limit},
    )


def _new(
    rule: str,
    path: str,
    message: str,
    *,
    line: int | None = None,
    symbol: str = "",
    severity: Severity = "error",
    details: Mapping[str, Metric] | None = None,
) -> Finding:
    """A finding; only errors block. The fingerprint has no line: code above it may move."""
    return Finding(
        check=NAME,
        rule=rule,
        path=path,
        line=line,
        message=message,
        severity=severity,
        fingerprint=fingerprint(NAME, rule, path, symbol),
        blocking=severity == "error",
        symbol=symbol,
        details=details or {},
    )


def _mi_findings(lineages: Sequence[Lineage], cfg: ComplexityConfig) -> list[Finding]:
    findings = []
    for lineage in lineages:
        if lineage.head is None or lineage.head.mi is None:
            continue
        path, head = lineage.head.path, lineage.head.mi
        base = lineage.base.mi if lineage.base is not None else None
        floor, drop = cfg.min_mi, cfg.max_mi_drop
        if floor is not None and head < floor and (base is None or base >= floor):
            was = f" (was {base:.1f})" if base is not None else ""
            message = f"maintainability index {head:.1f}{was}, below the floor {floor:g}"
            findings.append(
                _mi_finding("mi-floor", path, message, base=base, head=head, limit=floor)
            )
        if drop is not None and base is not None and base - head > drop:
            message = (
                f"maintainability index fell {base - head:.1f} points "
                f"({base:.1f} -> {head:.1f}); at most {drop:g} allowed"
            )
            findings.append(_mi_finding("mi-drop", path, message, base=base, head=head, limit=drop))
    return findings


def _mi_finding(
    rule: str, path: str, message: str, *, base: float | None, head: float, limit: float
) -> Finding:
    return _new(rule, path, message, details={"base": base, "head": head, "limit": limit})


def _problem(p: Problem) -> Finding:
    if p.side == "head":
        message = f"cannot analyse: {p.why.reason}"
        return _new("not-analysable", p.path, message, line=p.why.line)
    message = (
        f"cannot analyse the base side: {p.why.reason}; "
        "head functions the change touched are judged as new"
    )
    return _new("base-not-analysable", p.path, message, line=p.why.line, severity="warning")


def _overshoot(f: Finding) -> float:
    """How far over its limit a finding is, to list the worst offenders first."""
    head, limit, base = f.details.get("head"), f.details.get("limit"), f.details.get("base")
    if not f.blocking or not isinstance(head, (int, float)):
        return -1.0
    if f.rule in ("cc-increase", "mi-drop") and isinstance(base, (int, float)):
        head = abs(head - base)
    return float(abs(head - limit)) if isinstance(limit, (int, float)) else 0.0


@dataclass(frozen=True)
class _Tally:
    files: int
    added: int
    changed: int
    moved: int
    removed: int
    delta: int
    worst: Located | None
    improvements: int


def _tally(pairs: Sequence[Pair], m: Measurement, findings: Sequence[Finding]) -> _Tally:
    added = [p.head for p in pairs if p.base is None and p.head is not None]
    removed = [p.base for p in pairs if p.head is None and p.base is not None]
    both = [(p.base, p.head) for p in pairs if p.base is not None and p.head is not None]
    delta = sum(h.function.cc - b.function.cc for b, h in both)
    delta += sum(a.function.cc for a in added) - sum(r.function.cc for r in removed)
    return _Tally(
        files=sum(1 for lin in m.lineages if lin.base or lin.head),
        added=len(added),
        changed=sum(1 for p in pairs if p.how in ("name", "text") and p.touched),
        moved=sum(1 for p in pairs if p.how in ("moved", "moved-edited")),
        removed=len(removed),
        delta=delta,
        worst=max(added, key=lambda at: at.function.cc, default=None),
        improvements=sum(1 for f in findings if f.rule == "improved"),
    )


def _metrics(t: _Tally, m: Measurement, cfg: ComplexityConfig) -> dict[str, Metric]:
    worst: Metric = None
    if t.worst is not None:
        worst = {
            "path": t.worst.path,
            "function": t.worst.function.qualname,
            "line": t.worst.function.line,
            "cc": t.worst.function.cc,
        }
    return {
        "files_analysed": t.files,
        "not_analysable": sum(1 for p in m.problems if p.side == "head"),
        "base_not_analysable": sum(1 for p in m.problems if p.side == "base"),
        "functions_added": t.added,
        "functions_changed": t.changed,
        "functions_moved": t.moved,
        "functions_removed": t.removed,
        "cc_delta": t.delta,
        "worst_new_function": worst,
        "improvements": t.improvements,
        "max_cc": cfg.max_cc,
        "max_cc_increase": cfg.max_cc_increase,
        "cache_hits": m.cache_hits,
        "files_parsed": m.analysed,
        "workers": m.workers,
    }


def _summary(t: _Tally, findings: Sequence[Finding], m: Measurement) -> str:
    if not m.lineages:
        return "no Python file changed"
    parts = [
        f"{plural(t.files, 'Python file')}: {t.added} new, {t.changed} changed, "
        f"{t.removed} removed functions; complexity {t.delta:+d}"
    ]
    if t.worst is not None:
        parts.append(f"worst new: {t.worst.function.qualname} ({t.worst.function.cc})")
    over = sum(1 for f in findings if f.blocking)
    if over:
        parts.append(f"{plural(over, 'finding')} over the limits")
    broken = sum(1 for p in m.problems if p.side == "head")
    if broken:
        parts.append(f"{plural(broken, 'file')} not analysable")
    if t.improvements:
        parts.append(f"{t.improvements} simpler")
    return "; ".join(parts)


def _hints(failed: bool, broken: bool, cfg: ComplexityConfig) -> tuple[str, ...]:
    hints = []
    if failed:
        hints.append(
            "split the flagged functions into smaller ones (extract helpers, return early, "
            f"replace branches by tables); limits: max_cc = {cfg.max_cc}, "
            f"max_cc_increase = {cfg.max_cc_increase}"
        )
    if broken:
        hints.append(
            "a file that cannot be analysed is not a pass: fix it, exclude it "
            '([size] exclude), or set [complexity] on_error = "warn"'
        )
    return tuple(hints)
