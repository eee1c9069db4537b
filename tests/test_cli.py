"""The ``gate check`` command end to end, on real repositories."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gate import engine
from tests.gitrepo import GitRepo, lines
from tests.run import gate, report, stopped


def two_commits(repo: GitRepo, files: dict[str, str | bytes | None]) -> None:
    repo.commit("base", {"README": "hello\n"})
    repo.commit("change", files)


def test_pass_with_all_reports(repo: GitRepo, tmp_path: Path) -> None:
    two_commits(repo, {"a.py": lines(10)})
    out = tmp_path / "out"
    run = gate(
        repo.path,
        "check",
        "--base",
        "HEAD~1",
        "--json",
        str(out / "r.json"),
        "--junit",
        str(out / "r.xml"),
        "--sarif",
        str(out / "r.sarif"),
        "--codequality",
        str(out / "cq.json"),
        "--markdown",
        str(out / "r.md"),
    )
    assert run.code == 0, run.stderr
    assert "merge-gate PASS" in run.stdout
    assert "10 changed lines (+10 -0) in 1 file;" in run.stdout
    data = json.loads((out / "r.json").read_text())
    assert data["verdict"] == "pass"
    assert data["checks"]["size"]["metrics"]["lines_added"] == 10
    assert data["config_source"] == "defaults"
    ET.parse(out / "r.xml")
    assert json.loads((out / "r.sarif").read_text())["version"] == "2.1.0"
    assert json.loads((out / "cq.json").read_text()) == []
    assert "merge-gate: **pass**" in (out / "r.md").read_text()


def test_fail_exit_1(repo: GitRepo) -> None:
    repo.commit("base", {".gate.toml": "[size]\nmax_changed_lines = 5\n"})
    repo.commit("big", {"a.py": lines(6)})
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 1
    assert data["verdict"] == "fail"
    assert data["base_source"] == "--base HEAD~1"
    finding = data["checks"]["size"]["findings"][0]
    assert finding["rule"] == "max-changed-lines"
    assert finding["check"] == "size"
    assert set(finding) >= {"check", "rule", "path", "line", "message", "severity", "fingerprint"}
    assert "split the change" in run.stdout
    assert "fails the gate (size): exit 1" in run.stdout


def test_not_a_git_repository(tmp_path: Path) -> None:
    run = gate(tmp_path, "check", "--base", "HEAD")
    assert run.code == 2
    assert run.stderr.startswith("gate: error: not a git repository: ")
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_unknown_ref(repo: GitRepo) -> None:
    repo.commit("base", {"a": "a\n"})
    run = gate(repo.path, "check", "--base", "origin/nope")
    assert run.code == 2
    assert run.stderr == (
        "gate: error: unknown base revision 'origin/nope': not a commit in this "
        "repository; branches here: main\n"
    )


def test_unrelated_histories(repo: GitRepo) -> None:
    repo.commit("base", {"a": "a\n"})
    repo.git("checkout", "-q", "--orphan", "other")
    repo.commit("other", {"b": "b\n"})
    run = gate(repo.path, "check", "--base", "main")
    assert run.code == 2
    assert "share no history" in run.stderr


def test_shallow_clone_without_remote(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("one", {"a": "a\n"})
    repo.commit("two", {"b": "b\n"})
    base = repo.commit("three", {"c": "c\n"})
    repo.commit("four", {"d": "d\n"})
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", f"file://{repo.path}", str(tmp_path / "ci")], check=True
    )
    ci = GitRepo(tmp_path / "ci")
    ci.git("remote", "remove", "origin")
    run = gate(ci.path, "check", "--base", base)
    assert run.code == 2
    assert "unknown base revision" in run.stderr
    assert "fetch-depth: 0" in run.stderr


def test_empty_change_passes_and_says_so(repo: GitRepo) -> None:
    repo.commit("base", {"a": "a\n"})
    run, data = report(repo.path, "--base", "HEAD")
    assert run.code == 0
    assert "nothing to check: the change is empty" in run.stdout
    assert data["notes"] == ["nothing to check: the change is empty"]
    assert data["checks"]["size"]["metrics"]["files_changed"] == 0


def test_commits_without_net_change(repo: GitRepo) -> None:
    repo.commit("base", {"a": "a\n"})
    repo.commit("edit", {"a": "b\n"})
    repo.commit("revert", {"a": "a\n"})
    run = gate(repo.path, "check", "--base", "HEAD~2")
    assert run.code == 0
    assert "2 commits with no net change" in run.stdout


def test_awkward_paths_in_every_report(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"README": "x\n"})
    for name in (
        b"sp ace.py",
        b"new\nline.py",
        b"caf\xe9.py",
        b"x\n::add-mask::FAIL.py",
        b"\x1b[31mred.py",
        "rtl\u202egnp.py".encode(),
    ):
        repo.write(name, "print(1)\n")
    repo.commit("awkward")
    repo.write(".gate.toml", "[size]\nmax_files = 1\n")
    out = tmp_path / "out"
    run = gate(
        repo.path,
        "check",
        "--base",
        "HEAD~1",
        "--config",
        str(repo.path / ".gate.toml"),
        "--json",
        str(out / "r.json"),
        "--junit",
        str(out / "r.xml"),
        "--markdown",
        str(out / "r.md"),
    )
    assert run.code == 1
    data = json.loads((out / "r.json").read_text(encoding="utf-8"))
    assert data["checks"]["size"]["metrics"]["files_changed"] == 6
    ET.parse(out / "r.xml")  # strict parser: control characters were escaped, not dropped
    xml = (out / "r.xml").read_text()
    assert "\x1b" not in xml
    assert "\u202e" not in xml
    assert "\x1b" not in run.stdout
    assert "\u202e" not in run.stdout


def test_binary_and_rename_with_one_line_edit(repo: GitRepo) -> None:
    repo.commit("base", {"old.py": lines(200)})
    repo.git("mv", "old.py", "new.py")
    repo.commit(
        "mv",
        {
            "new.py": lines(200).replace("line 50\n", "fifty\n"),
            "logo.png": b"\x89PNG\r\n\x1a\n\x00\x00" * 50,
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    metrics = data["checks"]["size"]["metrics"]
    assert run.code == 0
    assert (metrics["lines_added"], metrics["lines_removed"]) == (1, 1)
    assert (metrics["files_changed"], metrics["binary_files"], metrics["renamed_files"]) == (
        2,
        1,
        1,
    )


def test_excluded_files_are_listed_not_counted(repo: GitRepo) -> None:
    repo.commit("base", {".gate.toml": '[size]\nexclude = ["docs/**"]\n'})
    repo.commit(
        "change",
        {"package-lock.json": lines(5000), "docs/guide.md": lines(900), "src/app.py": lines(3)},
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 0
    assert data["checks"]["size"]["metrics"]["lines_added"] == 3
    assert data["excluded"] == [
        {"path": "docs/guide.md", "reason": "excluded by [size] exclude 'docs/**'"},
        {"path": "package-lock.json", "reason": "lock file"},
    ]
    assert "excluded from measurement: docs/guide.md" in run.stdout


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param(
            "[size]\nmax_lines = 1\n",
            r"\.gate\.toml at base [0-9a-f]{12}: unknown key "
            r"\[size\] max_lines",
            id="unknown-key",
        ),
        pytest.param(
            '[size]\nmax_files = "many"\n',
            r"\[size\] max_files must be an integer",
            id="wrong-type",
        ),
        pytest.param(
            "[size\nmax_files = 1\n",
            r"\.gate\.toml at base [0-9a-f]{12}: invalid TOML",
            id="invalid-toml",
        ),
    ],
)
def test_bad_config_exit_2(repo: GitRepo, config: str, message: str) -> None:
    repo.commit("base", {".gate.toml": config})
    repo.commit("change", {"a.py": "x\n"})
    stderr = stopped(repo.path, "--base", "HEAD~1")
    assert re.search(message, stderr), stderr


def test_change_cannot_loosen_its_own_gate(repo: GitRepo) -> None:
    base = repo.commit("base", {".gate.toml": "[size]\nmax_changed_lines = 10\n"})
    repo.commit(
        "loosen", {".gate.toml": "[size]\nmax_changed_lines = 100000\n", "big.py": lines(50)}
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 1
    assert data["config_source"] == f"base:{base}:.gate.toml"
    assert data["checks"]["size"]["metrics"]["max_changed_lines"] == 10
    assert any("this change edits .gate.toml" in note for note in data["notes"])
    # Locally, on purpose, the head's config can be used; the report says so.
    run, data = report(repo.path, "--base", "HEAD~1", "--config-from", "head")
    assert run.code == 0
    assert data["config_source"].startswith("head:")
    # Renaming the config away is an edit of the policy too.
    repo.git("mv", ".gate.toml", "gate.toml.off")
    repo.commit("rename")
    run, data = report(repo.path, "--base", "HEAD~2")
    assert any("this change edits .gate.toml" in note for note in data["notes"])


def test_invalid_config_in_the_change_is_stopped(repo: GitRepo) -> None:
    """It would not loosen this change's gate, but it would stop every later change."""
    repo.commit("base", {"a": "a\n"})
    repo.commit("break", {".gate.toml": "this is not toml"})
    stderr = stopped(repo.path, "--base", "HEAD~1")
    assert ".gate.toml at head" in stderr
    assert "would stop every later change" in stderr


def test_disabled_check_is_skipped(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {".gate.toml": "[size]\nenabled = false\nmax_files = 0\n"})
    repo.commit("c", {"a.py": "x\n"})
    run, data = report(repo.path, "--base", "HEAD~1", "--junit", str(tmp_path / "j.xml"))
    assert run.code == 0
    assert data["checks"]["size"]["status"] == "skipped"
    assert ET.parse(tmp_path / "j.xml").getroot().find(".//skipped") is not None


def test_error_reports_are_written(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"a": "a\n"})
    run = gate(
        repo.path,
        "check",
        "--base",
        "nope",
        "--json",
        str(tmp_path / "r.json"),
        "--junit",
        str(tmp_path / "r.xml"),
        "--markdown",
        str(tmp_path / "r.md"),
    )
    assert run.code == 2
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["verdict"] == "error"
    assert "unknown base revision" in data["error"]
    error = ET.parse(tmp_path / "r.xml").getroot().find(".//error")
    assert error is not None
    assert "unknown base revision" in error.get("message", "")
    assert "could not evaluate" in (tmp_path / "r.md").read_text()


def test_unwritable_report(repo: GitRepo, tmp_path: Path) -> None:
    two_commits(repo, {"a": "b\n"})
    blocker = tmp_path / "file"
    blocker.write_text("")
    run = gate(repo.path, "check", "--base", "HEAD~1", "--json", str(blocker / "r.json"))
    assert run.code == 2
    assert run.stderr.startswith("gate: error: --json ")
    assert "cannot write" in run.stderr
    run = gate(repo.path, "check", "--base", "HEAD~1", "--json", str(tmp_path))
    assert run.code == 2
    assert "is a directory" in run.stderr


def test_internal_error_blocks(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(options: engine.Options) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("gate.session.evaluate", boom)
    run = gate(repo.path, "check")
    assert run.code == 2
    assert "internal error: RuntimeError: kaboom" in run.stderr
    assert "Traceback" not in run.stderr


def test_debug_shows_the_traceback(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(options: engine.Options) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("gate.session.evaluate", boom)
    run = gate(repo.path, "check", env={"GATE_DEBUG": "1"})
    assert run.code == 2
    assert "Traceback" in run.stderr
    assert "RuntimeError: kaboom" in run.stderr


def test_no_base_found(repo: GitRepo) -> None:
    repo.commit("base", {"a": "a\n"})
    run = gate(repo.path, "check")
    assert run.code == 2
    assert "pass --base REV" in run.stderr


def test_github_pull_request_end_to_end(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"a.py": lines(5)})
    repo.branch("feature")
    head = repo.commit("pr", {"b.py": lines(7)})
    repo.checkout("main")
    repo.commit("main moved on", {"c.py": lines(100)})
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth=1",
            "--branch=feature",
            f"file://{repo.path}",
            str(tmp_path / "ci"),
        ],
        check=True,
    )
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 3,
                    "head": {"sha": head},
                    "base": {"ref": "main", "sha": "0" * 40},
                }
            }
        )
    )
    env = {
        "GITHUB_ACTIONS": "true",
        "GITHUB_EVENT_PATH": str(event),
        "GITHUB_EVENT_NAME": "pull_request",
    }
    summary = tmp_path / "step-summary.md"
    env["GITHUB_STEP_SUMMARY"] = str(summary)
    run, data = report(tmp_path / "ci", env=env)
    assert run.code == 0, run.stderr
    assert "merge-gate: **pass**" in summary.read_text()
    assert data["head"] == head
    assert data["checks"]["size"]["metrics"]["lines_added"] == 7  # not main's 100
    assert "GitHub pull request #3" in data["base_source"]


def test_color_only_when_asked(repo: GitRepo) -> None:
    two_commits(repo, {"a": "b\n"})
    assert "\x1b[" not in gate(repo.path, "check", "--base", "HEAD~1").stdout
    assert "\x1b[" in gate(repo.path, "check", "--base", "HEAD~1", "--color").stdout


def test_version_and_help(repo: GitRepo) -> None:
    assert gate(repo.path, "--version").stdout.startswith("gate, version ")
    assert "--config-from" in gate(repo.path, "check", "--help").stdout
    assert gate(repo.path, "check", "--config-from", "side").code == 2
    # A CI step that forgot the command, or misspelt it, must not pass (click < 8.2
    # exited 0 after the help of a bare group).
    assert gate(repo.path).code == 2
    assert gate(repo.path, "chek").code == 2
