"""The bundled rules, each checked on examples that must and must not match (real semgrep)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from gate.security import rules, scan
from tests.security.conftest import ExampleRun

_ANNOTATION = re.compile(r"^\s*(?:#|//) (ruleid|ok): ([\w-]+)\s*$")


def bundled_rules() -> list[dict[str, object]]:
    with rules.bundled() as folder:
        return [
            rule
            for path in sorted(folder.glob("*.yml"))
            for rule in YAML(typ="safe").load(path.read_text())["rules"]
        ]


def marks(run: ExampleRun) -> list[tuple[str, str, str, int]]:
    """(kind, rule, file, line of the code the annotation is about)."""
    found = []
    for name in run.targets:
        for number, line in enumerate((run.root / name).read_text().splitlines(), start=1):
            match = _ANNOTATION.match(line)
            if match:
                found.append((match.group(1), match.group(2), name, number + 1))
    return found


def test_examples_scan_cleanly(example_run: ExampleRun) -> None:
    result = scan.parse(example_run.stdout, example_run.code, b"", example_run.targets)
    assert example_run.code == 0
    assert not result.problems
    assert result.scanned == set(example_run.targets)


@pytest.mark.parametrize("rule", [r["id"] for r in bundled_rules()])
def test_rule_matches_its_examples_and_only_them(example_run: ExampleRun, rule: str) -> None:
    result = scan.parse(example_run.stdout, example_run.code, b"", example_run.targets)
    hits = {(m.path, m.line) for m in result.matches if m.rule == rule}
    marked = [(kind, name, line) for kind, r, name, line in marks(example_run) if r == rule]
    expected = {(name, line) for kind, name, line in marked if kind == "ruleid"}
    unwanted = {(name, line) for kind, name, line in marked if kind == "ok"}
    assert expected, f"{rule} has no positive example"
    assert unwanted, f"{rule} has no negative example"
    assert hits == expected
    assert not hits & unwanted


@pytest.mark.parametrize("rule", bundled_rules(), ids=lambda r: str(r["id"]))
def test_rule_is_well_formed(rule: dict[str, object]) -> None:
    assert rule["severity"] in ("INFO", "WARNING", "ERROR")
    languages = rule["languages"]
    assert isinstance(languages, list)
    # A generic or regex rule applies to every file: each big binary would be "not analysed".
    assert not {"generic", "regex", "none"} & set(languages)
    message = str(rule["message"])
    assert len(message) > 80, "a message says what is wrong and how to fix it"


def test_every_example_annotation_names_a_bundled_rule(example_run: ExampleRun) -> None:
    ids = {r["id"] for r in bundled_rules()}
    assert {rule for _, rule, _, _ in marks(example_run)} <= ids


def test_bundled_folder_holds_only_rule_files() -> None:
    with rules.bundled() as folder:
        names = sorted(p.name for p in Path(folder).iterdir())
    assert names == ["javascript.yml", "python.yml", "shell.yml"]
