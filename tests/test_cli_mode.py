"""`gate check --mode` and `mode` in the config: report everything, block nothing monitored."""

from __future__ import annotations

from tests.gitrepo import GitRepo, lines
from tests.run import gate, report

SMALL = "[size]\nmax_changed_lines = 5\n"


def big_change(repo: GitRepo, config: str) -> None:
    repo.commit("base", {".gate.toml": config})
    repo.branch("feature")
    repo.commit("big", {"a.py": lines(10)})


def test_monitor_on_the_command_line_exits_0_with_the_would_be_verdict(repo: GitRepo) -> None:
    big_change(repo, SMALL)
    run, data = report(repo.path, "--base", "main", "--mode", "monitor")
    assert run.code == 0
    assert (data["verdict"], data["enforced_verdict"], data["mode"]) == ("fail", "pass", "monitor")
    assert data["monitored"] == ["size", "complexity", "ai", "certification"]
    assert "merge-gate FAIL" in run.stdout
    assert "WARNING: monitor mode: the verdict would be FAIL when enforced" in run.stdout
    assert "Monitor mode: the change would fail the gate when enforced" in run.stdout


def test_monitor_in_the_base_config_and_enforce_on_the_command_line(repo: GitRepo) -> None:
    big_change(repo, 'mode = "monitor"\n' + SMALL)
    assert gate(repo.path, "check", "--base", "main").code == 0
    assert gate(repo.path, "check", "--base", "main", "--mode", "enforce").code == 1


def test_one_check_in_monitor_mode(repo: GitRepo) -> None:
    big_change(repo, '[size]\nmax_changed_lines = 5\nmode = "monitor"\n')
    run, data = report(repo.path, "--base", "main")
    assert run.code == 0
    assert (data["verdict"], data["enforced_verdict"], data["mode"]) == ("fail", "pass", "enforce")
    assert "the size check is in monitor mode: its fail does not block" in run.stdout


def test_a_monitored_check_aside_the_others_still_block(repo: GitRepo) -> None:
    big_change(repo, '[size]\nmax_changed_lines = 5\nmode = "monitor"\n[ai]\nmax_share = 0.0\n')
    repo.commit("ai", {"b.py": lines(2)}, author="Claude <noreply@anthropic.com>")
    run = gate(repo.path, "check", "--base", "main")
    assert run.code == 1
    assert "The change fails the gate (ai): exit 1." in run.stdout


def test_monitor_mode_does_not_block_a_gate_that_could_not_run(repo: GitRepo) -> None:
    repo.commit("base", {"a.py": lines(3)})
    run = gate(repo.path, "check", "--mode", "monitor")
    assert run.code == 0
    assert run.stderr.splitlines() == [
        "gate: error: no base revision: this repository has no remote to take a default "
        "branch from; branches here: main: pass --base REV",
        "gate: monitor mode: the verdict would be ERROR when enforced; nothing blocks (exit 0)",
    ]
