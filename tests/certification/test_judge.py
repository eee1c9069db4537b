"""Pooling approvals from several sources (pure)."""

from __future__ import annotations

from gate.certification.evidence import Approval, Evidence
from gate.certification.judge import Context, judge
from gate.certification.requirements import Requirement

CTX = Context("o/r", "b" * 40, "h" * 40, "m" * 40, "c" * 64, "0", "t")


def test_one_person_approving_and_signing_counts_once() -> None:
    github = Evidence("github", (Approval("bob", "github", aliases=("Bob@Example.com",)),))
    signed = Evidence("signature", (Approval("bob@example.com", "signature"),))
    result = judge((Requirement("r", "why", 2),), (github, signed), CTX)
    assert result.metrics["certified"] is False
    assert result.metrics["reviewers"] == ({"who": "bob", "source": "github"},)


def test_a_claimed_address_does_not_make_someone_a_named_reviewer() -> None:
    """mallory sets her public address to alice's: she does not become alice."""
    github = Evidence("github", (Approval("mallory", "github", aliases=("alice@corp.com",)),))
    need_alice = (Requirement("r", "why", 1, reviewers=("alice@corp.com",)),)
    assert judge(need_alice, (github,), CTX).metrics["certified"] is False
    signed = Evidence("signature", (Approval("alice@corp.com", "signature"),))
    assert judge(need_alice, (github, signed), CTX).metrics["certified"] is True


def test_two_people_count_twice() -> None:
    github = Evidence("github", (Approval("bob", "github"), Approval("carol", "github")))
    assert judge((Requirement("r", "why", 2),), (github,), CTX).metrics["certified"] is True
