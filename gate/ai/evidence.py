"""The audit trail: per commit, which signals fired and how its surviving lines were counted."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gate.ai.attribute import Tally
from gate.ai.commits import Commit
from gate.ai.notes import Note
from gate.ai.signals import Fired
from gate.result import Metric


@dataclass(frozen=True)
class CommitEvidence:
    """One commit's share of the change and why (signals fired, note, line attributions)."""

    commit: Commit
    fired: tuple[Fired, ...]
    lead: Fired | None
    note: Note | None
    ai: Mapping[str, int]  # lines by agent
    human: int
    unknown: int
    sources: Mapping[str, int]  # lines by the evidence that decided them

    @property
    def ai_lines(self) -> int:
        """Lines of this commit counted as AI, whichever agent."""
        return sum(self.ai.values())

    @property
    def is_ai(self) -> bool:
        """A commit with a counted signal, or with lines a note or trace attributes to AI."""
        return self.lead is not None or self.ai_lines > 0

    def notable(self) -> bool:
        """Worth listing: AI, a signal fired (even an uncounted one), a note, unknown lines."""
        return self.is_ai or bool(self.fired) or self.note is not None or self.unknown > 0

    def metric(self) -> Mapping[str, Metric]:
        """This commit's entry in the ``evidence`` metric of the JSON report."""
        return {
            "sha": self.commit.sha,
            "subject": self.commit.subject[:200],
            "author": f"{self.commit.author_name} <{self.commit.author_email}>",
            "agent": self.lead.agent if self.lead else None,
            "class": self.lead.cls if self.lead else None,
            "lines": {"ai": self.ai_lines, "human": self.human, "unknown": self.unknown},
            "by_agent": dict(self.ai),
            "decided_by": dict(self.sources),
            "signals": tuple(_signal(f) for f in self.fired),
            "note": None
            if self.note is None
            else {"ref": self.note.ref, "problem": self.note.problem},
        }


def _signal(f: Fired) -> Mapping[str, Metric]:
    return {
        "id": f.id,
        "agent": f.agent,
        "class": f.cls,
        "where": f.where,
        "match": f.match,
        "model": f.model,
    }


def collect(
    order: tuple[str, ...],
    *,
    commits: Mapping[str, Commit],
    fired: Mapping[str, tuple[Fired, ...]],
    leads: Mapping[str, Fired | None],
    notes: Mapping[str, Note],
    tally: Tally,
) -> tuple[CommitEvidence, ...]:
    """Evidence for each commit of the range, in ``order`` (pure)."""
    grouped = tally.by_commit()
    result = []
    for sha in order:
        ai: dict[str, int] = {}
        human = unknown = 0
        sources: dict[str, int] = {}
        for attribution, n in grouped.get(sha, {}).items():
            if attribution.kind == "ai" and attribution.agent is not None:
                ai[attribution.agent] = ai.get(attribution.agent, 0) + n
            elif attribution.kind == "human":
                human += n
            else:
                unknown += n
            label = f"{attribution.kind}: {attribution.source}"
            sources[label] = sources.get(label, 0) + n
        result.append(
            CommitEvidence(
                commits[sha], fired[sha], leads[sha], notes.get(sha), ai, human, unknown, sources
            )
        )
    return tuple(result)
