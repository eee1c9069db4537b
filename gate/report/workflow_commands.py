"""GitHub Actions workflow commands: one annotation per finding, worst first.

GitHub shows at most 10 annotations of each level per step, so blocking
findings come first and the rest are counted in a notice. Untrusted text is
escaped as the runner requires (data: ``%``, CR, LF; properties also ``:`` and
``,``) after :func:`~gate.text.visible`, so a file named
``x\\n::add-mask::FAIL.py`` cannot start a command of its own.
"""

from __future__ import annotations

from gate.report import location
from gate.result import Finding, Result
from gate.text import visible

PER_LEVEL = 10
_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def inert(text: str) -> str:
    """``text`` made safe for a log line that is not one of our commands.

    The runner reads a line starting with ``::`` as a command (untrusted text
    never starts a line: :func:`~gate.text.visible` escapes newlines), and also
    ``##[name]`` *anywhere* in a line, the legacy form it still parses:
    ``##[add-mask]FAIL`` in a file name would hide the verdict from the log,
    ``##[stop-commands]`` switch off what follows. So ``##[`` is shown as ``##\\[``.
    """
    return text.replace("##[", "##\\[")


def escape_data(text: str) -> str:
    """``text`` made safe as a workflow command's message (visible, then %, CR, LF)."""
    return visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """``text`` made safe as a workflow command property (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(result: Result) -> str:
    """Workflow command lines for ``result`` (an empty string when there is nothing to say)."""
    lines = []
    if result.error:
        lines.append(f"::error title=merge-gate could not evaluate::{escape_data(result.error)}")
    ranked = sorted(result.findings(), key=lambda f: (not f.blocking, _rank(f)))
    shown: dict[str, int] = {}
    hidden = 0
    for finding in ranked:
        level = "error" if finding.blocking else _LEVEL[finding.severity]
        if shown.get(level, 0) >= PER_LEVEL:
            hidden += 1
            continue
        shown[level] = shown.get(level, 0) + 1
        lines.append(_command(level, finding))
    if hidden:
        lines.append(f"::notice title=merge-gate::{hidden} more findings are in the reports")
    lines.extend(f"::warning title=merge-gate::{escape_data(w)}" for w in result.warnings)
    return "".join(line + "\n" for line in lines)


def _rank(finding: Finding) -> int:
    return ["error", "warning", "info"].index(finding.severity)


def _command(level: str, finding: Finding) -> str:
    props = [f"title={escape_property(f'{finding.check}: {finding.rule}')}"]
    if finding.path:
        props.insert(0, f"file={escape_property(finding.path)}")
        if finding.line:
            props.insert(1, f"line={finding.line}")
    message = finding.message if finding.path else f"{location(finding)}: {finding.message}"
    return f"::{level} {','.join(props)}::{escape_data(message)}"
