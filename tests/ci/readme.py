"""The README's recipes, read back exactly as a user would copy them."""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.tools import ROOT


def block(first_line: str, language: str = "yaml") -> str:
    """The README's fenced block that starts with ``first_line``."""
    readme = (ROOT / "README.md").read_text()
    pattern = rf"```{language}\n({re.escape(first_line)}\n.*?)```"
    match = re.search(pattern, readme, re.DOTALL)
    assert match, f"the README lost its block starting {first_line!r}"
    return match.group(1)


def workflow() -> dict[str, Any]:
    """The README's GitHub workflow, parsed (``on`` stays a string key)."""
    text = block("# .github/workflows/merge-gate.yml")
    data = yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader makes only str/list/dict
    assert isinstance(data, dict)
    return data


def gate_step() -> dict[str, Any]:
    """The workflow's step that uses this action."""
    (step,) = [s for s in workflow()["jobs"]["gate"]["steps"] if s.get("id") == "gate"]
    assert isinstance(step, dict)
    return step
