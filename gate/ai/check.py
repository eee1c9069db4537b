"""AI-authorship share: the added lines of the change that survive at head, line by line.

Measure (I/O, a bounded number of git processes): one ``git log`` for every
commit's identities and message, one ``git notes list`` per notes ref, one
``cat-file --batch`` for the notes and the Agent Trace file, and one replay of the
range (:mod:`gate.ai.origins`: a ``git log -p`` and a ``cat-file --batch``) for the
origin of every added line, whatever the number of files. Judging
(:mod:`gate.ai.judge`) is pure: the share against ``[ai] max_share``, with the
evidence per commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from gate.ai import (
    attribute,
    evidence,
    notes,
    origins,
    remote,
    reverts,
    signals,
    trace,
)
from gate.ai.commits import Commit, parse_log
from gate.ai.judge import NAME, judge
from gate.ai.measurement import AiMeasurement, NotAnalysed, Skipped
from gate.ai.signatures import Signatures, load
from gate.baseline import FULL_HISTORY
from gate.change import SYMLINK_MODE, FileChange
from gate.errors import GitError
from gate.git import Git
from gate.inputs import Inputs
from gate.result import CheckResult


def measure(inputs: Inputs) -> AiMeasurement:
    """Attribute every added line that survives at head (I/O)."""
    git, change, cfg = inputs.git, inputs.change, inputs.config.ai
    sigs = load(cfg, inputs.config.source)
    cut = sorted(set(inputs.commits) & git.shallow_boundary())
    if cut:
        raise GitError(
            f"the history of the change is incomplete (shallow clone: commit {cut[0][:12]} "
            f"lacks its parents), so no AI share can be computed from a partial commit "
            f"list; {FULL_HISTORY}"
        )
    source = remote.settle(git, inputs.fetch_notes, inputs.env)
    commits: dict[str, Commit] = {}
    if inputs.commits:
        out = git.log_messages(change.head, change.merge_base)
        commits = parse_log(out, inputs.commits)
    fired = {sha: signals.fire(c, sigs) for sha, c in commits.items()}
    leads = {sha: signals.strongest(f, cfg.count) for sha, f in fired.items()}
    parsed, traces = _records(git, change.head, commits, sigs)
    files, skipped = _traced(inputs.measured_files())
    # Every excluded file is traced, and its AI lines count in the share: the change
    # names its own files, so `vendor/` or `*.generated.*` must not hide an agent's
    # code (their other lines still dilute nothing). The ones it creates are also
    # reported apart.
    hidden, _ = _traced(tuple(f for f in change.files if f.path in inputs.excluded))
    created = {f.path for f in inputs.created_excluded()}
    lacking = [p for f in change.files if f.unreadable for p in (f.old_path, f.new_path) if p]
    found = origins.origins(git, change.merge_base, change.head, [*files, *hidden], lacking)
    entries, unreadable = _parsed(files, found[: len(files)])
    # An excluded file the replay cannot place stays out of the share.
    hidden_entries, _ = _parsed(hidden, found[len(files) :])
    new = [(f, r) for f, r in zip(hidden, found[len(files) :], strict=True) if f.path in created]
    extra_entries, extra_unreadable = _parsed([f for f, _ in new], [r for _, r in new])
    restored = reverts.origins(commits)

    def count(found: list[tuple[origins.Origin, ...]]) -> attribute.Tally:
        return attribute.tally(
            found, leads, parsed, traces, require_notes=cfg.require_notes, restored=restored
        )

    tally = count(entries).with_ai_of(count(hidden_entries))
    return AiMeasurement(
        signatures_version=sigs.version,
        commits=evidence.collect(
            inputs.commits, commits=commits, fired=fired, leads=leads, notes=parsed, tally=tally
        ),
        tally=tally,
        unreadable=tuple(unreadable),
        skipped=tuple(skipped),
        trace=traces,
        notes_source=source,
        new_excluded=count(extra_entries),
        new_excluded_unreadable=sum(u.lines for u in extra_unreadable),
    )


def _parsed(
    files: list[FileChange], found: list[tuple[origins.Origin, ...] | origins.Mismatch]
) -> tuple[list[tuple[origins.Origin, ...]], list[NotAnalysed]]:
    """Each file's origins, and the files the replay could not place (their lines are unknown)."""
    entries: list[tuple[origins.Origin, ...]] = []
    unreadable: list[NotAnalysed] = []
    for f, result in zip(files, found, strict=True):
        if isinstance(result, origins.Mismatch):
            unreadable.append(NotAnalysed(f.path, result.reason, f.lines_added))
        else:
            entries.append(result)
    return entries, unreadable


def _records(
    git: Git, head: str, commits: Mapping[str, Commit], sigs: Signatures
) -> tuple[dict[str, notes.Note], trace.Traces]:
    """The range's git-ai notes and head's Agent Trace records, read in one ``cat-file``."""
    found = notes.locate(git, commits)
    blobs = git.cat_file([blob for _, blob in found.values()] + [f"{head}:{trace.PATH}"])
    parsed = {
        sha: notes.parse(ref, blob or b"", sigs)
        for (sha, (ref, _)), blob in zip(found.items(), blobs[:-1], strict=True)
    }
    return parsed, trace.parse(blobs[-1], sigs)


def _traced(files: tuple[FileChange, ...]) -> tuple[list[FileChange], list[Skipped]]:
    """The files to trace, and the ones left out with their reason (deleted ones: neither)."""
    keep: list[FileChange] = []
    skipped: list[Skipped] = []
    for f in files:
        if f.unreadable:
            # its added lines are unknown and uncounted: the size check errors on it
            skipped.append(Skipped(f.path, "a blob is missing from this clone (lines unknown)"))
            continue
        if f.new_path is None:
            continue
        reason = (
            "binary"
            if f.binary
            else "submodule"
            if f.submodule
            else "symbolic link (its target path, not code)"
            if f.new_mode == SYMLINK_MODE
            else "Agent Trace records (evidence, not code)"
            if f.path == trace.PATH
            else None
        )
        if reason:
            skipped.append(Skipped(f.path, reason))
        elif f.added or f.status == "copied":
            keep.append(f)
    return keep, skipped


@dataclass(frozen=True)
class AiCheck:
    """The ``ai`` check, as :func:`gate.checks.registry` lists it."""

    name: str = NAME
    needs: tuple[str, ...] = ()

    def run(self, inputs: Inputs) -> CheckResult:
        """Measure the change, then judge the measurement against the config."""
        return judge(measure(inputs), inputs.config.ai)
