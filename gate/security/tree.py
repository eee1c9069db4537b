"""The trees semgrep scans: one side's changed files, written from git blobs.

Each side of the change (merge-base, head) gets its own temporary folder with
only that side's changed files, at their repository paths, so rule ``paths:``
filters see real paths and a file has the same name in both runs. The files are
passed to semgrep as explicit targets: semgrep then applies no ``.semgrepignore``
(neither its defaults, which skip ``tests/``, nor one the change adds) and no
``.gitignore``, so the change cannot hide a file from the scan.

Some files are written differently, each for a reason:

- a path semgrep would not report back exactly (not UTF-8, control characters)
  or might read as something else (a leading ``-``: ``-`` is standard input)
  gets a neutral alias that keeps its extension;
- a file whose language semgrep would not read from its name (a ``#!`` script,
  ``.pyw``, ``.mts``, ``.min.js``) gets that language's extension appended
  (:mod:`gate.security.language`);
- a Python file is written as CPython reads it, decoded by its coding cookie,
  lone CRs as line ends, names NFKC-normalised (:mod:`gate.security.reading`);
  findings map back to the file's own lines;
- a file whose content must not be scanned (over the size limit, blob missing
  from the clone, a Git LFS pointer, binary content) is written empty: semgrep
  lists such a stub as scanned exactly when some rule applies to its name, which
  says whether the file needed analysing (a PNG does not; a ``.py`` file holding
  a NUL byte does, and is "not analysed", never silently skipped).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from gate.blob import is_binary, is_lfs_pointer
from gate.security import language, reading
from gate.security.reading import Reading
from gate.text import visible


@dataclass(frozen=True)
class Source:
    """One side of one changed file: its path there, its identity path, and its bytes.

    ``lineage`` is the path that identifies the file across the change: the base
    path of a renamed file on both sides. ``content`` is None when the blob is
    not in this clone. ``name``: the path whose name gives the language, when it
    is not ``path`` (a symbolic link's, see :mod:`gate.security.links`);
    ``problem``: why the content cannot be read, when a stub stands for it.
    """

    path: str
    lineage: str
    content: bytes | None
    executable: bool = False
    name: str | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Target:
    """A source as written for semgrep: its path in the tree, or why only a stub was written.

    ``reading`` is the text written when it differs from the file's bytes;
    ``unknown`` says why a file that looks like a program has no known language;
    ``guessed``: its language is a guess that may not apply (never "not analysed").
    """

    source: Source
    tree_path: str
    stub: str | None = None
    reading: Reading | None = None
    unknown: str | None = None
    guessed: bool = False

    @property
    def text(self) -> bytes:
        """The bytes semgrep scanned (nothing for a stub)."""
        if self.stub is not None:
            return b""
        return self.reading.text if self.reading else (self.source.content or b"")

    def line(self, scanned: int) -> int:
        """The file's own line for line ``scanned`` of :attr:`text`."""
        return self.reading.line(scanned) if self.reading else scanned

    @property
    def mentions_nosem(self) -> bool:
        """True when a ``nosem``/``nosemgrep`` comment may be in the file (a superset)."""
        return b"nosem" in self.text.lower()


def write(root: Path, sources: Sequence[Source], max_bytes: int) -> tuple[Target, ...]:
    """Write ``sources`` under ``root`` and return them as semgrep targets."""
    taken = _Taken()
    made: set[Path] = set()
    targets = []
    for source in sources:
        content = source.content or b""
        stub = source.problem or _stub_reason(source.content, max_bytes)
        shown = source.name or source.path
        lang = language.detect(shown, content, executable=source.executable)
        tree_path = _tree_path(shown, lang.suffix, taken)
        taken.add(tree_path)
        dest = root / tree_path
        if dest.parent not in made:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        read = reading.python(content) if lang.name == "python" and stub is None else None
        target = Target(
            source,
            tree_path,
            stub,
            read if read and read.lines else None,
            lang.unknown,
            guessed=lang.guessed,
        )
        dest.write_bytes(target.text)
        targets.append(target)
    return tuple(targets)


def _stub_reason(content: bytes | None, max_bytes: int) -> str | None:
    if content is None:
        return "its blob is missing from this clone (partial or shallow clone?)"
    if is_lfs_pointer(content):
        return "it is a Git LFS pointer; the content is not in the repository"
    if len(content) > max_bytes:
        return f"it has {len(content):,} bytes, over [security] max_target_bytes = {max_bytes:,}"
    if is_binary(content):
        return "it is binary (a NUL byte in its first 8,000 bytes, git's own test)"
    return None


@dataclass
class _Taken:
    """Paths written so far and their folders, compared as a case-insensitive disk would.

    A builder local to one :func:`write` call, hence mutable.
    """

    files: set[str] = field(default_factory=set)
    folders: set[str] = field(default_factory=set)

    def add(self, path: str) -> None:
        self.files.add(_key(path))
        self.folders.update(_key(p) for p in _parents(path))

    def free(self, path: str) -> bool:
        key = _key(path)
        clash = key in self.files or key in self.folders
        return not clash and not any(_key(p) in self.files for p in _parents(path))


def _key(path: str) -> str:
    # macOS and Windows disks fold case (and Unicode forms): two such names would
    # share one file, and one file's content would be scanned under both names.
    return unicodedata.normalize("NFC", path).casefold()


def _parents(path: str) -> list[str]:
    parts = path.split("/")
    return ["/".join(parts[:i]) for i in range(1, len(parts))]


def _tree_path(path: str, suffix: str, taken: _Taken) -> str:
    candidate = path + suffix
    if _safe(path) and taken.free(candidate):
        return candidate
    suffix = PurePosixPath(candidate).suffix
    if not _safe(suffix):
        suffix = ""
    n = 0
    while not taken.free(f"gate-alias-{n}{suffix}"):
        n += 1
    return f"gate-alias-{n}{suffix}"


def _safe(path: str) -> bool:
    # A leading "-": semgrep reads a target "-" as standard input even after "--",
    # and osemgrep then scans every file with every language.
    parts = path.split("/")
    return (
        visible(path) == path
        and not path.startswith("-")
        and not any(p in ("", ".", "..") for p in parts)
    )
