"""The line-lifetime engine: history replayed forward once, every line's birth and death.

Commits come oldest first (topological order), each with its patch against its
first parent. A commit's files are its first parent's, patched; the files a
commit inherits unchanged are shared, never copied, and a commit's state is
dropped once its last child is replayed. Files from before the period are read
when a commit first touches them (:mod:`gate.lineage.state`; their lines are
:data:`~gate.lineage.table.BEFORE`).

One definition of where a line comes from, the gate's: renames are followed (git's
``-M``); whitespace is ignored (``-w``); a line a commit moved (it removed it too,
from any file) keeps its origin (:mod:`gate.lineage.moves`); a copy is new; a merge's
lines shared with a parent keep that parent's origin (:mod:`gate.lineage.merges`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from gate.errors import GitError
from gate.lineage import merges, moves
from gate.lineage.patches import CommitPatch, FilePatch
from gate.lineage.state import Before, Reader, State, digests, split
from gate.lineage.table import BEFORE, LineTable
from gate.text import visible


@dataclass(frozen=True)
class Node:
    """A commit of the period: its sha, committer time and parents."""

    sha: str
    time: int
    parents: tuple[str, ...]


@dataclass
class Lifetimes:
    """The replay's result: the commits, every line's record, the states asked for."""

    commits: tuple[Node, ...]
    table: LineTable
    states: Mapping[str, State]
    alive: int  # lines of the period alive at the tip


@dataclass(frozen=True)
class _Born:
    """A file's new lines waiting for their ids: where they are in ``ids``, their text."""

    path: str
    ids: list[int]
    places: list[int]
    texts: list[bytes]
    digests: list[int]


class Replay:
    """One forward pass; :meth:`run` feeds it the patches."""

    def __init__(self, commits: Sequence[Node], read: Reader, keep: Collection[str] = ()) -> None:
        self.commits = tuple(commits)
        self.read = read
        self.keep = set(keep)
        self.table = LineTable()
        self.before = Before(read, self.table)
        self._states: dict[str, State] = {}
        self._kept: dict[str, State] = {}
        self._children = {c.sha: 0 for c in self.commits}
        for c in self.commits:
            for p in c.parents:
                if p in self._children:
                    self._children[p] += 1

    def run(
        self,
        patches: Iterable[CommitPatch],
        tick: Callable[[], None] = lambda: None,
        *,
        sparse: bool = False,
    ) -> Lifetimes:
        """Replay every commit's patch (in the order of ``commits``); the lifetimes.
        ``sparse``: the stream may leave out commits (a pathspec filtered it), each an
        empty patch; the ones it lists must still come in order."""
        stream = iter(patches)
        pending = next(stream, None)
        for i, node in enumerate(self.commits):
            if pending is not None and pending.sha == node.sha:
                patch, pending = pending, next(stream, None)
            elif sparse:
                patch = CommitPatch(node.sha)
            elif pending is None:
                raise GitError(
                    f"git log -p listed {i} commits where the period has {len(self.commits)}"
                )
            else:
                raise GitError(f"git log -p listed {pending.sha[:12]} out of the period's order")
            self._commit(i, patch)
            tick()
        if pending is not None:
            raise GitError(f"git log -p listed {pending.sha[:12]} out of the period's order")
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
        parents = [self._states.get(p) or State(p) for p in node.parents]
        state = State(None)
        if parents:
            state = State(parents[0].base, dict(parents[0].files), dict(parents[0].blobs))
        born: list[_Born] = []
        removed: list[int] = []
        wanted = [(state, f.old) for f in patch.files if f.old is not None]
        wanted += [(p, f.new) for p in parents[1:] for f in patch.files if f.new is not None]
        self.before.prefetch(wanted)
        for f in patch.files:
            self._file(i, state, f, born, removed)
        if len(parents) > 1:
            self._merge(state, parents[1:], born)
        else:
            self._moves(born, removed)
        for b in born:
            for place, digest in zip(b.places, b.digests, strict=True):
                if b.ids[place] == merges.UNSET:
                    b.ids[place] = self.table.add(i, place + 1, b.path, digest)
        self._states[node.sha] = state
        if node.sha in self.keep:
            self._kept[node.sha] = state
        for p in node.parents:
            if p in self._children:
                self._children[p] -= 1
                if self._children[p] == 0:
                    del self._states[p]

    def lookup(self, state: State, path: str) -> list[int]:
        """The line ids of ``path`` in ``state`` (read from before the period if untouched)."""
        return self.before.lookup(state, path)

    def _file(
        self, i: int, state: State, f: FilePatch, born: list[_Born], removed: list[int]
    ) -> None:
        old = self.lookup(state, f.old) if f.old is not None else []
        blob = f.blob or (self.before.blob(state, f.old) if f.old is not None else "")
        if f.old is not None and f.old != f.new:
            state.files[f.old], state.blobs[f.old] = [], ""
        if f.new is None or f.skipped or f.binary:
            for ident in old if not f.skipped else ():
                self.table.remove(ident, i)
            if f.new is not None:
                # git shows no lines when either side is binary: a file that became text
                # is read whole, all of it new
                found = self.read([f"{self.commits[i].sha}:{f.new}"])[0] if f.binary else None
                text = found[1] if found else b""
                whole = split(text)
                state.files[f.new] = [merges.UNSET] * len(whole)
                state.blobs[f.new] = blob if f.binary else ""
                if whole:
                    places = list(range(len(whole)))
                    born.append(_Born(f.new, state.files[f.new], places, whole, digests(text)))
            return
        new = self._patched(i, f, old, removed)
        state.files[f.new], state.blobs[f.new] = new.ids, blob
        if new.places:
            born.append(new)

    def _patched(self, i: int, f: FilePatch, old: list[int], removed: list[int]) -> _Born:
        assert f.new is not None
        b = _Born(f.new, [], [], [], [])
        new = b.ids
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
            b.places.extend(range(len(new), len(new) + len(h.added)))
            b.texts.extend(h.added)
            b.digests.extend(map(moves.digest, h.added))
            new += [merges.UNSET] * len(h.added)
        new += old[pos:]
        return b

    def _moves(self, born: list[_Born], removed: list[int]) -> None:
        """Added lines that are removed ones moved keep their ids."""
        if not removed or not born:
            return
        table = self.table
        weights = [[moves.weight(t) for t in b.texts] for b in born]
        found = moves.match([table.digest[r] for r in removed], [b.digests for b in born], weights)
        for b, hits in zip(born, found, strict=True):
            for place, j in zip(b.places, hits, strict=True):
                if j >= 0:
                    ident = removed[j]
                    b.ids[place] = ident
                    table.moved[ident] = 1
                    table.revive(ident)

    def _merge(self, state: State, others: list[State], born: list[_Born]) -> None:
        """A merge's new lines that another parent has keep that parent's ids."""
        digest = self.table.digest
        for b in born:
            for other in others:
                theirs = self.lookup(other, b.path)
                blob = state.blobs.get(b.path)
                if blob and self.before.blob(other, b.path) == blob and len(theirs) == len(b.ids):
                    merges.same(b.ids, theirs, b.places)  # the same blob: no line compared
                    continue
                mine = [digest[x] if x != merges.UNSET else 0 for x in b.ids]
                for place, d in zip(b.places, b.digests, strict=True):
                    mine[place] = d
                merges.inherit(b.ids, mine, theirs, [digest[x] for x in theirs])
