"""The change in numbers, for the metrics and the one-line summary (pure)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gate.complexity.matching import Located, Pair
from gate.complexity.measurement import Measurement
from gate.config import ComplexityConfig
from gate.result import Finding, Metric
from gate.text import plural


@dataclass(frozen=True)
class Tally:
    """The change in numbers: functions added, changed, moved, removed; complexity delta."""

    files: int
    added: int
    changed: int
    moved: int
    removed: int
    delta: int
    worst: Located | None
    improvements: int
    over: int
    max_grown_cc: int | None = None  # the most complex touched function that is new or grew


def tally(pairs: Sequence[Pair], m: Measurement, findings: Sequence[Finding]) -> Tally:
    """Count the paired functions by kind, the complexity delta and the worst new function."""
    kinds = Counter(_kind(p) for p in pairs)
    worst = max((p for p in pairs if p.base is None), key=lambda p: p.delta, default=None)
    return Tally(
        files=m.files,
        added=kinds["added"],
        changed=kinds["changed"],
        moved=kinds["moved"],
        removed=kinds["removed"],
        delta=sum(p.delta for p in pairs),
        worst=worst.head if worst else None,
        improvements=sum(1 for f in findings if f.rule == "improved"),
        over=sum(1 for f in findings if f.blocking),
        max_grown_cc=max(
            (p.head.function.cc for p in pairs if p.head and p.touched and p.delta > 0),
            default=None,
        ),
    )


def _kind(p: Pair) -> str:
    if p.base is None:
        return "added"
    if p.head is None:
        return "removed"
    if p.how in ("moved", "moved-edited", "moved-similar"):
        return "moved"
    return "changed" if p.touched else "unchanged"


def metrics(t: Tally, m: Measurement, cfg: ComplexityConfig) -> dict[str, Metric]:
    """The check's metrics in the JSON report."""
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
        "not_analysed": m.not_analysed,
        "base_not_analysed": sum(1 for p in m.problems if p.side == "base"),
        "functions_added": t.added,
        "functions_changed": t.changed,
        "functions_moved": t.moved,
        "functions_removed": t.removed,
        "cc_delta": t.delta,
        "worst_new_function": worst,
        "improvements": t.improvements,
        "max_grown_cc": t.max_grown_cc,
        "max_cc": cfg.max_cc,
        "max_cc_increase": cfg.max_cc_increase,
        "cache_hits": m.cache_hits,
        "files_parsed": m.analysed,
        "workers": m.workers,
    }


def summary(t: Tally, m: Measurement) -> str:
    """One line for people."""
    if not (m.lineages or m.problems):
        return "no Python file changed"
    worst = f"worst new: {t.worst.function.qualname} ({t.worst.function.cc})" if t.worst else ""
    parts = (
        f"{plural(t.files, 'Python file')}: {t.added} new, {t.changed} changed, "
        f"{t.removed} removed functions; complexity {t.delta:+d}",
        worst,
        _count(t.over, "finding", "over the limits"),
        _count(m.not_analysed, "file", "not analysed"),
        _count(t.improvements, "function", "simpler"),
    )
    return "; ".join(part for part in parts if part)


def _count(n: int, noun: str, what: str) -> str:
    return f"{plural(n, noun)} {what}" if n else ""
