"""``gate history merge``: two repositories' reports add up to the report of both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.gitrepo import GitRepo
from tests.history.history_run import history, stopped
from tests.history.scenario import CLAUDE, OTHER, at, build, code
from tests.run import gate

_SUMS = ("groups", "by_agent", "monthly", "survival", "ai_share", "cost", "horizon_days")


def small(path: Path) -> GitRepo:
    """A second repository: a person's module, then Claude's, half of it rewritten by Ann."""
    repo = GitRepo.init(path)
    repo.commit("b", {"b_main.py": code(6, "b")}, date=at(2))
    repo.commit("claude" + CLAUDE, {"b_ai.py": code(8, "bai")}, date=at(3))
    repo.commit("fix", {"b_ai.py": code(4, "bai") + code(4, "bfix")}, author=OTHER, date=at(40))
    return repo


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("merge")
    a = build(root / "a" / "a").repo
    b = small(root / "b" / "b")
    both = build(root / "c" / "c").repo
    both.git("fetch", "-q", str(b.path), "main:other")
    both.git(
        "merge", "-q", "--allow-unrelated-histories", "--no-ff", "-m", "both", "other",
        env={"GIT_AUTHOR_DATE": at(50), "GIT_COMMITTER_DATE": at(50)},
    )  # fmt: skip
    history(a.path)
    history(b.path)
    return root / "a" / "history.json", root / "b" / "history.json", history(both.path)[1]


def test_the_merge_of_two_reports_is_the_report_of_both(
    reports: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    a, b, both = reports
    out = tmp_path / "merged.json"
    run = gate(tmp_path, "history", "merge", str(a), str(b), "--json", str(out))
    assert run.code == 0, run.stderr
    merged = json.loads(out.read_text())
    assert {k: merged[k] for k in _SUMS} == {k: both[k] for k in _SUMS}
    assert merged["groups"]["ai"]["added"] == 14 + 8
    rows = [(c["sha"], c["added"], c["survived"]) for c in merged["commits"]]
    theirs = [(c["sha"], c["added"], c["survived"]) for c in both["commits"]]
    assert sorted(rows) == sorted(r for r in theirs if r[0] != both["repositories"][0]["head"])
    assert [r["name"] for r in merged["repositories"]] == ["a", "b"]
    assert "gate history: a HEAD" in run.stdout


def test_merging_is_order_free_and_a_single_report_round_trips(
    reports: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    a, b, _ = reports
    gate(tmp_path, "history", "merge", str(b), str(a), "--json", str(tmp_path / "ba.json"))
    gate(tmp_path, "history", "merge", str(a), str(b), "--json", str(tmp_path / "ab.json"))
    ab, ba = (json.loads((tmp_path / n).read_text()) for n in ("ab.json", "ba.json"))
    assert {k: ab[k] for k in _SUMS} == {k: ba[k] for k in _SUMS}
    gate(tmp_path, "history", "merge", str(a), "--json", str(tmp_path / "a.json"))
    assert json.loads((tmp_path / "a.json").read_text()) == json.loads(a.read_text())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"{", "not JSON", id="not-json"),
        pytest.param(b'{"schema": "gate-report/1"}', "not a gate-history/1 report", id="schema"),
        pytest.param(b'{"schema": "gate-history/1"}', "KeyError", id="incomplete"),
        pytest.param(b"\xff", "not JSON", id="bytes"),
    ],
)
def test_a_file_that_is_not_a_report_is_named(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert message in stopped(tmp_path, "merge", str(bad))
    assert "bad.json" in stopped(tmp_path, "merge", str(bad))


def test_missing_files_and_other_horizons_are_errors(
    reports: tuple[Path, Path, dict[str, Any]], tmp_path: Path
) -> None:
    a, _, _ = reports
    assert "cannot be read" in stopped(tmp_path, "merge", str(tmp_path / "none.json"))
    data = json.loads(a.read_text())
    data["horizon_days"] = 60
    other = tmp_path / "sixty.json"
    other.write_text(json.dumps(data))
    assert "same --horizon" in stopped(tmp_path, "merge", str(a), str(other))
