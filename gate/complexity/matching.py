"""Which head function is which base function (pure).

A changed file has a lineage: its base side at the old path (git's rename
detection follows renames) and its head side at the new path. Functions are
paired in four passes, each over what the earlier ones left:

1. in the same lineage, by qualified name;
2. in the same lineage, by identical text (a renamed class, a function moved
   into or out of a class: its own lines did not change);
3. across changed files, by identical text (a function moved to another file);
4. across changed files, by qualified name and equal complexity (moved, and
   edited in ways that do not change its complexity, such as a renamed import);
5. in the same lineage, then across changed files, by body similarity
   (:mod:`gate.complexity.similarity`): renamed, or moved, while it grew.

A head function left unpaired is new; a base function left unpaired was
removed. A copied file has no lineage: its functions are new code, and a
copy's source still has its own functions, which pass 3 cannot take.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

from gate.change import LineRange
from gate.complexity import similarity
from gate.complexity.model import Function

How = Literal["name", "text", "moved", "moved-edited", "similar", "moved-similar"]


@dataclass(frozen=True)
class Side:
    """One side of a changed file. ``touched`` are the lines the change added (head) or
    removed (base) there; None when every line counts (the file has no other side)."""

    path: str
    functions: tuple[Function, ...]
    touched: tuple[LineRange, ...] | None
    mi: float | None = None
    # Head side: lines after which the change removed lines and added none. A function
    # spanning such a point lost lines inside it (a deleted `def` merges two functions).
    removed_after: tuple[int, ...] = ()


@dataclass(frozen=True)
class Lineage:
    """A changed file seen from both sides (None: it has no analysable side there)."""

    base: Side | None
    head: Side | None


@dataclass(frozen=True)
class Located:
    """A function in a file, and whether the change touched its lines."""

    path: str
    function: Function
    touched: bool


@dataclass(frozen=True)
class Pair:
    """A function at base and at head; one of them None for a removed or an added one."""

    base: Located | None
    head: Located | None
    how: How | None = None

    @property
    def touched(self) -> bool:
        """The change touched the function on either side: only then can it fail."""
        return any(side.touched for side in (self.base, self.head) if side is not None)

    @property
    def delta(self) -> int:
        """What this function adds to the change's total complexity."""
        head = self.head.function.cc if self.head else 0
        return head - (self.base.function.cc if self.base else 0)


@dataclass(frozen=True)
class _Entry:
    lineage: int
    located: Located


Key = Callable[[_Entry], Hashable]


def match(lineages: Sequence[Lineage]) -> tuple[Pair, ...]:
    """Pair every function of ``lineages`` with its other side, or with nothing."""
    heads = [_Entry(i, loc) for i, lin in enumerate(lineages) for loc in _locate(lin.head)]
    bases = [_Entry(i, loc) for i, lin in enumerate(lineages) for loc in _locate(lin.base)]
    passes: tuple[tuple[How, Key], ...] = (
        ("name", lambda e: (e.lineage, e.located.function.qualname)),
        ("text", lambda e: (e.lineage, e.located.function.digest)),
        ("moved", lambda e: e.located.function.digest),
        ("moved-edited", lambda e: (e.located.function.qualname, e.located.function.cc)),
    )
    pairs: list[Pair] = []
    for how, key in passes:
        heads, bases = _pair_off(heads, bases, key, how, pairs)
    heads, bases = _pair_similar(heads, bases, lambda e: e.lineage, "similar", pairs)
    heads, bases = _pair_similar(heads, bases, lambda e: None, "moved-similar", pairs)
    pairs.extend(Pair(None, e.located) for e in heads)
    pairs.extend(Pair(e.located, None) for e in bases)
    return tuple(pairs)


def _locate(side: Side | None) -> list[Located]:
    if side is None:
        return []
    if side.touched is None:
        return [Located(side.path, f, True) for f in side.functions]
    # Hunks come in line order and do not overlap: the first one ending at or after a
    # function's start is the only one that can reach into it.
    ranges = side.touched
    ends = [r.start + r.count - 1 for r in ranges]
    gaps = side.removed_after
    located = []
    for f in side.functions:
        i = bisect_left(ends, f.start)
        hit = i < len(ranges) and ranges[i].start <= f.end
        # a gap after line g lies inside f when f holds both g and g + 1
        j = bisect_left(gaps, f.start)
        hit = hit or (j < len(gaps) and gaps[j] < f.end)
        located.append(Located(side.path, f, hit))
    return located


def _pair_off(
    heads: list[_Entry], bases: list[_Entry], key: Key, how: How, pairs: list[Pair]
) -> tuple[list[_Entry], list[_Entry]]:
    """Pair heads with bases of equal key, first come first served; return what is left."""
    waiting: dict[Hashable, list[int]] = {}
    for index, entry in enumerate(bases):
        waiting.setdefault(key(entry), []).append(index)
    taken: set[int] = set()
    left = []
    for entry in heads:
        candidates = waiting.get(key(entry))
        if candidates:
            index = candidates.pop(0)
            taken.add(index)
            pairs.append(Pair(bases[index].located, entry.located, how))
        else:
            left.append(entry)
    return left, [entry for index, entry in enumerate(bases) if index not in taken]


def _pair_similar(
    heads: list[_Entry], bases: list[_Entry], group: Key, how: How, pairs: list[Pair]
) -> tuple[list[_Entry], list[_Entry]]:
    """Pair heads with bases of the same ``group`` by body similarity; return what is left."""
    waiting: dict[Hashable, list[_Entry]] = {}
    for entry in bases:
        waiting.setdefault(group(entry), []).append(entry)
    grouped: dict[Hashable, list[_Entry]] = {}
    for entry in heads:
        grouped.setdefault(group(entry), []).append(entry)
    taken: set[int] = set()
    for key, mine in grouped.items():
        theirs = waiting.get(key, [])
        found = similarity.pairs(
            [e.located.function for e in mine], [e.located.function for e in theirs]
        )
        for h, b in found:
            pairs.append(Pair(theirs[b].located, mine[h].located, how))
            taken.update((id(mine[h]), id(theirs[b])))
    return [e for e in heads if id(e) not in taken], [e for e in bases if id(e) not in taken]
