"""Where each added line of a change comes from: the commit of the range that wrote it.

The range (``merge_base..head``) is replayed forward once by the line-lifetime
engine (:mod:`gate.lineage`): one ``git log -p`` for every commit's patch and one
``cat-file --batch`` for the files as they were before the range. At head, every
line of a changed file carries the commit that wrote it and its number and path
in that commit, which is what the evidence (notes, Agent Trace records) is keyed
by. Its definition of an origin is the one the AI share needs, so nothing is
re-blamed afterwards:

- a line a commit **moved** (it removed the same text, whitespace aside, from this
  file or another) or only re-indented keeps the origin of the removed line: when
  that is older than the range, the line is *preexisting*;
- a line that merely equals an older line, or copies code, is the commit's own (so
  every line of a file git calls a copy counts, not only its edits);
- a merge's lines that one of its parents has keep that parent's origin.

The replay costs one pass over the range's patches, whatever the number of files,
where ``git blame`` walked the history once per file (and compared each line with
every file of its commit for ``-C``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gate.change import FileChange, LineRange
from gate.errors import GitError
from gate.git import Git
from gate.lineage import engine
from gate.lineage.replay import Lifetimes, Node
from gate.lineage.state import digests
from gate.lineage.table import BEFORE, LineTable
from gate.text import visible

PREEXISTING = ""  # the origin "commit" of a line older than the range


@dataclass(frozen=True)
class Origin:
    """``count`` lines from ``final_line`` at head were written by commit ``sha`` (or are
    :data:`PREEXISTING`) as lines ``orig_line``.. of ``orig_path`` in that commit."""

    sha: str
    orig_line: int
    final_line: int
    count: int
    orig_path: str


@dataclass(frozen=True)
class Mismatch:
    """A file whose replayed lines do not cover what the diff says it adds (lines unknown)."""

    path: str
    reason: str


def origins(
    git: Git,
    merge_base: str,
    head: str,
    files: Sequence[FileChange],
    skip: Sequence[str] = (),
) -> list[tuple[Origin, ...] | Mismatch]:
    """The origins of the added lines of each of ``files`` (new paths, head line numbers),
    in order; ``skip``: paths whose blobs this clone lacks, left out of the replay."""
    if not files:
        return []
    nodes = engine.graph(git, head, None, (merge_base,))
    if not nodes:  # a diff with no commit: head is not a descendant of the merge-base
        return [
            Mismatch(str(f.new_path), f"no commit of the range wrote {visible(str(f.new_path))}")
            for f in files
        ]
    tip = nodes[-1].sha  # topological order, oldest first: head comes last

    def replay(leave: Sequence[str]) -> Lifetimes:
        return engine.lifetimes(
            git, head, None, exclude=(merge_base,), skip=leave, nodes=nodes, keep={tip}
        )

    try:
        lives = replay(skip)
    except GitError as exc:
        try:
            lost = _lacking(git, nodes) - set(skip)
        except GitError:
            raise exc from None
        if not lost:  # nothing missing: the same replay again would fail the same way
            raise
        skip = [*skip, *sorted(lost)]
        lives = replay(skip)
    state, table = lives.states[tip], lives.table
    left_out = set(skip)
    shas = [n.sha for n in nodes]
    found: list[tuple[Origin, ...] | Mismatch] = []
    for f in files:
        path = str(f.new_path)
        ids = state.files.get(path)
        if path in left_out:
            found.append(Mismatch(path, f"a blob of the history of {visible(path)} is missing "
                                  "from this clone (partial clone?)"))  # fmt: skip
            continue
        if ids is None:
            found.append(Mismatch(path, f"the replay of the range never reaches {visible(path)}"))
            continue
        # A copy's unedited lines are no line the diff adds, yet the change brings them in
        wanted = (LineRange(1, len(ids)),) if f.status == "copied" and ids else f.added
        last = max((r.start + r.count - 1 for r in wanted), default=0)
        if last > len(ids):
            found.append(
                Mismatch(
                    path,
                    f"the replay of the range finds {visible(path)} {len(ids)} lines long, "
                    f"where the diff adds line {last}",
                )
            )
            continue
        found.append(tuple(_runs(wanted, ids, shas, table)))
    return _reindented(git, state.base, files, found)


def _lacking(git: Git, nodes: Sequence[Node]) -> set[str]:
    """The paths whose blobs, in the range or at its boundary, this clone lacks: a partial
    clone whose remote cannot serve them stops ``git log -p`` as a whole (as ``git diff``
    in :mod:`gate.diff`), so the replay is run again without them."""
    inside = {n.sha for n in nodes}
    boundary = sorted({p for n in nodes for p in n.parents} - inside)
    missing = git.range_absent(nodes[-1].sha, boundary)
    return {path for blob, path in git.history_blobs(nodes[-1].sha, boundary) if blob in missing}


def _reindented(
    git: Git,
    boundary: str | None,
    files: Sequence[FileChange],
    found: list[tuple[Origin, ...] | Mismatch],
) -> list[tuple[Origin, ...] | Mismatch]:
    """``found`` with the files the replay never reached resolved: ``git log -p -w`` shows
    no patch for a file the range only re-indented, so when its lines at head equal, but
    for whitespace, those of the range's boundary, every one is older than the range."""
    lost = [i for i, r in enumerate(found) if isinstance(r, Mismatch)]
    if not lost or boundary is None:
        return found
    specs = [(f"{boundary}:{files[i].new_path}", str(files[i].new_blob)) for i in lost]
    blobs = git.cat_file([spec for pair in specs for spec in pair])
    result = list(found)
    for k, i in enumerate(lost):
        old, new = blobs[2 * k], blobs[2 * k + 1]
        if old is not None and new is not None and digests(old) == digests(new):
            f = files[i]
            result[i] = tuple(
                Origin(PREEXISTING, r.start, r.start, r.count, str(f.new_path)) for r in f.added
            )
    return result


def _runs(
    wanted: Sequence[LineRange], ids: list[int], shas: list[str], table: LineTable
) -> list[Origin]:
    """The lines ``wanted`` as runs of consecutive lines from one place of one commit."""
    runs: list[Origin] = []
    commit, number, paths, names = table.commit, table.line, table.path, table.paths

    def close(key: tuple[int, int, int], start: int, end: int) -> None:
        born, where, shift = key
        sha = PREEXISTING if born == BEFORE else shas[born]
        runs.append(Origin(sha, start + shift, start, end - start, names[where]))

    def place(line: int) -> tuple[int, int, int]:
        ident = ids[line - 1]
        return commit[ident], paths[ident], number[ident] - line

    for r in wanted:  # a range holds one line at least
        key, start = place(r.start), r.start
        for line in range(r.start + 1, r.start + r.count):
            here = place(line)
            if here != key:
                close(key, start, line)
                key, start = here, line
        close(key, start, r.start + r.count)
    return runs
