"""What every check may read: the repository, the change, the policy, the exclusions.

It sits below the checks (they import it, it imports none of them), so the
arrows between :mod:`gate.checks` and the check packages point one way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from gate import exclude
from gate.change import Change, FileChange
from gate.config import Config
from gate.git import Git
from gate.result import CheckResult


@dataclass(frozen=True)
class Review:
    """Where a review of the change can be read: the platform and its pull/merge request.

    ``platform`` is github, gitlab, pre-commit, cli or local; ``number`` the PR or
    MR; ``repository`` ``owner/name`` on GitHub, the project id on GitLab.
    ``strict``: an unverifiable review requirement fails instead of warning.
    """

    platform: str = "local"
    number: int | None = None
    repository: str | None = None
    strict: bool = False
    now: str = ""  # when the run started (ISO 8601, UTC), for the attestation


@dataclass(frozen=True)
class Inputs:
    """What every check may read: the repository, the change, the policy, the exclusions.

    ``env`` is the process environment, read once at the command line: a check
    that needs a variable (a cache folder, the semgrep program) reads it here,
    never from ``os.environ``, so a test can hand it any environment.
    A check that reads another's result declares it in ``Check.needs``; the engine
    runs it after those and hands their results in ``earlier``: the one way
    results flow between checks.
    """

    git: Git
    change: Change
    config: Config
    excluded: Mapping[str, str]
    commits: tuple[str, ...]
    env: Mapping[str, str]
    fetch_notes: bool | None = None  # --fetch-notes / --no-fetch-notes; None: fetch in CI only
    # The target branch's tip, where trusted files (allowed signers, CODEOWNERS) are read.
    trusted: str = ""
    review: Review = Review()
    # The results of the checks this one declared in ``needs``, and only those.
    earlier: Mapping[str, CheckResult] = field(default_factory=lambda: MappingProxyType({}))

    def measured_files(self) -> tuple[FileChange, ...]:
        """The changed files that are not excluded."""
        return tuple(f for f in self.change.files if f.path not in self.excluded)

    def created_excluded(self) -> tuple[FileChange, ...]:
        """Excluded files the change creates: a new vendored folder's, a new generated or
        lock file (built-in reasons only; see :func:`gate.exclude.created_candidates`)."""
        sure, folders = exclude.created_candidates(self.change.files, self.excluded)
        existed = set(self.git.entries(self.change.merge_base, folders)) if folders else set()
        new_folders = set(folders) - existed
        paths = {f.path for f in sure}
        return tuple(
            f
            for f in self.change.files
            if f.path in paths
            or (
                self.excluded.get(f.path) == "vendored"
                and exclude.vendored_root(f.path) in new_folders
            )
        )
