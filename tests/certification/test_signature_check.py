"""``gate check`` with signed certifications: sign, push, and a fresh clone passes or fails."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.run import report
from tests.signed_repo import AUTHOR, CONFIG, Keys, certify, make_keys, signed_repo

EVERY_CHANGE = CONFIG + '\n[[certification.rule]]\nid = "every-change"\n'


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return make_keys(tmp_path_factory.mktemp("keys"))


def checked(remote: Path, where: Path, code: int) -> dict[str, Any]:
    """``gate check`` in a fresh clone of the feature branch (as a CI job runs it)."""
    subprocess.run(["git", "clone", "-q", "-b", "feature", str(remote), str(where)], check=True)
    run, data = report(where, "--base", "origin/main")
    assert run.code == code, run.stdout + run.stderr
    certification: dict[str, Any] = data["checks"]["certification"]
    return certification


def test_a_pushed_signature_certifies_the_change(tmp_path: Path, keys: Keys) -> None:
    repo, remote = signed_repo(tmp_path, keys, config=EVERY_CHANGE)
    repo.git("push", "-q", "origin", "feature")
    unsigned = checked(remote, tmp_path / "ci0", code=1)
    assert unsigned["metrics"]["certified"] is False
    assert certify(repo, keys.alice, "--push").code == 0
    signed = checked(remote, tmp_path / "ci1", code=0)
    assert signed["status"] == "pass"
    assert signed["metrics"]["certified"] is True


def test_the_authors_signature_and_a_stale_one_do_not(tmp_path: Path, keys: Keys) -> None:
    repo, remote = signed_repo(tmp_path, keys, config=EVERY_CHANGE)
    assert certify(repo, keys.alice).code == 0
    old = repo.head()
    repo.commit("after review", {"app.py": "x = 2\n"}, author=AUTHOR)
    repo.git("notes", "--ref=refs/notes/gate-certify", "copy", old, "HEAD")
    assert certify(repo, keys.dev).code == 0
    repo.git("push", "-q", "origin", "feature", "refs/notes/gate-certify")
    result = checked(remote, tmp_path / "ci", code=1)
    assert result["metrics"]["certified"] is False
