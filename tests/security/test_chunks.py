"""Huge changes: semgrep's targets are split into chunks below the argument limits, same answer."""

from __future__ import annotations

from typing import Any

import pytest

from gate.security import batches
from tests.gitrepo import GitRepo
from tests.run import report

pytestmark = pytest.mark.semgrep


def test_twelve_thousand_long_paths_fit_in_chunks() -> None:
    targets = tuple(f"src/{'deeply/nested/' * 6}module_{i:05}.py" for i in range(12_000))
    chunks = batches.chunks(targets)
    assert len(chunks) > 1
    assert tuple(t for c in chunks for t in c) == targets
    for chunk in chunks:
        assert len(chunk) <= batches.CHUNK_TARGETS
        assert sum(len(t) + 1 for t in chunk) <= batches.CHUNK_BYTES


def security(repo: GitRepo) -> dict[str, Any]:
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 1, run.stdout
    result: dict[str, Any] = data["checks"]["security"]
    return result


def test_chunked_runs_give_the_same_findings(
    repo: GitRepo, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.commit(
        "base",
        {f"m{i}.py": f"def f{i}(x):\n    return eval(x)\n" for i in range(4)}
        | {"n.py": "import os\n\n\ndef g(c):\n    os.system(c)  # nosemgrep\n"},
    )
    repo.commit(
        "head",
        {f"m{i}.py": f"def f{i}(x):\n    return eval(x) or eval(x + '1')\n" for i in range(3)}
        | {"m3.py": "def f3(x):\n    return x\n", "new.py": "import pickle\npickle.loads(b)\n"}
        | {"n.py": "import os\n\n\ndef g(c):\n    os.system(c)  # nosemgrep\n    os.system(c)\n"},
    )
    whole = security(repo)
    monkeypatch.setattr(batches, "CHUNK_TARGETS", 2)
    chunked = security(repo)
    assert chunked["findings"] == whole["findings"]
    assert chunked["metrics"] == whole["metrics"]
    assert whole["metrics"]["new_findings"] == 5
    assert whole["metrics"]["fixed_findings"] == 1
