"""What the size check counts: files and lines the change asks a reviewer to read (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from gate.change import FileChange
from gate.size.source import BinarySource


@dataclass(frozen=True)
class Lines:
    """Lines one file counts for size when the diff's own hunks do not say (a copy)."""

    added: int
    removed: int


@dataclass(frozen=True)
class SizeMeasurement:
    """Files and lines the change touches, and the three biggest files for the hint."""

    files_changed: int
    lines_added: int
    lines_removed: int
    binary_files: int
    renamed_files: int
    biggest: tuple[tuple[str, int], ...]  # (path, changed lines), largest first
    copied_files: int = 0
    binary_sources: tuple[BinarySource, ...] = ()
    new_excluded_files: int = 0  # excluded files the change creates
    new_excluded_lines: int = 0  # their added and removed lines

    @property
    def changed_lines(self) -> int:
        """Added plus removed lines: what ``max_changed_lines`` limits."""
        return self.lines_added + self.lines_removed


def count_lines(data: bytes) -> int:
    """Lines of a blob as git's diff counts them (a last line without a newline counts)."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def measure(
    files: Sequence[FileChange],
    lines: Mapping[str, Lines] | None = None,
    binary_sources: Sequence[BinarySource] = (),
) -> SizeMeasurement:
    """Count files and lines; ``lines`` overrides the diff's counts of some paths (pure)."""
    override = lines or {}
    counted = [(f, override.get(f.path) or Lines(f.lines_added, f.lines_removed)) for f in files]
    ranked = sorted(((f.path, n.added + n.removed) for f, n in counted), key=lambda item: -item[1])
    return SizeMeasurement(
        files_changed=len(files),
        lines_added=sum(n.added for _, n in counted),
        lines_removed=sum(n.removed for _, n in counted),
        binary_files=sum(f.binary for f in files),
        renamed_files=sum(f.status == "renamed" for f in files),
        biggest=tuple(item for item in ranked[:3] if item[1]),
        copied_files=sum(f.status == "copied" for f in files),
        binary_sources=tuple(binary_sources),
    )
