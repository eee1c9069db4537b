"""Moved lines (pure): runs with enough text keep their origin, each removed line once."""

from __future__ import annotations

from gate.lineage import moves


def digests(*texts: bytes) -> list[int]:
    return [hash(moves.normal(t)) for t in texts]


def weights(*texts: bytes) -> list[int]:
    return [moves.weight(moves.normal(t)) for t in texts]


def test_whitespace_is_ignored_and_short_runs_are_new() -> None:
    removed = digests(b"value = compute(1)", b"other = compute(2)", b"}")
    added = (b"  value  = compute(1)", b"other = compute(2)", b"}")
    assert moves.match(removed, [digests(*added)], [weights(*added)]) == [[0, 1, 2]]
    short = (b"}",)
    assert moves.match(removed, [digests(*short)], [weights(*short)]) == [[-1]]


def test_each_removed_line_moves_once_and_common_lines_are_bounded() -> None:
    line = b"a_long_enough_line_of_code = 1"
    removed = digests(*([line] * 100))
    added = [line] * 101
    (found,) = moves.match(removed, [digests(*added)], [weights(*added)])
    assert found[:100] == list(range(100))
    assert found[100] == -1
    # two runs, the first uses lines the second would have wanted
    two = moves.match(
        removed[:2], [digests(line), digests(line, line)], [weights(line), weights(line, line)]
    )
    assert two == [[0], [1, -1]]


def test_the_candidates_tried_are_capped() -> None:
    line = b"a_long_enough_line_of_code = 1"
    other = b"something_else_entirely = 2"
    removed = digests(*([line] * 70), other)
    added = (other, line)
    (found,) = moves.match(removed, [digests(*added)], [weights(*added)])
    assert found[0] == 70
