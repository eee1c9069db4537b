from __future__ import annotations

from pathlib import Path

import pytest

from gate.certification.statement import Statement, repository_name

HEAD, BASE, DIGEST = "a" * 40, "b" * 64, "c" * 64
GOOD = Statement("owner/name", HEAD, BASE, DIGEST)


def test_the_text_parses_back_to_the_statement() -> None:
    assert (
        GOOD.text()
        == (
            f"merge-gate certification/1\nrepository owner/name\nhead {HEAD}\n"
            f"merge-base {BASE}\nconfig-sha256 {DIGEST}\n"
        ).encode()
    )
    assert Statement.parse(GOOD.text()) == GOOD


TEXT = GOOD.text()
NOT_ONE = [
    pytest.param(TEXT.replace(b"owner", b"\xc3\xa9"), id="not-ascii"),
    pytest.param(TEXT.replace(b"/1\n", b"/2\n"), id="another-version"),
    pytest.param(TEXT + b"extra\n", id="extra-line"),
    pytest.param(TEXT.rstrip(b"\n"), id="no-final-newline"),
    pytest.param(TEXT.replace(b"head ", b"Head "), id="key-case"),
    pytest.param(TEXT.replace(b"head a", b"head  a"), id="two-spaces"),
    pytest.param(TEXT.replace(b"a" * 40, b"A" * 40), id="uppercase-sha"),
    pytest.param(TEXT.replace(b"a" * 40, b"a" * 39), id="short-sha"),
    pytest.param(TEXT.replace(b"c" * 64, b"c" * 40), id="short-digest"),
    pytest.param(TEXT.replace(b"owner/name", b""), id="no-repository"),
    pytest.param(TEXT.replace(b"owner/name", b"owner/name "), id="trailing-space"),
    pytest.param(TEXT.replace(b"owner/name", b"a\x1bb"), id="control-character"),
]


@pytest.mark.parametrize("text", NOT_ONE)
def test_anything_else_is_not_a_statement(text: bytes) -> None:
    assert Statement.parse(text) is None


ROOT = Path("/work/repo")
NAMES = [
    pytest.param({"GITHUB_REPOSITORY": "Owner/Name"}, None, "owner/name", id="github"),
    pytest.param({"CI_PROJECT_PATH": "Group/Sub/Proj"}, None, "group/sub/proj", id="gitlab"),
    pytest.param(
        {"GITHUB_REPOSITORY": "o/n", "CI_PROJECT_PATH": "g/p"}, None, "o/n", id="github-first"
    ),
    pytest.param({"GITHUB_REPOSITORY": ""}, "https://h/o/n.git", "o/n", id="empty-variable"),
    pytest.param({}, "https://github.com/Owner/Name.git", "owner/name", id="https"),
    pytest.param({}, "https://user@github.com/owner/name/", "owner/name", id="https-user-slash"),
    pytest.param({}, "ssh://git@gitlab.com:2222/group/sub/proj.git", "group/sub/proj", id="ssh"),
    pytest.param({}, "git@github.com:Owner/Name.git", "owner/name", id="scp"),
    pytest.param({}, "file:///srv/git/owner/name.git", "owner/name", id="file-url"),
    pytest.param({}, "/srv/git/owner/name.git/", "owner/name", id="path"),
    pytest.param({}, "../remotes/name.git", "remotes/name", id="relative-path"),
    pytest.param({}, None, None, id="nothing"),
    pytest.param({}, "https://host/", None, id="no-path"),
    pytest.param({}, "https://host/caf\u00e9/x", None, id="not-ascii"),
]


@pytest.mark.parametrize(("env", "url", "name"), NAMES)
def test_the_repository_is_named_alike_from_ci_and_from_a_clone(
    env: dict[str, str], url: str | None, name: str | None
) -> None:
    assert repository_name(env, url, ROOT) == name
