"""The configuration's shape: one frozen dataclass per section, with its defaults.

:mod:`gate.schema` checks a TOML table against these; :mod:`gate.config` reads
the file from the trusted revision. Every section is named after a check.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Literal

from gate.result import Mode

OnError = Literal["error", "warn"]


@dataclass(frozen=True)
class Section:
    """Keys every check's section has: ``enabled``; ``on_error`` and ``mode`` (default: the
    top level's)."""

    enabled: bool = True
    on_error: OnError | None = None
    mode: Mode | None = None


@dataclass(frozen=True)
class SizeBudget:
    """``[[size.budget]]``: tighter limits for a change at least this AI-written."""

    ai_share_at_least: float = field(metadata={"min": 0.0, "max": 1.0})
    max_changed_lines: int | None = field(default=None, metadata={"min": 0})
    max_files: int | None = field(default=None, metadata={"min": 0})


@dataclass(frozen=True)
class SizeConfig(Section):
    """``[size]``: the change's files and lines."""

    # Review effectiveness drops past a few hundred changed lines (SmartBear/Cisco study).
    max_changed_lines: int = field(default=400, metadata={"min": 0})
    max_files: int = field(default=50, metadata={"min": 0})
    exclude: tuple[str, ...] = ()
    # An AI-heavy change must be smaller, to protect reviewers' time.
    budget: tuple[SizeBudget, ...] = ()
    # A source file git calls binary (a NUL byte) whose rest is text: a blocking finding
    # ("fail"), or a warning ("warn", for teams with UTF-16 sources). Its lines count either way.
    binary_source: Literal["fail", "warn"] = "fail"
    # Lines of excluded files the change creates (a new vendored folder, a new generated
    # or lock file): exclusions are for churn in what is already vendored, not a way to
    # bring code in unmeasured. Generous, since a first lock file is long.
    max_excluded_lines: int = field(default=10_000, metadata={"min": 0})


@dataclass(frozen=True)
class ComplexityConfig(Section):
    """``[complexity]``: per-function cyclomatic complexity, and optionally the MI."""

    # McCabe's own suggested ceiling; radon ranks 11+ as "moderate risk" (C).
    max_cc: int = field(default=10, metadata={"min": 1})
    max_cc_increase: int = field(default=5, metadata={"min": 0})
    # Maintainability-index rules are off unless set: radon's MI needs a tokenizer
    # pass that costs many times the parse, so it is only computed when asked for.
    min_mi: float | None = field(default=None, metadata={"min": 0.0, "max": 100.0})
    max_mi_drop: float | None = field(default=None, metadata={"min": 0.0, "max": 100.0})
    # Bigger files are "not analysed": a multi-megabyte module builds an AST of
    # hundreds of megabytes, and it is generated code, better excluded by name.
    # 2 MB lets real generated test modules (1-2 MB) through at a few seconds each
    # (benchmarks/bench_file_size.py); past that radon costs minutes and gigabytes.
    max_file_bytes: int = field(default=2_000_000, metadata={"min": 1})
    cache: bool = True
    # Relative to the repository root; default $XDG_CACHE_HOME/merge-gate.
    cache_dir: str | None = None
    # Worker processes; 0 means one per available core.
    jobs: int = field(default=0, metadata={"min": 0})


@dataclass(frozen=True)
class SecurityConfig(Section):
    """``[security]``: semgrep rules, the blocking severity, limits."""

    # semgrep configs: repo-relative files or folders read from the trusted
    # revision, or registry names (p/..., r/..., auto, URLs: they need the network).
    # Empty: the rules bundled with the gate.
    rules: tuple[str, ...] = ()
    fail_on: Literal["INFO", "WARNING", "ERROR"] = "WARNING"
    # A `nosemgrep` comment added by the change: a warning, or a blocking finding.
    suppressions: Literal["warn", "fail"] = "warn"
    timeout: int = field(default=10, metadata={"min": 1})  # seconds per rule and file
    # As [complexity] max_file_bytes (benchmarks/bench_file_size.py): past ~2 MB rules
    # time out under the default timeout anyway, and the file is not analysed.
    max_target_bytes: int = field(default=2_000_000, metadata={"min": 1})
    # semgrep processes at once, each with --jobs=1 over its share of the files
    # (gate/security/batches.py); 0: one per core.
    jobs: int = field(default=0, metadata={"min": 0})
    run_timeout: int = field(default=900, metadata={"min": 1})  # seconds per semgrep process
    # semgrep's OCaml command line (`scan --experimental`, in the same wheel) starts in
    # a third of the time of its Python one, and the gate pays that start twice (one
    # run per side). The tests run every fail-closed case on both; "pysemgrep" is the
    # fallback should a semgrep release make them differ.
    semgrep_cli: Literal["osemgrep", "pysemgrep"] = "osemgrep"


SignalClass = Literal["agent", "assisted", "weak"]


@dataclass(frozen=True)
class AiSignature:
    """One commit signal (``[[ai.signatures]]``, and the shipped list): exactly one matcher.

    ``email``/``bot_id`` match the author's or a co-author's address; ``author_name``
    is a regex on the author's name; ``trailer`` a key (``value``: a regex on its
    value); ``body`` a regex over the whole message; ``disclosure`` a trailer key whose
    value names the tool (and model), mapped to an agent by the ``tools`` patterns.
    """

    id: str
    agent: str | None = None
    class_: SignalClass = "agent"
    email: str | None = None
    bot_id: int | None = field(default=None, metadata={"min": 1})
    author_name: str | None = None
    trailer: str | None = None
    value: str | None = None
    body: str | None = None
    disclosure: str | None = None


@dataclass(frozen=True)
class AiTool:
    """A tool name (regex, searched case-insensitively) and the agent it is reported as."""

    pattern: str
    agent: str


@dataclass(frozen=True)
class AiConfig(Section):
    """``[ai]``: the AI share cap and the signals that count."""

    max_share: float = field(default=1.0, metadata={"min": 0.0, "max": 1.0})
    # Which signal classes make a commit's lines AI lines; "weak" (the VS Code
    # Copilot co-author, added after any AI edit) is reported but not counted.
    count: tuple[SignalClass, ...] = ("agent", "assisted")
    # Treat a commit without a git-ai note as unknown, not human (teams that run git-ai).
    require_notes: bool = False
    ignore: tuple[str, ...] = ()  # ids of shipped signatures to switch off
    signatures: tuple[AiSignature, ...] = ()
    tools: tuple[AiTool, ...] = ()


Severity = Literal["INFO", "WARNING", "ERROR"]


@dataclass(frozen=True)
class CertificationRule:
    """``[[certification.rule]]``: when it fires (every condition given holds) and what it needs.

    Conditions: ``ai_share_at_least``, ``agent_commits`` (a commit of the ``agent``
    class), ``new_finding_at_least`` (a new, unwaived security finding of that
    severity or above), ``complexity_above`` (a new or changed function whose
    complexity grew past N), ``paths`` (a touched path matching a glob). Needs:
    ``approvals`` (default ``min_approvals``), optionally from ``reviewers``
    (logins, emails of signers, ``@org/team``, GitLab ``group/path``) or from the
    trusted revision's CODEOWNERS for the touched paths (``codeowners``).
    """

    id: str
    ai_share_at_least: float | None = field(default=None, metadata={"min": 0.0, "max": 1.0})
    agent_commits: bool = False
    new_finding_at_least: Severity | None = None
    complexity_above: int | None = field(default=None, metadata={"min": 0})
    paths: tuple[str, ...] = ()
    approvals: int | None = field(default=None, metadata={"min": 1})
    reviewers: tuple[str, ...] = ()
    codeowners: bool = False


@dataclass(frozen=True)
class CertificationConfig(Section):
    """``[certification]``: when a human review is required, and what proves one."""

    ai_share_at_least: float = field(default=0.5, metadata={"min": 0.0, "max": 1.0})
    min_approvals: int = field(default=1, metadata={"min": 0})
    rule: tuple[CertificationRule, ...] = ()
    # An allowed-signers file (ssh-keygen format), read from the trusted revision:
    # reviewers whose `gate certify` signatures count.
    allowed_signers: str | None = None
    # GitLab approvals carry no sha: they are tied to the head only when the project
    # resets approvals on push. Accepting them otherwise is the policy owner's call.
    accept_approvals_without_reset: bool = False


@dataclass(frozen=True)
class Waiver:
    """``[[waiver]]``: a finding that does not block, why, who said so, and until when.

    It matches a finding of ``check`` by ``fingerprint``, or by ``rule`` (and
    ``path``, when given). An expired waiver is itself a blocking finding.
    """

    check: str
    reason: str
    approved_by: str
    expires: datetime.date
    fingerprint: str | None = None
    rule: str | None = None
    path: str | None = None


@dataclass(frozen=True)
class Config:
    """The whole policy. ``source`` says where it was read from (reported verbatim)."""

    on_error: OnError = "error"
    mode: Mode = "enforce"
    size: SizeConfig = SizeConfig()
    complexity: ComplexityConfig = ComplexityConfig()
    security: SecurityConfig = SecurityConfig()
    ai: AiConfig = AiConfig()
    certification: CertificationConfig = CertificationConfig()
    waiver: tuple[Waiver, ...] = ()
    source: str = field(default="defaults", metadata={"internal": True})
    # sha256 of the config file's bytes (of nothing for the defaults): what a
    # signed certification names, so a signature is bound to one policy.
    digest: str = field(default=hashlib.sha256(b"").hexdigest(), metadata={"internal": True})

    def section(self, name: str) -> Section:
        """The section of check ``name`` (its config table)."""
        value = getattr(self, name)
        assert isinstance(value, Section)
        return value

    def on_error_for(self, name: str) -> OnError:
        """How an error of check ``name`` is treated: its own setting, else the top level's."""
        own = self.section(name).on_error if hasattr(self, name) else None
        return own or self.on_error

    def mode_for(self, name: str) -> Mode:
        """Whether check ``name`` may block: its own ``mode``, else the top level's."""
        own = self.section(name).mode if hasattr(self, name) else None
        return own or self.mode
