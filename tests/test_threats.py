"""A hostile change against the real ``gate check``: what it tries, what the gate does.

Numbers refer to /work/shared/reference/threats.md; unnumbered tests are attacks
found beyond that list. Each test builds the change an attacker would push and
checks the exit code and the reports, never an internal function.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.gitrepo import GitRepo, lines
from tests.run import report

SIMPLE = "def f(x):\n    return 0\n"
# Complexity 31: thirty branches added to SIMPLE's function.
BRANCHY = "def f(x):\n" + "".join(f"    if x == {i}:\n        return {i}\n" for i in range(30))
BRANCHY += "    return 0\n"
CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"


def test_a_gitattributes_in_the_change_cannot_hide_its_lines(repo: GitRepo) -> None:
    """``git diff`` reads ``.gitattributes`` from the work tree, which is the change itself:
    ``* -diff`` there made every file "binary", so no line was added, no function touched
    and no AI line counted: a silent pass of the size, complexity and AI checks."""
    repo.commit(
        "base",
        {
            ".gate.toml": "[size]\nmax_changed_lines = 100\n[ai]\nmax_share = 0.5\n",
            "app.py": SIMPLE,
        },
    )
    repo.commit(
        "hide it" + CLAUDE,
        {".gitattributes": "* -diff\n", "app.py": BRANCHY, "big.py": lines(200)},
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    checks = data["checks"]
    assert run.code == 1
    assert checks["size"]["metrics"]["binary_files"] == 0
    assert (
        checks["size"]["metrics"]["lines_added"] == 1 + 60 + 200
    )  # .gitattributes, the branches, big.py
    assert [f["rule"] for f in checks["complexity"]["findings"]] == ["crossed-max-cc"]
    assert checks["ai"]["metrics"]["ai_share"] == 1.0
    assert {c: checks[c]["status"] for c in ("size", "complexity", "ai")} == {
        "size": "fail",
        "complexity": "fail",
        "ai": "fail",
    }


# What the Actions runner reads as a command: a line starting (after spaces) with
# "::", or "##[" anywhere in a line (the legacy form, still parsed: ##[add-mask],
# ##[stop-commands], ##[error]). Only the gate's own annotations may be either.
OURS = re.compile(r"::(error|warning|notice) (file=[^:,]*,)?(line=\d+,)?title=[^:]*::")


def test_hostile_text_starts_no_workflow_command_in_the_log(repo: GitRepo, tmp_path: Path) -> None:
    """28-30: file names and commit messages reach the log through findings; the runner
    must see our annotations and nothing else. ``##[add-mask]FAIL`` would mask the
    verdict in the log; ``##[stop-commands]`` would switch off what follows."""
    repo.commit("base", {".gate.toml": "[size]\nmax_changed_lines = 5\n"})
    repo.commit(
        "::error file=a.py::all good\n  ::warning::x\n\n"
        "Assisted-by: tool ##[add-mask]FAIL\nGenerated-by: x ##[stop-commands]abc\n",
        {
            "##[error]big.py": lines(10),
            "x\n::add-mask::FAIL.py": "def f(:\n",
            "vendor/##[warning]v.js": "x\n",
        },
    )
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    run, data = report(repo.path, "--base", "HEAD~1", env=env)
    assert run.code == 2  # x\n::add-mask::FAIL.py does not parse
    assert {c: data["checks"][c]["status"] for c in ("size", "complexity", "ai")} == {
        "size": "fail",
        "complexity": "error",
        "ai": "pass",
    }
    log = (run.stdout + run.stderr).splitlines()
    ours = [line for line in log if OURS.match(line)]
    assert len(ours) == 3  # size, complexity, the AI commit
    for line in log:
        if line not in ours:
            assert not line.lstrip().startswith("::"), line
            assert "##[" not in line, line
    assert "(disclosure assisted-by: tool ##\\[add-mask]FAIL)" in run.stdout  # shown, defanged
    assert "the biggest files: ##\\[error]big.py (10)" in run.stdout


def test_a_console_that_cannot_show_a_name_still_gets_the_verdict(repo: GitRepo) -> None:
    """A console whose encoding cannot show a character (a Windows pre-push hook writes
    cp1252): the summary's own marks and a file name the author chose made printing
    raise UnicodeEncodeError, a traceback and exit 1 ("breaks the policy") for any change,
    and the one-line error on stderr crashed the same way."""
    repo.commit("base", {".gate.toml": "[size]\nmax_files = 0\n[security]\nenabled = false\n"})
    repo.commit("c", {"\u6587\u4ef6.py": "x = 1\n"})
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for args, code, stream, shown in (
        (("--base", "HEAD~1"), 1, "stdout", "the biggest files: \\u6587\\u4ef6.py (1)"),
        (("--base", "\u6587"), 2, "stderr", "unknown base revision '\\u6587'"),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "gate", "check", *args],
            cwd=repo.path,
            capture_output=True,
            env=env,
            check=False,
        )
        assert proc.returncode == code, proc.stderr
        assert b"Traceback" not in proc.stderr
        assert shown in getattr(proc, stream).decode("cp1252")
