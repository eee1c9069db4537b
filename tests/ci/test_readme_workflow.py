"""The README's workflow and action.yml, checked as GitHub and its linters read them.

check-jsonschema validates against GitHub's schemas (shipped in the package) and
zizmor looks for injection and permission problems, both offline. The harness in
test_action.py runs the action with the inputs the README's workflow gives it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

from tests.ci import readme
from tests.tools import ROOT, TOOLS, require

ACTION = ROOT / "action.yml"
# The README cannot know your copy's sha: its tag pin is allowed, every other action
# must be pinned to a commit.
ZIZMOR_CONFIG = """\
rules:
  unpinned-uses:
    config:
      policies:
        "your-org/merge-gate": ref-pin
        "*": hash-pin
"""


def tool(name: str, *args: str | Path) -> None:
    proc = subprocess.run(
        [str(require(name, TOOLS)), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_action_is_valid_and_zizmor_clean() -> None:
    tool("check-jsonschema", "--builtin-schema", "vendor.github-actions", ACTION)
    tool("zizmor", "--offline", "--persona", "pedantic", ACTION)


def test_readme_workflow_is_valid_and_zizmor_clean(tmp_path: Path) -> None:
    path = tmp_path / ".github" / "workflows" / "merge-gate.yml"
    path.parent.mkdir(parents=True)
    path.write_text(readme.block("# .github/workflows/merge-gate.yml"))
    (tmp_path / "zizmor.yml").write_text(ZIZMOR_CONFIG)
    tool("check-jsonschema", "--builtin-schema", "vendor.github-workflows", path)
    tool("zizmor", "--offline", "--config", tmp_path / "zizmor.yml", path)


def test_readme_workflow_triggers_permissions_and_uploads() -> None:
    flow = readme.workflow()
    assert set(flow["on"]) == {"pull_request", "pull_request_review", "merge_group"}
    assert flow["permissions"] == {}
    job = flow["jobs"]["gate"]
    assert "if" not in job, "a job skipped by if: reports success"
    assert job["permissions"] == {
        "contents": "read",
        "pull-requests": "read",
        "security-events": "write",
    }
    checkout, gate, sarif, junit = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == "0"
    assert gate["uses"].startswith("your-org/merge-gate@")
    action = yaml.safe_load(ACTION.read_text())
    assert set(gate.get("with", {})) <= set(action["inputs"])
    assert sarif["uses"].startswith("github/codeql-action/upload-sarif@")
    assert junit["uses"].startswith("mikepenz/action-junit-report@")
    for step, key in ((sarif, "sarif_file"), (junit, "report_paths")):
        # The gate step exits 1 on a failing change: the reports must still go up.
        assert step["if"].startswith("always()")
        output = step["with"][key].removeprefix("${{ steps.gate.outputs.").removesuffix(" }}")
        assert output in action["outputs"]
