"""External tools some tests drive (gitlab-ci-local, ssh-keygen). CI installs and requires them."""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
# .ci/run installs npm tools here and sets MERGE_GATE_REQUIRE_TOOLS=1, so in CI
# a missing tool fails the test instead of skipping it.
NODE_BIN = ROOT / ".ci" / "node_modules" / ".bin"
# ...and PyPI tools whose pins clash with the gate's (check-jsonschema wants click 8.5,
# semgrep pins 8.4) in a virtualenv of their own.
TOOLS_BIN = ROOT / ".ci" / "tools" / "bin"
TOOLS = "python3 -m venv .ci/tools && .ci/tools/bin/pip install check-jsonschema zizmor"


def require(name: str, install: str) -> Path:
    """The tool's path; skip locally (saying how to install it), fail in CI, when missing."""
    search = os.pathsep.join((str(NODE_BIN), str(TOOLS_BIN), os.environ.get("PATH", "")))
    found = shutil.which(name, path=search)
    if found:
        return Path(found)
    message = f"{name} is not installed ({install})"
    if os.environ.get("MERGE_GATE_REQUIRE_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)


# What a copy of the source tree leaves out: git's and the tools' folders, build output.
NOT_SOURCE = (".git", ".venv", "node_modules", "tools", "build", "dist", "*.egg-info", ".*cache")


def copy_source(dest: Path) -> Path:
    """A copy of the source tree at ``dest``, as a release or an action checkout has it.

    Builds write into the tree they build (``build/``, ``*.egg-info``), so tests build
    a copy, never this checkout.
    """
    shutil.copytree(ROOT, dest, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    return dest


def precommit_env(home: Path) -> dict[str, str]:
    """The environment the pre-commit framework runs the hook in, offline and with no ``gate``
    on PATH, so that what runs is what pre-commit installed (from this environment's packages)."""
    path = [p for p in os.environ["PATH"].split(os.pathsep) if not Path(p, "gate").exists()]
    return {
        **os.environ,
        "PATH": os.pathsep.join(path),
        "PRE_COMMIT_HOME": str(home),
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "PIP_NO_INDEX": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
    }
