"""The replay's input: ``git log -p -U0`` output, parsed as bytes into one patch per commit.

Only what the replay needs is kept: per file its old and new path (None: created or
deleted), whether it is binary (no lines), and its hunks with the removed and added
lines. Hunk line counts decide where a hunk ends, so a content line that looks like a
header (``--- x``) is never mistaken for one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from gate.ai.blame import unquote
from gate.errors import GitError
from gate.text import decode_path

_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_SKIPPED_MODES = (b"160000", b"120000")  # submodules and symbolic links are not code


@dataclass
class Hunk:
    """Lines ``old_start``.. replaced by ``added`` at ``new_start``.. (1-based, as git says)."""

    old_start: int
    old_count: int
    new_start: int
    new_count: int
    removed: list[bytes] = field(default_factory=list)
    added: list[bytes] = field(default_factory=list)


@dataclass
class FilePatch:
    """One file of a commit's patch."""

    old: str | None
    new: str | None
    binary: bool = False
    skipped: bool = False
    hunks: list[Hunk] = field(default_factory=list)


@dataclass
class CommitPatch:
    """Every file a commit changed against its first parent (none: the root's parent)."""

    sha: str
    files: list[FilePatch] = field(default_factory=list)


def parse(lines: Iterator[bytes]) -> Iterator[CommitPatch]:
    """Commits from the stream as they come (:meth:`gate.git.stream.Stream.history_patches`)."""
    commit: CommitPatch | None = None
    current: FilePatch | None = None
    hunk: Hunk | None = None
    left = (0, 0)  # lines still expected in the hunk: (removed, added)
    for raw in lines:
        line = raw[:-1] if raw.endswith(b"\n") else raw
        if hunk is not None and left != (0, 0):
            left = _hunk_line(hunk, line, left)
            continue
        if line.startswith(b"\0"):
            if commit is not None:
                yield commit
            commit, current, hunk = CommitPatch(line[1:].decode("ascii")), None, None
        elif commit is None:
            raise GitError(f"unexpected git log output before any commit: {line[:60]!r}")
        elif line.startswith(b"diff --git "):
            current = FilePatch(*_paths(line[len(b"diff --git ") :]))
            commit.files.append(current)
        elif current is None:
            continue  # the blank line after the commit header
        elif line.startswith(b"@@ "):
            hunk, left = _hunk(line)
            current.hunks.append(hunk)
        else:
            _header(current, line)
    if commit is not None:
        yield commit


def _hunk_line(hunk: Hunk, line: bytes, left: tuple[int, int]) -> tuple[int, int]:
    mark, text = line[:1], line[1:]
    if mark == b"-":
        hunk.removed.append(text)
        return left[0] - 1, left[1]
    if mark == b"+":
        hunk.added.append(text)
        return left[0], left[1] - 1
    if mark == b"\\":  # "\ No newline at end of file"
        return left
    raise GitError(f"unexpected line in a git log hunk: {line[:60]!r}")


def _hunk(line: bytes) -> tuple[Hunk, tuple[int, int]]:
    m = _HUNK.match(line)
    if m is None:
        raise GitError(f"unexpected hunk header in git log output: {line[:60]!r}")
    a, b, c, d = m.groups()
    old_count = 1 if b is None else int(b)
    new_count = 1 if d is None else int(d)
    return Hunk(int(a), old_count, int(c), new_count), (old_count, new_count)


def _header(f: FilePatch, line: bytes) -> None:
    if line.startswith(b"new file mode "):
        f.old = None
        f.skipped = line.endswith(_SKIPPED_MODES)
    elif line.startswith(b"deleted file mode "):
        f.new = None
        f.skipped = line.endswith(_SKIPPED_MODES)
    elif line.startswith((b"new mode ", b"index ")):
        f.skipped = f.skipped or line.endswith(_SKIPPED_MODES)
    elif line.startswith(b"rename from "):
        f.old = _path(line[len(b"rename from ") :])
    elif line.startswith(b"rename to "):
        f.new = _path(line[len(b"rename to ") :])
    elif line.startswith(b"Binary files "):
        f.binary = True


def _path(raw: bytes) -> str:
    return decode_path(unquote(raw))


def _paths(rest: bytes) -> tuple[str, str]:
    """Both paths of ``a/X b/Y``; without a rename X == Y, so a path with spaces splits
    in the middle (renames are read from their own ``rename from``/``to`` lines)."""
    if rest.startswith(b'"'):
        end = rest.index(b'" ', 1) + 1
        return _path(rest[:end])[2:], _path(rest[end + 1 :])[2:]
    half = (len(rest) - 1) // 2
    return _path(rest[2:half]), _path(rest[half + 3 :])
