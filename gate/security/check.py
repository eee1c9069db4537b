"""Security gate: the semgrep findings a change introduces, not the ones the repository has.

semgrep runs on the changed files only, on each side of the change: head's
blobs (at their new paths) and the merge-base's (at their old paths), each
written to its own temporary tree. The base side is scanned only where it can
change the answer (:mod:`gate.security.baseline`): with head, the files that
lost lines; after head, the files where head found something. A head finding
whose identity (see :mod:`gate.security.identity`) has no match at the base is
new; a base finding with no match at head is fixed (an improvement, never
blocking), except one that lines added around it neutralised, which is not
listed.

Every changed file is scanned, including those the size check excludes
(vendored, generated, minified): code there runs too, and a path pattern must
not be a way around the security gate. Fail closed: a file semgrep could not
analyse on the head side (timeout, parse error, too large, missing blob) is a
blocking "not-analysed" finding and makes the check an error; a run that failed
as a whole raises GateError. The base side's problems only make findings look
new, so they are warnings, never blocking (as in the complexity check).
"""

from __future__ import annotations

from dataclasses import dataclass

from gate.inputs import Inputs
from gate.result import CheckResult
from gate.security.judge import NAME, judge
from gate.security.measurement import measure


@dataclass(frozen=True)
class SecurityCheck:
    """The ``security`` check, as :func:`gate.checks.registry` lists it."""

    name: str = NAME
    needs: tuple[str, ...] = ()

    def run(self, inputs: Inputs) -> CheckResult:
        """Measure the change, then judge the measurement against the config."""
        measurement = measure(inputs)
        return judge(measurement, inputs.config.security, inputs.config.on_error_for(NAME))
