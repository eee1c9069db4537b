"""The checks: one module each, behind one Protocol, registered in :func:`registry`.

A check reads what it needs through :class:`Inputs` and returns a
:class:`~gate.result.CheckResult`. Measuring (I/O) and judging (a pure
function of measurements and the check's config section) are kept apart inside
each module so the judging can be tested without git.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from gate.change import Change, FileChange
from gate.config import Config
from gate.git import Git
from gate.result import CheckResult


@dataclass(frozen=True)
class Inputs:
    """What every check may read: the repository, the change, the policy, the exclusions.

    ``env`` is the process environment, read once at the command line: a check
    that needs a variable (a cache folder, the semgrep program) reads it here,
    never from ``os.environ``, so a test can hand it any environment.
    """

    git: Git
    change: Change
    config: Config
    excluded: Mapping[str, str]
    commits: tuple[str, ...]
    env: Mapping[str, str]
    fetch_notes: bool = False  # gate check --fetch-notes: the AI check may fetch refs/notes/ai

    def measured_files(self) -> tuple[FileChange, ...]:
        """The changed files that are not excluded."""
        return tuple(f for f in self.change.files if f.path not in self.excluded)


class Check(Protocol):
    """A check has a name (its config section and report key) and runs on Inputs."""

    @property
    def name(self) -> str: ...

    def run(self, inputs: Inputs) -> CheckResult: ...


def registry() -> tuple[Check, ...]:
    """Every check, in report order."""
    from gate.checks.ai import AiCheck
    from gate.checks.complexity import ComplexityCheck
    from gate.checks.security import SecurityCheck
    from gate.checks.size import SizeCheck

    return (SizeCheck(), ComplexityCheck(), SecurityCheck(), AiCheck())
