"""A removed function and an added one that share most of the removed one's body (pure).

git pairs a deleted and an added file as a rename when enough of their lines
agree; this pairs functions the same way, so that ``handle`` deleted and
``handle_v2`` added with ``handle``'s body and eight more branches is judged as
``handle`` grown by eight, not as a new function under the new-function limit.
The measure is containment: the share of the base function's body lines (see
:attr:`~gate.complexity.model.Function.body`) found in the head function, since
growth adds lines that a symmetric score would hold against the pair.
"""

from __future__ import annotations

from collections.abc import Sequence

from gate.complexity.model import Function

MIN_SHARED = 3  # lines in common, at least: a two-line body is in too many functions
MIN_CONTAINED = 0.6  # of the base function's body lines, found in the head function
# A line found in more removed functions than this identifies none (`return result`).
_COMMON = 20


def pairs(heads: Sequence[Function], bases: Sequence[Function]) -> list[tuple[int, int]]:
    """``(head index, base index)`` pairs, most similar first, each function in one pair."""
    index: dict[int, list[int]] = {}
    for b, base in enumerate(bases):
        for line in base.body:
            index.setdefault(line, []).append(b)
    candidates = []
    for h, head in enumerate(heads):
        shared: dict[int, int] = {}
        for line in head.body:
            found = index.get(line, ())
            if len(found) <= _COMMON:
                for b in found:
                    shared[b] = shared.get(b, 0) + 1
        for b, n in shared.items():
            score = n / len(bases[b].body)
            if n >= MIN_SHARED and score >= MIN_CONTAINED:
                candidates.append((-score, -n, h, b))
    taken_heads: set[int] = set()
    taken_bases: set[int] = set()
    result = []
    for _, _, h, b in sorted(candidates):
        if h not in taken_heads and b not in taken_bases:
            taken_heads.add(h)
            taken_bases.add(b)
            result.append((h, b))
    return result
