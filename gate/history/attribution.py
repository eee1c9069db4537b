"""Who wrote each line of the period: AI (which agent), a person, or unknown.

The AI check's own evidence, not a second definition: the commit signals
(:mod:`gate.ai.signals`, the shipped signatures plus ``[ai]`` of the branch tip's
config), git-ai notes (:mod:`gate.ai.notes`), Agent Trace records at the tip
(:mod:`gate.ai.trace`), combined line by line by :func:`gate.ai.attribute.rules`.
"""

from __future__ import annotations

from array import array
from collections.abc import Mapping
from dataclasses import dataclass

from gate.ai import attribute, notes, signals, trace
from gate.ai.commits import Commit
from gate.ai.signals import Fired
from gate.ai.signatures import Signatures
from gate.config import AiConfig
from gate.git import Git
from gate.lineage.replay import Lifetimes
from gate.lineage.table import BEFORE

KINDS = ("ai", "human", "unknown")
_CODE = {kind: code for code, kind in enumerate(KINDS)}


@dataclass(frozen=True)
class Authors:
    """Per line id: its kind (an index into :data:`KINDS`) and agent (an index into
    ``agents``, -1 for none); per commit: its lead signal."""

    kind: bytearray
    agent: array[int]
    agents: tuple[str, ...]
    leads: Mapping[str, Fired | None]
    notes: int  # commits with a git-ai note
    trace_records: int


def attribute_lines(
    git: Git,
    lives: Lifetimes,
    commits: Mapping[str, Commit],
    sigs: Signatures,
    cfg: AiConfig,
) -> Authors:
    """Attribute every line born in the period (I/O: the notes and the tip's trace file)."""
    leads = {sha: signals.strongest(signals.fire(c, sigs), cfg.count) for sha, c in commits.items()}
    found = notes.locate(git, commits)
    tip = lives.commits[-1].sha if lives.commits else None
    specs = [blob for _, blob in found.values()] + ([f"{tip}:{trace.PATH}"] if tip else [])
    blobs = git.cat_file(specs) if specs else []
    parsed = {
        sha: notes.parse(ref, blob or b"", sigs)
        for (sha, (ref, _)), blob in zip(found.items(), blobs, strict=False)
    }
    traces = trace.parse(blobs[-1] if tip else None, sigs)
    rules = attribute.rules(leads, parsed, traces, require_notes=cfg.require_notes)
    traced = {revision for revision, _ in traces.ranges}
    t = lives.table
    shas = [c.sha for c in lives.commits]
    per_commit = [
        None if sha in parsed or sha in traced else rules.fallback(sha, listed=False)
        for sha in shas
    ]
    agents: dict[str, int] = {}
    kind = bytearray(len(t))
    agent = array("i", [-1]) * len(t)
    for ident in range(len(t)):
        born = t.commit[ident]
        if born == BEFORE:
            continue
        verdict = per_commit[born] or rules.line(shas[born], t.paths[t.path[ident]], t.line[ident])
        kind[ident] = _CODE[verdict.kind]
        if verdict.agent is not None:
            agent[ident] = agents.setdefault(verdict.agent, len(agents))
    return Authors(kind, agent, tuple(agents), leads, len(parsed), traces.records)
