"""The change under judgement: which files moved how, and which lines were added or removed.

Built from one ``git diff -z --raw -p -U0 -M -C`` between the merge-base and
head. The raw section (NUL-separated, so any path survives) names the files;
the patch section, in the same order, gives line numbers from hunk headers
only. A type change (file to symlink) is one raw entry but two patches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from gate.errors import GitError
from gate.git import is_null_sha
from gate.text import decode_path

Status = Literal["added", "modified", "deleted", "renamed", "copied", "typechange"]

_STATUS: dict[str, Status] = {
    "A": "added",
    "M": "modified",
    "D": "deleted",
    "R": "renamed",
    "C": "copied",
    "T": "typechange",
}
_HUNK = re.compile(rb"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_PATCH_START = re.compile(rb"^diff --git ", re.MULTILINE)
_BINARY = re.compile(rb"^(?:Binary files .* differ|GIT binary patch)$", re.MULTILINE)
SUBMODULE_MODE = "160000"
SYMLINK_MODE = "120000"
# The modes of a regular file (plain, executable); git writes no other.
REGULAR_MODES = ("100644", "100755")


@dataclass(frozen=True)
class LineRange:
    """Lines ``start`` .. ``start + count - 1`` (1-based) of one side of a file."""

    start: int
    count: int

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and self.start <= line < self.start + self.count


@dataclass(frozen=True)
class FileChange:
    """One file of the change. ``old_path`` is None for added files, ``new_path`` for deleted."""

    status: Status
    old_path: str | None
    new_path: str | None
    old_blob: str | None
    new_blob: str | None
    old_mode: str
    new_mode: str
    similarity: int | None
    binary: bool
    added: tuple[LineRange, ...]
    removed: tuple[LineRange, ...]
    # Head lines after which the diff removed lines and added none (0: before the first):
    # deleting a `def` line merges two functions with no head line added.
    removed_after: tuple[int, ...] = ()
    unreadable: bool = False  # a blob this clone cannot read: lines unknown (gate.diff)

    @property
    def path(self) -> str:
        """The path that names the file in reports: the new one, or the old one if deleted."""
        return self.new_path if self.new_path is not None else str(self.old_path)

    @property
    def lines_added(self) -> int:
        """Lines the diff adds (head side)."""
        return sum(r.count for r in self.added)

    @property
    def lines_removed(self) -> int:
        """Lines the diff removes (base side)."""
        return sum(r.count for r in self.removed)

    @property
    def submodule(self) -> bool:
        """A submodule pointer on either side, not a file."""
        return SUBMODULE_MODE in (self.old_mode, self.new_mode)


@dataclass(frozen=True)
class Change:
    """``merge_base..head``: the commits' net effect, file by file."""

    base: str
    head: str
    merge_base: str
    files: tuple[FileChange, ...]


@dataclass(frozen=True)
class _RawEntry:
    old_mode: str
    new_mode: str
    old_blob: str
    new_blob: str
    code: str
    similarity: int | None
    old_path: str
    new_path: str


def hunk_lines(patch: bytes) -> tuple[int, int]:
    """Lines added and removed by the hunks of one zero-context patch (pure)."""
    added = removed = 0
    for m in _HUNK.finditer(patch):
        removed += 1 if m.group(2) is None else int(m.group(2))
        added += 1 if m.group(4) is None else int(m.group(4))
    return added, removed


def parse_diff(out: bytes) -> tuple[FileChange, ...]:
    """Parse ``git diff -z --raw -p -U0`` output into file changes (pure)."""
    entries, patch = _split_raw(out)
    starts = [m.start() for m in _PATCH_START.finditer(patch)]
    bounds = list(pairwise([*starts, len(patch)]))
    wanted = sum(2 if e.code == "T" else 1 for e in entries)
    if len(bounds) != wanted:
        raise GitError(
            f"unexpected git diff output: {len(entries)} files but {len(bounds)} patches"
        )
    files = []
    index = 0
    for entry in entries:
        take = 2 if entry.code == "T" else 1
        chunks = [patch[a:b] for a, b in bounds[index : index + take]]
        index += take
        files.append(_file_change(entry, chunks))
    return tuple(files)


def _split_raw(out: bytes) -> tuple[list[_RawEntry], bytes]:
    entries = []
    pos = 0
    while pos < len(out) and out[pos : pos + 1] == b":":
        end = out.index(b"\0", pos)
        meta = out[pos + 1 : end].decode("ascii").split(" ")
        pos = end + 1
        code, score = meta[4][0], meta[4][1:]
        paths = []
        for _ in range(2 if code in "RC" else 1):
            end = out.index(b"\0", pos)
            paths.append(decode_path(out[pos:end]))
            pos = end + 1
        entries.append(
            _RawEntry(
                meta[0],
                meta[1],
                meta[2],
                meta[3],
                code,
                int(score) if score else None,
                paths[0],
                paths[-1],
            )
        )
    if out[pos : pos + 1] == b"\0":  # the raw section ends with one more NUL
        pos += 1
    return entries, out[pos:]


def _file_change(entry: _RawEntry, chunks: list[bytes]) -> FileChange:
    status = _STATUS.get(entry.code)
    if status is None:
        raise GitError(f"unexpected git diff status {entry.code!r} for {entry.new_path!r}")
    added: list[LineRange] = []
    removed: list[LineRange] = []
    removed_after: list[int] = []
    binary = False
    for chunk in chunks:
        binary = binary or _BINARY.search(chunk) is not None
        for m in _HUNK.finditer(chunk):
            old_count = 1 if m.group(2) is None else int(m.group(2))
            new_count = 1 if m.group(4) is None else int(m.group(4))
            if old_count:
                removed.append(LineRange(int(m.group(1)), old_count))
            if new_count:
                added.append(LineRange(int(m.group(3)), new_count))
            else:  # a hunk with no head line removed some: where they were, at head
                removed_after.append(int(m.group(3)))
    return FileChange(
        status=status,
        old_path=None if status == "added" else entry.old_path,
        new_path=None if status == "deleted" else entry.new_path,
        old_blob=None if is_null_sha(entry.old_blob) else entry.old_blob,
        new_blob=None if is_null_sha(entry.new_blob) else entry.new_blob,
        old_mode=entry.old_mode,
        new_mode=entry.new_mode,
        similarity=entry.similarity,
        binary=binary,
        added=tuple(added),
        removed=tuple(removed),
        removed_after=tuple(removed_after),
    )
