"""One ``gate check`` run, from options to a :class:`~gate.result.Result`.

Options (what the user asked) -> Target (what the environment says) -> Range
(trusted revisions) -> Change + Config (from the target's tip) -> checks, in
stages (a check runs after the checks it needs) -> waivers -> Decision -> Result. The
command line renders the result; nothing here prints.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from gate import baseline, ci, config, default_branch, diff, exclude, monitor, waivers
from gate.change import Change, FileChange
from gate.checks import Check, registry
from gate.ci.web import web
from gate.config import Config, ConfigFrom
from gate.errors import ConfigError, GateError
from gate.git import Git
from gate.inputs import Inputs, Review
from gate.policy import decide
from gate.result import CheckResult, Finding, Mode, Result
from gate.text import plural, visible


@dataclass(frozen=True)
class Options:
    """What the command line asked for; ``env`` is the process environment."""

    cwd: Path
    env: Mapping[str, str]
    base: str | None = None
    head: str | None = None
    config_path: Path | None = None
    config_from: ConfigFrom = "base"
    fetch_notes: bool | None = None  # None: fetch the remote's git-ai notes in CI only
    pr: int | None = None  # --pr: the pull/merge request whose reviews certify
    repository: str | None = None  # --repo OWNER/NAME (GitHub) or a project id (GitLab)
    strict: bool = False  # --strict: an unverifiable review requirement fails
    mode: Mode | None = None  # --mode: wins over every mode in the config
    # The clock, read at the edge: waiver expiry, the attestation's time.
    now: datetime.datetime | None = None

    @property
    def today(self) -> datetime.date:
        """The date waivers expire against (UTC)."""
        return (self.now or datetime.datetime.now(datetime.timezone.utc)).date()


class Prepared(NamedTuple):
    """The trusted range, the policy read from the trusted revision, and the changed files."""

    git: Git
    range: baseline.Range
    config: Config
    files: tuple[FileChange, ...]


def prepare(options: Options) -> Prepared:
    """Resolve the range, diff it, and read the config from the trusted revision."""
    git = Git.discover(options.cwd)
    rng = baseline.resolve(git, target(options, git))
    files = diff.read(git, rng.merge_base, rng.head) if rng.merge_base != rng.head else ()
    return Prepared(git, rng, _config(options, git, rng, files), files)


def target(options: Options, git: Git) -> ci.Target:
    """What to judge: explicit options, else the CI environment, else the default branch."""
    found = ci.detect(options.env)
    if options.base is not None:
        head = options.head or (found.head if found else "HEAD")
        return ci.Target(
            base=options.base,
            head=head,
            source=f"--base {visible(options.base)}",
            platform="cli",
            refspecs=found.refspecs if found else (),
        )
    if found is not None and found.from_root:
        return replace(found, base=git.root_commit(found.head))
    if found is not None:
        return replace(found, head=options.head) if options.head else found
    return default_branch.local_target(git, options.head or "HEAD")


def evaluate(options: Options) -> Result:
    """Run every check on the change and decide. Raises GateError when it cannot."""
    git, rng, cfg, files = prepare(options)
    change = Change(rng.base, rng.head, rng.merge_base, files)
    rules = exclude.Rules(cfg.size.exclude)
    paths = [f.path for f in files]
    attributes = git.attributes(rng.trusted, paths, exclude.ATTRIBUTES)
    excluded = exclude.excluded(paths, rules, attributes)
    inputs = Inputs(
        git,
        change,
        cfg,
        {e.path: e.reason for e in excluded},
        rng.commits,
        options.env,
        options.fetch_notes,
        trusted=rng.trusted,
        review=_review(options),
    )
    results = run_all(registry(), inputs, options.today)
    decision = decide(results, cfg)
    enforcement = monitor.enforce(results, cfg, decision.verdict, options.mode)
    return Result(
        verdict=decision.verdict,
        base=rng.base,
        head=rng.head,
        merge_base=rng.merge_base,
        base_source=rng.target.source,
        config_source=cfg.source,
        commits=len(rng.commits),
        web=web(options.env),
        checks=results,
        excluded=excluded,
        notes=_notes(change, cfg, options, len(rng.commits)),
        warnings=decision.warnings + _fallback(cfg) + enforcement.warnings,
        mode=enforcement.mode,
        enforced=enforcement.verdict,
        monitored=enforcement.monitored,
    )


def _fallback(cfg: Config) -> tuple[str, ...]:
    if not cfg.source.startswith("defaults ("):
        return ()
    return (f"judged with the DEFAULT policy: {cfg.source[len('defaults (') : -1]}",)


def run_all(
    checks: Sequence[Check], inputs: Inputs, today: datetime.date
) -> tuple[CheckResult, ...]:
    """Run the checks in stages, each after the checks it ``needs``; results in report order.

    The trusted config's waivers are applied to each result as it comes, so a
    later stage sees what blocks and what was waived; a waiver that matched
    nothing is reported on its check at the end.
    """
    names = {c.name for c in checks}
    done: dict[str, CheckResult] = {}
    pending = list(checks)
    while pending:
        # A need that is not in this run (a registry without it) is simply absent.
        stage = [c for c in pending if all(n in done for n in c.needs if n in names)]
        if not stage:  # pragma: no cover - a registry declaration error, caught by the tests
            raise AssertionError(f"checks that need each other: {[c.name for c in pending]}")
        for check, result in zip(stage, _concurrently(stage, inputs, done), strict=True):
            done[check.name] = waivers.apply(result, inputs.config.waiver, today)
        pending = [c for c in pending if c not in stage]
    ordered = tuple(done[c.name] for c in checks)
    return waivers.report_unused(ordered, inputs.config.waiver, today)


def _concurrently(
    stage: Sequence[Check], inputs: Inputs, done: Mapping[str, CheckResult]
) -> list[CheckResult]:
    """The stage's checks run at once, one thread each: they need nothing of each other,
    and their time goes to other processes (semgrep, git, complexity workers) or to the
    AI check's replay, which the others leave a core for. Results come in stage order."""

    def one(check: Check) -> CheckResult:
        earlier = MappingProxyType({n: done[n] for n in check.needs if n in done})
        return run_check(check, replace(inputs, earlier=earlier))

    if len(stage) == 1:
        return [one(stage[0])]
    with ThreadPoolExecutor(max_workers=len(stage), thread_name_prefix="gate-check") as pool:
        return list(pool.map(one, stage))


def _review(options: Options) -> Review:
    # The platform's own pull request, even when --base overrides the range: an
    # explicit base must not turn an enforced review into an unverified one.
    found = ci.detect(options.env)
    return Review(
        platform=found.platform if found else "local",
        number=options.pr if options.pr is not None else found.number if found else None,
        repository=options.repository,
        strict=options.strict,
        now=options.now.isoformat(timespec="seconds") if options.now else "",
    )


def _config(
    options: Options, git: Git, rng: baseline.Range, files: tuple[FileChange, ...]
) -> Config:
    """The policy: ``--config``, else ``--config-from head``, else the target branch's tip.

    A change that edits the config must leave a valid one (a broken one would
    stop every later change). When the trusted config is broken, a change that
    touches nothing but the config files, with a valid one of its own, is judged
    with the defaults, loudly: it holds no code to smuggle, and without this
    nobody could merge the repair.
    """
    if options.config_path is not None:
        return config.from_file(options.config_path)
    if options.config_from == "head":
        return config.from_revision(git, "head", rng.head)
    touched = {p for f in files for p in (f.old_path, f.new_path) if p}
    edits = touched & {config.CONFIG_FILE, config.PYPROJECT}
    own = None
    if edits:
        try:
            own = config.from_revision(git, "head", rng.head)
        except ConfigError as exc:
            raise ConfigError(
                f"{exc} (this change's config would stop every later change)"
            ) from exc
    try:
        return config.from_revision(git, "base", rng.trusted)
    except ConfigError as exc:
        if own is None or touched != edits:
            raise
        return Config(
            source=f"defaults (the target branch's config is invalid: {exc}; this "
            "change touches only the config files and its own is valid)"
        )


def run_check(check: Check, inputs: Inputs) -> CheckResult:
    """Run one check; a GateError becomes status "error" (never a pass), disabled ones skip."""
    if not inputs.config.section(check.name).enabled:
        return CheckResult(check.name, "skipped", "disabled by the config (enabled = false)")
    start = time.perf_counter()
    try:
        result = check.run(inputs)
    except GateError as exc:
        finding = Finding.of(check.name, "could-not-run", str(exc))
        result = CheckResult(check.name, "error", f"could not run: {exc}", findings=(finding,))
    return replace(result, seconds=time.perf_counter() - start)


def _notes(change: Change, cfg: Config, options: Options, commits: int) -> tuple[str, ...]:
    notes = []
    if not change.files:
        notes.append(
            "nothing to check: the change is empty"
            if commits == 0
            else f"nothing to check: {plural(commits, 'commit')} with no net change"
        )
    # Old paths too: renaming .gate.toml away is an edit of the policy as well.
    touched = {p for f in change.files for p in (f.old_path, f.new_path) if p}
    edited = touched & {config.CONFIG_FILE, config.PYPROJECT}
    if edited and options.config_path is None and options.config_from == "base":
        names = " and ".join(sorted(edited))
        notes.append(
            f"this change edits {names}; the gate uses the target branch's "
            f"config ({cfg.source}), so the change cannot loosen its own gate"
        )
    return tuple(notes)
