"""The report's figures as sums and counts only, so that reports add up exactly (pure).

Every figure is a count under a key ``(scope, metric, arg)``: the scope is a group
(``("ai",)``, ``("human",)``, ``("unknown",)``), an agent (``("agent", name)``) or a
month and group (``("month", "2026-01", "ai")``); the metric is ``added``,
``alive``, ``churned``, ``churned_self``, ``churned_other``, ``measurable`` and
``survived`` (arg: the horizon in days), ``died`` and ``censored`` (arg: the age in
days), ``tokens`` and ``cost_micros`` (cost data). Rates are derived, never stored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

DAY = 86400
HORIZONS = (30, 60, 90)

Scope = tuple[str, ...]
Key = tuple[Scope, str, int]


@dataclass(frozen=True)
class CommitRow:
    """One commit of the period: who, when, and what became of its measured lines."""

    sha: str
    time: int
    author: str
    agent: str | None
    kind: str  # ai | human | unknown | mixed
    added: int
    alive: int
    survived: int | None  # at the horizon; None while not yet measurable
    repository: str


@dataclass(frozen=True)
class Figures:
    """Everything a history report says, as counts (:func:`add` merges two)."""

    horizon: int
    counts: Mapping[Key, int]
    commits: tuple[CommitRow, ...]
    excluded: tuple[tuple[str, str, str], ...]  # (repository, path, reason)
    repositories: tuple[Mapping[str, str | int | None], ...]

    def get(self, scope: Scope, metric: str, arg: int = 0) -> int:
        """One count (0 when absent)."""
        return self.counts.get((scope, metric, arg), 0)

    def scopes(self, first: str | None = None) -> list[Scope]:
        """Every scope counted (those starting with ``first`` when given), sorted."""
        found = {scope for scope, _, _ in self.counts}
        return sorted(s for s in found if first is None or (s and s[0] == first))

    def histogram(self, scope: Scope, metric: str) -> dict[int, int]:
        """``died`` or ``censored`` counts of a scope by age in days."""
        return {arg: n for (s, m, arg), n in self.counts.items() if s == scope and m == metric}

    def rate(self, scope: Scope, horizon: int | None = None) -> float | None:
        """Durable-code rate at ``horizon`` (default: the report's): survived / measurable."""
        h = self.horizon if horizon is None else horizon
        measurable = self.get(scope, "measurable", h)
        return self.get(scope, "survived", h) / measurable if measurable else None


def horizons(horizon: int) -> tuple[int, ...]:
    """The horizons measured: the report's, and 30, 60, 90 days."""
    return tuple(sorted({horizon, *HORIZONS}))


def add(a: Figures, b: Figures) -> Figures:
    """Two reports as one (same horizon): counts added, commits and lists joined."""
    counts: Counter[Key] = Counter(a.counts)
    counts.update(b.counts)
    commits = sorted((*a.commits, *b.commits), key=lambda c: (c.time, c.repository, c.sha))
    return Figures(
        a.horizon,
        dict(counts),
        tuple(commits),
        tuple(sorted({*a.excluded, *b.excluded})),
        (*a.repositories, *b.repositories),
    )
