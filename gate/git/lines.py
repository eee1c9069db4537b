"""Line-level changes: what changed between two commits, as the change model parses it."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from gate.git.process import Repository

# Settings that would change the output the parsers expect, each switched off.
_DIFF = (
    "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false",
    "diff", "-z", "--raw", "-p", "-U0", "-M", "-C", "-l5000", "--no-abbrev", "--no-color",
    "--no-ext-diff", "--no-textconv", "--ignore-submodules=none",
)  # fmt: skip

Ranges = Sequence[tuple[int, int]]


class Lines(Repository):
    """``git diff``, as the change model parses it."""

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
