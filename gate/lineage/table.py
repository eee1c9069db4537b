"""Every line the replay has seen, one record each, in flat arrays (millions fit in memory).

A line id indexes the arrays: the commit that added it (an index into the period's
commits; :data:`BEFORE` for a line older than the period), its number and file in
that commit, its whitespace-free digest, the commit that first removed it
(:data:`ALIVE` if none), and whether a move ever carried it.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

BEFORE = -1
ALIVE = -1


@dataclass
class LineTable:
    """The records of every line, by id."""

    commit: array[int] = field(default_factory=lambda: array("i"))
    line: array[int] = field(default_factory=lambda: array("i"))
    path: array[int] = field(default_factory=lambda: array("i"))
    digest: array[int] = field(default_factory=lambda: array("q"))
    death: array[int] = field(default_factory=lambda: array("i"))
    moved: bytearray = field(default_factory=bytearray)
    paths: list[str] = field(default_factory=list)
    _path_ids: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.commit)

    def add(self, commit: int, line: int, path: str, digest: int) -> int:
        """A new line; its id."""
        pid = self._pid(path)
        self.commit.append(commit)
        self.line.append(line)
        self.path.append(pid)
        self.digest.append(digest)
        self.death.append(ALIVE)
        self.moved.append(0)
        return len(self.commit) - 1

    def add_block(self, commit: int, path: str, digests: list[int]) -> range:
        """Lines 1.. of a file, all born in ``commit`` (:data:`BEFORE`); their ids."""
        pid = self._pid(path)
        first, n = len(self.commit), len(digests)
        self.commit.extend(array("i", [commit]) * n)
        self.line.extend(range(1, n + 1))
        self.path.extend(array("i", [pid]) * n)
        self.digest.extend(digests)
        self.death.extend(array("i", [ALIVE]) * n)
        self.moved.extend(bytes(n))
        return range(first, first + n)

    def _pid(self, path: str) -> int:
        pid = self._path_ids.get(path)
        if pid is None:
            pid = self._path_ids[path] = len(self.paths)
            self.paths.append(path)
        return pid

    def remove(self, ident: int, commit: int) -> None:
        """``commit`` removed the line (the first removal is the one kept)."""
        if self.death[ident] == ALIVE:
            self.death[ident] = commit

    def revive(self, ident: int) -> None:
        """The line is in the final tree after all (a removal on a side branch)."""
        self.death[ident] = ALIVE
