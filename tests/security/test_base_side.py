"""The base side scanned only where it can change the answer: never a head finding wrongly new.

The base version of a file is scanned with head when the file lost lines, and
after head when its head version has a finding or is partly parsed
(:mod:`gate.security.baseline`). Each case below is one way a head finding
could look new because its base was not scanned; each must keep its answer.
"""

from __future__ import annotations

from typing import Any

import pytest

from gate.change import FileChange, LineRange
from gate.security import baseline
from gate.security.tree import Source, Target
from tests.gitrepo import GitRepo
from tests.run import report

pytestmark = pytest.mark.semgrep

OLD = "import os\n\n\ndef run(cmd):\n    return eval(cmd)\n"
HELPERS = "".join(f"\n\ndef helper_{i}(x):\n    return x + {i}\n" for i in range(6))
TAINT = """rules:
  - id: tainted-eval
    languages: [python]
    severity: ERROR
    message: input reaches eval
    mode: taint
    pattern-sources: [{pattern: input()}]
    pattern-sanitizers: [{pattern: clean(...)}]
    pattern-sinks: [{pattern: eval(...)}]
"""
SCRIPT = '#!/bin/bash\nn=${1:-08}\nx=$((10#$n))  # base 10, even with a leading zero\necho "$x"\n'


@pytest.fixture(
    autouse=True, params=[pytest.param(True, id="ahead"), pytest.param(False, id="two-waves")]
)
def waves(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each case with the rest of the base scanned ahead (few bytes) and in a second wave."""
    if not request.param:
        monkeypatch.setattr(baseline, "AHEAD_BYTES", -1)


def security(repo: GitRepo, code: int = 0) -> dict[str, Any]:
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == code, run.stdout
    result: dict[str, Any] = data["checks"]["security"]
    return result


def statuses(result: dict[str, Any]) -> list[tuple[str, str, int | None, str]]:
    return sorted(
        (f["rule"], f["path"], f["line"], f["details"].get("status", ""))
        for f in result["findings"]
    )


def test_a_renamed_file_with_findings_and_no_content_change(repo: GitRepo) -> None:
    repo.commit("base", {"app/old.py": OLD + HELPERS})
    repo.git("mv", "app/old.py", "app/new.py")
    repo.git("commit", "-q", "-m", "rename only")
    result = security(repo)
    assert statuses(result) == []
    assert result["metrics"]["new_findings"] == 0


def test_a_file_that_only_gained_lines_keeps_its_old_finding(repo: GitRepo) -> None:
    repo.commit("base", {"app/m.py": OLD + HELPERS})
    repo.commit(
        "additions only",
        {"app/m.py": '"""Docs."""\n' + OLD + HELPERS + "\n\ndef again(c):\n    return eval(c)\n"},
    )
    result = security(repo, code=1)
    assert statuses(result) == [("python-dynamic-code-execution", "app/m.py", 34, "new")]


def test_code_moved_from_a_modified_file_to_a_new_file_is_not_new(repo: GitRepo) -> None:
    repo.commit("base", {"app/a.py": OLD + HELPERS})
    repo.commit("move run() out", {"app/a.py": "import os\n" + HELPERS, "app/b.py": OLD})
    result = security(repo)
    assert statuses(result) == []
    assert result["metrics"]["moved_findings"] == 1


def test_code_copied_from_a_file_that_only_gained_lines_is_new(repo: GitRepo) -> None:
    # Nothing left a.py (no line removed): the eval in b.py is a copy, new.
    repo.commit("base", {"app/a.py": OLD + HELPERS})
    repo.commit("copy run()", {"app/a.py": OLD + HELPERS + "\nX = 1\n", "app/b.py": OLD})
    result = security(repo, code=1)
    assert statuses(result) == [("python-dynamic-code-execution", "app/b.py", 5, "new")]


@pytest.mark.parametrize(
    ("head", "removes"),
    [
        pytest.param(OLD.replace("eval(cmd)", "eval(cmd)  # nosemgrep"), True, id="same-line"),
        pytest.param(OLD.replace("    return", "    # nosemgrep\n    return"), False, id="above"),
    ],
)
def test_a_nosemgrep_added_on_an_old_finding(repo: GitRepo, head: str, removes: bool) -> None:
    repo.commit("base", {"app/m.py": OLD + HELPERS})
    repo.commit("suppress", {"app/m.py": head + HELPERS})
    assert bool(repo.git("diff", "--numstat", "HEAD~1").split()[1] != "0") is removes
    result = security(repo)
    line = 5 if removes else 6
    assert statuses(result) == [("suppression-added", "app/m.py", line, "suppressed")]
    assert result["metrics"]["new_findings"] == 0


def test_a_partly_parsed_file_that_only_gained_lines(repo: GitRepo) -> None:
    repo.commit("base", {"scripts/a.sh": SCRIPT})
    repo.commit("append", {"scripts/a.sh": SCRIPT + "echo done\n"})
    result = security(repo)
    assert statuses(result) == [("partly-analysed", "scripts/a.sh", 3, "")]
    assert result["metrics"]["not_analysed"] == 0


def test_a_deleted_file_lists_its_findings_as_fixed(repo: GitRepo) -> None:
    repo.commit("base", {"app/m.py": OLD, "app/keep.py": "X = 1\n"})
    repo.git("rm", "-q", "app/m.py")
    repo.commit("delete", {"app/keep.py": "X = 2\n"})
    result = security(repo)
    assert statuses(result) == [("python-dynamic-code-execution", "app/m.py", 5, "fixed")]


def test_a_finding_fixed_by_additions_alone_is_not_listed(repo: GitRepo) -> None:
    before = "def run():\n    x = input()\n    return eval(x)\n"
    repo.commit("base", {".gate.toml": '[security]\nrules = ["taint.yml"]\n', "taint.yml": TAINT})
    repo.commit("tainted", {"app/m.py": before, "app/n.py": before})
    repo.commit(
        "sanitize",
        {
            "app/m.py": before.replace("    return", "    x = clean(x)\n    return"),
            "app/n.py": "def run():\n    return 0\n",
        },
    )
    result = security(repo)
    # n.py lost its lines: its fixed finding is listed; m.py only gained a sanitizer.
    assert statuses(result) == [("tainted-eval", "app/n.py", 3, "fixed")]


def test_a_base_version_that_does_not_parse_is_reported_only_where_it_matters(
    repo: GitRepo,
) -> None:
    broken = "X = [\n    1,\n"  # the bracket is closed by the change
    repo.commit("base", {"app/gained.py": broken, "app/lost.py": broken + "    2,\n"})
    repo.commit("close", {"app/gained.py": broken + "]\n", "app/lost.py": broken + "]\n"})
    result = security(repo)
    rules = sorted((f["rule"], f["path"]) for f in result["findings"])
    assert rules == [("base-not-analysed", "app/lost.py")]


def source(path: str, **kw: Any) -> Target:
    return Target(Source(path, path, b"x = 1\n"), path, **kw)


def change(path: str, status: str = "modified", **kw: Any) -> FileChange:
    fields: dict[str, Any] = {
        "status": status,
        "old_path": path,
        "new_path": path,
        "old_blob": "a" * 40,
        "new_blob": "b" * 40,
        "old_mode": "100644",
        "new_mode": "100644",
        "similarity": None,
        "binary": False,
        "added": (LineRange(1, 1),),
        "removed": (),
    }
    return FileChange(**(fields | kw))


def test_first_wave_is_what_lost_lines_or_costs_nothing() -> None:
    targets = [
        source("lost.py"),
        source("gained.py"),
        source("binary.dat", stub="binary"),
        source("odd", unknown="no language"),
        source("doc.txt", guessed=True),
        Target(Source("impl.txt", "link -> impl.txt", b"", name="link.py"), "link.py"),
        source("gone.py"),
        source("typed.py"),
        source("marked.py"),
        source("unread.py"),
    ]
    files = [
        change("lost.py", removed=(LineRange(2, 1),)),
        change("gained.py"),
        change("gone.py", "deleted", new_path=None, removed=()),
        change("typed.py", "typechange"),
        change("marked.py", binary=True),
        change("unread.py", unreadable=True),
        change("new.py", "added", old_path=None),
    ]
    first = baseline.first(targets, files)
    assert [t.tree_path for t in first] == [
        t.tree_path for t in targets if t.tree_path != "gained.py"
    ]
    assert baseline.second(targets, {t.tree_path for t in first}, {"gained.py"}) == (targets[1],)
    assert baseline.second(targets, {t.tree_path for t in first}, set()) == ()


def test_the_rest_is_scanned_ahead_only_when_small(monkeypatch: pytest.MonkeyPatch) -> None:
    targets = [source("a.py"), source("b.py")]  # six bytes each
    monkeypatch.setattr(baseline, "AHEAD_BYTES", 12)
    assert baseline.ahead(targets, {"a.py"}) == (targets[1],)
    monkeypatch.setattr(baseline, "AHEAD_BYTES", 11)
    assert baseline.ahead(targets, set()) == ()
