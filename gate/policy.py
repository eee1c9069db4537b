"""The verdict: a pure function of the checks' results and the policy.

An error (a check that could not run) makes the verdict ``error`` (exit 2)
unless the trusted config says ``on_error = "warn"`` for that check; then it
is let through with a loud warning, never quietly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from gate.config import Config
from gate.result import CheckResult, Verdict


@dataclass(frozen=True)
class Decision:
    """The verdict, and the loud notes of errors that ``on_error = "warn"`` let through."""

    verdict: Verdict
    warnings: tuple[str, ...]


def decide(results: Sequence[CheckResult], config: Config) -> Decision:
    """Combine check results: any error wins, then any failure, else pass."""
    errors = []
    warnings = []
    for result in results:
        if result.status != "error":
            continue
        if config.on_error_for(result.name) == "warn":
            warnings.append(
                f'the {result.name} check could not run and on_error = "warn" let the change '
                f"through unchecked: {result.summary}"
            )
        else:
            errors.append(result.name)
    if errors:
        return Decision("error", tuple(warnings))
    if any(r.status == "fail" for r in results):
        return Decision("fail", tuple(warnings))
    return Decision("pass", tuple(warnings))


EXIT_CODES: Mapping[Verdict, int] = MappingProxyType({"pass": 0, "fail": 1, "error": 2})
