"""A commit's files during the replay, and the files from before the period, read once.

A state holds the files the period touched (their line ids and blob); any other file
is as in ``base``, the commit from before the period its first-parent line starts
from, and is read (one ``cat-file --batch`` for the whole replay) when first needed.
The same blob in many such commits is one set of line ids.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from gate.lineage.moves import WHITESPACE
from gate.lineage.table import BEFORE, LineTable

Reader = Callable[[Sequence[str]], "list[tuple[str, bytes] | None]"]
_BINARY_PROBE = 8000  # git's own test: a NUL byte in the first 8,000 bytes


@dataclass
class State:
    """A commit's files: the touched ones here (ids, blob), the others as in ``base``."""

    base: str | None
    files: dict[str, list[int]] = field(default_factory=dict)
    blobs: dict[str, str] = field(default_factory=dict)


def split(blob: bytes) -> list[bytes]:
    """A file's lines as git counts them (a last line without a newline counts)."""
    if not blob or b"\0" in blob[:_BINARY_PROBE]:
        return []
    lines = blob.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    return lines


def digests(blob: bytes) -> list[int]:
    """The whitespace-free digest of each line of :func:`split`, in one pass over the blob."""
    count = len(split(blob))
    normal = blob.translate(None, WHITESPACE.replace(b"\n", b"")).split(b"\n")[:count]
    return list(map(hash, normal)) + [hash(b"")] * (count - len(normal))


class Before:
    """The files of the commits from before the period, as line ids."""

    def __init__(self, read: Reader, table: LineTable) -> None:
        self.read = read
        self.table = table
        self._files: dict[tuple[str, str], tuple[str, list[int]]] = {}
        self._blobs: dict[tuple[str, str], list[int]] = {}

    def lookup(self, state: State, path: str) -> list[int]:
        """The line ids of ``path`` in ``state``."""
        ids = state.files.get(path)
        if ids is not None:
            return ids
        return self._read(state.base, path)[1] if state.base else []

    def blob(self, state: State, path: str) -> str:
        """The blob of ``path`` in ``state`` ("" when there is none)."""
        if path in state.files:
            return state.blobs.get(path, "")
        return self._read(state.base, path)[0] if state.base else ""

    def prefetch(self, wanted: Iterable[tuple[State, str]]) -> None:
        """Read the files ``(state, path)`` from before the period that are not read yet,
        in one round trip (a commit asks for all of its files at once)."""
        files = self._files
        keys = sorted(
            {
                (s.base, p)
                for s, p in wanted
                if s.base is not None and p not in s.files and (s.base, p) not in files
            }
        )
        if not keys:
            return
        answers = self.read([f"{base}:{path}" for base, path in keys])
        for (base, path), found in zip(keys, answers, strict=True):
            self._store(base, path, found)

    def _read(self, base: str, path: str) -> tuple[str, list[int]]:
        self.prefetch([(State(base), path)])  # read now unless a commit asked for it already
        return self._files[base, path]

    def _store(self, base: str, path: str, found: tuple[str, bytes] | None) -> None:
        sha = found[0] if found else ""
        if (path, sha) not in self._blobs:
            lines = digests(found[1]) if found else []
            self._blobs[path, sha] = list(self.table.add_block(BEFORE, path, lines))
        self._files[base, path] = (sha, self._blobs[path, sha])
