"""Size gate: how many files and lines the change touches.

Renames count only their edited lines (git's rename detection); a copy counts
every line it brings in, read from its blob (a reviewer reads a copy as new
code, and ``-C`` alone would count only its edits). Excluded files count for
nothing. Binary files count as files, not lines. ``[[size.budget]]`` limits
tighten with the AI share, so the check runs after the ``ai`` check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gate.change import FileChange
from gate.errors import GateError, GitError
from gate.git import Git
from gate.inputs import Inputs
from gate.result import CheckResult
from gate.size.judge import NAME, judge
from gate.size.measurement import Lines, SizeMeasurement, count_lines, measure
from gate.text import visible

BINARY_PROBE = 8000  # git calls a blob binary when its first 8,000 bytes hold a NUL


def copied_lines(git: Git, files: Sequence[FileChange]) -> dict[str, Lines]:
    """Every line of each copied text file, read in one ``cat-file``: all added, none removed."""
    copies = [f for f in files if f.status == "copied" and not f.binary and f.new_blob]
    blobs = git.cat_file([str(f.new_blob) for f in copies])
    counted = {}
    for f, data in zip(copies, blobs, strict=True):
        if data is None:  # never the diff's smaller count instead
            raise GitError(
                f"{visible(f.path)}: the blob of this copy is missing from this clone "
                "(partial clone?), so its lines cannot be counted"
            )
        # git's binary test: an exact copy has no patch that would have said "binary"
        counted[f.path] = Lines(0 if b"\0" in data[:BINARY_PROBE] else count_lines(data), 0)
    return counted


def measure_change(inputs: Inputs) -> SizeMeasurement:
    """Count the measured files' lines, copies by their blobs (I/O)."""
    files = inputs.measured_files()
    return measure(files, copied_lines(inputs.git, files))


@dataclass(frozen=True)
class SizeCheck:
    """The ``size`` check, as :func:`gate.checks.registry` lists it."""

    name: str = NAME
    needs: tuple[str, ...] = ("ai",)  # the budgets tighten with the AI share

    def run(self, inputs: Inputs) -> CheckResult:
        """Measure the change, then judge it against the config and the AI share's budgets."""
        cfg = inputs.config.size
        share = None
        if cfg.budget:
            ai = inputs.earlier["ai"]
            if ai.status in ("error", "skipped"):
                raise GateError(
                    f"[[size.budget]] depends on the AI share, and the ai check "
                    f"{'could not run' if ai.status == 'error' else 'is disabled'}"
                )
            value = ai.metrics.get("ai_share")
            share = value if isinstance(value, float) else None
        return judge(measure_change(inputs), cfg, share)
