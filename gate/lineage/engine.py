"""The replay run on a repository (I/O): three git processes for a whole period.

``git log`` lists the period's commits (topological order, oldest first), a second
``git log -p`` streams their patches, and one ``cat-file --batch`` reads the files
from before the period as the replay first touches them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from gate.git import Git
from gate.lineage import patches
from gate.lineage.replay import Lifetimes, Node, Replay


def graph(git: Git, tip: str, since: int | None, exclude: Sequence[str] = ()) -> tuple[Node, ...]:
    """The period's commits reachable from ``tip``, committed at ``since`` or later (None:
    any time), that no commit of ``exclude`` reaches (the AI check: ``merge_base..head``)."""
    nodes = []
    for line in git.history_graph(tip, since, exclude).decode("ascii").splitlines():
        sha, time, *parents = line.split()
        nodes.append(Node(sha, int(time), tuple(parents)))
    return tuple(nodes)


def lifetimes(
    git: Git,
    tip: str,
    since: int | None,
    *,
    exclude: Sequence[str] = (),
    skip: Sequence[str] = (),
    nodes: Sequence[Node] | None = None,
    keep: Collection[str] = (),
    tick: Callable[[], None] = lambda: None,
) -> Lifetimes:
    """Every line added in the period, born and (maybe) dead; ``keep``: states to return.
    ``nodes``: the period's :func:`graph`, when the caller has it already; ``exclude``:
    see :func:`graph`; ``skip``: paths left out of the replay (their blobs are missing)."""
    nodes = graph(git, tip, since, exclude) if nodes is None else nodes
    with git.blob_reader() as read, git.history_patches(tip, since, exclude, skip) as stream:
        return Replay(nodes, read, keep).run(patches.parse(stream), tick, sparse=bool(skip))
