"""Revert chains, pure: which commit a revert's lines are counted as."""

from __future__ import annotations

import pytest

from gate.ai.commits import Commit
from gate.ai.reverts import origins


def _commit(sha: str, message: str) -> Commit:
    return Commit(sha, (), "Dev", "dev@example.com", "Dev", "dev@example.com", message)


def _reverts(target: str) -> str:
    return f'Revert "x"\n\nThis reverts commit {target}.\n'


A, B, C, D, OUT = ("a" * 40, "b" * 40, "c" * 40, "d" * 40, "e" * 40)


@pytest.mark.parametrize(
    ("messages", "expected"),
    [
        pytest.param({A: "work", B: _reverts(A)}, {B: A}, id="lone"),
        pytest.param({A: "work", B: _reverts(A), C: _reverts(B)}, {B: A, C: A}, id="two"),
        pytest.param(
            {A: "work", B: _reverts(A), C: _reverts(B), D: _reverts(C)},
            {B: A, C: A, D: A},
            id="three",
        ),
        pytest.param({A: _reverts(OUT)}, {}, id="outside-the-range"),
        pytest.param({A: _reverts(A)}, {}, id="itself"),
        pytest.param({A: _reverts(B), B: _reverts(A)}, {A: B, B: A}, id="a-cycle-stops"),
        pytest.param(
            {A: "work", B: "x", C: _reverts(B) + "\n" + _reverts(A)},
            {C: A},
            id="the-last-line-counts",
        ),
        pytest.param({A: "work", B: "see: This reverts commit " + A}, {}, id="not-at-a-line-start"),
        pytest.param({A: "work", B: f"This reverts commit {A[:12]}."}, {}, id="abbreviated"),
    ],
)
def test_origins(messages: dict[str, str], expected: dict[str, str]) -> None:
    commits = {sha: _commit(sha, text) for sha, text in messages.items()}
    assert origins(commits) == expected
