"""A hostile change against the real ``gate check``: what it tries, what the gate does.

Numbers refer to /work/shared/reference/threats.md; unnumbered tests are attacks
found beyond that list. Each test builds the change an attacker would push and
checks the exit code and the reports, never an internal function.
"""

from __future__ import annotations

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
