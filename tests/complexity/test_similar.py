"""Threat: renaming a function while growing it made it "new", judged only by max_cc."""

from __future__ import annotations

import pytest

from tests.complexity.test_check import change, rules
from tests.gitrepo import Content, GitRepo


def handle(name: str, extra: int, indent: str = "") -> str:
    """A request handler with a real body, grown by ``extra`` branches (complexity 2 + extra)."""
    body = [
        f"def {name}(request):",
        "    user = request.user",
        "    payload = parse_payload(request.body)",
        "    if user is None:",
        "        raise PermissionError('anonymous')",
        *(f"    if payload.kind == {i}:\n        return route_{i}(payload)" for i in range(extra)),
        "    record_event(user, payload)",
        "    return respond(payload, status=200)",
    ]
    return "".join(f"{indent}{line}\n" for line in "\n".join(body).split("\n"))


OTHER = "def other(x):\n    return x\n"


def test_renamed_while_growing_is_judged_as_growth(repo: GitRepo) -> None:
    code, check, _ = change(
        repo, {"app.py": OTHER + handle("handle", 0)}, {"app.py": OTHER + handle("handle_v2", 8)}
    )
    assert code == 1
    assert rules(check) == [("cc-increase", "app.py", "handle_v2")]
    (finding,) = check["findings"]
    assert finding["details"] == {"base": 2, "head": 10, "limit": 5}
    assert "was handle" in finding["message"]
    assert check["metrics"]["functions_added"] == 0


@pytest.mark.parametrize(
    ("base", "head", "expected"),
    [
        pytest.param(
            {"app.py": handle("handle", 0)},
            {"app.py": "class Api:\n" + handle("serve", 8, "    ")},
            [("cc-increase", "app.py", "Api.serve")],
            id="into-a-class",
        ),
        pytest.param(
            {"app.py": handle("handle", 0), "b.py": OTHER},
            {"app.py": OTHER, "b.py": OTHER + handle("handle_v2", 8)},
            [("cc-increase", "b.py", "handle_v2")],
            id="moved-to-another-file",
        ),
        pytest.param(
            {"app.py": handle("handle", 1)},
            {"app.py": handle("handle_v2", 9)},
            [("crossed-max-cc", "app.py", "handle_v2")],
            id="crossing-the-limit",
        ),
        pytest.param(
            {"app.py": handle("handle", 9)},
            {"app.py": handle("handle_v2", 13)},
            [("max-cc", "app.py", "handle_v2")],
            id="never-looser-than-a-new-function",
        ),
    ],
)
def test_similar_pairs(
    repo: GitRepo,
    base: dict[str, Content],
    head: dict[str, Content],
    expected: list[tuple[str, str, str]],
) -> None:
    code, check, _ = change(repo, base, head)
    assert code == 1
    assert rules(check) == expected


def test_an_unrelated_new_function_is_not_paired(repo: GitRepo) -> None:
    base = "def old(x):\n    if x:\n        return None\n    return 0\n"
    head = handle("fresh", 6)  # cc 8: fine as a new function, +7 if paired with old
    code, check, _ = change(repo, {"app.py": base}, {"app.py": head})
    assert code == 0, check
    assert (check["metrics"]["functions_added"], check["metrics"]["functions_removed"]) == (1, 1)


def test_a_small_growth_under_a_new_name_passes(repo: GitRepo) -> None:
    code, check, _ = change(
        repo, {"app.py": handle("handle", 0)}, {"app.py": handle("handle_v2", 3)}
    )
    assert code == 0, check
    assert check["metrics"]["functions_changed"] == 1
