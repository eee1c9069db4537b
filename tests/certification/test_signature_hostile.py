"""The author of the change against signed certifications: signing their own change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.certification.conftest import CLAUDE
from tests.certification.test_signature_check import EVERY_CHANGE, checked
from tests.signed_repo import AUTHOR, SIGNERS, Keys, certify, make_keys, signed_repo


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> Keys:
    return make_keys(tmp_path_factory.mktemp("keys"))


@pytest.mark.parametrize(
    ("principal", "author"),
    [
        pytest.param("Dev", AUTHOR, id="principal-is-the-authors-name"),
        pytest.param("dev", "Dev <1234+dev@users.noreply.github.com>", id="principal-is-a-login"),
    ],
)
def test_an_author_listed_under_a_principal_that_is_no_email_cannot_certify(
    tmp_path: Path, keys: Keys, principal: str, author: str
) -> None:
    """allowed_signers principals are any text: the author's name or login is the author."""
    repo, remote = signed_repo(tmp_path, keys, config=EVERY_CHANGE)
    repo.checkout("main")
    repo.commit(
        "signers", {SIGNERS: keys.alice.line("alice@example.com") + keys.dev.line(principal)}
    )
    repo.git("push", "-q", "origin", "main")
    repo.checkout("feature")
    repo.git("rebase", "-q", "main")
    repo.commit(f"more\n\n{CLAUDE}\n", {"more.py": "y = 2\n"}, author=author)
    assert certify(repo, keys.dev, "--push").code == 0
    repo.git("push", "-q", "-f", "origin", "feature")
    result = checked(remote, tmp_path / "ci", code=1)
    assert result["metrics"]["rejected"] == [
        {"who": principal, "source": "signature", "reason": "an author of the change"}
    ]
