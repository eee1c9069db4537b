"""A merge's lines: the ones it shares with a parent keep that parent's origin (pure).

After the diff against the first parent, the lines new to it are looked up in each
other parent in turn, as ``git blame`` does: a line the result shares with parent
*k* takes that parent's line, and only what no parent has is the merge's own. The
lookup is by runs: each run of new lines is placed where the parent has the longest
stretch of the same lines (a neighbour that matches too breaks ties), so a blank line
or a lone ``}`` lands in its own block, not in the first one of the file.
"""

from __future__ import annotations

from collections.abc import Sequence

UNSET = -1
_CANDIDATES = 64


def same(result: list[int], parent: Sequence[int], places: Sequence[int] | None = None) -> None:
    """Fill the UNSET places of ``result`` from a parent whose file is the same blob;
    ``places``: where they are, when the caller knows (a merge's new lines)."""
    for place in range(len(result)) if places is None else places:
        if result[place] == UNSET:
            result[place] = parent[place]


def inherit(
    result: list[int], digests: Sequence[int], parent: Sequence[int], of_parent: Sequence[int]
) -> None:
    """Fill the UNSET places of ``result`` (the merge's ids; ``digests`` its lines) with
    the ids of ``parent`` (``of_parent``: their digests) where the parent has those lines."""
    if len(digests) == len(of_parent) and list(digests) == list(of_parent):
        same(result, parent)
        return
    # only the parent's lines that a new line could be are indexed
    wanted = {d for d, ident in zip(digests, result, strict=True) if ident == UNSET}
    where: dict[int, list[int]] = {}
    for j in [j for j, d in enumerate(of_parent) if d in wanted]:
        where.setdefault(of_parent[j], []).append(j)
    i = 0
    while i < len(result):
        if result[i] != UNSET:
            i += 1
            continue
        end = i
        while end < len(result) and result[end] == UNSET:
            end += 1
        while i < end:
            size, start = _best(digests, i, end, of_parent, where.get(digests[i], ()))
            for k in range(size):
                result[i + k] = parent[start + k]
            i += max(size, 1)


def _best(
    mine: Sequence[int], i: int, end: int, theirs: Sequence[int], places: Sequence[int]
) -> tuple[int, int]:
    best = (0, -1, 0)  # size, start, neighbour bonus
    for j in places[:_CANDIDATES]:
        k = 0
        while i + k < end and j + k < len(theirs) and mine[i + k] == theirs[j + k]:
            k += 1
        bonus = int(i > 0 and j > 0 and mine[i - 1] == theirs[j - 1])
        if (k, bonus) > (best[0], best[2]):
            best = (k, j, bonus)
    return best[0], best[1]
