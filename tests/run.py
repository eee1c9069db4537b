"""Running the real ``gate`` command in-process (so coverage sees it) in a given directory."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from gate.cli import cli


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def gate(cwd: Path, *args: str, env: Mapping[str, str | None] | None = None) -> Run:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            cli, list(args), env=env, catch_exceptions=False, prog_name="gate"
        )
    finally:
        os.chdir(old)
    return Run(result.exit_code, result.stdout, result.stderr)


def report(
    cwd: Path,
    *args: str,
    env: Mapping[str, str | None] | None = None,
) -> tuple[Run, dict[str, Any]]:
    """Run ``gate check`` with ``--json`` and return the run and the parsed report."""
    out = cwd.parent / "report.json"
    run = gate(cwd, "check", "--json", str(out), *args, env=env)
    return run, json.loads(out.read_text())


def stopped(cwd: Path, *args: str) -> str:
    """Run ``gate check``, which must stop with exit 2 and one line on stderr; return it."""
    run = gate(cwd, "check", *args)
    assert run.code == 2, run.stdout
    assert len(run.stderr.splitlines()) == 1, run.stderr
    return run.stderr
