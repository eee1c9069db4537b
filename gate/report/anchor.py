"""Where change-level findings go in reports whose every entry needs a file (SARIF, Code Quality).

A finding about the whole change (its size, its AI share, a missing review) has no
file of its own; it is shown at the policy file that sets the limit, line 1, so the
platform's own UI shows why the change failed, next to the setting that decided it.
"""

from __future__ import annotations

from gate.result import Finding, Result

CONFIG_FILES = (".gate.toml", "pyproject.toml")


def change_level(result: Result) -> tuple[Finding, ...]:
    """Findings about the whole change (no file) that platforms should show: not info."""
    return tuple(
        f for f in result.findings() if not f.path and (f.blocking or f.severity != "info")
    )


def anchor(result: Result) -> str:
    """Where a change-level finding is shown by tools that need a file: the policy file
    that sets the limit (``.gate.toml`` when the defaults apply: where a limit would go)."""
    source = result.config_source
    name = source.rsplit(":", 1)[-1]
    if name in CONFIG_FILES:
        return name
    if source.startswith("file:") and not source.startswith("file:/"):
        return source.removeprefix("file:")
    return CONFIG_FILES[0]
