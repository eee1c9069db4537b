"""Findings and status from the paired functions and ``[complexity]`` (pure).

Only functions the change touched can fail: old debt in untouched code never
does. A new function fails above ``max_cc``; an existing one fails when it
crosses ``max_cc`` or gains more than ``max_cc_increase``; one finding per
function, the crossing named first. Functions that got simpler are reported as
non-blocking improvements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gate.complexity.matching import Lineage, Located, Pair, match
from gate.complexity.measurement import Measurement, Problem
from gate.complexity.model import Function
from gate.complexity.tally import metrics, summary, tally
from gate.config import ComplexityConfig
from gate.result import CheckResult, Finding, Metric, Severity, Status

NAME = "complexity"


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
    not_analysed = [_problem(p) for p in m.problems]
    failed = any(f.blocking for f in findings)
    broken = m.not_analysed > 0
    counts = tally(pairs, m, findings)
    return CheckResult(
        name=NAME,
        status=_status(failed=failed, broken=broken, warn_on_error=warn_on_error),
        summary=summary(counts, m),
        metrics=metrics(counts, m, cfg),
        findings=tuple(not_analysed + findings),
        hints=_hints(failed, broken, cfg),
    )


def _status(*, failed: bool, broken: bool, warn_on_error: bool) -> Status:
    if broken and not (failed and warn_on_error):
        return "error"
    return "fail" if failed else "pass"


def _function_finding(pair: Pair, cfg: ComplexityConfig) -> Finding | None:
    if pair.head is None:
        return None
    if pair.base is None:
        return _new_finding(pair.head, cfg)
    if pair.how in ("similar", "moved-similar"):
        # judged as the function it grew from, and never more leniently than a new one
        grown = _change_finding(pair.base.function, pair.head, cfg)
        if grown is not None and grown.blocking:
            return grown
        return _new_finding(pair.head, cfg) or grown
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
    was = f" (was {base.qualname})" if base.qualname != head.qualname else ""
    change = f"{head.qualname}{was}: complexity {base.cc} -> {head.cc} ({rise:+d})"
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
    """A finding, the same one across runs while its rule, file and function are."""
    return Finding.of(
        NAME,
        rule,
        message,
        identity=(rule, path, symbol),
        path=path,
        line=line,
        severity=severity,
        symbol=symbol,
        details=details,
    )


def _mi_findings(lineages: Sequence[Lineage], cfg: ComplexityConfig) -> list[Finding]:
    findings = []
    for lineage in lineages:
        if lineage.head is None or lineage.head.mi is None:
            continue
        path, head = lineage.head.path, lineage.head.mi
        base = lineage.base.mi if lineage.base is not None else None
        if cfg.min_mi is not None:
            findings += _mi_floor(path, base, head, cfg.min_mi)
        if cfg.max_mi_drop is not None and base is not None:
            findings += _mi_drop(path, base, head, cfg.max_mi_drop)
    return findings


def _mi_floor(path: str, base: float | None, head: float, floor: float) -> list[Finding]:
    """Falling below the floor fails; a file that was already below may stay there."""
    if head >= floor or (base is not None and base < floor):
        return []
    was = f" (was {base:.1f})" if base is not None else ""
    message = f"maintainability index {head:.1f}{was}, below the floor {floor:g}"
    return [_mi_finding("mi-floor", path, message, base=base, head=head, limit=floor)]


def _mi_drop(path: str, base: float, head: float, drop: float) -> list[Finding]:
    if base - head <= drop:
        return []
    message = (
        f"maintainability index fell {base - head:.1f} points "
        f"({base:.1f} -> {head:.1f}); at most {drop:g} allowed"
    )
    return [_mi_finding("mi-drop", path, message, base=base, head=head, limit=drop)]


def _mi_finding(
    rule: str, path: str, message: str, *, base: float | None, head: float, limit: float
) -> Finding:
    return _new(rule, path, message, details={"base": base, "head": head, "limit": limit})


def _problem(p: Problem) -> Finding:
    if p.side == "head":
        message = f"cannot analyse: {p.why.reason}"
        return _new("not-analysed", p.path, message, line=p.why.line)
    message = f"cannot analyse the base side: {p.why.reason} (its functions are not compared)"
    return _new("base-not-analysed", p.path, message, line=p.why.line, severity="warning")


def _overshoot(f: Finding) -> float:
    """How far over its limit a finding is, to list the worst offenders first."""
    head, limit, base = f.details.get("head"), f.details.get("limit"), f.details.get("base")
    if not f.blocking or not isinstance(head, (int, float)):
        return -1.0
    if f.rule in ("cc-increase", "mi-drop") and isinstance(base, (int, float)):
        head = abs(head - base)
    return float(abs(head - limit)) if isinstance(limit, (int, float)) else 0.0


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
