"""Running ``gate history`` in-process and reading its JSON report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.run import Run, gate

PERIOD = ("--since", "2025-12-31", "--until", "2026-03-01")


def history(cwd: Path, *args: str, code: int = 0) -> tuple[Run, dict[str, Any]]:
    """``gate history PERIOD --json`` (exit ``code``) and the parsed report."""
    out = cwd.parent / "history.json"
    run = gate(cwd, "history", *PERIOD, "--json", str(out), *args)
    assert run.code == code, run.stdout + run.stderr
    data: dict[str, Any] = json.loads(out.read_text())
    return run, data


def stopped(cwd: Path, *args: str) -> str:
    """``gate history ARGS`` must stop with exit 2 and one line on stderr; return it."""
    run = gate(cwd, "history", *args)
    assert run.code == 2, run.stdout + run.stderr
    assert len(run.stderr.splitlines()) == 1, run.stderr
    return run.stderr
