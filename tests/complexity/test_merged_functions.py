"""Threat: deleting a `def` line merges two functions with no head line added."""

from __future__ import annotations

import pytest

from tests.complexity.test_check import branches, change, rules
from tests.gitrepo import GitRepo


def _without(text: str, *drop: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if line not in drop)


def test_deleting_a_def_line_makes_the_absorbing_function_touched(repo: GitRepo) -> None:
    base = branches("f", 1) + branches("g", 17)
    code, check, _ = change(repo, {"a.py": base}, {"a.py": _without(base, "def g(x):\n")})
    assert code == 1
    assert rules(check) == [("crossed-max-cc", "a.py", "f")]
    (finding,) = check["findings"]
    assert finding["details"] == {"base": 1, "head": 17, "limit": 10}


@pytest.mark.parametrize(
    ("base", "drop", "expected"),
    [
        pytest.param(
            "class C:\n" + branches("f", 1, "    ") + branches("g", 8, "    "),
            ("    def g(x):\n",),
            [("cc-increase", "a.py", "C.f")],
            id="a-method-absorbs-the-next",
        ),
        pytest.param(
            branches("f", 1) + "\n\n" + branches("g", 17),
            ("def g(x):\n", "\n"),
            [("crossed-max-cc", "a.py", "f")],
            id="def-and-blank-lines-deleted",
        ),
        pytest.param(
            "import os\n" + branches("f", 2) + branches("g", 12) + branches("h", 2),
            ("def g(x):\n",),
            [("crossed-max-cc", "a.py", "f")],
            id="in-the-middle-of-the-file",
        ),
    ],
)
def test_merges(
    repo: GitRepo, base: str, drop: tuple[str, ...], expected: list[tuple[str, str, str]]
) -> None:
    code, check, _ = change(repo, {"a.py": base}, {"a.py": _without(base, *drop)})
    assert code == 1
    assert rules(check) == expected


def test_deleting_a_whole_function_between_two_others_touches_neither(repo: GitRepo) -> None:
    # the deletion lies between f and h, inside neither: old debt in h stays untouched
    base = branches("f", 2) + branches("g", 3) + branches("h", 14)
    head = branches("f", 2) + branches("h", 14)
    code, check, _ = change(repo, {"a.py": base}, {"a.py": head})
    assert code == 0, check
    assert check["findings"] == []
    assert check["metrics"]["functions_removed"] == 1


def test_deleting_a_line_at_the_top_of_the_file(repo: GitRepo) -> None:
    base = "import os\n" + branches("f", 14)
    code, check, _ = change(repo, {"a.py": base}, {"a.py": branches("f", 14)})
    assert code == 0, check
