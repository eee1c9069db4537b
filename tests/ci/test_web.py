from __future__ import annotations

import pytest

from gate.ci.web import web
from gate.result import Web


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        pytest.param(
            {"GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "o/r"},
            Web("https://github.com/o/r", "github"),
            id="github",
        ),
        pytest.param(
            {
                "GITHUB_ACTIONS": "true",
                "GITHUB_SERVER_URL": "https://ghe.corp.example/",
                "GITHUB_REPOSITORY": "o/r",
            },
            Web("https://ghe.corp.example/o/r", "github"),
            id="github-enterprise",
        ),
        pytest.param({"GITHUB_ACTIONS": "true"}, None, id="github-without-repository"),
        pytest.param(
            {"GITLAB_CI": "true", "CI_PROJECT_URL": "https://gitlab.example/g/p/"},
            Web("https://gitlab.example/g/p", "gitlab"),
            id="gitlab",
        ),
        pytest.param(
            {"GITLAB_CI": "true", "CI_PROJECT_URL": "https://x.example/p) [x](javascript:1"},
            None,
            id="not-a-plain-url",
        ),
        pytest.param({"GITLAB_CI": "true", "CI_PROJECT_URL": "javascript:alert(1)"}, None, id="js"),
        pytest.param({"GITHUB_REPOSITORY": "o/r"}, None, id="not-in-ci"),
    ],
)
def test_web_address_from_the_environment(env: dict[str, str], expected: Web | None) -> None:
    assert web(env) == expected


def test_links_on_each_platform() -> None:
    github, gitlab = Web("https://h/o/r", "github"), Web("https://h/g/p", "gitlab")
    assert github.blob("abc", "src/a b.py", 3) == "https://h/o/r/blob/abc/src/a%20b.py#L3"
    assert gitlab.blob("abc", "a.py", None) == "https://h/g/p/-/blob/abc/a.py"
    assert github.compare("m", "h") == "https://h/o/r/compare/m...h"
    assert gitlab.compare("m", "h") == "https://h/g/p/-/compare/m...h"
    assert github.blob("a/../b", "x", 1) == "https://h/o/r/blob/a%2F..%2Fb/x#L1"
