"""What the gate hands back to the GitHub Actions runner: step summary, annotations, outputs.

Outputs (``$GITHUB_OUTPUT``) are for the steps after the gate (the Action's own
outputs are these): ``verdict``, ``mode``, ``ai-share``, ``certification-required``
and the path of every report written. Values are one line each, escaped by
:func:`~gate.text.visible`, so nothing in them can start another output.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from gate.ci import Env
from gate.errors import GateError
from gate.report import markdown, workflow_commands
from gate.result import Metric, Result
from gate.text import visible


def publish(result: Result, env: Env, reports: Mapping[str, Path] | None = None) -> str:
    """In GitHub Actions: write the step summary and outputs, return the annotations.

    The caller prints the annotations; outside Actions this does nothing.
    """
    if env.get("GITHUB_ACTIONS") != "true":
        return ""
    summary = env.get("GITHUB_STEP_SUMMARY")
    if summary:
        _append(summary, "GITHUB_STEP_SUMMARY", markdown.render(result))
    output = env.get("GITHUB_OUTPUT")
    if output:
        lines = (f"{name}={value}\n" for name, value in outputs(result, reports or {}).items())
        _append(output, "GITHUB_OUTPUT", "".join(lines))
    return workflow_commands.render(result)


def outputs(result: Result, reports: Mapping[str, Path]) -> dict[str, str]:
    """The step outputs for ``result``: name to a one-line value."""
    ai = _metric(result, "ai", "ai_share")
    values = {
        "verdict": result.verdict,
        "mode": result.mode,
        "ai-share": "" if not isinstance(ai, float | int) else f"{ai:g}",
        # The certification check's own answer; without that check nothing is required.
        "certification-required": "true"
        if _metric(result, "certification", "required") is True
        else "false",
    }
    values.update({name: visible(str(path.absolute())) for name, path in reports.items()})
    return values


def _metric(result: Result, check: str, key: str) -> Metric:
    found = next((c for c in result.checks if c.name == check), None)
    return found.metrics.get(key) if found is not None else None


def _append(path: str, name: str, text: str) -> None:
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise GateError(f"{name} {visible(path)}: cannot write: {exc.strerror}") from exc
