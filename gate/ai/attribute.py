"""Each added line to AI, a person, or unknown: the evidence combined, line by line (pure).

For a line whose origin (:mod:`gate.ai.origins`) is commit C (in the range), as line L
of path P in C:

1. C's git-ai note lists (P, L) under an AI session: AI, that session's tool.
2. An Agent Trace record for revision C lists (P, L) as ``ai``: AI, its tool.
3. C's counted signals name an agent: AI, that agent (a squash commit's
   co-author applies to all its lines).
4. Otherwise, when C's note is malformed: unknown. When C has a note that
   lists L as a person's: human. When C has a note that does not list L:
   unknown (git-ai attests neither way). When C has no note: human, or unknown
   if ``[ai] require_notes`` says every commit should have one.

Self-declared evidence (notes, traces, trailers) can only raise the AI share:
a note saying "human" never outweighs a commit's AI signal. A revert's lines
are also judged as its chain's origin (:mod:`gate.ai.reverts`), and the stronger
of the two attributions (AI, then unknown, then human) counts, under the commit
it came from. A line whose origin is outside the range (older code moved, or only
re-indented) is not an added line of the change: it is counted as ``preexisting``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Literal

from gate.ai.notes import Note
from gate.ai.origins import Origin
from gate.ai.signals import Fired
from gate.ai.trace import Traces

Kind = Literal["ai", "human", "unknown"]


@dataclass(frozen=True)
class Attribution:
    """How one line is counted, and on what evidence."""

    kind: Kind
    agent: str | None
    source: str


@dataclass(frozen=True)
class Tally:
    """Lines by ``(commit, attribution)``, and the diff-added lines traced to before the range."""

    lines: Mapping[tuple[str, Attribution], int]
    preexisting: int

    def total(self, kind: Kind | None = None) -> int:
        """Lines counted as ``kind`` (every attributed line when None)."""
        return sum(n for (_, v), n in self.lines.items() if kind in (None, v.kind))

    def with_ai_of(self, excluded: Tally) -> Tally:
        """This tally plus the AI lines of excluded files (their other lines dilute nothing)."""
        lines = Counter(self.lines)
        for key, n in excluded.lines.items():
            if key[1].kind == "ai":
                lines[key] += n
        return Tally(dict(lines), self.preexisting)

    def by_agent(self) -> dict[str, int]:
        """AI lines per agent, most first (ties by name, so reports are stable)."""
        counts: Counter[str] = Counter()
        for (_, v), n in self.lines.items():
            if v.kind == "ai" and v.agent is not None:
                counts[v.agent] += n
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

    def by_commit(self) -> dict[str, dict[Attribution, int]]:
        """Per commit, its lines by attribution (for the evidence of each commit)."""
        grouped: dict[str, dict[Attribution, int]] = {}
        for (sha, attribution), n in self.lines.items():
            grouped.setdefault(sha, {})[attribution] = n
        return grouped


def tally(
    files: Sequence[Sequence[Origin]],
    leads: Mapping[str, Fired | None],
    notes: Mapping[str, Note],
    traces: Traces,
    *,
    require_notes: bool,
    restored: Mapping[str, str] | None = None,
) -> Tally:
    """Count every traced line. ``leads``: each range commit's counted lead signal (or None);
    ``restored``: each revert's origin commit (:func:`gate.ai.reverts.origins`)."""
    rules = _Rules(leads, notes, traces, require_notes)
    origins = restored or {}
    lines: Counter[tuple[str, Attribution]] = Counter()
    preexisting = 0
    traced = {revision for revision, _ in traces.ranges}
    for entries in files:
        for e in entries:
            if e.sha not in leads:
                preexisting += e.count
                continue
            shas = (e.sha, origins[e.sha]) if e.sha in origins else (e.sha,)
            if not any(sha in notes or sha in traced for sha in shas):  # one for the whole entry
                lines[_strongest(shas, partial(rules.fallback, listed=False))] += e.count
            elif len(shas) == 1:  # the common case, kept free of the revert's comparison
                for line in range(e.orig_line, e.orig_line + e.count):
                    lines[e.sha, rules.line(e.sha, e.orig_path, line)] += 1
            else:
                for line in range(e.orig_line, e.orig_line + e.count):
                    lines[_strongest(shas, partial(rules.line, path=e.orig_path, line=line))] += 1
    return Tally(dict(lines), preexisting)


_RANK = {"human": 0, "unknown": 1, "ai": 2}


def _strongest(
    shas: tuple[str, ...], attribute: Callable[[str], Attribution]
) -> tuple[str, Attribution]:
    """The commit and attribution that count: a revert's origin only where it is stronger
    (the line number is the revert's, which a pure revert shares with its origin)."""
    found = [(sha, attribute(sha)) for sha in shas]
    return max(reversed(found), key=lambda item: _RANK[item[1].kind])


def rules(
    leads: Mapping[str, Fired | None],
    notes: Mapping[str, Note],
    traces: Traces,
    *,
    require_notes: bool,
) -> _Rules:
    """The attribution rules above, for one line at a time (``gate history`` asks them
    about every line it replays): ``.line(sha, path, line)``, ``.fallback(sha, listed=False)``.
    """
    return _Rules(leads, notes, traces, require_notes)


@dataclass(frozen=True)
class _Rules:
    leads: Mapping[str, Fired | None]
    notes: Mapping[str, Note]
    traces: Traces
    require_notes: bool

    def line(self, sha: str, path: str, line: int) -> Attribution:
        note = self.notes.get(sha)
        listed = note.at(path, line) if note is not None and note.problem is None else None
        if listed is not None and listed.agent is not None:
            return Attribution("ai", listed.agent, "git-ai note")
        agent = self.traces.at(sha, path, line)
        if agent is not None:
            return Attribution("ai", agent, "agent trace")
        return self.fallback(sha, listed=listed is not None)

    def fallback(self, sha: str, *, listed: bool) -> Attribution:
        """Rules 3 and 4: the commit's signals, else what its note (or its absence) says."""
        lead = self.leads[sha]
        note = self.notes.get(sha)
        if lead is not None:
            return Attribution("ai", lead.agent, "commit signal")
        if note is None:
            if self.require_notes:
                return Attribution("unknown", None, "no git-ai note")
            return Attribution("human", None, "no AI signal")
        if note.problem is not None:
            return Attribution("unknown", None, "malformed git-ai note")
        if listed:
            return Attribution("human", None, "git-ai note")
        return Attribution("unknown", None, "not listed in the git-ai note")
