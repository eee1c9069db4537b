from __future__ import annotations

from pathlib import Path

import pytest

from gate.certification.check import CI_VARIABLES
from tests.gitrepo import GitRepo

# Variables that would make the gate believe it runs in CI or a hook.
_PLATFORM_PREFIXES = ("GITHUB_", "GITLAB_", "CI_", "PRE_COMMIT_", "GATE_")


def isolate(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """No CI variables, no user or system git config, a fixed identity.

    A function of its own so that module-scoped fixtures, set up before the
    autouse fixture below, can isolate themselves the same way.
    """
    import os

    for key in list(os.environ):
        if key.startswith(_PLATFORM_PREFIXES) or key in (*CI_VARIABLES, "NO_COLOR"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / "gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Dev")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "dev@example.com")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Dev")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "dev@example.com")
    monkeypatch.setenv("SEMGREP_ENABLE_VERSION_CHECK", "0")


@pytest.fixture(autouse=True)
def _hermetic(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    isolate(monkeypatch, tmp_path_factory.mktemp("home"))


@pytest.fixture(autouse=True)
def _semgrep_only_where_asked(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The security check runs real semgrep, seconds a run: only tests marked ``semgrep`` get it."""
    if request.node.get_closest_marker("semgrep") is not None:
        return
    from gate import engine
    from gate.checks import registry

    fast = tuple(check for check in registry() if check.name != "security")
    monkeypatch.setattr(engine, "registry", lambda: fast)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    """An empty repository on branch main."""
    return GitRepo.init(tmp_path / "repo")
