"""The only module that runs git.

Every call passes bytes through unchanged (paths are parsed by the callers from
``-z`` output) and asks for what a whole range needs in one process: blobs come
from one ``cat-file --batch``, attributes from one ``check-attr --stdin``.
Failures become :class:`~gate.errors.GitError` with git's own first line.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from gate.errors import GitError
from gate.text import decode_path, encode_path, visible

SYMLINK_MODE = "120000"  # the mode of a tree entry that is a symbolic link
# One record per commit of ``git log -z``: sha, parents, author name and email,
# committer name and email, raw message (last: it is the only free text).
LOG_FIELDS = ("sha", "parents", "author_name", "author_email", "committer_name", "committer_email")
LOG_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B"

# Never prompt for credentials (CI has no terminal), never take the index lock
# (the gate only reads; a pre-push hook runs beside other git processes).
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
_NO_ENV: Mapping[str, str] = MappingProxyType({})  # a default no call can change


def is_null_sha(sha: str | None) -> bool:
    """No object: absent, empty, or git's all-zeros id (40 zeros, 64 in a SHA-256 repository)."""
    return not sha or set(sha) == {"0"}


def _first_line(stderr: bytes) -> str:
    lines = [ln for ln in stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    fatal = [ln for ln in lines if ln.startswith(("fatal:", "error:"))]
    return visible((fatal or lines or ["(no message)"])[0])


@dataclass(frozen=True)
class Git:
    """A repository's work tree root, and the git commands the gate runs in it."""

    root: Path

    @classmethod
    def discover(cls, cwd: Path) -> Git:
        """The repository that contains ``cwd``; a clear error when there is none."""
        if not cwd.is_dir():
            raise GitError(f"not a directory: {visible(str(cwd))}")
        proc = _run(["rev-parse", "--show-toplevel"], cwd=cwd)
        if proc.returncode != 0:
            raise GitError(
                f"not a git repository: {visible(str(cwd))} ({_first_line(proc.stderr)})"
            )
        return cls(Path(decode_path(proc.stdout.rstrip(b"\n"))))

    def run(
        self,
        *args: str,
        stdin: bytes | None = None,
        env: Mapping[str, str] = _NO_ENV,
        cwd: Path | None = None,
    ) -> bytes:
        """Run ``git args`` in the work tree (or ``cwd``); return stdout, or raise GitError."""
        proc = _run(list(args), cwd=cwd or self.root, stdin=stdin, env=env)
        if proc.returncode != 0:
            raise GitError(f"git {_command(args)} failed: {_first_line(proc.stderr)}")
        return proc.stdout

    def resolve_commit(self, rev: str) -> str | None:
        """The commit sha ``rev`` names, or None when it names no commit here."""
        proc = _run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            cwd=self.root,
        )
        return proc.stdout.decode().strip() if proc.returncode == 0 else None

    def merge_base(self, a: str, b: str) -> str | None:
        """The best common ancestor of two commits, None when git finds none."""
        proc = _run(["merge-base", a, b], cwd=self.root)
        if proc.returncode == 1:
            return None
        if proc.returncode != 0:
            raise GitError(f"git merge-base failed: {_first_line(proc.stderr)}")
        return proc.stdout.decode().strip()

    def shallow_boundary(self) -> frozenset[str]:
        """Commits whose parents this clone lacks (the contents of ``.git/shallow``)."""
        path = Path(decode_path(self.run("rev-parse", "--git-path", "shallow").strip()))
        path = path if path.is_absolute() else self.root / path
        try:
            return frozenset(path.read_text().split())
        except FileNotFoundError:
            return frozenset()

    def remote(self) -> str | None:
        """The remote to fetch from: ``origin`` when present, else the first one."""
        names = self.run("remote").decode("utf-8", "replace").split()
        return "origin" if "origin" in names else (names[0] if names else None)

    def fetch(
        self,
        remote: str,
        refspecs: Sequence[str],
        *,
        depth: int | None = None,
        deepen: int | None = None,
    ) -> bool:
        """Fetch quietly; False when nothing could be fetched (the caller decides what that means).

        One missing ref fails a whole ``git fetch``, so when several refspecs fail
        together each is tried alone and the ones that exist are kept.
        """
        args = ["fetch", "--quiet", "--no-tags", "--no-write-fetch-head"]
        if depth is not None:
            args.append(f"--depth={depth}")
        if deepen is not None:
            args.append(f"--deepen={deepen}")
        args += ["--end-of-options", remote]
        if _run([*args, *refspecs], cwd=self.root).returncode == 0:
            return True
        if len(refspecs) < 2:
            return False
        results = [_run([*args, spec], cwd=self.root).returncode == 0 for spec in refspecs]
        return any(results)

    def rev_list(self, include: Iterable[str], exclude: Iterable[str] = ()) -> tuple[str, ...]:
        """Commits reachable from ``include`` and not from ``exclude``, newest first."""
        revs = [*include, *(f"^{sha}" for sha in exclude)]
        return tuple(self.run("rev-list", *revs, "--").decode().split())

    def upstream(self, head: str = "HEAD") -> str | None:
        """The upstream branch of the branch ``head`` names, if it has one."""
        proc = _run(
            ["rev-parse", "--abbrev-ref", "--symbolic-full-name", f"{head}@{{upstream}}"],
            cwd=self.root,
        )
        return proc.stdout.decode().strip() or None if proc.returncode == 0 else None

    def diff(self, old: str, new: str) -> bytes:
        """Raw (``-z``) and zero-context patch output between two commits, renames found.

        User settings that change the output (external diff drivers, textconv,
        colour, prefixes) are switched off so the parser sees git's own format.
        No ``.gitattributes`` of the repository applies: git reads them from the
        work tree, which holds the change under judgement, whose ``* -diff``
        would turn every file "binary", with no line added. So git runs in an
        empty folder given as work tree (it reads attributes relative to its
        working directory), with an empty index, and its own test (a NUL byte
        in the first 8,000 bytes) alone decides what is binary.
        """
        with tempfile.TemporaryDirectory(prefix="gate-diff-") as tmp:
            env = {
                "GIT_DIR": self.git_dir(),
                "GIT_WORK_TREE": tmp,
                "GIT_INDEX_FILE": str(Path(tmp) / "index"),  # absent: read as empty, never written
            }
            return self.run(
                "-c",
                "diff.noprefix=false",
                "-c",
                "diff.mnemonicPrefix=false",
                "diff",
                "-z",
                "--raw",
                "-p",
                "-U0",
                "-M",
                "-C",
                "-l5000",
                "--no-abbrev",
                "--no-color",
                "--no-ext-diff",
                "--no-textconv",
                "--ignore-submodules=none",
                old,
                new,
                "--",
                cwd=Path(tmp),
                env=env,
            )

    def git_dir(self) -> str:
        """The repository's git directory, as an absolute path."""
        return decode_path(self.run("rev-parse", "--absolute-git-dir").rstrip(b"\n"))

    def cat_file(self, specs: Sequence[str]) -> list[bytes | None]:
        """Contents of objects (``<sha>`` or ``<rev>:<path>``), one process; None if missing."""
        if not specs:
            return []
        if any("\n" in spec for spec in specs):
            raise GitError("git cat-file: an object name contains a newline")
        out = self.run("cat-file", "--batch", stdin="".join(f"{s}\n" for s in specs).encode())
        return _parse_batch(out, len(specs))

    def attributes(
        self,
        rev: str,
        paths: Sequence[str],
        names: Sequence[str],
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
            out = self.run(
                "check-attr",
                "--cached",
                "-z",
                "--stdin",
                *names,
                stdin=b"".join(encode_path(p) + b"\0" for p in paths),
                env=env,
            )
        fields = out.split(b"\0")
        result: dict[str, dict[str, str]] = {}
        for i in range(0, len(fields) - 2, 3):
            path = decode_path(fields[i])
            result.setdefault(path, {})[fields[i + 1].decode()] = fields[i + 2].decode()
        return result

    def log_messages(self, head: str, exclude: str) -> bytes:
        """``head ^exclude`` in one ``git log -z``: per commit, NUL-separated fields
        (see :data:`LOG_FIELDS`) ending with the raw message, re-encoded to UTF-8.

        Signatures are not shown (``log.showSignature`` would mix gpg output into
        stdout); a NUL inside a crafted message cuts the message there (git's own
        behaviour), it never shifts the fields.
        """
        return self.run(
            "log",
            "-z",
            "--no-show-signature",
            "--encoding=UTF-8",
            f"--format={LOG_FORMAT}",
            "--end-of-options",
            head,
            f"^{exclude}",
            "--",
        )

    def blame(
        self, exclude: str, head: str, files: Sequence[tuple[str, Sequence[tuple[int, int]]]]
    ) -> list[bytes | GitError]:
        """``git blame --incremental`` of lines ``(start, end)`` of each path at ``head``,
        restricted to ``exclude..head`` (older lines come out as boundary commits).

        One process per file, run on as many threads as the machine has cores; a
        file git cannot blame yields its GitError in place, so one unreadable file
        does not hide the others. Whitespace-only edits and code moved or copied
        between files of one commit are traced to their origin (``-w -M -C``); a
        configured ``blame.ignoreRevsFile`` is cleared so no commit is skipped.
        """

        def one(job: tuple[str, Sequence[tuple[int, int]]]) -> bytes | GitError:
            path, ranges = job
            args = ["-c", "core.quotePath=false", "blame", "--incremental", "-w", "-M", "-C"]
            args.append("--ignore-revs-file=")
            args += [f"-L{start},{end}" for start, end in ranges]
            try:
                return self.run(*args, f"{exclude}..{head}", "--", path)
            except GitError as exc:
                return GitError(f"{exc} ({visible(path)})")

        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            return list(pool.map(one, files))

    def notes_list(self, ref: str) -> bytes:
        """``<note blob> <annotated object>`` lines of notes ref ``ref`` (empty when absent).

        ``--ref`` wins over ``core.notesRef`` and ``GIT_NOTES_REF``, so the default
        ``refs/notes/commits`` is never read in its place.
        """
        return self.run("notes", f"--ref={ref}", "list")

    def fetch_ref(self, remote: str, src: str, dst: str) -> bool:
        """Force-fetch ``src`` of ``remote`` into ``dst``; False when the remote has no ``src``.

        ``ls-remote --exit-code`` tells "the remote has no such ref" (exit 2) apart
        from a remote that cannot be read, which is an error, never an empty result.
        """
        proc = _run(["ls-remote", "--exit-code", remote, src], cwd=self.root)
        if proc.returncode == 2:
            return False
        if proc.returncode != 0:
            raise GitError(f"git ls-remote {visible(remote)} failed: {_first_line(proc.stderr)}")
        self.run("fetch", "--quiet", "--no-tags", "--no-write-fetch-head", remote, f"+{src}:{dst}")
        return True

    def ls_tree(self, rev: str, path: str) -> tuple[TreeEntry, ...]:
        """Every entry at or under ``path`` (a file or a folder) in ``rev``'s tree, recursively.

        Paths match whole components (``rules`` does not match ``rules-old``);
        no glob is expanded. An unknown path gives an empty tuple.
        """
        out = self.run("ls-tree", "-r", "-z", rev, "--", path, env={"GIT_LITERAL_PATHSPECS": "1"})
        return _tree_entries(out)

    def entries(self, rev: str, paths: Sequence[str]) -> dict[str, TreeEntry]:
        """The entries ``paths`` name in ``rev``'s tree, not recursed into: a folder is one
        ``tree`` entry, a symbolic link one with mode ``120000``. Absent paths are left out."""
        out = self.run("ls-tree", "-z", rev, "--", *paths, env={"GIT_LITERAL_PATHSPECS": "1"})
        return {entry.path: entry for entry in _tree_entries(out)}


@dataclass(frozen=True)
class TreeEntry:
    """One ``git ls-tree`` line: mode (``100644``), kind (``blob``), object sha, path."""

    mode: str
    kind: str
    sha: str
    path: str


def _command(args: Sequence[str]) -> str:
    """The git command in ``args``, after any ``-c name=value`` settings."""
    i = 0
    while args[i] == "-c":
        i += 2
    return args[i]


def _tree_entries(out: bytes) -> tuple[TreeEntry, ...]:
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, name = record.partition(b"\t")
        mode, kind, sha = meta.decode("ascii").split(" ")
        entries.append(TreeEntry(mode, kind, sha, decode_path(name)))
    return tuple(entries)


def _run(
    args: list[str], *, cwd: Path, stdin: bytes | None = None, env: Mapping[str, str] = _NO_ENV
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(
            ["git", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, **_ENV, **env},
        )
    except FileNotFoundError as exc:
        raise GitError("git is not installed or not on PATH") from exc


def _parse_batch(out: bytes, count: int) -> list[bytes | None]:
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
