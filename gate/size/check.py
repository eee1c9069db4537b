"""Size gate: how many files and lines the change touches.

Renames and copies count only their edited lines (git's rename detection);
excluded files count for nothing. Binary files count as files, not lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gate.change import FileChange
from gate.config import SizeConfig
from gate.errors import GateError
from gate.inputs import Inputs
from gate.result import CheckResult, Finding
from gate.text import plural

NAME = "size"


@dataclass(frozen=True)
class SizeMeasurement:
    """Files and lines the change touches, and the three biggest files for the hint."""

    files_changed: int
    lines_added: int
    lines_removed: int
    binary_files: int
    renamed_files: int
    biggest: tuple[tuple[str, int], ...]  # (path, changed lines), largest first

    @property
    def changed_lines(self) -> int:
        """Added plus removed lines: what ``max_changed_lines`` limits."""
        return self.lines_added + self.lines_removed


def measure(files: Sequence[FileChange]) -> SizeMeasurement:
    """Count files and lines (pure)."""
    ranked = sorted(
        ((f.path, f.lines_added + f.lines_removed) for f in files), key=lambda item: -item[1]
    )
    return SizeMeasurement(
        files_changed=len(files),
        lines_added=sum(f.lines_added for f in files),
        lines_removed=sum(f.lines_removed for f in files),
        binary_files=sum(f.binary for f in files),
        renamed_files=sum(f.status == "renamed" for f in files),
        biggest=tuple(item for item in ranked[:3] if item[1]),
    )


@dataclass(frozen=True)
class Limits:
    """The limits that apply: ``[size]``'s, tightened by every budget the AI share reaches."""

    max_changed_lines: int
    max_files: int
    why: str = ""  # empty, or the budget that tightened them, for the messages


def limits(cfg: SizeConfig, ai_share: float | None) -> Limits:
    """The tightest of ``[size]`` and each ``[[size.budget]]`` whose AI share is reached."""
    applied = [b for b in cfg.budget if ai_share is not None and ai_share >= b.ai_share_at_least]
    lines = min(
        [cfg.max_changed_lines]
        + [b.max_changed_lines for b in applied if b.max_changed_lines is not None]
    )
    files = min([cfg.max_files] + [b.max_files for b in applied if b.max_files is not None])
    why = ""
    if applied and (lines, files) != (cfg.max_changed_lines, cfg.max_files):
        why = (
            f" (an AI share of {ai_share:.0%} reaches [[size.budget]] ai_share_at_least "
            + ", ".join(f"{b.ai_share_at_least:.0%}" for b in applied)
            + ")"
        )
    return Limits(lines, files, why)


def judge(m: SizeMeasurement, cfg: SizeConfig, ai_share: float | None = None) -> CheckResult:
    """Pass or fail against ``[size]`` and the budgets ``ai_share`` reaches (pure)."""
    lim = limits(cfg, ai_share)
    findings = []
    if m.changed_lines > lim.max_changed_lines:
        findings.append(
            Finding.of(
                NAME,
                "max-changed-lines",
                f"{plural(m.changed_lines, 'changed line')} (+{m.lines_added} -{m.lines_removed}); "
                f"the limit is {lim.max_changed_lines}{lim.why}",
            )
        )
    if m.files_changed > lim.max_files:
        findings.append(
            Finding.of(
                NAME,
                "max-files",
                f"{plural(m.files_changed, 'file')} changed; the limit is {lim.max_files}{lim.why}",
            )
        )
    hints: tuple[str, ...] = ()
    if findings:
        top = ", ".join(f"{path} ({n})" for path, n in m.biggest)
        hints = (
            "split the change into smaller ones that can be reviewed on their own"
            + (f"; the biggest files: {top}" if top else ""),
        )
    summary = (
        f"{plural(m.changed_lines, 'changed line')} (+{m.lines_added} "
        f"-{m.lines_removed}) in {plural(m.files_changed, 'file')}; limits "
        f"{plural(lim.max_changed_lines, 'line')}, {plural(lim.max_files, 'file')}{lim.why}"
    )
    return CheckResult(
        name=NAME,
        status="fail" if findings else "pass",
        summary=summary,
        metrics={
            "files_changed": m.files_changed,
            "lines_added": m.lines_added,
            "lines_removed": m.lines_removed,
            "changed_lines": m.changed_lines,
            "binary_files": m.binary_files,
            "renamed_files": m.renamed_files,
            "max_changed_lines": lim.max_changed_lines,
            "max_files": lim.max_files,
        },
        findings=tuple(findings),
        hints=hints,
    )


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
        return judge(measure(inputs.measured_files()), cfg, share)
