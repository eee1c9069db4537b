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
from gate.text import decode_path, visible

_HEADER = re.compile(rb"([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+) (\d+)")
_BACKSLASH = ord("\\")
_OCTAL = b"01234567"
_ESCAPES = {
    ord("a"): 7,
    ord("b"): 8,
    ord("t"): 9,
    ord("n"): 10,
    ord("v"): 11,
    ord("f"): 12,
    ord("r"): 13,
    ord('"'): 34,
    ord("\\"): 92,
}


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


def unquote(raw: bytes) -> bytes:
    """A path as git prints it: C-quoted (``"a\\tb\\303\\251"``) when it has to be."""
    if not (len(raw) >= 2 and raw.startswith(b'"') and raw.endswith(b'"')):
        return raw
    body, out, i = raw[1:-1], bytearray(), 0
    while i < len(body):
        byte = body[i]
        if byte == _BACKSLASH and i + 1 < len(body):
            digits = body[i + 1 : i + 4]
            if len(digits) == 3 and all(d in _OCTAL for d in digits):
                out.append(int(digits, 8) & 0xFF)
                i += 4
                continue
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(byte)
        i += 1
    return bytes(out)
