"""`gate hook install`: where the hook goes, and never over a hook someone else wrote."""

from __future__ import annotations

import os
from pathlib import Path

from gate.hook.install import MARKER
from tests.gitrepo import GitRepo
from tests.run import gate


def test_install_writes_an_executable_hook(repo: GitRepo) -> None:
    run = gate(repo.path, "hook", "install")
    assert run.code == 0, run.stderr
    hook = repo.path / ".git" / "hooks" / "pre-push"
    assert MARKER in hook.read_text()
    assert os.access(hook, os.X_OK)
    assert "installed" in run.stdout
    # Installing again replaces our own hook.
    assert gate(repo.path, "hook", "install").code == 0


def test_install_honours_core_hooks_path(repo: GitRepo) -> None:
    repo.git("config", "core.hooksPath", ".githooks")
    assert gate(repo.path, "hook", "install").code == 0
    assert MARKER in (repo.path / ".githooks" / "pre-push").read_text()
    assert not (repo.path / ".git" / "hooks" / "pre-push").exists()


def test_a_foreign_hook_is_kept_unless_forced(repo: GitRepo) -> None:
    hook = repo.path / ".git" / "hooks" / "pre-push"
    hook.write_text("#!/bin/sh\nexec run-my-linters\n")
    run = gate(repo.path, "hook", "install")
    assert run.code == 2
    assert "a pre-push hook merge-gate did not write is there" in run.stderr
    assert "--force" in run.stderr
    assert "run-my-linters" in hook.read_text()
    assert gate(repo.path, "hook", "install", "--force").code == 0
    assert MARKER in hook.read_text()


def test_unreadable_or_unwritable_hooks_are_errors(repo: GitRepo) -> None:
    hook = repo.path / ".git" / "hooks" / "pre-push"
    hook.mkdir()  # a folder where the hook should be: it cannot be read
    run = gate(repo.path, "hook", "install")
    assert run.code == 2
    assert "cannot read the hook" in run.stderr
    hook.rmdir()
    repo.git("config", "core.hooksPath", "a-file")
    (repo.path / "a-file").write_text("not a folder\n")
    run = gate(repo.path, "hook", "install")
    assert run.code == 2
    assert "cannot write the hook" in run.stderr


def test_outside_a_repository(tmp_path: Path) -> None:
    run = gate(tmp_path, "hook", "install")
    assert run.code == 2
    assert "not a git repository" in run.stderr
