"""The security check end to end: real repositories, real semgrep, the real ``gate check``.

Each ``gate check`` here costs seconds (semgrep starts once per side of the
change), so one repository carries many scenarios and each test reads the
part of the report it is about.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import isolate
from tests.gitrepo import GitRepo
from tests.run import report

pytestmark = pytest.mark.semgrep

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256))

KEEP_BASE = "import os\n\n\ndef run(cmd):\n    return eval(cmd)\n"
KEEP_HEAD = (
    '"""A docstring pushes every line down."""\n'
    "import os\n\n\ndef run(cmd):\n    return eval(cmd)\n\n\n"
    "def again(cmd):\n    return eval(cmd)\n"
)
RENAMED = "import os\n\n\ndef sh(cmd):\n    os.system(cmd)\n\n\n" + "".join(
    f"def f{i}():\n    return {i}\n\n\n" for i in range(8)
)
FROM_BASE = "import yaml\n\n\ndef load(text):\n    return yaml.load(text)\n\n\nX = 1\nY = 2\n"
FROM_HEAD = "import yaml\n\n\nX = 1\nY = 2\n"
# The function moved, whole, to another module (git sees no rename).
TO_HEAD = "import yaml\n\n\ndef load(text):\n    return yaml.load(text)\n"
ORIG = "import hashlib\n\n\ndef digest(data):\n    return hashlib.md5(data)\n" + "".join(
    f"\n\ndef g{i}():\n    return {i}\n" for i in range(6)
)
SUPPRESS_BASE = (
    "import os\nimport pickle\nimport subprocess\n\n\n"
    "def a(x):\n    return pickle.loads(x)  # nosemgrep\n\n\n"
    "def b(cmd):\n    subprocess.run(cmd, shell=True)\n\n\n"
    "def c(x):\n    return eval(x)  # nosemgrep: python-dynamic-code-execution\n"
)
SUPPRESS_HEAD = (
    "import os\nimport pickle\nimport subprocess\n\n\n"
    "def a(x):\n    return pickle.loads(x)  # nosemgrep\n\n\n"
    "def b(cmd):\n    subprocess.run(cmd, shell=True)  # nosemgrep\n\n\n"
    "def c(x):\n    return eval(x)\n\n\n"
    "def d(y):\n    os.system(y)  # nosemgrep: python-shell-injection\n"
)


def findings(data: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    """(rule, path, line) of every security finding, in report order."""
    return [(f["rule"], f["path"], f["line"]) for f in data["checks"]["security"]["findings"]]


def by_status(data: dict[str, Any], status: str) -> set[tuple[str, str]]:
    return {
        (f["rule"], f["path"])
        for f in data["checks"]["security"]["findings"]
        if f["details"].get("status") == status
    }


CLIS = [pytest.param(cli, id=cli) for cli in ("osemgrep", "pysemgrep")]


@pytest.fixture(scope="module", params=CLIS)
def change(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> dict[str, Any]:
    """One change with every kind of finding movement, checked once with the bundled rules,
    by each of semgrep's command lines (they must agree on every case)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        isolate(monkeypatch, tmp_path_factory.mktemp("home"))
        repo = GitRepo.init(tmp_path_factory.mktemp("change") / "repo")
        return checked_change(repo, request.param)


def checked_change(repo: GitRepo, cli: str = "osemgrep") -> dict[str, Any]:
    repo.commit(
        "base",
        {
            ".gate.toml": f'[security]\nsemgrep_cli = "{cli}"\n',
            "src/keep.py": KEEP_BASE,
            "src/old_name.py": RENAMED,
            "src/gone.py": "import pickle\n\n\ndef load(b):\n    return pickle.loads(b)\n",
            "src/from_mod.py": FROM_BASE,
            "src/orig.py": ORIG,
            "src/suppress.py": SUPPRESS_BASE,
            ".gitignore": "src/ignored.py\n",
        },
    )
    repo.git("mv", "src/old_name.py", "src/new_name.py")
    repo.write("src/ignored.py", "eval(ignored)\n")
    repo.git("add", "-f", "src/ignored.py")
    repo.commit(
        "head",
        {
            "src/keep.py": KEEP_HEAD,
            "src/new_name.py": RENAMED + "Z = 3\n",
            "src/gone.py": None,
            "src/from_mod.py": FROM_HEAD,
            "src/to_mod.py": TO_HEAD,
            "src/orig.py": ORIG + "\nW = 0\n",
            "src/copy_of_orig.py": ORIG,
            "src/suppress.py": SUPPRESS_HEAD,
            "tests/test_hidden.py": "def test_it(payload):\n    eval(payload)\n",
            ".semgrepignore": "*\n",
            "src/.semgrepignore": "*.py\n",
            "caf\udce9.py": "eval(latin1)\n",
            "new\nline.py": "eval(newline)\n",
            "bin/deploy": "#!/usr/bin/env bash\ncurl -fsSL https://example.com/i.sh | sh\n",
            "assets/logo.png": PNG,
            "assets/huge.png": PNG + bytes(2_100_000),
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    return {"code": run.code, "stdout": run.stdout, "data": data}


def test_new_findings_are_the_ones_the_change_wrote(change: dict[str, Any]) -> None:
    assert by_status(change["data"], "new") == {
        ("python-dynamic-code-execution", "src/keep.py"),
        ("python-weak-hash", "src/copy_of_orig.py"),
        ("python-dynamic-code-execution", "tests/test_hidden.py"),
        ("python-dynamic-code-execution", "src/ignored.py"),
        ("python-dynamic-code-execution", "caf\\xe9.py"),
        ("python-dynamic-code-execution", "new\\nline.py"),
        ("shell-pipe-to-shell", "bin/deploy"),
    }
    assert change["code"] == 1, change["stdout"]
    assert change["data"]["checks"]["security"]["status"] == "fail"


def test_duplicate_finding_is_new_once_on_the_added_line(change: dict[str, Any]) -> None:
    # Base: eval(cmd) once, line 5. Head: at lines 6 (moved down) and 10 (added).
    keep = [f for f in findings(change["data"]) if f[1] == "src/keep.py"]
    assert keep == [("python-dynamic-code-execution", "src/keep.py", 10)]


def test_moved_code_is_not_new(change: dict[str, Any]) -> None:
    new_paths = {path for _, path in by_status(change["data"], "new")}
    # Renamed with an edit; moved to another file without a rename.
    assert not new_paths & {"src/new_name.py", "src/to_mod.py", "src/from_mod.py"}
    assert change["data"]["checks"]["security"]["metrics"]["moved_findings"] == 1


def test_file_deleted_at_head_reports_its_finding_fixed(change: dict[str, Any]) -> None:
    assert by_status(change["data"], "fixed") == {("python-unsafe-deserialization", "src/gone.py")}
    fixed = [
        f for f in change["data"]["checks"]["security"]["findings"] if f["path"] == "src/gone.py"
    ]
    assert fixed[0]["severity"] == "info"
    assert not fixed[0]["blocking"]


def test_suppressions_added_by_the_change_are_reported(change: dict[str, Any]) -> None:
    suppressed = [
        (f["details"]["suppressed_rule"], f["line"], f["severity"], f["blocking"])
        for f in change["data"]["checks"]["security"]["findings"]
        if f["rule"] == "suppression-added"
    ]
    # b: an existing finding newly hidden; d: a new finding hidden. a stays
    # suppressed as before, and c, unsuppressed now, existed before: neither is new.
    assert suppressed == [
        ("python-shell-injection", 11, "warning", False),
        ("python-shell-injection", 19, "warning", False),
    ]
    assert not {p for _, p in by_status(change["data"], "new")} & {"src/suppress.py"}


def test_binary_files_are_neither_findings_nor_errors(change: dict[str, Any]) -> None:
    paths = {path for _, path, _ in findings(change["data"])}
    assert not paths & {"assets/logo.png", "assets/huge.png"}


def test_metrics_and_summary(change: dict[str, Any]) -> None:
    security = change["data"]["checks"]["security"]
    metrics = security["metrics"]
    assert metrics["new_findings"] == 7
    assert metrics["blocking_findings"] == 7
    assert metrics["fixed_findings"] == 1
    assert metrics["suppressions_added"] == 2
    assert metrics["not_analysed"] == 0
    assert metrics["by_severity"] == {"error": 6, "warning": 1, "info": 0}
    assert metrics["rules"] == "the bundled rules"
    assert metrics["semgrep_version"]
    assert security["summary"].startswith("7 new findings (7 blocking at fail_on = WARNING)")
    fingerprints = [f["fingerprint"] for f in security["findings"]]
    assert len(set(fingerprints)) == len(fingerprints)
    assert "✗ security" in change["stdout"]


@pytest.mark.parametrize("cli", CLIS)
def test_rules_and_policy_come_from_the_base_and_files_fail_closed(repo: GitRepo, cli: str) -> None:
    slow_rule = (
        "  - id: slow-rule\n    languages: [python]\n    severity: INFO\n    message: slow\n"
        "    paths: {include: [slow.py]}\n    pattern: |\n"
        + "".join(f"      $A{i} = $B{i}\n      ...\n" for i in range(4))
        + "      $X = $X\n"
    )
    eval_rule = (
        "  - id: no-eval\n    languages: [python]\n    severity: ERROR\n"
        "    message: no eval\n    pattern: eval(...)\n"
    )
    # Matches even the empty stand-in written for a file too large to scan.
    empty_rule = (
        "  - id: whole-file\n    languages: [python]\n    severity: ERROR\n"
        "    message: any file\n    paths: {include: [padded.py]}\n    pattern-regex: \\A\n"
    )
    repo.commit(
        "base",
        {
            ".gate.toml": f'[security]\nrules = ["semgrep-rules/"]\ntimeout = 1\n'
            f'semgrep_cli = "{cli}"\n',
            "semgrep-rules/main.yml": "rules:\n" + eval_rule + slow_rule + empty_rule,
            "legacy.py": "eval(a)\nx = = 1\n",
        },
    )
    repo.commit(
        "head",
        {
            # Both edits are ignored: policy and rules come from the base.
            ".gate.toml": '[security]\nrules = ["semgrep-rules/"]\non_error = "warn"\n',
            "semgrep-rules/main.yml": "rules:\n" + slow_rule,
            "legacy.py": "eval(a)\nx = 1\n",
            "src/app.py": "def handler(x):\n    return eval(x)\n",
            "slow.py": "def f():\n" + "".join(f"    a{i} = b{i}\n" for i in range(400)),
            "padded.py": "eval(hidden)\n" + "#" * 2_000_001 + "\n",
            "broken.py": "eval(code)\nx = = 1\n",
            "lfs.py": "version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 9\n",
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    security = data["checks"]["security"]
    assert run.code == 2
    assert security["status"] == "error"
    missing = {f["path"]: f["message"] for f in security["findings"] if f["rule"] == "not-analysed"}
    assert set(missing) == {"slow.py", "padded.py", "broken.py", "lfs.py"}
    assert "rule slow-rule timed out" in missing["slow.py"]
    assert "over [security] max_target_bytes = 2,000,000" in missing["padded.py"]
    assert "semgrep could not parse lines 2 (" in missing["broken.py"]
    assert "Git LFS pointer" in missing["lfs.py"]
    assert all(f["blocking"] for f in security["findings"] if f["rule"] == "not-analysed")
    assert [f["rule"] for f in security["findings"] if f["path"] == "padded.py"] == ["not-analysed"]
    base_missing = [f for f in security["findings"] if f["rule"] == "base-not-analysed"]
    assert [(f["path"], f["severity"], f["blocking"]) for f in base_missing] == [
        ("legacy.py", "warning", False)
    ]
    assert ("no-eval", "src/app.py") in by_status(data, "new")
    assert security["metrics"]["rules"].startswith("rules semgrep-rules/ from base ")
    assert data["verdict"] == "error"


@pytest.mark.parametrize(
    ("config", "files", "message"),
    [
        pytest.param(
            '[security]\nrules = ["nope/"]\n',
            {},
            "[security] rules: no rule file at 'nope/' in base ",
            id="rules-missing",
        ),
        pytest.param(
            '[security]\nrules = ["bad.yml"]\n',
            {
                "bad.yml": "rules:\n  - id: bad\n    languages: [python]\n    message: x\n"
                "    severity: ERROR\n    pattern: eval(\n"
            },
            "semgrep: Rule parse error: Rule parse error in rule bad",
            id="rules-invalid",
        ),
        pytest.param(
            '[security]\nrules = ["bad.yml"]\n',
            {"bad.yml": "rules: [\n"},
            "Invalid YAML",  # the wording differs between semgrep's two command lines
            id="rules-not-yaml",
        ),
        pytest.param(
            # A registry config on a machine that cannot reach it: semgrep retries
            # for about 95 s, so run_timeout stops it.
            '[security]\nrules = ["http://127.0.0.1:9/rules.yml"]\nrun_timeout = 1\n',
            {},
            "semgrep did not finish within [security] run_timeout = 1 s",
            id="registry-unreachable",
        ),
    ],
)
def test_rules_that_cannot_run_are_an_error(
    repo: GitRepo, config: str, files: dict[str, str], message: str
) -> None:
    repo.commit("base", {".gate.toml": config, **files})
    repo.commit("head", {"app.py": "print('hello')\n"})
    run, data = report(repo.path, "--base", "HEAD~1")
    security = data["checks"]["security"]
    assert run.code == 2
    assert security["status"] == "error"
    assert security["findings"][0]["rule"] == "could-not-run"
    assert message in security["summary"], security["summary"]


def test_semgrep_missing_is_an_error(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"README": "x\n"})
    repo.commit("head", {"app.py": "print('hello')\n"})
    run, data = report(
        repo.path, "--base", "HEAD~1", env={"GATE_SEMGREP": str(tmp_path / "no-semgrep")}
    )
    assert run.code == 2
    assert "semgrep not found: GATE_SEMGREP=" in data["checks"]["security"]["summary"]


def test_semgrep_that_fails_without_a_report_is_an_error(repo: GitRepo, tmp_path: Path) -> None:
    # The real semgrep, handed an option it rejects: it exits 2 and writes no JSON.
    from gate.security.semgrep import locate

    wrapper = tmp_path / "semgrep"
    wrapper.write_text(f'#!/bin/sh\nexec "{locate({})}" --no-such-option "$@"\n')
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    repo.commit("base", {"README": "x\n"})
    repo.commit("head", {"app.py": "print('hello')\n"})
    run, data = report(repo.path, "--base", "HEAD~1", env={"GATE_SEMGREP": str(wrapper)})
    assert run.code == 2
    assert "semgrep failed (exit 2) without a JSON report" in data["checks"]["security"]["summary"]


def test_local_config_reads_rules_from_the_work_tree(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"README": "x\n"})
    repo.commit("head", {"app.py": "print('hello')\n"})
    # Not committed: a local config's rules come from where the config came from.
    repo.write(
        "local-rules/print.yaml",
        "rules:\n  - id: no-print\n    languages: [python]\n    severity: INFO\n"
        "    message: use logging\n    pattern: print(...)\n",
    )
    config = tmp_path / "gate.toml"
    config.write_text('[security]\nrules = ["./local-rules"]\nfail_on = "ERROR"\n')
    # semgrep would obey these (and fail: the scanned trees are no git repository).
    env = {"SEMGREP_BASELINE_COMMIT": repo.head(), "SEMGREP_RULES": "p/python"}
    run, data = report(repo.path, "--base", "HEAD~1", "--config", str(config), env=env)
    security = data["checks"]["security"]
    assert run.code == 0, security["summary"]
    assert findings(data) == [("no-print", "app.py", 1)]
    assert security["findings"][0]["severity"] == "info"
    assert not security["findings"][0]["blocking"]
    assert security["metrics"]["rules"] == "rules ./local-rules from the work tree"


def test_nothing_to_scan_passes_without_semgrep(repo: GitRepo) -> None:
    repo.commit("base", {"README": "x\n"})
    (repo.path / "link").symlink_to("README")
    repo.commit("head")
    run, data = report(repo.path, "--base", "HEAD~1", env={"GATE_SEMGREP": "/nonexistent"})
    assert run.code == 0
    assert data["checks"]["security"]["summary"].startswith("0 new findings")


def test_disabled_check_is_skipped(repo: GitRepo) -> None:
    repo.commit("base", {".gate.toml": "[security]\nenabled = false\n"})
    repo.commit("head", {"app.py": "eval(x)\n"})
    run, data = report(repo.path, "--base", "HEAD~1", env={"GATE_SEMGREP": "/nonexistent"})
    assert run.code == 0
    assert data["checks"]["security"]["status"] == "skipped"
