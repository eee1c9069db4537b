"""`gate config check`: every problem of a config file, at once, one per line."""

from __future__ import annotations

from pathlib import Path

import pytest

from gate import config
from gate.errors import ConfigError
from tests.gitrepo import GitRepo
from tests.run import gate

BAD = """\
mode = "loud"
[size]
max_lines = 3
max_files = -1
[ai]
max_share = "a"
[[ai.signatures]]
id = 1
[[ai.signatures]]
id = "x"
nope = true
"""


def test_every_error_is_printed(repo: GitRepo, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD)
    run = gate(repo.path, "config", "check", str(path))
    assert run.code == 2
    where = str(path)
    assert run.stderr.splitlines() == [
        f"gate: error: {where}: mode must be one of enforce | monitor, got 'loud'",
        f"gate: error: {where}: unknown key [size] max_lines (did you mean max_files?)",
        f"gate: error: {where}: [size] max_files must be at least 0, got -1",
        f'gate: error: {where}: [ai] max_share must be a number, got a string ("a")',
        f"gate: error: {where}: [ai.signatures[0]] id must be a string, got a number (1)",
        f"gate: error: {where}: unknown key [ai.signatures[1]] nope (known keys: agent, "
        "author_name, body, bot_id, class, disclosure, email, id, trailer, value)",
    ]


def test_gate_check_names_them_all_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('mode = "loud"\n[size]\nmax_lines = 3\n')
    with pytest.raises(ConfigError) as caught:
        config.from_file(path)
    assert len(caught.value.problems) == 2
    assert "\n" not in str(caught.value)
    assert "; " in str(caught.value)


def test_the_default_file_is_gate_toml_else_pyproject(repo: GitRepo) -> None:
    run = gate(repo.path, "config", "check")
    assert run.code == 2
    assert ".gate.toml: cannot read config" in run.stderr
    (repo.path / "pyproject.toml").write_text("[tool.gate]\n[tool.gate.size]\nmax_files = 3\n")
    run = gate(repo.path, "config", "check")
    assert run.code == 0, run.stderr
    assert "pyproject.toml: valid" in run.stdout
