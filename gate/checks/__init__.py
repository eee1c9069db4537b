"""The checks: one package each, behind one Protocol, registered in :func:`registry`.

A check reads what it needs through :class:`Inputs` and returns a
:class:`~gate.result.CheckResult`. Measuring (I/O) and judging (a pure
function of measurements and the check's config section) are kept apart inside
each module so the judging can be tested without git.
"""

from __future__ import annotations

from typing import Protocol

from gate.inputs import Inputs
from gate.result import CheckResult


class Check(Protocol):
    """A check has a name (its config section and report key) and runs on Inputs.

    ``needs`` names the checks whose results it reads (``Inputs.earlier``): it runs
    after them, in a later stage.
    """

    @property
    def name(self) -> str: ...

    @property
    def needs(self) -> tuple[str, ...]: ...

    def run(self, inputs: Inputs) -> CheckResult: ...


def registry() -> tuple[Check, ...]:
    """Every check, in report order."""
    from gate.ai.check import AiCheck
    from gate.certification.check import CertificationCheck
    from gate.complexity.check import ComplexityCheck
    from gate.security.check import SecurityCheck
    from gate.size.check import SizeCheck

    return (SizeCheck(), ComplexityCheck(), SecurityCheck(), AiCheck(), CertificationCheck())
