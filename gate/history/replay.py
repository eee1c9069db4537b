"""The line-lifetime engine: history replayed forward once, every line's birth and death.

Commits come oldest first (topological order), each with its patch against its
first parent. A commit's files are its first parent's, patched; the files a
commit inherits unchanged are shared, never copied, and a commit's state is
dropped once its last child is replayed. Files from before the period are read
when a commit first touches them (their lines are :data:`~gate.history.table.BEFORE`).

One definition of where a line comes from, the gate's: renames are followed (git's
``-M``); whitespace is ignored (``-w``); a line a commit moved (it removed it too,
from any file) keeps its origin (:mod:`gate.history.moves`); a copy is new; a merge's
lines shared with a parent keep that parent's origin (:mod:`gate.history.merges`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from gate.errors import GitError
from gate.history import merges, moves
from gate.history.patches import CommitPatch, FilePatch
from gate.history.table import BEFORE, LineTable
from gate.text import visible

Reader = Callable[[str], "tuple[str, bytes] | None"]
# a file's new lines waiting for their ids: path, its ids, the places and texts of the added
_Born = tuple[str, list[int], list[int], list[bytes]]
_BINARY_PROBE = 8000  # git's own test: a NUL byte in the first 8,000 bytes


@dataclass(frozen=True)
class Node:
    """A commit of the period: its sha, committer time and parents."""

    sha: str
    time: int
    parents: tuple[str, ...]


@dataclass
class State:
    """A commit's files: the touched ones here, the others as in ``base`` (before the period)."""

    base: str | None
    files: dict[str, list[int]] = field(default_factory=dict)


@dataclass
class Lifetimes:
    """The replay's result: the commits, every line's record, the states asked for."""

    commits: tuple[Node, ...]
    table: LineTable
    states: Mapping[str, State]
    alive: int  # lines of the period alive at the tip


def split(blob: bytes) -> list[bytes]:
    """A file's lines as git counts them (a last line without a newline counts)."""
    if not blob or b"\0" in blob[:_BINARY_PROBE]:
        return []
    lines = blob.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


class Replay:
    """One forward pass; :meth:`run` feeds it the patches."""

    def __init__(self, commits: Sequence[Node], read: Reader, keep: Collection[str] = ()) -> None:
        self.commits = tuple(commits)
        self.index = {c.sha: i for i, c in enumerate(self.commits)}
        self.read = read
        self.keep = set(keep)
        self.table = LineTable()
        self._states: dict[str, State] = {}
        self._kept: dict[str, State] = {}
        self._before: dict[tuple[str, str], list[int]] = {}
        self._blobs: dict[tuple[str, str], list[int]] = {}
        self._children = dict.fromkeys(self.index, 0)
        for c in self.commits:
            for p in c.parents:
                if p in self._children:
                    self._children[p] += 1

    def run(
        self, patches: Iterable[CommitPatch], tick: Callable[[], None] = lambda: None
    ) -> Lifetimes:
        """Replay every commit's patch (in the order of ``commits``); the lifetimes."""
        count = 0
        for count, patch in enumerate(patches, 1):
            if count > len(self.commits) or patch.sha != self.commits[count - 1].sha:
                raise GitError(f"git log -p listed {patch.sha[:12]} out of the period's order")
            self._commit(count - 1, patch)
            tick()
        if count != len(self.commits):
            raise GitError(
                f"git log -p listed {count} commits where the period has {len(self.commits)}"
            )
        alive = 0
        if self.commits:
            tip = self._states[self.commits[-1].sha]
            for ids in tip.files.values():
                for ident in ids:
                    if self.table.commit[ident] != BEFORE:
                        self.table.revive(ident)
                        alive += 1
        return Lifetimes(self.commits, self.table, self._kept, alive)

    def _commit(self, i: int, patch: CommitPatch) -> None:
        node = self.commits[i]
        parents = [self._state(p) for p in node.parents]
        state = State(node.parents[0] if node.parents else None)
        if parents:
            state = State(parents[0].base, dict(parents[0].files))
        born: list[_Born] = []
        removed: list[int] = []
        for f in patch.files:
            self._file(i, state, f, born, removed)
        if len(parents) > 1:
            self._merge(parents[1:], born)
        else:
            self._moves(born, removed)
        for path, ids, places, texts in born:
            for place, text in zip(places, texts, strict=True):
                if ids[place] == merges.UNSET:
                    ids[place] = self.table.add(i, place + 1, path, hash(moves.normal(text)))
        self._states[node.sha] = state
        if node.sha in self.keep:
            self._kept[node.sha] = state
        for p in node.parents:
            if p in self._children:
                self._children[p] -= 1
                if self._children[p] == 0:
                    del self._states[p]

    def _state(self, sha: str) -> State:
        if sha in self._states:
            return self._states[sha]
        return State(sha)  # a parent from before the period: its files are read when needed

    def lookup(self, state: State, path: str) -> list[int]:
        """The line ids of ``path`` in ``state`` (read from before the period if untouched)."""
        ids = state.files.get(path)
        if ids is not None:
            return ids
        if state.base is None:
            return []
        key = (state.base, path)
        if key not in self._before:
            found = self.read(f"{state.base}:{path}")
            # the same file in many commits from before the period is one blob: one set of ids
            blob = (path, found[0] if found else "")
            if blob not in self._blobs:
                self._blobs[blob] = [
                    self.table.add(BEFORE, n, path, hash(moves.normal(text)))
                    for n, text in enumerate(split(found[1] if found else b""), 1)
                ]
            self._before[key] = self._blobs[blob]
        return self._before[key]

    def _file(
        self,
        i: int,
        state: State,
        f: FilePatch,
        born: list[_Born],
        removed: list[int],
    ) -> None:
        old = self.lookup(state, f.old) if f.old is not None else []
        if f.old is not None and f.old != f.new:
            state.files[f.old] = []
        if f.new is None or f.skipped or f.binary:
            for ident in old if not f.skipped else ():
                self.table.remove(ident, i)
            if f.new is not None:
                # git shows no lines when either side is binary: a file that became text
                # is read whole, all of it new
                found = self.read(f"{self.commits[i].sha}:{f.new}") if f.binary else None
                whole = split(found[1]) if found else []
                state.files[f.new] = [merges.UNSET] * len(whole)
                if whole:
                    born.append((f.new, state.files[f.new], list(range(len(whole))), whole))
            return
        new: list[int] = []
        places: list[int] = []
        texts: list[bytes] = []
        pos = 0
        for h in f.hunks:
            start = h.old_start if h.old_count == 0 else h.old_start - 1
            if (
                start < pos
                or start + h.old_count > len(old)
                or (h.new_count and len(new) + start - pos + 1 != h.new_start)
            ):
                raise GitError(
                    f"history replay out of step at {self.commits[i].sha[:12]} in "
                    f"{visible(f.new)}: a hunk does not fit the file"
                )
            new += old[pos:start]
            for ident in old[start : start + h.old_count]:
                self.table.remove(ident, i)
                removed.append(ident)
            pos = start + h.old_count
            places += range(len(new), len(new) + len(h.added))
            texts += h.added
            new += [merges.UNSET] * len(h.added)
        new += old[pos:]
        state.files[f.new] = new
        if places:
            born.append((f.new, new, places, texts))

    def _moves(self, born: list[_Born], removed: list[int]) -> None:
        """Added lines that are removed ones moved keep their ids."""
        if not removed or not born:
            return
        table = self.table
        runs, weights = [], []
        for _, _, _, texts in born:
            normal = [moves.normal(t) for t in texts]
            runs.append([hash(n) for n in normal])
            weights.append([moves.weight(n) for n in normal])
        found = moves.match([table.digest[r] for r in removed], runs, weights)
        for (_, ids, places, _), hits in zip(born, found, strict=True):
            for place, j in zip(places, hits, strict=True):
                if j >= 0:
                    ident = removed[j]
                    ids[place] = ident
                    table.moved[ident] = 1
                    table.revive(ident)

    def _merge(self, others: list[State], born: list[_Born]) -> None:
        """A merge's new lines that another parent has keep that parent's ids."""
        digest = self.table.digest
        for path, ids, places, texts in born:
            mine = [digest[x] if x != merges.UNSET else 0 for x in ids]
            for place, text in zip(places, texts, strict=True):
                mine[place] = hash(moves.normal(text))
            for other in others:
                theirs = self.lookup(other, path)
                merges.inherit(ids, mine, theirs, [digest[x] for x in theirs])
