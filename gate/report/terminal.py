"""The summary printed to the terminal: what failed, why, and what to do.

Colour only when asked (a TTY without NO_COLOR): the command line passes a
:class:`Styler` (click's), so this module draws no escape codes itself and the
core never sees click. Untrusted text is escaped, and nothing in it can be read
as a workflow command by the GitHub Actions runner.
"""

from __future__ import annotations

from typing import Protocol

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
_WOULD = {"fail": "fail the gate", "error": "stop the gate (could not evaluate)"}


class Styler(Protocol):
    """Colours ``text`` (``click.style`` is one)."""

    def __call__(self, text: str, *, fg: str, bold: bool = False) -> str: ...


def plain(text: str, *, fg: str, bold: bool = False) -> str:
    """The styler for no colour: the text as it is."""
    return text


def render(result: Result, *, style: Styler = plain) -> str:
    """The whole summary as text, ending in a line that says what the exit code means."""
    word, fg = _VERDICT[result.verdict]
    lines = [f"merge-gate {style(word, fg=fg, bold=True)}  {_range(result)}".rstrip()]
    if result.error:
        lines.append(f"  {style('!', fg='magenta')} {visible(result.error)}")
    if result.config_source:
        lines.append(f"  config: {visible(result.config_source)}")
    lines.extend(f"  note: {visible(note)}" for note in result.notes)
    lines.append("")
    for check in result.checks:
        lines.extend(_check(check, style))
    if result.excluded:
        shown = ", ".join(f"{visible(e.path)} ({e.reason})" for e in result.excluded[:5])
        more = f" and {len(result.excluded) - 5} more" if len(result.excluded) > 5 else ""
        lines.append(f"excluded from measurement: {shown}{more}")
    lines.extend(style(f"WARNING: {visible(w)}", fg="yellow", bold=True) for w in result.warnings)
    lines.append(_closing(result))
    return inert("\n".join(lines) + "\n")


def _range(result: Result) -> str:
    if not result.head:
        return ""
    span = f"{(result.merge_base or '')[:12]}..{result.head[:12]}"
    return f"{span} ({plural(result.commits, 'commit')}; base: {visible(result.base_source)})"


def _check(check: CheckResult, style: Styler) -> list[str]:
    mark, fg = _MARK[check.status]
    lines = [f"{style(mark, fg=fg)} {check.name:<13} {visible(check.summary)}"]
    ordered = sorted(check.findings, key=lambda f: not f.blocking)
    for finding in ordered[:MAX_FINDINGS]:
        tag = style("✗", fg="red") if finding.blocking else style(finding.severity, fg="yellow")
        if finding.waived:
            tag = style("waived", fg="bright_black")
        waived = f" [waived: {visible(finding.waived)}]" if finding.waived else ""
        rule = f" [{visible(finding.rule)}]"
        lines.append(f"    {tag} {location(finding)}: {visible(finding.message)}{rule}{waived}")
    if len(ordered) > MAX_FINDINGS:
        lines.append(f"    ... and {len(ordered) - MAX_FINDINGS} more (see the reports)")
    if check.status != "pass":
        lines.extend(f"    → {visible(hint)}" for hint in check.hints)
    return lines


def _closing(result: Result) -> str:
    verdict = result.exit_verdict
    if verdict != result.verdict and verdict == "pass":
        return (
            f"\nMonitor mode: the change would {_WOULD[result.verdict]} when enforced; "
            "it is let through (exit 0)."
        )
    if verdict == "pass":
        return "\nThe change passes the gate."
    if verdict == "fail":
        failed = ", ".join(
            c.name for c in result.checks if c.status == "fail" and c.name not in result.monitored
        )
        return f"\nThe change fails the gate ({failed}): exit 1."
    return "\nThe gate could not evaluate the change: exit 2 (this is not a pass)."
