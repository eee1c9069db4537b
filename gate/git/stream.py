"""History read forward as it streams: one ``git log -p`` for every commit's patch, and a
``cat-file --batch`` kept open for the files the replay needs from before the period."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from gate.git.log import LOG_FORMAT
from gate.git.process import Repository
from gate.text import decode_path

# The patch as the replay parses it: oldest first (parents before children),
# zero context, whitespace ignored as ``blame -w`` ignores it, renames found
# (copies not: a copy is new code), a merge diffed against its first parent only.
# Every setting that would change that shape is pinned.
_PATCHES = (
    "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false", "-c", "core.quotePath=true",
    "log", "--topo-order", "--reverse", "-p", "-U0", "--inter-hunk-context=0", "-w", "-M",
    "-l5000", "--full-index", "--diff-merges=first-parent", "--diff-algorithm=myers", "--no-color",
    "--no-ext-diff", "--no-textconv", "--ignore-submodules=all", "--no-relative",
    "--src-prefix=a/", "--dst-prefix=b/", "--no-show-signature", "--no-notes",
    "--format=%x00%H",
)  # fmt: skip
_GRAPH = ("log", "--topo-order", "--reverse", "--no-show-signature", "--format=%H %ct %P")

Reader = Callable[[Sequence[str]], "list[tuple[str, bytes] | None]"]
_BATCH = 256


class Stream(Repository):
    """The commands of ``gate history``: a whole period in a handful of processes."""

    def history_graph(self, tip: str, since: int | None, exclude: Sequence[str] = ()) -> bytes:
        """``sha time parents...`` lines of the period, oldest first (topological order):
        the commits of ``tip`` committed at ``since`` or later (None: any time) that no
        commit of ``exclude`` reaches."""
        return self.run(*_GRAPH, *_period(tip, since, exclude), "--")

    @contextmanager
    def history_patches(
        self, tip: str, since: int | None, exclude: Sequence[str] = (), skip: Sequence[str] = ()
    ) -> Iterator[Iterator[bytes]]:
        """The patch of every commit of the period as lines of bytes, in the order of
        :meth:`history_graph`; each commit starts with a line ``\\0<sha>``.

        As in :meth:`gate.git.lines.Lines.diff`, git runs in an empty work tree so
        the repository's ``.gitattributes`` cannot turn files binary or hide them.
        ``skip``: paths left out of every patch (blobs a partial clone lacks); a
        commit that touched nothing else is then not listed at all.
        """
        with tempfile.TemporaryDirectory(prefix="gate-history-") as tmp:
            env = {
                "GIT_DIR": self.git_dir(),
                "GIT_WORK_TREE": tmp,
                "GIT_INDEX_FILE": str(Path(tmp) / "index"),
            }
            specs = [":/", *(f":(exclude,literal){p}" for p in skip)] if skip else []
            # --full-history: a pathspec must not prune a side branch from the replay
            full = ("--full-history",) if skip else ()
            args = (*_PATCHES, *full, *_period(tip, since, exclude), "--", *specs)
            with self.popen(*args, env=env, cwd=Path(tmp)) as proc:
                assert proc.stdout is not None
                yield iter(proc.stdout)

    @contextmanager
    def blob_reader(self) -> Iterator[Reader]:
        """``read(["<rev>:<path>", ...])``: each blob's sha and bytes, None where there is
        none (one process for every read; the names of one call sent at once)."""
        with self.popen("cat-file", "--batch") as proc:
            stdin, stdout = proc.stdin, proc.stdout
            assert stdin is not None
            assert stdout is not None

            def answer() -> tuple[str, bytes] | None:
                header = stdout.readline().split(b" ")
                if header[-1].strip() in (b"missing", b"ambiguous"):
                    return None
                data = stdout.read(int(header[2]) + 1)[:-1]
                return (header[0].decode("ascii"), data) if header[1] == b"blob" else None

            def read(specs: Sequence[str]) -> list[tuple[str, bytes] | None]:
                found: list[tuple[str, bytes] | None] = []
                # the batch protocol is one name a line; a few hundred names at a time fit
                # the pipe, so git never waits on an unread answer while we write
                for start in range(0, len(specs), _BATCH):
                    chunk = specs[start : start + _BATCH]
                    sent = [s for s in chunk if "\n" not in s]
                    stdin.write(
                        b"".join(s.encode("utf-8", "surrogateescape") + b"\n" for s in sent)
                    )
                    stdin.flush()
                    answers = {s: answer() for s in sent}
                    found += [answers.get(s) for s in chunk]
                return found

            yield read

    def history_blobs(self, tip: str, exclude: Sequence[str]) -> list[tuple[str, str]]:
        """``(blob, path)`` of both sides of every file the commits of ``tip`` not reached
        by ``exclude`` changed (against their first parent, as the replay reads them);
        trees only, no blob is read."""
        out = self.run(
            "log", "-z", "--raw", "--no-abbrev", "--no-renames", "--format=",
            "--diff-merges=first-parent", "--end-of-options", tip,
            *(f"^{sha}" for sha in exclude), "--",
        )  # fmt: skip
        found: list[tuple[str, str]] = []
        tokens = iter(out.split(b"\0"))
        for token in tokens:
            if token.startswith(b":"):
                meta = token.decode("ascii").split(" ")
                path = decode_path(next(tokens, b""))
                found += [(meta[2], path), (meta[3], path)]
        return found

    def history_messages(self, shas: list[str]) -> bytes:
        """:meth:`gate.git.log.Log.log_messages` output for exactly these commits."""
        if not shas:  # git log reads HEAD when stdin names nothing
            return b""
        return self.run(
            "log", "-z", "--no-walk=unsorted", "--stdin", "--no-show-signature",
            "--encoding=UTF-8", f"--format={LOG_FORMAT}",
            stdin="".join(f"{sha}\n" for sha in shas).encode(),
        )  # fmt: skip

    def history_tip(self, rev: str, until: int) -> str | None:
        """The last commit of ``rev``'s first-parent line committed at ``until`` or before."""
        out = self.run(
            "rev-list", "-1", "--first-parent", f"--before=@{max(until, 1)} +0000",
            "--end-of-options", rev, "--",
        )  # fmt: skip
        return out.decode("ascii").strip() or None

    def refs_under(self, prefix: str) -> tuple[str, ...]:
        """The names of the refs under ``prefix`` (``refs/entire/``), sorted."""
        out = self.run("for-each-ref", "--format=%(refname)", prefix)
        return tuple(sorted(out.decode("utf-8", "replace").split()))


def _period(tip: str, since: int | None, exclude: Sequence[str]) -> list[str]:
    limit = [f"--since=@{max(since, 1)} +0000"] if since is not None else []
    return [*limit, "--end-of-options", tip, *(f"^{sha}" for sha in exclude)]
