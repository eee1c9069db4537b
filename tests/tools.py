"""External tools some tests drive (gitlab-ci-local, ssh-keygen). CI installs and requires them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
# .ci/run installs npm tools here and sets MERGE_GATE_REQUIRE_TOOLS=1, so in CI
# a missing tool fails the test instead of skipping it.
NODE_BIN = ROOT / ".ci" / "node_modules" / ".bin"


def require(name: str, install: str) -> Path:
    """The tool's path; skip locally (saying how to install it), fail in CI, when missing."""
    found = shutil.which(name, path=f"{NODE_BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    if found:
        return Path(found)
    message = f"{name} is not installed ({install})"
    if os.environ.get("MERGE_GATE_REQUIRE_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)
