"""The README's sample configuration is itself valid and enforceable: copying it stops nothing."""

from __future__ import annotations

import re

from gate import config
from tests.gitrepo import GitRepo, lines
from tests.run import report
from tests.tools import ROOT


def sample() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Configuration") :]
    found = re.search(r"```toml\n(.*?)```", section, re.S)
    assert found is not None
    return found.group(1)


def test_the_readme_sample_config_parses() -> None:
    cfg = config.parse(sample().encode(), "README.md", "file:README.md", pyproject=False)
    assert cfg is not None
    assert cfg.certification.rule[0].id == "auth-code"
    assert cfg.waiver[0].check == "complexity"
    assert cfg.size.budget[0].max_changed_lines == 200


def test_a_change_judged_by_the_readme_sample_config_is_evaluated(repo: GitRepo) -> None:
    repo.commit("base", {".gate.toml": sample()})
    repo.branch("feature")
    repo.commit("small", {"a.py": lines(3)})
    run, data = report(repo.path, "--base", "main")
    assert run.code == 0, run.stdout + run.stderr
    assert data["verdict"] == "pass"
