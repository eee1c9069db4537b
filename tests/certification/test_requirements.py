"""Which rules fire on which facts, and why (pure)."""

from __future__ import annotations

import pytest

from gate.certification.codeowners import parse
from gate.certification.facts import Facts, NewFinding
from gate.certification.requirements import required
from gate.config import CertificationConfig, CertificationRule

KNOWN = Facts(
    ai_share=0.2,
    ai_known=True,
    agents=(),
    new_findings=(),
    max_grown_cc=3,
    complexity_known=True,
    paths=("src/a.py",),
)
UNKNOWN = Facts(None, False, None, None, None, False, ("src/a.py",))
FINDINGS = (NewFinding("eval", "a.py", "WARNING"), NewFinding("exec", "b.py", "ERROR"))


def why(rule: CertificationRule, facts: Facts) -> str | None:
    cfg = CertificationConfig(min_approvals=0, rule=(rule,))
    fired = required(cfg, facts, None)
    return fired[0].why if fired else None


@pytest.mark.parametrize(
    ("rule", "facts", "expected"),
    [
        pytest.param(
            CertificationRule("r"),
            KNOWN,
            "the rule has no condition: every change",
            id="no-condition",
        ),
        pytest.param(CertificationRule("r", ai_share_at_least=0.5), KNOWN, None, id="share-below"),
        pytest.param(
            CertificationRule("r", ai_share_at_least=0.5),
            UNKNOWN,
            "the AI share is unknown (the ai check did not run)",
            id="share-unknown",
        ),
        pytest.param(CertificationRule("r", agent_commits=True), KNOWN, None, id="no-agents"),
        pytest.param(
            CertificationRule("r", agent_commits=True),
            UNKNOWN,
            "the agents are unknown (the ai check did not run)",
            id="agents-unknown",
        ),
        pytest.param(
            CertificationRule("r", new_finding_at_least="WARNING"), KNOWN, None, id="no-findings"
        ),
        pytest.param(
            CertificationRule("r", new_finding_at_least="ERROR"),
            UNKNOWN,
            "new security findings are unknown (the security check did not run)",
            id="findings-unknown",
        ),
        pytest.param(CertificationRule("r", complexity_above=3), KNOWN, None, id="cc-at-limit"),
        pytest.param(
            CertificationRule("r", complexity_above=2),
            KNOWN,
            "a function grew to complexity 3 (> 2)",
            id="cc-above",
        ),
        pytest.param(
            CertificationRule("r", complexity_above=2),
            UNKNOWN,
            "complexity is unknown (the complexity check did not run)",
            id="cc-unknown",
        ),
        pytest.param(CertificationRule("r", paths=("docs/**",)), KNOWN, None, id="other-paths"),
        pytest.param(
            CertificationRule("r", paths=("src/**",), complexity_above=9),
            KNOWN,
            None,
            id="all-conditions-must-hold",
        ),
    ],
)
def test_conditions(rule: CertificationRule, facts: Facts, expected: str | None) -> None:
    assert why(rule, facts) == expected


def test_findings_at_or_above_a_severity() -> None:
    facts = Facts(0.0, True, (), FINDINGS, None, True, ())
    assert why(CertificationRule("r", new_finding_at_least="WARNING"), facts) == (
        "new WARNING finding eval in a.py and 1 more"
    )
    assert why(CertificationRule("r", new_finding_at_least="ERROR"), facts) == (
        "new ERROR finding exec in b.py"
    )


def test_the_share_rule_and_min_approvals_zero() -> None:
    high = Facts(0.9, True, (), (), None, True, ())
    assert required(CertificationConfig(), high, None)[0].rule == "ai-share"
    assert required(CertificationConfig(min_approvals=0), high, None) == ()
    nothing_added = Facts(None, True, (), (), None, True, ())
    assert required(CertificationConfig(), nothing_added, None) == ()


def test_codeowners_needs_an_owner_per_owned_path() -> None:
    owners = parse("* @all\n/docs/ @writers\nREADME.md\n", "CODEOWNERS")
    facts = Facts(0.0, True, (), (), None, True, ("src/a.py", "docs/x.md", "README.md"))
    (req,) = required(
        CertificationConfig(rule=(CertificationRule("o", codeowners=True),)), facts, owners
    )
    assert [(o.path, o.owners) for o in req.owned] == [
        ("src/a.py", ("@all",)),
        ("docs/x.md", ("@writers",)),
    ]


@pytest.mark.parametrize(
    ("line", "path", "owners"),
    [
        pytest.param("*.js @js", "a/b/c.js", ("@js",), id="extension-anywhere"),
        pytest.param("/build/ @b", "build/x/y", ("@b",), id="anchored-folder"),
        pytest.param("/build/ @b", "src/build/x", (), id="anchored-not-deeper"),
        pytest.param("docs @d", "a/docs/x", ("@d",), id="name-anywhere"),
        pytest.param("src/**/*.py @p", "src/a/b.py", ("@p",), id="globstar"),
        pytest.param("lib/** @l", "lib/a/b.c", ("@l",), id="trailing-globstar"),
        pytest.param("[Section]\n* @x", "a", ("@x",), id="gitlab-section"),
        pytest.param("# comment\n\n* @X@Example.com", "a", ("@x@example.com",), id="lowercased"),
    ],
)
def test_codeowners_patterns(line: str, path: str, owners: tuple[str, ...]) -> None:
    assert parse(line, "CODEOWNERS").owners(path) == owners
