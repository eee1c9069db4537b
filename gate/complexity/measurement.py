"""What the check read: the changed Python files, both sides, and how the reading went."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from gate.complexity.matching import Lineage
from gate.complexity.model import Unanalysable


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

    @property
    def files(self) -> int:
        """Changed Python files analysed on at least one side."""
        return sum(1 for lin in self.lineages if lin.base or lin.head)

    @property
    def not_analysed(self) -> int:
        """Changed files whose head side could not be analysed."""
        return sum(1 for p in self.problems if p.side == "head")
