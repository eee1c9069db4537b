"""A merge's lines shared with another parent (pure)."""

from __future__ import annotations

from gate.lineage.merges import UNSET, inherit


def test_identical_files_take_every_unset_line() -> None:
    result = [10, UNSET, UNSET]
    inherit(result, [1, 2, 3], [20, 21, 22], [1, 2, 3])
    assert result == [10, 21, 22]


def test_runs_land_on_the_longest_stretch_and_the_rest_is_new() -> None:
    # the merge: 1 (from parent 1), then 7 8 9 and 5, new to parent 1
    result = [10, UNSET, UNSET, UNSET, UNSET]
    # the other parent has 7 8 alone, and 1 7 8 9 later: the neighbour 1 decides
    inherit(result, [1, 7, 8, 9, 5], [30, 31, 32, 33, 34, 35], [7, 8, 4, 1, 7, 8])
    assert result == [10, 34, 35, UNSET, UNSET]
    # the first place found wins over a later one that is no better
    result = [UNSET]
    inherit(result, [7], [40, 41], [7, 7])
    assert result == [40]
