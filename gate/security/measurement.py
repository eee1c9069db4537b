"""Measuring a change for the security check: scan both sides, compare the findings.

The I/O half of the check (git blobs, temporary trees, semgrep processes); the
judging is :mod:`gate.security.judge`. semgrep runs in two waves at most: head and the
base files that lost lines at once, then the base files where head found
something (:mod:`gate.security.baseline` says why nothing else can matter).
Every changed file is scanned, including those the size check excludes
(vendored, generated, minified): code there runs too, and a path pattern must
not be a way around the security gate.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from gate.change import REGULAR_MODES, FileChange, LineRange
from gate.complexity.pool import cores
from gate.inputs import Inputs
from gate.security import baseline, identity, links, partial, rules, semgrep, tree
from gate.security.identity import Comparison, Occurrence
from gate.security.scan import Scan, Unparsed, merge, restrict
from gate.text import visible


@dataclass(frozen=True)
class NotAnalysed:
    """A changed file semgrep could not analyse; ``base`` when only its base version."""

    path: str
    reason: str
    base: bool = False


@dataclass(frozen=True)
class Measurement:
    """What was measured: the comparison, the files not analysed, and what ran."""

    comparison: Comparison
    not_analysed: tuple[NotAnalysed, ...]
    files_scanned: int
    rules: str
    semgrep_version: str = ""
    partly: tuple[partial.Partly, ...] = ()  # analysed but for lines the change did not touch


@dataclass(frozen=True)
class _Side:
    """One side's scanned targets and what semgrep said: every finding, and with nosem honoured."""

    targets: tuple[tree.Target, ...]
    scan: Scan
    honoured: Scan  # the nosem-honouring run over ``nosem_targets``
    nosem_targets: frozenset[str]

    @property
    def scans(self) -> tuple[Scan, Scan]:
        return (self.scan, self.honoured)


def measure(inputs: Inputs) -> Measurement:
    """Scan both sides of the change and compare them (I/O: git and semgrep).

    The base is scanned only where it can change the answer (:mod:`gate.security.baseline`):
    with head, the files that lost lines; after head, those where head found something.
    """
    cfg = inputs.config.security
    base_sources, head_sources = _sources(inputs)
    with (
        tempfile.TemporaryDirectory(prefix="gate-security-") as tmp,
        rules.ruleset(inputs.git, cfg.rules, inputs.config.source) as ruleset,
    ):
        base_root, head_root = Path(tmp, "base"), Path(tmp, "head")
        base_targets = tree.write(base_root, base_sources, cfg.max_target_bytes)
        head_targets = tree.write(head_root, head_sources, cfg.max_target_bytes)
        if not base_targets and not head_targets:
            return Measurement(Comparison(), (), 0, ruleset.description)
        options = semgrep.Options(
            executable=semgrep.locate(inputs.env),
            configs=ruleset.configs,
            timeout=cfg.timeout,
            max_target_bytes=cfg.max_target_bytes,
            jobs=cfg.jobs or cores(),
            run_timeout=cfg.run_timeout,
            osemgrep=cfg.semgrep_cli == "osemgrep",
        )
        # A second, nosem-honouring run tells which findings a `nosemgrep` hides;
        # it is needed only where such a comment can be.
        nosem = any(t.mentions_nosem for t in head_targets)
        early = baseline.first(base_targets, inputs.change.files)
        spare = baseline.ahead(base_targets, {t.tree_path for t in early})
        first = {t.tree_path for t in (*early, *spare)}
        base_plan = _plan(base_root, [t for t in base_targets if t.tree_path in first], nosem)
        head_plan = _plan(head_root, head_targets, nosem)
        scans = semgrep.run_all(options, [*base_plan, *head_plan], inputs.env)
        head_side = _side(head_targets, head_plan, scans[len(base_plan) :])
        late = baseline.second(
            base_targets, {t.tree_path for t in early}, _lineages_found(head_side)
        )
        late_plan = _plan(base_root, [t for t in late if t.tree_path not in first], nosem)
        late_scans = semgrep.run_all(options, late_plan, inputs.env)
    # What was scanned ahead counts only where the second wave would have scanned it.
    chosen = {t.tree_path for t in (*early, *late)}
    base_side = _side(
        tuple(t for t in base_targets if t.tree_path in chosen),
        [*base_plan, *late_plan],
        [restrict(s, chosen) for s in (*scans[: len(base_plan)], *late_scans)],
    )
    added = {f.new_path: f.added for f in inputs.change.files if f.new_path is not None}
    removed = {f.old_path: f.removed for f in inputs.change.files if f.old_path is not None}
    # Every base lineage, scanned or not: a head file without one is new (or a copy).
    lineages = {t.source.lineage for t in base_targets}
    verdicts = partial.judge(_unparsed(head_side), _unparsed(base_side), added, lineages)
    return Measurement(
        comparison=identity.compare(
            identity.numbered(_occurrences(base_side, removed, base=True)),
            identity.numbered(_occurrences(head_side, added, base=False)),
        ),
        not_analysed=_not_analysed(base_side, verdicts.base, base=True)
        + _not_analysed(head_side, verdicts.blocking, base=False),
        files_scanned=sum(
            t.tree_path in head_side.scan.scanned for t in head_side.targets if not t.stub
        ),
        rules=ruleset.description,
        semgrep_version=next((s.version for s in (*scans, *late_scans)), ""),
        partly=verdicts.partly,
    )


def _sources(inputs: Inputs) -> tuple[list[tree.Source], list[tree.Source]]:
    """Both sides' sources; every blob read in one git process."""
    wanted: list[tuple[str, FileChange, str, str]] = []  # side, file, path, blob
    for f in inputs.change.files:
        # A copy's source is unchanged at head: its base version is not part of the change.
        if f.old_path and f.old_blob and f.old_mode in REGULAR_MODES and f.status != "copied":
            wanted.append(("base", f, f.old_path, f.old_blob))
        if f.new_path and f.new_blob and f.new_mode in REGULAR_MODES:
            wanted.append(("head", f, f.new_path, f.new_blob))
    blobs = inputs.git.cat_file([blob for *_, blob in wanted])
    sides: dict[str, list[tree.Source]] = {"base": [], "head": []}
    for (side, f, path, _), content in zip(wanted, blobs, strict=True):
        lineage = f.old_path if f.status == "renamed" and f.old_path else path
        mode = f.old_mode if side == "base" else f.new_mode
        sides[side].append(tree.Source(path, lineage, content, executable=mode == "100755"))
    change = inputs.change
    sides["base"] += links.sources(inputs.git, change.merge_base, change.files, base=True)
    sides["head"] += links.sources(inputs.git, change.head, change.files, base=False)
    return sides["base"], sides["head"]


def _plan(root: Path, targets: Sequence[tree.Target], nosem: bool) -> list[semgrep.Request]:
    if not targets:
        return []
    plan = [semgrep.Request(root, tuple(t.tree_path for t in targets))]
    marked = tuple(t.tree_path for t in targets if t.mentions_nosem)
    if nosem and marked:
        plan.append(semgrep.Request(root, marked, nosem=True))
    return plan


def _side(
    targets: tuple[tree.Target, ...], plan: Sequence[semgrep.Request], scans: Sequence[Scan]
) -> _Side:
    """One side from its requests (every finding, or nosem honoured) and their scans."""
    paths = {t.tree_path for t in targets}
    runs = list(zip(plan, scans, strict=True))
    return _Side(
        targets,
        merge([s for r, s in runs if not r.nosem]),
        merge([s for r, s in runs if r.nosem]),
        frozenset(p for r in plan if r.nosem for p in r.targets if p in paths),
    )


def _lineages_found(side: _Side) -> set[str]:
    """The lineages of the side's files with a finding (suppressed or not) or skipped lines."""
    by_tree = {t.tree_path: t for t in side.targets}
    paths = {m.path for m in side.scan.matches} | set(side.scan.unparsed)
    return {by_tree[p].source.lineage for p in paths}


def _occurrences(
    side: _Side, touched: Mapping[str, Sequence[LineRange]], *, base: bool
) -> list[Occurrence]:
    """The side's findings; ``touched``: per path, the lines the change wrote (or removed)."""
    by_tree = {t.tree_path: t for t in side.targets}
    kept = {(m.rule, m.path, m.start, m.end) for m in side.honoured.matches}
    result = []
    for m in side.scan.matches:
        target = by_tree[m.path]
        if target.stub is not None:
            continue
        source = target.source
        line = target.line(m.line)
        changed = any(line in r for r in touched.get(source.path, ()))
        result.append(
            Occurrence(
                rule=m.rule,
                path=source.path,
                lineage=source.lineage,
                text=identity.normalise(target.text[m.start : m.end]),
                context=identity.context(target.text, m.start, m.end),
                before=identity.before(target.text, m.start),
                scope=identity.scope(target.text, m.start),
                line=line,
                offset=m.start,
                severity=m.severity,
                message=_message(m.message, source),
                suppressed=m.path in side.nosem_targets
                and (m.rule, m.path, m.start, m.end) not in kept,
                added=not base and changed,
                removed=base and changed,
            )
        )
    return result


def _message(message: str, source: tree.Source) -> str:
    if source.name is None:
        return message
    return f"{message} (this file runs as {visible(source.name)}, a symbolic link to it)"


def _unparsed(side: _Side) -> list[tuple[tree.Target, Unparsed]]:
    by_tree = {t.tree_path: t for t in side.targets}
    found = {path: u for scan in side.scans for path, u in scan.unparsed.items()}
    return [(by_tree[path], u) for path, u in found.items()]


def _not_analysed(
    side: _Side, unparsed: Mapping[str, str], *, base: bool
) -> tuple[NotAnalysed, ...]:
    scanned = set().union(*(s.scanned for s in side.scans))
    problems: dict[str, list[str]] = {path: [why] for path, why in unparsed.items()}
    for scan in side.scans:
        for path, reasons in scan.problems.items():
            problems.setdefault(path, []).extend(reasons)
    result = []
    for target in side.targets:
        if target.guessed:
            continue  # a document with the executable bit is no failure to analyse
        if target.stub is not None:
            # A stub is scanned only when some rule applies to the file's name.
            if target.tree_path in scanned:
                result.append(NotAnalysed(target.source.path, target.stub, base))
        elif target.tree_path in problems:
            why = "; ".join(dict.fromkeys(problems[target.tree_path]))
            result.append(NotAnalysed(target.source.path, why, base))
        elif target.unknown and target.tree_path not in scanned:
            result.append(
                NotAnalysed(target.source.path, f"{target.unknown}; no rule read it", base)
            )
    return tuple(result)
