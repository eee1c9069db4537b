"""The replay fed patches that do not fit: errors, never a silent wrong answer (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from gate.errors import GitError
from gate.lineage.patches import CommitPatch, FilePatch, Hunk
from gate.lineage.replay import Node, Replay
from gate.lineage.table import ALIVE, LineTable

A, B = "a" * 40, "b" * 40


def nothing(specs: Sequence[str]) -> list[tuple[str, bytes] | None]:
    return [None] * len(specs)


def test_out_of_order_and_missing_commits() -> None:
    nodes = [Node(A, 0, ()), Node(B, 1, (A,))]
    with pytest.raises(GitError, match="out of the period's order"):
        Replay(nodes, nothing).run([CommitPatch(B)])
    with pytest.raises(GitError, match="listed 1 commits where the period has 2"):
        Replay(nodes, nothing).run([CommitPatch(A)])
    assert Replay([], nothing).run([]).alive == 0


def test_a_hunk_beyond_the_file_is_out_of_step() -> None:
    patch = CommitPatch(A, [FilePatch("f", "f", hunks=[Hunk(3, 1, 3, 1, [b"y"])])])
    with pytest.raises(GitError, match="out of step at aaaaaaaaaaaa in f"):
        Replay([Node(A, 0, ())], nothing).run([patch])


def test_files_before_the_period_are_read_once_per_blob() -> None:
    reads: list[str] = []

    def read(specs: Sequence[str]) -> list[tuple[str, bytes] | None]:
        reads.extend(specs)
        return [("1" * 40, b"one\ntwo\n")] * len(specs)

    # two commits from before the period (P, Q) with the same f.py, merged by A
    nodes = [Node(A, 0, ("p" * 40, "q" * 40))]
    patch = CommitPatch(A, [FilePatch("f.py", "f.py", hunks=[Hunk(2, 0, 3, 1, [b"three"])])])
    replay = Replay(nodes, read, keep={A})
    lives = replay.run([patch])
    assert reads == ["p" * 40 + ":f.py", "q" * 40 + ":f.py"]
    assert lives.alive == 1


def test_a_second_removal_keeps_the_first() -> None:
    t = LineTable()
    ident = t.add(0, 1, "f", 7)
    t.remove(ident, 3)
    t.remove(ident, 5)
    assert t.death[ident] == 3
    t.revive(ident)
    assert t.death[ident] == ALIVE


def test_a_sparse_stream_may_leave_out_commits_but_not_add_any() -> None:
    nodes = [Node(A, 0, ()), Node(B, 1, (A,))]
    patch = CommitPatch(B, [FilePatch(None, "f", hunks=[Hunk(0, 0, 1, 1, [b"x"])])])
    lives = Replay(nodes, nothing).run([patch], sparse=True)
    assert (lives.alive, len(lives.table)) == (1, 1)
    with pytest.raises(GitError, match="listed cccccccccccc out of the period's order"):
        Replay(nodes, nothing).run([CommitPatch("c" * 40)], sparse=True)
