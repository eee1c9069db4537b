"""Judging the size check: the measurement against ``[size]`` (pure)."""

from __future__ import annotations

from gate.config import SizeConfig
from gate.result import CheckResult, Finding
from gate.size.measurement import SizeMeasurement
from gate.text import plural

NAME = "size"


def judge(m: SizeMeasurement, cfg: SizeConfig) -> CheckResult:
    """Pass or fail against ``[size]`` (pure)."""
    findings = []
    if m.changed_lines > cfg.max_changed_lines:
        findings.append(
            Finding.of(
                NAME,
                "max-changed-lines",
                f"{plural(m.changed_lines, 'changed line')} (+{m.lines_added} -{m.lines_removed}); "
                f"the limit is {cfg.max_changed_lines}",
            )
        )
    if m.files_changed > cfg.max_files:
        findings.append(
            Finding.of(
                NAME,
                "max-files",
                f"{plural(m.files_changed, 'file')} changed; the limit is {cfg.max_files}",
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
        f"{plural(cfg.max_changed_lines, 'line')}, {plural(cfg.max_files, 'file')}"
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
            "copied_files": m.copied_files,
            "max_changed_lines": cfg.max_changed_lines,
            "max_files": cfg.max_files,
        },
        findings=tuple(findings),
        hints=hints,
    )
