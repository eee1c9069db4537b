"""Judging the size check: the measurement against ``[size]`` (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from gate.config import SizeConfig
from gate.result import CheckResult, Finding
from gate.size.measurement import SizeMeasurement
from gate.size.source import BinarySource
from gate.text import plural

NAME = "size"


@dataclass(frozen=True)
class Limits:
    """The limits that apply: ``[size]``'s, tightened by every budget the AI share reaches."""

    max_changed_lines: int
    max_files: int
    why: str = ""  # empty, or the budgets that tightened them, for the messages


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
        reached = ", ".join(f"{b.ai_share_at_least:.0%}" for b in applied)
        why = f" (an AI share of {ai_share:.0%} reaches [[size.budget]] at {reached})"
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
    if m.new_excluded_lines > cfg.max_excluded_lines:
        findings.append(
            Finding.of(
                NAME,
                "max-excluded-lines",
                f"{plural(m.new_excluded_lines, 'line')} in "
                f"{plural(m.new_excluded_files, 'excluded file')} this change creates (a new "
                f"vendored folder, generated or lock file); [size] max_excluded_lines is "
                f"{cfg.max_excluded_lines}",
            )
        )
    hints: tuple[str, ...] = ()
    if findings:
        top = ", ".join(f"{path} ({n})" for path, n in m.biggest)
        hints = (
            "split the change into smaller ones that can be reviewed on their own"
            + (f"; the biggest files: {top}" if top else ""),
        )
    findings += [_binary_source(b, cfg) for b in m.binary_sources]
    summary = (
        f"{plural(m.changed_lines, 'changed line')} (+{m.lines_added} "
        f"-{m.lines_removed}) in {plural(m.files_changed, 'file')}; limits "
        f"{plural(lim.max_changed_lines, 'line')}, {plural(lim.max_files, 'file')}{lim.why}"
    )
    if m.new_excluded_lines:
        summary += (
            f"; {plural(m.new_excluded_lines, 'line')} in excluded files this change creates "
            f"(limit {cfg.max_excluded_lines})"
        )
    return CheckResult(
        name=NAME,
        status="fail" if any(f.blocking for f in findings) else "pass",
        summary=summary,
        metrics={
            "files_changed": m.files_changed,
            "lines_added": m.lines_added,
            "lines_removed": m.lines_removed,
            "changed_lines": m.changed_lines,
            "binary_files": m.binary_files,
            "renamed_files": m.renamed_files,
            "copied_files": m.copied_files,
            "binary_sources": len(m.binary_sources),
            "new_excluded_files": m.new_excluded_files,
            "new_excluded_lines": m.new_excluded_lines,
            "max_excluded_lines": cfg.max_excluded_lines,
            "max_changed_lines": lim.max_changed_lines,
            "max_files": lim.max_files,
        },
        findings=tuple(findings),
        hints=hints,
    )


def _binary_source(b: BinarySource, cfg: SizeConfig) -> Finding:
    """A source file hidden from line-based review by a NUL byte; blocking when the rest is text."""
    blocking = b.text and cfg.binary_source == "fail"
    rest = "the rest of it is text" if b.text else "the rest is not UTF-8 text either"
    return Finding.of(
        NAME,
        "binary-source",
        f"{b.path}: {b.why} that git calls binary (a NUL byte at byte {b.nul}), so no diff "
        f"shows it and no check reads it as text; {rest}. Its lines are counted here: remove "
        "the NUL byte (write \\0 in the source instead)",
        identity=("binary-source", b.path),
        path=b.path,
        severity="error" if blocking else "warning",
    )
