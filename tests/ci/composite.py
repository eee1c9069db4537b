"""Runs a composite action's ``run:`` steps with bash, as the GitHub runner does.

Expressions are substituted the runner's way (``inputs.*`` with their defaults,
``github.*``, ``runner.*``, ``steps.<id>.outputs.*``), only where the runner
substitutes them (``env:``, ``with:``, ``if:``, output values), and only the few
forms the action uses: anything else fails the test, so the action cannot grow an
expression this harness would misread. Each step gets its own ``GITHUB_OUTPUT``
file, read back into ``steps.<id>.outputs``; the step summary is shared. ``uses:``
steps (setup-python, cache) are the runner's business and are recorded, not run.
A failing step stops the job, as it does on GitHub.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
# The shell the runner runs for `shell: bash`.
BASH = ("bash", "--noprofile", "--norc", "-eo", "pipefail")


@dataclass
class Job:
    """One run of the action: what every step printed, the outputs, the files it wrote."""

    returncode: int = 0
    log: str = ""
    skipped: list[str] = field(default_factory=list)
    used: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    steps: dict[str, dict[str, str]] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)


def load(path: Path) -> dict[str, Any]:
    """The action file, checked for what the harness (and the runner) require."""
    action = yaml.safe_load(path.read_text())
    assert action["runs"]["using"] == "composite"
    for step in action["runs"]["steps"]:
        if "run" in step:
            assert "${{" not in step["run"], f"an expression inside a run: script: {step}"
            assert step.get("shell") == "bash", f"a run: step needs shell: bash: {step}"
    return dict(action)


def run(
    action_path: Path,
    inputs: Mapping[str, str],
    env: Mapping[str, str],
    cwd: Path,
) -> Job:
    """Run the action in ``action_path`` with ``inputs`` in ``cwd``, the job's environment ``env``.

    ``env`` must hold the runner's variables (``RUNNER_TEMP``, ``GITHUB_EVENT_PATH``,
    ``GITHUB_STEP_SUMMARY``, …); ``GITHUB_ACTION_PATH`` and ``GITHUB_OUTPUT`` are set here.
    """
    action = load(action_path / "action.yml")
    declared = action.get("inputs", {})
    unknown = set(inputs) - set(declared)
    assert not unknown, f"inputs the action does not declare: {unknown}"
    values: dict[str, str] = {}
    context = {
        "inputs": values,
        # No token: the test's remote is a local path.
        "github": {"action_path": str(action_path), "action_ref": "v-test", "token": ""},
        "runner": {"os": "Linux", "arch": "X64", "temp": env["RUNNER_TEMP"]},
    }
    job = Job()
    # Defaults are expressions too (`${{ github.token }}`).
    values.update(
        {k: _expand(str(v.get("default", "")), context, job) for k, v in declared.items()}
    )
    values.update(inputs)
    temp = Path(env["RUNNER_TEMP"])
    for number, step in enumerate(action["runs"]["steps"]):
        name = step.get("name", f"step {number}")
        if "if" in step and not _condition(step["if"], context, job):
            job.skipped.append(name)
            continue
        if "uses" in step:
            given = {k: _expand(str(v), context, job) for k, v in step.get("with", {}).items()}
            job.used.append((step["uses"].split("@")[0], given))
            continue
        output = temp / f"output-{number}"
        output.write_text("")
        script = temp / f"step-{number}.sh"
        script.write_text(step["run"])
        step_env = {k: _expand(str(v), context, job) for k, v in step.get("env", {}).items()}
        proc = subprocess.run(
            [*BASH, str(script)],
            cwd=cwd,
            env={
                **env,
                **step_env,
                "GITHUB_ACTION_PATH": str(action_path),
                "GITHUB_OUTPUT": str(output),
            },
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )
        job.log += f"--- {name} (exit {proc.returncode})\n{proc.stdout}{proc.stderr}"
        if "id" in step:
            job.steps[step["id"]] = outputs(output.read_text())
        if proc.returncode != 0:
            job.returncode = proc.returncode
            break
    for key, spec in action.get("outputs", {}).items():
        job.outputs[key] = _expand(spec["value"], context, job)
    return job


def outputs(text: str) -> dict[str, str]:
    """``name=value`` lines and ``name<<DELIMITER`` blocks, as the runner reads GITHUB_OUTPUT."""
    found: dict[str, str] = {}
    lines = iter(text.splitlines())
    for line in lines:
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delimiter = line.split("<<", 1)
            body = []
            for inner in lines:
                if inner == delimiter:
                    break
                body.append(inner)
            found[key] = "\n".join(body)
        elif line:
            key, value = line.split("=", 1)
            found[key] = value
    return found


def _lookup(expression: str, context: Mapping[str, Mapping[str, str]], job: Job) -> str:
    parts = expression.split(".")
    if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
        return job.steps.get(parts[1], {}).get(parts[3], "")
    assert len(parts) == 2, f"expression not supported: {expression}"
    assert parts[0] in context, f"expression not supported: {expression}"
    assert parts[1] in context[parts[0]], f"unknown {expression}"
    return context[parts[0]][parts[1]]


def _expand(text: str, context: Mapping[str, Mapping[str, str]], job: Job) -> str:
    return EXPRESSION.sub(lambda m: _lookup(m.group(1), context, job), text)


def _condition(text: str, context: Mapping[str, Mapping[str, str]], job: Job) -> bool:
    match = re.fullmatch(r"([\w.-]+) != ''", text.strip())
    assert match, f"if: not supported by the harness: {text}"
    return _lookup(match.group(1), context, job) != ""
