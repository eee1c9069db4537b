from __future__ import annotations

from pathlib import Path

import pytest

from gate import config
from gate.config import Config
from gate.errors import ConfigError
from gate.git import Git
from tests.gitrepo import GitRepo


def parse(text: str, *, pyproject: bool = False) -> Config | None:
    return config.parse(text.encode(), ".gate.toml", "file:.gate.toml", pyproject=pyproject)


def test_contract_keys() -> None:
    cfg = parse("""
        on_error = "warn"
        [size]
        max_changed_lines = 400
        max_files = 50
        exclude = ["docs/**"]
        [complexity]
        max_cc = 10
        max_cc_increase = 5
        [security]
        rules = ["semgrep-rules/"]
        fail_on = "WARNING"
        [ai]
        max_share = 1.0
        [certification]
        ai_share_at_least = 0.5
        min_approvals = 1
    """)
    assert cfg is not None
    assert cfg.size.exclude == ("docs/**",)
    assert cfg.security.rules == ("semgrep-rules/",)
    assert cfg.ai.max_share == 1.0
    assert isinstance(cfg.certification.ai_share_at_least, float)
    assert cfg.on_error_for("size") == "warn"
    assert cfg.source == "file:.gate.toml"


def test_section_on_error_overrides_top_level() -> None:
    cfg = parse('on_error = "warn"\n[security]\non_error = "error"\n')
    assert cfg is not None
    assert (cfg.on_error_for("security"), cfg.on_error_for("size")) == ("error", "warn")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "[size]\nmax_lines = 3\n",
            r"\.gate\.toml: unknown key \[size\] max_lines "
            r"\(did you mean max_files\?\)",
            id="unknown-key",
        ),
        pytest.param(
            "[sizes]\n", r"unknown key sizes \(did you mean size\?\)", id="unknown-section"
        ),
        pytest.param(
            "[size]\nzzz = 1\n",
            r"\(known keys: binary_source, budget, enabled, exclude, max_changed_lines",
            id="unknown-key-lists-known",
        ),
        pytest.param(
            '[size]\nmax_files = "50"\n',
            r"\[size\] max_files must be an integer, got a "
            r'string \("50"\)',
            id="string-for-int",
        ),
        pytest.param(
            "[size]\nmax_files = true\n", r"must be an integer, got a boolean", id="bool-for-int"
        ),
        pytest.param("[size]\nmax_files = 1.5\n", r"must be an integer, got a number", id="float"),
        pytest.param(
            "[size]\nmax_files = -1\n", r"max_files must be at least 0, got -1", id="negative"
        ),
        pytest.param(
            "[ai]\nmax_share = 1.5\n",
            r"max_share must be between 0.0 and 1.0",
            id="share-above-one",
        ),
        pytest.param(
            '[size]\nexclude = "docs/**"\n',
            r"exclude must be a list, got a string",
            id="string-for-list",
        ),
        pytest.param("[size]\nmax_files = [1]\n", r"must be an integer, got a list", id="list"),
        pytest.param(
            "[size]\nmax_files = {a = 1}\n", r"must be an integer, got a table", id="table"
        ),
        pytest.param("[size]\nexclude = [1]\n", r"exclude\[0\] must be a string", id="list-item"),
        pytest.param(
            '[security]\nfail_on = "LOW"\n',
            r"fail_on must be one of INFO \| WARNING \| "
            r"ERROR, got 'LOW'",
            id="bad-choice",
        ),
        pytest.param("size = 3\n", r"size must be a table, got a number", id="section-not-table"),
        pytest.param(
            "[size]\nenabled = 1979-05-27\n", r"must be true or false, got date", id="date"
        ),
        pytest.param("[size\n", r"\.gate\.toml: invalid TOML: ", id="invalid-toml"),
    ],
)
def test_invalid_config_names_file_and_key(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse(text)


def test_not_utf8() -> None:
    with pytest.raises(ConfigError, match="not UTF-8"):
        config.parse(b"x = '\xff'", "f", "s", pyproject=False)


def test_pyproject_tool_gate() -> None:
    cfg = parse("[project]\nname='x'\n[tool.gate.size]\nmax_files = 7\n", pyproject=True)
    assert cfg is not None
    assert cfg.size.max_files == 7
    assert parse("[project]\nname='x'\n", pyproject=True) is None
    with pytest.raises(ConfigError, match=r"\[tool.gate\] must be a table"):
        parse("[tool]\ngate = 3\n", pyproject=True)
    with pytest.raises(ConfigError, match=r"pyproject|\.gate\.toml \[tool\.gate\]: unknown key"):
        parse("[tool.gate]\nbogus = 1\n", pyproject=True)


def test_from_revision_prefers_gate_toml(repo: GitRepo) -> None:
    sha = repo.commit(
        "c",
        {
            ".gate.toml": "[size]\nmax_files = 3\n",
            "pyproject.toml": "[tool.gate.size]\nmax_files = 9\n",
        },
    )
    cfg = config.from_revision(Git(repo.path), "base", sha)
    assert cfg.size.max_files == 3
    assert cfg.source == f"base:{sha}:.gate.toml"


def test_from_revision_pyproject_then_defaults(repo: GitRepo) -> None:
    sha = repo.commit("c", {"pyproject.toml": "[tool.gate.size]\nmax_files = 9\n"})
    cfg = config.from_revision(Git(repo.path), "head", sha)
    assert cfg.size.max_files == 9
    assert cfg.source == f"head:{sha}:pyproject.toml"
    sha = repo.commit("d", {"pyproject.toml": "[project]\nname = 'x'\n"})
    assert config.from_revision(Git(repo.path), "base", sha) == Config()


def test_from_revision_error_names_revision(repo: GitRepo) -> None:
    sha = repo.commit("c", {".gate.toml": "[size]\nmax_file = 3\n"})
    with pytest.raises(ConfigError, match=rf"\.gate\.toml at base {sha[:12]}: unknown key"):
        config.from_revision(Git(repo.path), "base", sha)


def test_from_file(tmp_path: Path) -> None:
    path = tmp_path / "gate.toml"
    path.write_text("[size]\nmax_files = 2\n")
    assert config.from_file(path).size.max_files == 2
    assert config.from_file(path).source == f"file:{path}"
    with pytest.raises(ConfigError, match="cannot read config"):
        config.from_file(tmp_path / "missing.toml")
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.gate\] table"):
        config.from_file(pyproject)
