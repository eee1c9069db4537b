"""Monitor mode: report everything, block nothing that is monitored.

The verdict stays what enforcing would give (every report shows it); the
*enforced* verdict, which the exit code carries, leaves out the checks in
monitor mode, and with the whole gate in monitor mode it is always a pass.
Either way every report says so loudly, in its warnings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from gate.config import Config
from gate.policy import decide
from gate.result import CheckResult, Mode, Verdict


@dataclass(frozen=True)
class Enforcement:
    """What the exit code carries, the gate's mode and the checks that only report."""

    verdict: Verdict
    mode: Mode
    monitored: tuple[str, ...]
    warnings: tuple[str, ...]


def enforce(
    results: Sequence[CheckResult], config: Config, verdict: Verdict, forced: Mode | None
) -> Enforcement:
    """The enforced verdict for ``results`` whose would-be verdict is ``verdict``.

    ``forced`` is the command line's ``--mode``; it wins over every mode in the config.
    """
    mode = forced or config.mode
    if mode == "monitor":
        return Enforcement("pass", mode, tuple(r.name for r in results), (stopped(verdict),))
    monitored = tuple(
        r.name for r in results if forced is None and config.mode_for(r.name) == "monitor"
    )
    kept = [replace(r, status="pass") if r.name in monitored else r for r in results]
    enforced = decide(kept, config).verdict
    warnings = tuple(
        f"the {r.name} check is in monitor mode: its {r.status} does not block"
        for r in results
        if r.name in monitored and r.status in ("fail", "error")
    )
    return Enforcement(enforced, mode, monitored, warnings)


def stopped(verdict: Verdict) -> str:
    """The loud note of a gate in monitor mode whose would-be verdict is ``verdict``."""
    return (
        f"monitor mode: the verdict would be {verdict.upper()} when enforced; "
        "nothing blocks (exit 0)"
    )
