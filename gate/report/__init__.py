"""Reports: each format renders one :class:`~gate.result.Result` to text; none computes.

:data:`FORMATS` maps a command-line option to its renderer.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from gate.errors import GateError
from gate.report import codequality, json, junit, markdown, sarif
from gate.result import Finding, Result
from gate.text import visible

Renderer = Callable[[Result], str]

FORMATS: Mapping[str, Renderer] = {
    "json": json.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "codequality": codequality.render,
    "markdown": markdown.render,
}


def write(result: Result, outputs: Mapping[str, Path]) -> None:
    """Render ``result`` into each requested file (``{"junit": Path(...)}``)."""
    for name, path in outputs.items():
        text = FORMATS[name](result)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise GateError(f"--{name} {visible(str(path))}: cannot write: {exc.strerror}") from exc


def location(finding: Finding) -> str:
    """``path:line`` (or the path, or "the change"), escaped for display."""
    if not finding.path:
        return "the change"
    return visible(finding.path) + (f":{finding.line}" if finding.line else "")
