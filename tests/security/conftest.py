"""One real semgrep run over the bundled rules' examples, shared by the tests that read it."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

from gate.security import rules, semgrep

EXAMPLES = Path(__file__).parent / "rules_examples"
# Example file -> the name semgrep scans it under (the extension picks the language).
SUFFIXES = {"python": ".py", "javascript": ".js", "typescript": ".ts", "shell": ".sh"}


@dataclass(frozen=True)
class ExampleRun:
    """The examples as scanned, and semgrep's exit code and raw JSON report."""

    root: Path
    targets: tuple[str, ...]
    code: int
    stdout: bytes


@pytest.fixture(scope="session")
def example_run(tmp_path_factory: pytest.TempPathFactory) -> ExampleRun:
    root = tmp_path_factory.mktemp("examples")
    targets = []
    for example in sorted(EXAMPLES.glob("*.example")):
        name = example.stem + SUFFIXES[example.stem]
        (root / name).write_bytes(example.read_bytes())
        targets.append(name)
    home = tmp_path_factory.mktemp("home")
    with rules.bundled() as bundled:
        options = semgrep.Options(
            executable=semgrep.locate(os.environ),
            configs=(str(bundled),),
            timeout=10,
            max_target_bytes=1_000_000,
            jobs=2,
            run_timeout=120,
        )
        proc = subprocess.run(
            semgrep.command(options, semgrep.Request(root, tuple(targets))),
            cwd=root,
            capture_output=True,
            check=False,
            env={**os.environ, "HOME": str(home), "SEMGREP_ENABLE_VERSION_CHECK": "0"},
        )
    return ExampleRun(root, tuple(targets), proc.returncode, proc.stdout)
