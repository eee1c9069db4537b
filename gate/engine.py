"""One ``gate check`` run, from options to a :class:`~gate.result.Result`.

Options (what the user asked) -> Target (what the environment says) -> Range
(trusted revisions) -> Change + Config -> checks -> Decision -> Result. The
command line renders the result; nothing here prints.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from gate import baseline, ci, config, exclude
from gate.change import Change, parse_diff
from gate.checks import Check, registry
from gate.config import Config, ConfigFrom
from gate.errors import GateError
from gate.git import Git
from gate.inputs import Inputs
from gate.policy import decide
from gate.result import CheckResult, Finding, Result
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


def target(options: Options, git: Git) -> ci.Target:
    """What to judge: explicit options, else the CI environment, else the upstream / origin/HEAD."""
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
    if found is not None:
        return replace(found, head=options.head) if options.head else found
    head = options.head or "HEAD"
    for candidate, why in (
        (git.upstream(head), "upstream"),
        ("refs/remotes/origin/HEAD", "origin/HEAD"),
    ):
        if candidate and git.resolve_commit(candidate):
            return ci.Target(
                base=candidate,
                head=head,
                platform="local",
                source=f"merge-base with {visible(candidate)} ({why})",
            )
    return ci.Target(base=None, head=head, source="", platform="local")


def evaluate(options: Options) -> Result:
    """Run every check on the change and decide. Raises GateError when it cannot."""
    git = Git.discover(options.cwd)
    rng = baseline.resolve(git, target(options, git))
    cfg = _config(options, git, rng)
    files = parse_diff(git.diff(rng.merge_base, rng.head)) if rng.merge_base != rng.head else ()
    change = Change(rng.base, rng.head, rng.merge_base, files)
    rules = exclude.Rules(cfg.size.exclude)
    paths = [f.path for f in files]
    attributes = git.attributes(rng.merge_base, paths, exclude.ATTRIBUTES)
    excluded = exclude.excluded(paths, rules, attributes)
    inputs = Inputs(
        git,
        change,
        cfg,
        {e.path: e.reason for e in excluded},
        rng.commits,
        options.env,
        options.fetch_notes,
    )
    results = tuple(run_check(check, inputs) for check in registry())
    decision = decide(results, cfg)
    return Result(
        verdict=decision.verdict,
        base=rng.base,
        head=rng.head,
        merge_base=rng.merge_base,
        base_source=rng.target.source,
        config_source=cfg.source,
        commits=len(rng.commits),
        checks=results,
        excluded=excluded,
        notes=_notes(change, cfg, options, len(rng.commits)),
        warnings=decision.warnings,
    )


def _config(options: Options, git: Git, rng: baseline.Range) -> Config:
    if options.config_path is not None:
        return config.from_file(options.config_path)
    if options.config_from == "head":
        return config.from_revision(git, "head", rng.head)
    return config.from_revision(git, "base", rng.merge_base)


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
            f"this change edits {names}; the gate uses the base revision's "
            f"config ({cfg.source}), so the change cannot loosen its own gate"
        )
    return tuple(notes)
