"""Agent identities found by the survey of 20 public repositories (signatures.toml's comments).

Each as the surveyed commits wrote it, committed for real and measured like
tests/ai/test_agents.py: 12 of 16 added lines are the agent's.
"""

from __future__ import annotations

import pytest

from tests.ai.test_agents import Marking, case
from tests.ai.test_agents import test_agent_marking as measured
from tests.gitrepo import GitRepo

CASES = [
    case(
        "crush",
        "Fix the loader\n\n💘 Generated with Crush\n\n"
        "Co-Authored-By: Charm Crush <crush@charm.land>\n",
        "crush",
        ("crush-co-author", "crush-marker"),
    ),
    case(
        "roo-code-author",
        "fix: handle empty input",
        "roo-code",
        ("roo-code-agent",),
        author="Roo Code <roomote@roocode.com>",
    ),
    case(
        "roomote-bot",
        "feat: add the option",
        "roo-code",
        ("roomote-bot",),
        author="roomote[bot] <219738659+roomote[bot]@users.noreply.github.com>",
    ),
    case(
        "continue",
        "Add retries\n\nGenerated with [Continue](https://continue.dev)\n\n"
        "Co-Authored-By: Continue <noreply@continue.dev>\n",
        "continue",
        ("continue-co-author", "continue-marker"),
    ),
    case(
        "copilot-session",
        "Refactor\n\nCopilot-Session: f71d9868-eef8-4fb0-84c6-df7c9a6a0ade\n",
        "copilot",
        ("copilot-session",),
    ),
    case(
        "gemini-code-assist-suggestion",
        "Update src/app.ts\n\nCo-authored-by: gemini-code-assist[bot] "
        "<176961590+gemini-code-assist[bot]@users.noreply.github.com>\n",
        "gemini",
        ("gemini-code-assist-bot",),
    ),
    case(
        "cubic-suggestion",
        "Apply suggestion\n\nCo-authored-by: cubic-dev-ai[bot] "
        "<191113872+cubic-dev-ai[bot]@users.noreply.github.com>\n",
        "cubic",
        ("cubic-bot",),
    ),
    case(
        "greptile-suggestion",
        "Apply suggestion\n\nCo-authored-by: greptile-apps[bot] "
        "<165735046+greptile-apps[bot]@users.noreply.github.com>\n",
        "greptile",
        ("greptile-bot",),
    ),
    case(
        "a-person-named-crush-is-not-the-agent",
        "Fix\n\nCo-authored-by: Crush <crush@example.com>\n",
        None,
    ),
]


@pytest.mark.parametrize(("marking", "agent", "signals"), CASES)
def test_surveyed_marking(
    repo: GitRepo, marking: Marking, agent: str | None, signals: tuple[str, ...]
) -> None:
    measured(repo, marking, agent, signals)
