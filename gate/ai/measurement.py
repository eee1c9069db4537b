"""What the AI check measured: every surviving added line attributed, with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field

from gate.ai.attribute import Tally
from gate.ai.evidence import CommitEvidence
from gate.ai.remote import NotesSource
from gate.ai.trace import Traces


@dataclass(frozen=True)
class NotAnalysed:
    """A changed file whose lines could not be traced; its ``lines`` (the diff's added lines)
    are unknown."""

    path: str
    reason: str
    lines: int


@dataclass(frozen=True)
class Skipped:
    """A changed file whose lines are not counted at all (binary, a submodule, trace records)."""

    path: str
    reason: str


@dataclass(frozen=True)
class AiMeasurement:
    """The change's added lines, attributed; each commit's evidence; what was left out."""

    signatures_version: str
    commits: tuple[CommitEvidence, ...]
    tally: Tally
    unreadable: tuple[NotAnalysed, ...]
    skipped: tuple[Skipped, ...]
    trace: Traces
    notes_source: NotesSource  # fetched or not, and whether the remote's notes were read

    # Excluded files the change creates (a new vendored folder, generated or lock file):
    # attributed apart and reported, never part of ai_share.
    new_excluded: Tally = field(default_factory=lambda: Tally({}, 0))
    new_excluded_unreadable: int = 0

    @property
    def new_excluded_share(self) -> tuple[int, int, float | None]:
        """Added lines, AI lines and their share in the excluded files the change creates."""
        added = self.new_excluded.total() + self.new_excluded_unreadable
        ai = self.new_excluded.total("ai")
        return added, ai, ai / added if added else None

    @property
    def added_lines(self) -> int:
        """The share's denominator: attributed lines, and unreadable files' lines (unknown)."""
        return self.tally.total() + self.unreadable_lines

    @property
    def unreadable_lines(self) -> int:
        """Added lines of files that could not be traced: unknown."""
        return sum(u.lines for u in self.unreadable)

    @property
    def unknown_lines(self) -> int:
        """Lines no evidence decides: attributed as unknown, or in files not traced."""
        return self.tally.total("unknown") + self.unreadable_lines

    @property
    def ai_share(self) -> float | None:
        """AI lines over added lines; None when nothing was added (never NaN)."""
        return self.tally.total("ai") / self.added_lines if self.added_lines else None
