"""`gate init`: a starter .gate.toml that names the repository's branch and languages."""

from __future__ import annotations

import subprocess
from pathlib import Path

from gate import config
from gate.starter import languages, render
from tests.gitrepo import GitRepo, lines
from tests.run import gate


def test_init_writes_a_valid_monitor_mode_config_with_every_default(
    repo: GitRepo, tmp_path: Path
) -> None:
    repo.commit("base", {"app.py": lines(3), "web/ui.ts": "let x = 1;\n", "run.sh": "true\n"})
    subprocess.run(["git", "clone", "-q", str(repo.path), str(tmp_path / "w")], check=True)
    work = tmp_path / "w"
    run = gate(work, "init")
    assert run.code == 0, run.stderr
    text = (work / ".gate.toml").read_text()
    assert "Changes are judged against: origin/main" in text
    assert "Python (1 file), " in text
    assert "TypeScript (1 file)" in text
    assert "shell (1 file)" in text
    check = gate(work, "config", "check")
    assert check.code == 0, check.stderr
    assert check.stdout.endswith(".gate.toml: valid\n")
    parsed = config.from_file(work / ".gate.toml")
    defaults = config.Config()
    assert parsed.mode == "monitor"
    for name in ("size", "complexity", "security", "ai"):
        assert parsed.section(name) == defaults.section(name), name
    # Never over an existing config unless asked.
    again = gate(work, "init")
    assert again.code == 2
    assert "exists; `gate init --force` replaces it" in again.stderr
    assert gate(work, "init", "--force").code == 0


def test_a_repository_without_python_or_a_remote(repo: GitRepo) -> None:
    run = gate(repo.path, "init")  # not even a commit yet
    assert run.code == 0, run.stderr
    text = (repo.path / ".gate.toml").read_text()
    assert "enabled = false" in text
    assert "none yet" in text
    assert "unknown: set origin/HEAD" in text
    assert config.from_file(repo.path / ".gate.toml").complexity.enabled is False


def test_languages_count_by_extension() -> None:
    found = languages(["a.py", "b/C.PY", "x.js", "README.md", "Makefile"])
    assert found == {"Python": 2, "JavaScript": 1}
    assert "Python (2 files), JavaScript (1 file)" in render("origin/main", found)


def test_init_where_it_cannot_write(repo: GitRepo) -> None:
    (repo.path / ".gate.toml").mkdir()
    run = gate(repo.path, "init", "--force")
    assert run.code == 2
    assert "cannot write" in run.stderr
