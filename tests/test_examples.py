"""The README's first commands: the demo and the installed entry points work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent
BIN = Path(sys.executable).parent


def test_demo_runs_and_the_gate_fails_the_pull_request() -> None:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(
        ["bash", str(ROOT / "examples" / "demo.sh")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "merge-gate FAIL" in proc.stdout
    assert "(exit 1: 0 pass, 1 fail, 2 could not evaluate)" in proc.stdout
    assert "## ❌ merge-gate: **fail**" in proc.stdout
    assert "eval()/exec() runs whatever code" in proc.stdout
    assert proc.stdout.rstrip().endswith("(exit 0)")


def test_python_dash_m_and_console_script() -> None:
    for cmd in ([sys.executable, "-m", "gate", "--version"], [str(BIN / "gate"), "--version"]):
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        assert proc.returncode == 0
        assert proc.stdout.startswith("gate, version ")
