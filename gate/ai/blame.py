"""Where each added line of a file came from: ``git blame --incremental`` output, parsed.

An entry says: ``count`` lines from ``final_line`` on, at head, were introduced by
commit ``sha`` as lines ``orig_line``.. of ``orig_path`` (the path in that
commit, so renames are followed). Commit details are printed only once per
process and are not needed: the range's commits come from ``git log``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gate.errors import GitError
from gate.text import decode_path, unquote, visible

_HEADER = re.compile(rb"([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+) (\d+)")


@dataclass(frozen=True)
class BlameEntry:
    """``count`` lines from ``final_line`` at head came from ``orig_line`` of ``orig_path``
    in commit ``sha``."""

    sha: str
    orig_line: int
    final_line: int
    count: int
    orig_path: str


def parse(out: bytes, path: str) -> tuple[BlameEntry, ...]:
    """Entries of one ``git blame --incremental`` run on ``path`` (named in errors)."""
    entries = []
    header: re.Match[bytes] | None = None
    for line in out.split(b"\n"):
        if header is None:
            if not line:
                continue
            header = _HEADER.fullmatch(line)
            if header is None:
                raise GitError(f"unexpected git blame output for {visible(path)}: {line[:60]!r}")
        elif line.startswith(b"filename "):
            sha, orig, final, count = header.groups()
            name = decode_path(unquote(line[len(b"filename ") :]))
            entries.append(BlameEntry(sha.decode(), int(orig), int(final), int(count), name))
            header = None
    if header is not None:
        raise GitError(f"unexpected git blame output for {visible(path)}: an entry has no filename")
    return tuple(entries)
