"""Commit signals on parsed commits (pure): disclosures, trailers anywhere, the lead signal."""

from __future__ import annotations

import pytest

from gate.ai.commits import Commit
from gate.ai.signals import Disclosure, Fired, fire, negative, parse_disclosure, strongest, trailers
from gate.ai.signatures import load
from gate.config import AiConfig, SignalClass

SIGS = load(AiConfig(), "cfg")


def commit(message: str, author: str = "Dev", email: str = "dev@example.com") -> Commit:
    return Commit("a" * 40, (), author, email, "Dev", "dev@example.com", message)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "Claude:claude-3-opus coccinelle sparse",
            Disclosure("Claude", "claude-3-opus"),
            id="kernel",
        ),
        pytest.param(
            "GitHub Copilot (model: Claude Sonnet 4)",
            Disclosure("GitHub Copilot", "Claude Sonnet 4"),
            id="tool-and-model",
        ),
        pytest.param("Cursor <cursor@example.com>", Disclosure("Cursor", None), id="address"),
        pytest.param("Claude Code", Disclosure("Claude Code", None), id="bare-tool"),
        pytest.param("Yes", Disclosure("", None), id="unnamed"),
        pytest.param("gemini:", Disclosure("gemini", None), id="empty-model"),
        pytest.param("none", None, id="none"),
        pytest.param("N/A", None, id="n/a"),
        pytest.param(" no. ", None, id="no"),
        pytest.param("False", None, id="false"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_disclosure(value: str, expected: Disclosure | None) -> None:
    assert parse_disclosure(value) == expected


def test_negative_is_whole_value_only() -> None:
    assert negative("None")
    assert not negative("None of the code, only the tests: Claude")


def test_trailers_are_read_anywhere_and_split_on_newlines_only() -> None:
    message = (
        "Subject\n\n  * Co-authored-by: A <a@x>\r\n> Assisted-by: B\n"
        "text\x0cCo-authored-by: Hidden <noreply@anthropic.com>\n"
    )
    assert trailers(message) == [
        ("co-authored-by", "A <a@x>"),
        ("assisted-by", "B"),
    ]


def test_a_form_feed_does_not_start_a_trailer_line() -> None:
    assert fire(commit("x\x0cCo-authored-by: C <noreply@anthropic.com>\n"), SIGS) == ()


def test_the_lead_is_the_strongest_counted_signal_in_list_order() -> None:
    message = (
        "Fix\n\nAI-assisted: Cursor\nCo-authored-by: Copilot <copilot@github.com>\n"
        "Co-authored-by: Codex <noreply@openai.com>\n"
        "Co-authored-by: Claude <noreply@anthropic.com>\n"
    )
    fired = fire(commit(message), SIGS)
    assert [(f.id, f.agent, f.cls) for f in fired] == [
        ("claude-co-author", "claude", "agent"),
        ("copilot-vscode-co-author", "copilot", "weak"),
        ("codex-co-author", "codex", "agent"),
        ("ai-assisted", "cursor", "assisted"),
    ]

    def lead(fired: tuple[Fired, ...], *count: SignalClass) -> str | None:
        found = strongest(fired, count)
        return None if found is None else f"{found.id}:{found.agent}"

    assert lead(fired, "agent", "assisted") == "claude-co-author:claude"
    assert lead(fired[1:2], "agent", "assisted") is None
    assert lead(fired[1:2], "agent", "assisted", "weak") == "copilot-vscode-co-author:copilot"
    assert lead(fired, "assisted") == "ai-assisted:cursor"


def test_the_match_is_kept_short_for_the_report() -> None:
    fired = fire(commit("x\n\nAssisted-by: Claude " + "z" * 1000 + "\n"), SIGS)
    assert len(fired[0].match) == 200


def test_the_committer_never_identifies_an_agent() -> None:
    c = Commit(
        "a" * 40,
        (),
        "Dev",
        "dev@example.com",
        "claude[bot]",
        "209825114+claude[bot]@users.noreply.github.com",
        "Fix",
    )
    assert fire(c, SIGS) == ()


def test_body_marker_reports_its_line() -> None:
    fired = fire(
        commit("Add\n\n  🤖 Generated with [Claude Code](https://claude.com)  \nmore"), SIGS
    )
    assert fired[0].match == "🤖 Generated with [Claude Code](https://claude.com)"
    assert fired[0].where == "body"


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("x\n\nMade-with: VS Code\n", id="value-does-not-match"),
        pytest.param("x\n\nClaude-Session: none\n", id="negative-value"),
        pytest.param("x\n\nAssisted-by: n/a\nGenerated-by: no\n", id="negative-disclosures"),
        pytest.param("x\n\nReplit-Commit-Author: User\n", id="a-person-in-replit"),
    ],
)
def test_trailers_that_do_not_fire(message: str) -> None:
    assert fire(commit(message), SIGS) == ()


def test_the_first_positive_disclosure_fires() -> None:
    fired = fire(commit("x\n\nAssisted-by: none\nAssisted-by: Codex:gpt-5\n"), SIGS)
    assert [(f.agent, f.model, f.match) for f in fired] == [("codex", "gpt-5", "Codex:gpt-5")]


def test_untrusted_text_cannot_make_the_patterns_backtrack() -> None:
    # quadratic backtracking on these would take minutes; linear patterns take milliseconds
    blanks = " " * 200_000
    message = f"x\n\nCo-authored-by: {blanks}x\nAssisted-by:{blanks}\t{blanks}y\nKey: x{blanks}y\n"
    message += f"Co-authored-by: Claude{blanks}<noreply@anthropic.com>\n"
    fired = fire(commit(message), SIGS)
    assert [(f.id, f.agent) for f in fired] == [
        ("claude-co-author", "claude"),
        ("assisted-by", "other"),
    ]
    many = "Codex " + "(model:" * 20_000
    assert parse_disclosure(many) == Disclosure("Codex", None)
