"""The values a run produces: findings, one result per check, and the whole result.

Every report renders a :class:`Result`; none of them computes anything.
"""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

Status = Literal["pass", "fail", "error", "skipped"]
Verdict = Literal["pass", "fail", "error"]
# "monitor": a check (or the whole gate) reports everything but never blocks; teams
# switch the gate on in monitor mode before they enforce it.
Mode = Literal["enforce", "monitor"]
Severity = Literal["error", "warning", "info"]
Platform = Literal["github", "gitlab"]
Metric: TypeAlias = "int | float | str | bool | Mapping[str, Metric] | tuple[Metric, ...] | None"


def fingerprint(*parts: str) -> str:
    """A stable identity for a finding, the same in every report and across runs."""
    digest = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:32]


@dataclass(frozen=True)
class Finding:
    """One thing a check found. ``blocking`` findings are why a check fails or errs."""

    check: str
    rule: str
    path: str
    line: int | None
    message: str
    severity: Severity
    fingerprint: str
    blocking: bool = False
    symbol: str = ""
    details: Mapping[str, Metric] = field(default_factory=dict)
    # Set by a [[waiver]] of the trusted config: why it does not block, who said so.
    waived: str = ""

    @classmethod
    def of(
        cls,
        check: str,
        rule: str,
        message: str,
        *,
        identity: Sequence[str] | None = None,
        path: str = "",
        line: int | None = None,
        severity: Severity = "error",
        blocking: bool | None = None,
        symbol: str = "",
        details: Mapping[str, Metric] | None = None,
    ) -> Finding:
        """A finding of ``check``, saying only what differs from the usual.

        The fingerprint hashes the check name and ``identity`` (default: the rule
        alone); a check puts there what makes two findings the same one across
        runs, never a line number, which moves when code above it does. A finding
        blocks when its severity is ``error`` unless ``blocking`` says otherwise.
        """
        return cls(
            check=check,
            rule=rule,
            path=path,
            line=line,
            message=message,
            severity=severity,
            fingerprint=fingerprint(check, *(identity if identity is not None else (rule,))),
            blocking=severity == "error" if blocking is None else blocking,
            symbol=symbol,
            details=details or {},
        )


@dataclass(frozen=True)
class CheckResult:
    """What one check measured and decided. ``summary`` is one line for people."""

    name: str
    status: Status
    summary: str
    metrics: Mapping[str, Metric] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    hints: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass(frozen=True)
class Excluded:
    """A changed file left out of the measurements, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Web:
    """Where the repository's pages are, for links to a file at a commit (no trailing slash).

    Built from the CI environment at the edge (``gate.ci.web``); reports only join paths.
    """

    url: str
    platform: Platform

    def blob(self, sha: str, path: str, line: int | None) -> str:
        """The page of ``path`` at ``sha``, at ``line``: every unsafe byte percent-encoded."""
        quoted = urllib.parse.quote(path.encode("utf-8", "surrogateescape"), safe="/")
        anchor = f"#L{line}" if line else ""
        return f"{self.url}{self._sep}/blob/{_quote(sha)}/{quoted}{anchor}"

    def compare(self, base: str, head: str) -> str:
        """The page of the change ``base...head``."""
        return f"{self.url}{self._sep}/compare/{_quote(base)}...{_quote(head)}"

    @property
    def _sep(self) -> str:
        return "/-" if self.platform == "gitlab" else ""


def _quote(sha: str) -> str:
    return urllib.parse.quote(sha, safe="")


@dataclass(frozen=True)
class Result:
    """Everything one ``gate check`` run decided, for the reports to render.

    ``error`` is set when the run stopped before the checks (then ``checks`` is
    empty); ``warnings`` are the loud notes (an error let through by
    ``on_error = "warn"``, a config edited by the change, monitor mode).
    ``verdict`` is what enforcing every check gives; ``enforced`` (None: the same)
    is what the exit code carries when checks or the whole gate are in ``mode``
    "monitor" (``monitored`` names them).
    """

    verdict: Verdict
    base: str | None = None
    head: str | None = None
    merge_base: str | None = None
    base_source: str = ""
    config_source: str = ""
    commits: int = 0
    web: Web | None = None  # for links to files; None outside a known platform
    checks: tuple[CheckResult, ...] = ()
    excluded: tuple[Excluded, ...] = ()
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    mode: Mode = "enforce"
    enforced: Verdict | None = None
    monitored: tuple[str, ...] = ()

    @property
    def exit_verdict(self) -> Verdict:
        """The verdict the exit code carries."""
        return self.verdict if self.enforced is None else self.enforced

    def findings(self) -> tuple[Finding, ...]:
        """Every check's findings, in report order."""
        return tuple(f for check in self.checks for f in check.findings)
