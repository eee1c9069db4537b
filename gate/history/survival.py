"""Kaplan-Meier survival of lines, from counts only (pure).

A line that died after *t* days is an event at *t*; a line alive when the period ends,
*t* days after its birth, is censored at *t*: it is known to have lived at least that
long, not to have survived. The estimate needs nothing but the two histograms, so
reports that add their histograms estimate exactly what one report of all lines would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Curve(NamedTuple):
    """``points``: (day, share still alive) after each day with a death; ``median``: the
    first day the share is at or below one half (None: more than half outlive the data)."""

    points: tuple[tuple[int, float], ...]
    median: int | None


def kaplan_meier(died: Mapping[int, int], censored: Mapping[int, int]) -> Curve:
    """The product-limit estimate; at a tie, deaths come before censoring (the convention)."""
    at_risk = sum(died.values()) + sum(censored.values())
    share = 1.0
    points: list[tuple[int, float]] = []
    median = None
    for day in sorted(set(died) | set(censored)):
        deaths = died.get(day, 0)
        if deaths and at_risk:
            share *= 1 - deaths / at_risk
            points.append((day, round(share, 6)))
            if median is None and share <= 0.5:
                median = day
        at_risk -= deaths + censored.get(day, 0)
    return Curve(tuple(points), median)
