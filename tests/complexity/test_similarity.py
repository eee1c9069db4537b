"""Pairing a removed and an added function by body similarity (pure)."""

from __future__ import annotations

import pytest

from gate.complexity.matching import Lineage, Side, match
from gate.complexity.model import Function
from gate.complexity.similarity import MIN_SHARED, pairs


def fn(name: str, body: range | tuple[int, ...], cc: int = 2) -> Function:
    return Function(name, 1, 1, 30, cc, f"text of {name}", tuple(body))


@pytest.mark.parametrize(
    ("heads", "bases", "expected"),
    [
        pytest.param([fn("h", range(10))], [fn("b", range(5))], [(0, 0)], id="grown"),
        pytest.param([fn("h", range(2))], [fn("b", range(2))], [], id="too-few-lines"),
        pytest.param([fn("h", range(3, 10))], [fn("b", range(10))], [(0, 0)], id="at-60-percent"),
        pytest.param([fn("h", range(5, 10))], [fn("b", range(10))], [], id="under-60-percent"),
        pytest.param(
            [fn("h1", range(4)), fn("h2", range(10))],
            [fn("b", range(10))],
            [(1, 0)],
            id="the-most-similar-wins",
        ),
        pytest.param(
            [fn("h", range(10))],
            [fn("b1", range(4)), fn("b2", range(10))],
            [(0, 1)],
            id="a-tie-goes-to-more-shared-lines",
        ),
        pytest.param([], [fn("b", range(5))], [], id="nothing-added"),
    ],
)
def test_pairs(
    heads: list[Function], bases: list[Function], expected: list[tuple[int, int]]
) -> None:
    assert pairs(heads, bases) == expected


def test_a_line_in_every_removed_function_identifies_none() -> None:
    common = (1, 2, 3)
    bases = [fn(f"b{i}", (*common, 100 + i)) for i in range(25)]
    assert pairs([fn("h", (*common, 999))], bases) == []
    assert MIN_SHARED == 3


def _side(path: str, *functions: Function) -> Side:
    return Side(path, functions, None)


def test_match_pairs_similar_functions_in_a_file_before_across_files() -> None:
    grown = fn("handle_v2", range(12), cc=10)
    lineages = [
        Lineage(_side("a.py", fn("handle", range(6))), _side("a.py", grown)),
        Lineage(_side("b.py", fn("handle_copy", range(6))), None),
    ]
    found = {(p.how, p.base and p.base.function.qualname) for p in match(lineages)}
    assert ("similar", "handle") in found
    assert (None, "handle_copy") in found  # removed: the grown one was taken in its own file


def test_match_pairs_a_function_moved_while_it_grew() -> None:
    lineages = [
        Lineage(_side("a.py", fn("handle", range(6))), _side("a.py")),
        Lineage(_side("b.py"), _side("b.py", fn("serve", range(12), cc=10))),
    ]
    (pair,) = match(lineages)
    assert pair.how == "moved-similar"
