"""Size gate: how many files and lines the change touches.

Renames count only their edited lines (git's rename detection); a copy counts
every line it brings in, read from its blob (a reviewer reads a copy as new
code, and ``-C`` alone would count only its edits). Excluded files count for
nothing. Binary files count as files, not lines, except source code that git
calls binary (:mod:`gate.size.source`): its lines count, and it is reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from gate.blob import is_binary
from gate.change import FileChange, hunk_lines
from gate.errors import GateError, GitError
from gate.git import Git
from gate.inputs import Inputs
from gate.result import CheckResult, Finding
from gate.size import source
from gate.size.judge import NAME, judge
from gate.size.measurement import Lines, SizeMeasurement, count_lines, measure
from gate.text import plural, visible

# Data formats nobody runs: their blobs are not read to look for a #! line (unless
# the file is executable), so a change full of images costs no reading.
_DATA = frozenset(
    (
        *(".png", ".jpg", ".jpeg", ".gif", ".bmp", ".ico", ".webp", ".tif", ".tiff", ".pdf"),
        *(".zip", ".gz", ".tgz", ".bz2", ".xz", ".zst", ".7z", ".rar", ".tar", ".jar", ".whl"),
        *(".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".wav", ".ogg", ".webm"),
        *(".mov", ".avi", ".flac", ".docx", ".xlsx", ".pptx", ".sqlite", ".pyc", ".wasm"),
    )
)
_EXECUTABLE = "100755"


@dataclass(frozen=True)
class _Read:
    """A file whose lines the diff cannot give, with the blobs read for it."""

    change: FileChange
    base: bytes | None
    head: bytes | None


def _needs_reading(f: FileChange) -> bool:
    if f.status == "copied":
        return True
    if not f.binary:
        return False
    suffix = PurePosixPath(f.path).suffix.lower()
    return (
        suffix in source.SUFFIXES or suffix not in _DATA or _EXECUTABLE in (f.old_mode, f.new_mode)
    )


def _read(git: Git, files: Sequence[FileChange]) -> list[_Read]:
    """The blobs of copies (head) and binary files that may be source (both sides), one batch."""
    todo = [f for f in files if _needs_reading(f)]
    specs = []
    for f in todo:
        specs += [f.old_blob if f.status not in ("added", "copied") else None, f.new_blob]
    blobs = iter(git.cat_file([s for s in specs if s]))
    got = [next(blobs) if spec else b"" for spec in specs]
    found = []
    for i, f in enumerate(todo):
        base, head = got[2 * i], got[2 * i + 1]
        if base is None or head is None:
            if f.status != "copied" and source.source_reason(f.path, b"") is None:
                continue  # data, maybe a large one a partial clone left out: not ours to count
            raise GitError(
                f"{visible(f.path)}: its blob is missing from this clone (partial clone?), "
                "so its lines cannot be counted"
            )
        found.append(_Read(f, base if specs[2 * i] else None, head if specs[2 * i + 1] else None))
    return found


def counted_lines(
    git: Git, files: Sequence[FileChange]
) -> tuple[dict[str, Lines], tuple[source.BinarySource, ...]]:
    """Lines the diff does not give: every line of a copy, and those of binary source files.

    A copy counts all its lines (a reviewer reads it as new code); a file git calls
    binary (a NUL byte) counts its lines when it is source code by its name or ``#!``
    line, from a text diff of its two blobs, and is reported.
    """
    counted: dict[str, Lines] = {}
    found: list[source.BinarySource] = []
    for r in _read(git, files):
        f = r.change
        if r.head is not None and f.status == "copied" and not is_binary(r.head):
            counted[f.path] = Lines(count_lines(r.head), 0)
            continue
        # the head side is what the change brings; a base side with a NUL that the change
        # removed is not reported, but its lines still count
        reported = source.inspect(f.path, r.head) if r.head and is_binary(r.head) else None
        if reported is not None:
            found.append(reported)
        sides = ((f.new_path, r.head), (f.old_path, r.base))
        if not any(data is not None and source.source_reason(str(p), data) for p, data in sides):
            continue  # data (an image): a file, not lines
        if r.base is not None and r.head is not None:
            counted[f.path] = Lines(*hunk_lines(git.diff_blobs(str(f.old_blob), str(f.new_blob))))
        else:
            counted[f.path] = Lines(count_lines(r.head or b""), count_lines(r.base or b""))
    return counted, tuple(found)


def measure_change(inputs: Inputs) -> SizeMeasurement:
    """Count the measured files' lines: the diff's, else the blobs' (copies, binary sources);
    and apart, those of the excluded files the change creates."""
    files = inputs.measured_files()
    lines, binary = counted_lines(inputs.git, files)
    created = inputs.created_excluded()
    new = measure(created, counted_lines(inputs.git, created)[0])
    return replace(
        measure(files, lines, binary),
        new_excluded_files=new.files_changed,
        new_excluded_lines=new.changed_lines,
    )


@dataclass(frozen=True)
class SizeCheck:
    """The ``size`` check, as :func:`gate.checks.registry` lists it."""

    name: str = NAME
    needs: tuple[str, ...] = ("ai",)  # the budgets tighten with the AI share

    def run(self, inputs: Inputs) -> CheckResult:
        """Measure the change, then judge it against the config and the AI share's budgets."""
        cfg = inputs.config.size
        share = None
        if cfg.budget:
            ai = inputs.earlier["ai"]
            if ai.status in ("error", "skipped"):
                raise GateError(
                    f"[[size.budget]] depends on the AI share, and the ai check "
                    f"{'could not run' if ai.status == 'error' else 'is disabled'}"
                )
            value = ai.metrics.get("ai_share")
            share = value if isinstance(value, float) else None
        return unreadable(judge(measure_change(inputs), cfg, share), inputs.measured_files())


def unreadable(result: CheckResult, files: Sequence[FileChange]) -> CheckResult:
    """Files whose lines could not be counted (a blob missing here) make a pass an error."""
    lost = [f.path for f in files if f.unreadable]
    if not lost:
        return result
    findings = tuple(
        Finding.of(
            NAME,
            "not-analysed",
            # The reports put the path in front of every message.
            "its lines cannot be counted (a blob is missing from this clone: "
            "fetch it, or clone without --filter)",
            path=path,
            identity=("not-analysed", path),
        )
        for path in lost
    )
    return replace(
        result,
        status="error" if result.status == "pass" else result.status,
        summary=f"{result.summary}; {plural(len(lost), 'file')} not analysed",
        findings=result.findings + findings,
        metrics={**result.metrics, "not_analysed": len(lost)},
    )
