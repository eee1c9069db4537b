"""Line-level history: what changed between two commits, and where each line came from."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from gate.errors import GitError
from gate.git.process import Repository, first_line
from gate.text import visible

# Settings that would change the output the parsers expect, each switched off.
_DIFF = (
    "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false",
    "diff", "-z", "--raw", "-p", "-U0", "-M", "-C", "-l5000", "--no-abbrev", "--no-color",
    "--no-ext-diff", "--no-textconv", "--ignore-submodules=none",
)  # fmt: skip
_BLAME = (
    "-c", "core.quotePath=false",
    "blame", "--incremental", "-w", "-M", "-C", "--ignore-revs-file=",
)  # fmt: skip

Ranges = Sequence[tuple[int, int]]


class Lines(Repository):
    """``git diff`` and ``git blame``, as the change model and the AI check parse them."""

    def diff(self, old: str, new: str, exclude: Sequence[str] = ()) -> bytes:
        """Raw (``-z``) and zero-context patch output between two commits, renames found.

        User settings that change the output (external diff drivers, textconv,
        colour, prefixes) are switched off so the parser sees git's own format.
        No ``.gitattributes`` of the repository applies: git reads them from the
        work tree, which holds the change under judgement, whose ``* -diff``
        would turn every file "binary", with no line added. So git runs in an
        empty folder given as work tree (it reads attributes relative to its
        working directory), with an empty index, and its own test (a NUL byte
        in the first 8,000 bytes) alone decides what is binary. ``exclude`` are
        paths left out (literally, not as globs).
        """
        with tempfile.TemporaryDirectory(prefix="gate-diff-") as tmp:
            env = {
                "GIT_DIR": self.git_dir(),
                "GIT_WORK_TREE": tmp,
                "GIT_INDEX_FILE": str(Path(tmp) / "index"),  # absent: read as empty, never written
            }
            skip = [f":(exclude,literal){p}" for p in exclude]
            specs = [":/", *skip] if skip else []
            return self.run(*_DIFF, old, new, "--", *specs, cwd=Path(tmp), env=env)

    def diff_raw(self, old: str, new: str) -> bytes:
        """The raw (``-z``) list of changed files, without renames: git reads trees, no blob."""
        return self.run("diff", "-z", "--raw", "--no-renames", "--no-abbrev", old, new, "--")

    def diff_blobs(self, old: str, new: str) -> bytes:
        """A zero-context patch between two blobs, as text whatever their bytes (``--text``):
        what a file git calls binary adds and removes, line by line."""
        return self.run(
            "diff", "--text", "-U0", "--no-color", "--no-ext-diff", "--no-textconv", old, new
        )

    def blame(
        self,
        exclude: str,
        head: str,
        files: Sequence[tuple[str, Ranges]],
        *,
        copies: bool = True,
    ) -> list[bytes | GitError]:
        """``git blame --incremental`` of lines ``(start, end)`` of each path at ``head``,
        restricted to ``exclude..head`` (older lines come out as boundary commits).

        One process per file, run on as many threads as the machine has cores; a
        file git cannot blame yields its GitError in place, so one unreadable file
        does not hide the others. Whitespace-only edits and code moved or copied
        between files of one commit are traced to their origin (``-w -M -C``); a
        configured ``blame.ignoreRevsFile`` is cleared so no commit is skipped.
        Without ``copies`` (no ``-C``) only moves within a file are traced: ``-C``
        compares each line with every file its commit changed, which grows with the
        square of the files of one commit.
        """
        blame = _BLAME if copies else tuple(a for a in _BLAME if a != "-C")

        def one(job: tuple[str, Ranges]) -> bytes | GitError:
            path, ranges = job
            args = [
                *(f"-L{start},{end}" for start, end in ranges),
                f"{exclude}..{head}",
                "--",
                path,
            ]
            proc = self.call(*blame, *args)
            if proc.returncode != 0:
                return GitError(f"git blame failed: {first_line(proc)} ({visible(path)})")
            return proc.stdout

        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            return list(pool.map(one, files))

    def blame_unmoved(
        self, exclude: str, head: str, files: Sequence[tuple[str, Ranges]]
    ) -> list[bytes]:
        """``git blame --incremental -w`` of lines of each path (on as many threads as
        cores): whitespace ignored, but no move or copy followed, so each line goes to
        the commit that wrote it there. A file git cannot blame raises GitError."""
        blame = tuple(a for a in _BLAME if a not in ("-M", "-C"))

        def one(job: tuple[str, Ranges]) -> bytes:
            path, ranges = job
            limits = [f"-L{start},{end}" for start, end in ranges]
            return self.run(*blame, *limits, f"{exclude}..{head}", "--", path)

        with ThreadPoolExecutor(max_workers=max(1, os.cpu_count() or 1)) as pool:
            return list(pool.map(one, files))
