"""Repositories for the AI check's tests: a base on main, a feature branch, notes, the report."""

from __future__ import annotations

from typing import Any

from tests.gitrepo import GitRepo, lines
from tests.run import report

HUMAN = "Dev <dev@example.com>"


def start(repo: GitRepo, files: dict[str, str | bytes | None] | None = None) -> str:
    """A base commit on main (``app.py``: 3 lines, plus ``files``), then branch ``feature``."""
    base = repo.commit("base", {"app.py": lines(3, "base"), **(files or {})})
    repo.branch("feature")
    return base


def ai_check(
    repo: GitRepo, *args: str, code: int = 0, env: dict[str, str | None] | None = None
) -> dict[str, Any]:
    """The ``ai`` entry of the JSON report of ``gate check --base main ARGS`` (exit ``code``)."""
    run, data = report(repo.path, "--base", "main", *args, env=env)
    assert run.code == code, run.stdout + run.stderr
    check: dict[str, Any] = data["checks"]["ai"]
    return check


def metrics(repo: GitRepo, *args: str, code: int = 0) -> dict[str, Any]:
    result: dict[str, Any] = ai_check(repo, *args, code=code)["metrics"]
    return result


def add_note(repo: GitRepo, sha: str, text: str | bytes, ref: str = "refs/notes/ai") -> None:
    data = text.encode() if isinstance(text, str) else text
    repo.git("notes", f"--ref={ref}", "add", "-f", "-F", "-", sha, stdin=data)


def evidence(m: dict[str, Any], sha: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = [e for e in m["evidence"] if e["sha"] == sha]
    assert len(found) == 1, f"no evidence for {sha[:12]}: {m['evidence']}"
    return found[0]
