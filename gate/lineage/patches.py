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

from gate.errors import GitError
from gate.text import decode_path, unquote

_HUNK = re.compile(rb"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
_SKIPPED_MODES = (b"160000", b"120000")  # submodules and symbolic links are not code


@dataclass
class Hunk:
    """``old_count`` lines from ``old_start`` replaced by ``added`` at ``new_start`` (1-based,
    as git says)."""

    old_start: int
    old_count: int
    new_start: int
    new_count: int
    added: list[bytes] = field(default_factory=list)


@dataclass
class FilePatch:
    """One file of a commit's patch."""

    old: str | None
    new: str | None
    binary: bool = False
    skipped: bool = False
    blob: str | None = None  # the new side's blob (None: unchanged, as in a pure rename)
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
    stream = iter(lines)
    for raw in stream:
        line = raw[:-1] if raw.endswith(b"\n") else raw
        if line.startswith(b"\0"):
            if commit is not None:
                yield commit
            commit, current = CommitPatch(line[1:].decode("ascii")), None
        elif commit is None:
            raise GitError(f"unexpected git log output before any commit: {line[:60]!r}")
        elif line.startswith(b"diff --git "):
            current = FilePatch(*_paths(line[len(b"diff --git ") :]))
            commit.files.append(current)
        elif current is None:
            continue  # the blank line after the commit header
        elif line.startswith(b"@@ "):
            current.hunks.append(_body(_hunk(line), stream))
        else:
            _header(current, line)
    if commit is not None:
        yield commit


def _body(hunk: Hunk, stream: Iterator[bytes]) -> Hunk:
    """The hunk's lines, read off the stream: as many as its header counts (removed lines
    are only counted: the replay knows them already)."""
    removed, added = hunk.old_count, hunk.new_count
    texts = hunk.added
    while removed or added:
        raw = next(stream, b"")
        mark = raw[:1]
        if mark == b"+" and added:
            texts.append(raw[1:-1] if raw.endswith(b"\n") else raw[1:])
            added -= 1
        elif mark == b"-" and removed:
            removed -= 1
        elif mark != b"\\":  # "\ No newline at end of file" is no line
            raise GitError(f"unexpected line in a git log hunk: {raw[:60]!r}")
    return hunk


def _hunk(line: bytes) -> Hunk:
    m = _HUNK.match(line)
    if m is None:
        raise GitError(f"unexpected hunk header in git log output: {line[:60]!r}")
    a, b, c, d = m.groups()
    return Hunk(int(a), 1 if b is None else int(b), int(c), 1 if d is None else int(d))


def _header(f: FilePatch, line: bytes) -> None:
    if line.startswith(b"new file mode "):
        f.old = None
        f.skipped = line.endswith(_SKIPPED_MODES)
    elif line.startswith(b"deleted file mode "):
        f.new = None
        f.skipped = line.endswith(_SKIPPED_MODES)
    elif line.startswith(b"index "):
        f.skipped = f.skipped or line.endswith(_SKIPPED_MODES)
        f.blob = line[6:].split(b" ", 1)[0].partition(b"..")[2].decode("ascii")
    elif line.startswith(b"new mode "):
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
