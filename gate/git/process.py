"""Running git: the one place that starts a git process.

Every call gets the same safe environment, and a failure becomes a
:class:`~gate.errors.GitError` carrying git's own first line. The other modules
of :mod:`gate.git` say *which* git commands the gate needs; this one says *how*
they run.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from gate.errors import GitError
from gate.text import decode_path, visible

# Never prompt for credentials (CI has no terminal), never take the index lock
# (the gate only reads; a pre-push hook runs beside other git processes).
_ENV = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
NO_ENV: Mapping[str, str] = MappingProxyType({})  # a default no call can change

R = TypeVar("R", bound="Repository")
Completed = subprocess.CompletedProcess[bytes]


@dataclass(frozen=True)
class Repository:
    """A repository's work tree root, and how git commands run in it."""

    root: Path

    @classmethod
    def discover(cls: type[R], cwd: Path) -> R:
        """The repository that contains ``cwd``; a clear error when there is none."""
        if not cwd.is_dir():
            raise GitError(f"not a directory: {visible(str(cwd))}")
        proc = _start(["rev-parse", "--show-toplevel"], cwd=cwd)
        if proc.returncode != 0:
            raise GitError(f"not a git repository: {visible(str(cwd))} ({first_line(proc)})")
        return cls(Path(decode_path(proc.stdout.rstrip(b"\n"))))

    def run(
        self,
        *args: str,
        stdin: bytes | None = None,
        env: Mapping[str, str] = NO_ENV,
        cwd: Path | None = None,
    ) -> bytes:
        """Run ``git args`` in the work tree (or ``cwd``); return stdout, or raise GitError."""
        proc = self.call(*args, stdin=stdin, env=env, cwd=cwd)
        if proc.returncode != 0:
            raise GitError(f"git {_command(args)} failed: {first_line(proc)}")
        return proc.stdout

    def call(
        self,
        *args: str,
        stdin: bytes | None = None,
        env: Mapping[str, str] = NO_ENV,
        cwd: Path | None = None,
    ) -> Completed:
        """Run ``git args`` and return the finished process, whatever its exit code.

        For the commands whose exit code is an answer (``merge-base`` finding none,
        ``ls-remote`` lacking a ref), not only a failure.
        """
        return _start(list(args), cwd=cwd or self.root, stdin=stdin, env=env)

    @contextmanager
    def popen(
        self, *args: str, env: Mapping[str, str] = NO_ENV, cwd: Path | None = None
    ) -> Iterator[subprocess.Popen[bytes]]:
        """``git args`` running, stdin and stdout piped, for output read as it comes.

        Leaving the block waits for git (it is killed when the block raised) and
        raises GitError on a non-zero exit; stderr goes to a file, so a chatty git
        can never block on a full pipe.
        """
        with tempfile.TemporaryFile() as err:
            try:
                proc = subprocess.Popen(
                    ["git", *args],
                    cwd=cwd or self.root,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=err,
                    env={**os.environ, **_ENV, **env},
                )
            except FileNotFoundError as exc:
                raise GitError("git is not installed or not on PATH") from exc
            assert proc.stdin is not None
            assert proc.stdout is not None
            with proc:
                try:
                    yield proc
                except BaseException:
                    proc.kill()
                    raise
                proc.stdin.close()
                proc.stdout.read()  # what the caller left unread, or git blocks on a full pipe
                proc.wait()
            if proc.returncode != 0:
                err.seek(0)
                done = Completed(proc.args, proc.returncode, b"", err.read())
                raise GitError(f"git {_command(args)} failed: {first_line(done)}")

    def git_dir(self) -> str:
        """The repository's git directory, as an absolute path."""
        return decode_path(self.run("rev-parse", "--absolute-git-dir").rstrip(b"\n"))


def first_line(proc: Completed) -> str:
    """The line of git's stderr that says what went wrong, escaped for display."""
    lines = [ln for ln in proc.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
    fatal = [ln for ln in lines if ln.startswith(("fatal:", "error:"))]
    return visible((fatal or lines or ["(no message)"])[0])


def _command(args: Sequence[str]) -> str:
    """The git command in ``args``, after any ``-c name=value`` settings."""
    i = 0
    while args[i] == "-c":
        i += 2
    return args[i]


def _start(
    args: list[str], *, cwd: Path, stdin: bytes | None = None, env: Mapping[str, str] = NO_ENV
) -> Completed:
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
