"""The summary printed to the terminal: what failed, why, and what to do.

Colour only when asked (a TTY without NO_COLOR); untrusted text is escaped, and
nothing in it can be read as a workflow command by the GitHub Actions runner.
"""

from __future__ import annotations

import click

from gate.report import location
from gate.report.workflow_commands import inert
from gate.result import CheckResult, Result, Status
from gate.text import plural, visible

_MARK: dict[Status, tuple[str, str]] = {
    "pass": ("✓", "green"),
    "fail": ("✗", "red"),
    "error": ("!", "magenta"),
    "skipped": ("-", "bright_black"),
}
_VERDICT = {"pass": ("PASS", "green"), "fail": ("FAIL", "red"), "error": ("ERROR", "magenta")}
MAX_FINDINGS = 10


def render(result: Result, *, color: bool = False) -> str:
    """The whole summary as text, ending in a line that says what the exit code means."""
    word, fg = _VERDICT[result.verdict]
    lines = [f"merge-gate {_style(word, fg, color, bold=True)}  {_range(result)}".rstrip()]
    if result.error:
        lines.append(f"  {_style('!', 'magenta', color)} {visible(result.error)}")
    if result.config_source:
        lines.append(f"  config: {visible(result.config_source)}")
    lines.extend(f"  note: {visible(note)}" for note in result.notes)
    lines.append("")
    for check in result.checks:
        lines.extend(_check(check, color))
    if result.excluded:
        shown = ", ".join(f"{visible(e.path)} ({e.reason})" for e in result.excluded[:5])
        more = f" and {len(result.excluded) - 5} more" if len(result.excluded) > 5 else ""
        lines.append(f"excluded from measurement: {shown}{more}")
    lines.extend(
        _style(f"WARNING: {visible(w)}", "yellow", color, bold=True) for w in result.warnings
    )
    lines.append(_closing(result))
    return inert("\n".join(lines) + "\n")


def _style(text: str, fg: str, color: bool, *, bold: bool = False) -> str:
    return click.style(text, fg=fg, bold=bold) if color else text


def _range(result: Result) -> str:
    if not result.head:
        return ""
    span = f"{(result.merge_base or '')[:12]}..{result.head[:12]}"
    return f"{span} ({plural(result.commits, 'commit')}; base: {visible(result.base_source)})"


def _check(check: CheckResult, color: bool) -> list[str]:
    mark, fg = _MARK[check.status]
    lines = [f"{_style(mark, fg, color)} {check.name:<13} {visible(check.summary)}"]
    ordered = sorted(check.findings, key=lambda f: not f.blocking)
    for finding in ordered[:MAX_FINDINGS]:
        tag = (
            _style("✗", "red", color)
            if finding.blocking
            else _style(finding.severity, "yellow", color)
        )
        lines.append(f"    {tag} {location(finding)}: {visible(finding.message)}")
    if len(ordered) > MAX_FINDINGS:
        lines.append(f"    ... and {len(ordered) - MAX_FINDINGS} more (see the reports)")
    if check.status != "pass":
        lines.extend(f"    → {visible(hint)}" for hint in check.hints)
    return lines


def _closing(result: Result) -> str:
    if result.verdict == "pass":
        return "\nThe change passes the gate."
    if result.verdict == "fail":
        failed = ", ".join(c.name for c in result.checks if c.status == "fail")
        return f"\nThe change fails the gate ({failed}): exit 1."
    return "\nThe gate could not evaluate the change: exit 2 (this is not a pass)."
