"""What every check may read: the repository, the change, the policy, the exclusions.

It sits below the checks (they import it, it imports none of them), so the
arrows between :mod:`gate.checks` and the check packages point one way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gate.change import Change, FileChange
from gate.config import Config
from gate.git import Git


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
    fetch_notes: bool | None = None  # --fetch-notes / --no-fetch-notes; None: fetch in CI only

    def measured_files(self) -> tuple[FileChange, ...]:
        """The changed files that are not excluded."""
        return tuple(f for f in self.change.files if f.path not in self.excluded)
