"""What a revision's tree holds: blobs, tree entries, and the attributes it sets.

Everything here reads many objects in one process: blobs through one
``cat-file --batch``, attributes through one ``check-attr --stdin``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from gate.errors import GitError
from gate.git.process import Repository, first_line
from gate.text import decode_path, encode_path

SYMLINK_MODE = "120000"  # the mode of a tree entry that is a symbolic link
_LITERAL = {"GIT_LITERAL_PATHSPECS": "1"}  # a path is a path, never a glob or magic


def is_null_sha(sha: str | None) -> bool:
    """No object: absent, empty, or git's all-zeros id (40 zeros, 64 in a SHA-256 repository)."""
    return not sha or set(sha) == {"0"}


@dataclass(frozen=True)
class TreeEntry:
    """One ``git ls-tree`` line: mode (``100644``), kind (``blob``), object sha, path."""

    mode: str
    kind: str
    sha: str
    path: str


_PROMISOR = b"from promisor remote"  # git's words when an on-demand fetch failed


class Objects(Repository):
    """Reading blobs and trees of any revision, never the work tree."""

    def cat_file(self, specs: Sequence[str]) -> list[bytes | None]:
        """Contents of objects (``<sha>`` or ``<rev>:<path>``), one process; None if missing."""
        if not specs:
            return []
        if any("\n" in spec for spec in specs):
            raise GitError("git cat-file: an object name contains a newline")
        return self._batch(specs)

    def _batch(self, specs: Sequence[str]) -> list[bytes | None]:
        proc = self.call("cat-file", "--batch", stdin="".join(f"{s}\n" for s in specs).encode())
        if proc.returncode == 0:
            return _parse_batch(proc.stdout, len(specs))
        if _PROMISOR not in proc.stderr:
            raise GitError(f"git cat-file failed: {first_line(proc)}")
        # A partial clone fetches a missing blob on demand, and one it cannot fetch
        # stops the whole batch: halve it until each such blob is alone (None: missing).
        if len(specs) == 1:
            return [None]
        half = len(specs) // 2
        return self._batch(specs[:half]) + self._batch(specs[half:])

    def absent(self, shas: Sequence[str]) -> frozenset[str]:
        """The objects of the trees of ``shas`` (commits) this clone lacks, fetching none."""
        out = self.run("rev-list", "--objects", "--no-walk", "--missing=print", *shas, "--")
        return frozenset(ln[1:] for ln in out.decode().splitlines() if ln.startswith("?"))

    def range_absent(self, tip: str, exclude: Sequence[str]) -> frozenset[str]:
        """The objects the commits of ``tip`` that ``exclude`` does not reach, and the trees
        of ``exclude``, hold and this clone lacks, fetching none."""
        out = self.run(
            "rev-list", "--objects", "--missing=print", "--end-of-options", tip,
            *(f"^{sha}" for sha in exclude), "--",
        )  # fmt: skip
        inner = {ln[1:] for ln in out.decode().splitlines() if ln.startswith("?")}
        return frozenset(inner) | (self.absent(exclude) if exclude else frozenset())

    def ls_tree(self, rev: str, path: str) -> tuple[TreeEntry, ...]:
        """Every entry at or under ``path`` (a file or a folder) in ``rev``'s tree, recursively.

        Paths match whole components (``rules`` does not match ``rules-old``);
        no glob is expanded. An unknown path gives an empty tuple.
        """
        return _tree_entries(self.run("ls-tree", "-r", "-z", rev, "--", path, env=_LITERAL))

    def entries(self, rev: str, paths: Sequence[str]) -> dict[str, TreeEntry]:
        """The entries ``paths`` name in ``rev``'s tree, not recursed into: a folder is one
        ``tree`` entry, a symbolic link one with mode ``120000``. Absent paths are left out."""
        out = self.run("ls-tree", "-z", rev, "--", *paths, env=_LITERAL)
        return {entry.path: entry for entry in _tree_entries(out)}

    def attributes(
        self, rev: str, paths: Sequence[str], names: Sequence[str]
    ) -> dict[str, dict[str, str]]:
        """The git attributes ``names`` of ``paths`` as the tree of ``rev`` sets them.

        ``.gitattributes`` files are read from ``rev`` (not the work tree) through a
        throwaway index, so a change cannot mark its own files as generated.
        """
        if not paths:
            return {}
        with tempfile.TemporaryDirectory(prefix="gate-index-") as tmp:
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            self.run("read-tree", rev, env=env)
            stdin = b"".join(encode_path(p) + b"\0" for p in paths)
            out = self.run("check-attr", "--cached", "-z", "--stdin", *names, stdin=stdin, env=env)
        fields = out.split(b"\0")
        result: dict[str, dict[str, str]] = {}
        for i in range(0, len(fields) - 2, 3):
            path = decode_path(fields[i])
            result.setdefault(path, {})[fields[i + 1].decode()] = fields[i + 2].decode()
        return result


def _tree_entries(out: bytes) -> tuple[TreeEntry, ...]:
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split(" ")
        entries.append(TreeEntry(mode, kind, sha, decode_path(name)))
    return tuple(entries)


def _parse_batch(out: bytes, count: int) -> list[bytes | None]:
    """``cat-file --batch`` output: a header line per object, then its bytes and a newline."""
    result: list[bytes | None] = []
    pos = 0
    for _ in range(count):
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if header[-1] in (b"missing", b"ambiguous"):
            result.append(None)
            continue
        size = int(header[2])
        result.append(out[pos : pos + size])
        pos += size + 1
    return result
