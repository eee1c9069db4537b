"""Real git repositories for tests: real commits, trailers, renames, notes; never mocked."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

Content = str | bytes | None  # None deletes the file
_NO_ENV: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class GitRepo:
    path: Path

    @classmethod
    def init(cls, path: Path, branch: str = "main") -> GitRepo:
        path.mkdir(parents=True, exist_ok=True)
        repo = cls(path)
        repo.git("init", "-q", "-b", branch)
        return repo

    def git(self, *args: str, stdin: bytes | None = None, env: Mapping[str, str] = _NO_ENV) -> str:
        return self.git_bytes(*args, stdin=stdin, env=env).decode("utf-8", "surrogateescape")

    def git_bytes(
        self, *args: str, stdin: bytes | None = None, env: Mapping[str, str] = _NO_ENV
    ) -> bytes:
        proc = subprocess.run(
            ["git", *args],
            cwd=self.path,
            input=stdin,
            capture_output=True,
            env={**os.environ, **env},
            check=False,
        )
        if proc.returncode != 0:
            raise AssertionError(f"git {' '.join(args)} failed: {proc.stderr.decode()}")
        return proc.stdout

    def write(self, name: str | bytes, content: str | bytes) -> None:
        target = self.path / os.fsdecode(name) if isinstance(name, bytes) else self.path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)

    def commit(
        self,
        message: str = "change",
        files: Mapping[str, Content] | None = None,
        *,
        author: str = "Dev <dev@example.com>",
        committer: str | None = None,
        date: str | None = None,
        allow_empty: bool = False,
    ) -> str:
        """Write ``files`` (None deletes), stage everything, commit; return the sha."""
        for name, content in (files or {}).items():
            if content is None:
                (self.path / name).unlink()
            else:
                self.write(name, content)
        self.git("add", "-A")
        name, _, email = (committer or author).partition(" <")
        env = {"GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email.rstrip(">")}
        if date:
            env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        args = ["commit", "-q", "--no-verify", f"--author={author}", "-F", "-"]
        if allow_empty:
            args.append("--allow-empty")
        self.git(*args, stdin=message.encode(), env=env)
        return self.head()

    def head(self, rev: str = "HEAD") -> str:
        return self.git("rev-parse", rev).strip()

    def branch(self, name: str, start: str = "HEAD") -> None:
        self.git("checkout", "-q", "-b", name, start)

    def checkout(self, rev: str) -> None:
        self.git("checkout", "-q", rev)


def lines(n: int, prefix: str = "line") -> str:
    """``n`` distinct lines of text, Python comments so that ``.py`` files parse."""
    return "".join(f"# {prefix} {i}\n" for i in range(1, n + 1))
