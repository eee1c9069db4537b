"""Each agent's real marking (ai-signatures.md), committed for real, with known line counts.

Every case: a base with ``app.py`` (3 lines) on main; on the feature branch the
commit under test appends 7 lines to ``app.py`` and adds ``new.py`` (5 lines),
then a person adds ``human.py`` (4 lines). So 16 lines are added, and 12 of
them are AI lines exactly when the marking names an agent.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.ai_repo import HUMAN, evidence, metrics, start
from tests.gitrepo import GitRepo, lines


@dataclass(frozen=True)
class Marking:
    message: str
    author: str = HUMAN
    committer: str | None = None


def case(
    id: str,
    message: str,
    agent: str | None,
    signals: tuple[str, ...] = (),
    *,
    author: str = HUMAN,
    committer: str | None = None,
) -> object:
    return pytest.param(Marking(message, author, committer), agent, signals, id=id)


SQUASH = """Add the parser (#42)

* First draft

* Address review comments

---------

Co-authored-by: Claude <noreply@anthropic.com>
"""

CASES = [
    case(
        "claude-code",
        "Add parser\n\n🤖 Generated with [Claude Code](https://claude.com/claude-code)\n\n"
        "Co-Authored-By: Claude Opus 4.6 (1M context) <noreply@anthropic.com>\n",
        "claude",
        ("claude-co-author", "claude-code-marker"),
    ),
    case(
        "claude-code-old-link",
        "Add parser\n\n🤖 Generated with [Claude Code](https://claude.ai/code)\n",
        "claude",
        ("claude-code-marker",),
    ),
    case(
        "claude-session",
        "Add parser\n\nClaude-Session: https://claude.ai/code/session_01AbCdEf\n",
        "claude",
        ("claude-session",),
    ),
    case(
        "claude-github-app",
        "Implement the parser",
        "claude",
        ("claude-bot",),
        author="claude[bot] <209825114+claude[bot]@users.noreply.github.com>",
        committer="claude[bot] <209825114+claude[bot]@users.noreply.github.com>",
    ),
    case(
        "copilot-coding-agent",
        "Initial plan\n\nCo-authored-by: octocat <583231+octocat@users.noreply.github.com>\n"
        "Agent-Logs-Url: https://github.com/o/r/sessions/0b1c2d3e-aaaa-bbbb-cccc-1234567890ab\n",
        "copilot",
        ("copilot-coding-agent", "copilot-agent-logs"),
        author="copilot-swe-agent[bot] <198982749+Copilot@users.noreply.github.com>",
        committer="GitHub <noreply@github.com>",
    ),
    case(
        "copilot-cli",
        "Fix it\n\nCo-authored-by: Copilot <223556219+Copilot@users.noreply.github.com>\n",
        "copilot",
        ("copilot-cli",),
    ),
    case(
        "copilot-autofix",
        "Potential fix for code scanning alert no. 7\n\nCo-authored-by: Copilot Autofix "
        "powered by AI <175728472+Copilot@users.noreply.github.com>\n",
        "copilot",
        ("copilot-autofix",),
    ),
    case(
        "vscode-co-author-is-weak",
        "Tweak\n\nCo-authored-by: Copilot <copilot@github.com>\n",
        None,
        ("copilot-vscode-co-author",),
    ),
    case(
        "cursor-background-agent",
        "Refactor",
        "cursor",
        ("cursor-agent",),
        author="Cursor Agent <cursoragent@cursor.com>",
        committer="Cursor Agent <cursoragent@cursor.com>",
    ),
    case(
        "cursor-co-author",
        "Refactor\n\nCo-authored-by: Cursor <cursoragent@cursor.com>\n",
        "cursor",
        ("cursor-agent",),
    ),
    case("cursor-made-with", "Refactor\n\nMade-with: Cursor\n", "cursor", ("cursor-made-with",)),
    case(
        "aider-legacy-author-name",
        "Add parser",
        "aider",
        ("aider-author-name",),
        author="Dev (aider) <dev@example.com>",
    ),
    case(
        "aider-committer-only-is-human",
        "Edit by hand",
        None,
        committer="Dev (aider) <dev@example.com>",
    ),
    case(
        "aider-co-author",
        "Add parser\n\nCo-authored-by: aider (anthropic/claude-sonnet-4) <aider@aider.chat>\n",
        "aider",
        ("aider-co-author",),
    ),
    case(
        "aider-noreply-co-author",
        "Add parser\n\nCo-authored-by: aider (gpt-4o) <noreply@aider.chat>\n",
        "aider",
        ("aider-co-author-noreply",),
    ),
    case("aider-subject-prefix", "aider: add the parser", "aider", ("aider-subject",)),
    case(
        "codex-co-author",
        "Add parser\n\nCo-authored-by: Codex <noreply@openai.com>\n",
        "codex",
        ("codex-co-author",),
    ),
    case("codex-cli-default-writes-nothing", "Add parser", None),
    case(
        "devin",
        "Add parser",
        "devin",
        ("devin-bot",),
        author="devin-ai-integration[bot] "
        "<158243242+devin-ai-integration[bot]@users.noreply.github.com>",
    ),
    case(
        "jules",
        "Add parser",
        "jules",
        ("jules-bot",),
        author="google-labs-jules[bot] <161369871+google-labs-jules[bot]@users.noreply.github.com>",
    ),
    case(
        "amazon-q",
        "Add parser",
        "amazon-q",
        ("amazon-q-bot",),
        author="amazon-q-developer[bot] "
        "<208079219+amazon-q-developer[bot]@users.noreply.github.com>",
    ),
    case(
        "amp",
        "Add parser\n\nCo-authored-by: Amp <amp@ampcode.com>\n"
        "Amp-Thread-ID: https://ampcode.com/threads/T-5f1c0c3e-1111-2222-3333-444455556666\n",
        "amp",
        ("amp-co-author", "amp-thread"),
    ),
    case(
        "openhands-author",
        "Add parser",
        "openhands",
        ("openhands",),
        author="openhands <openhands@all-hands.dev>",
    ),
    case(
        "openhands-co-author",
        "Add parser\n\nCo-authored-by: openhands <openhands@all-hands.dev>\n",
        "openhands",
        ("openhands",),
    ),
    case(
        "replit-agent",
        "Add parser\n\nReplit-Commit-Author: Agent\nReplit-Commit-Session-Id: 7f3e2a\n",
        "replit",
        ("replit-agent", "replit-session"),
    ),
    case(
        "replit-session-alone-is-weak",
        "Add parser\n\nReplit-Commit-Session-Id: 7f3e2a\n",
        None,
        ("replit-session",),
    ),
    case(
        "entire-checkpoint",
        "Add parser\n\nEntire-Checkpoint: 8a7b6c5d4e3f\n",
        "entire",
        ("entire-checkpoint",),
    ),
    case(
        "kernel-assisted-by",
        "Add parser\n\nAssisted-by: Claude:claude-3-opus coccinelle sparse\n"
        "Signed-off-by: Dev <dev@example.com>\n",
        "claude",
        ("assisted-by",),
    ),
    case(
        "assisted-by-tool-is-not-the-model",
        "Add parser\n\nAssisted-by: GitHub Copilot (model: Claude Sonnet 4)\n",
        "copilot",
        ("assisted-by",),
    ),
    case(
        "openinfra-generated-by",
        "Add parser\n\nGenerated-By: Gemini 2.5 Pro\n",
        "gemini",
        ("generated-by",),
    ),
    case(
        "co-authored-by-ai",
        "Add parser\n\nCo-authored-by-AI: ChatGPT <noreply@openai.com>\n",
        "chatgpt",
        ("co-authored-by-ai",),
    ),
    case("ai-assisted-yes", "Add parser\n\nAI-assisted: yes\n", "other", ("ai-assisted",)),
    case(
        "disclosures-that-say-no",
        "Add parser\n\nAssisted-by: none\nAI-assisted: no\nGenerated-by: N/A\n"
        "Co-authored-by-AI: false\n",
        None,
    ),
    case(
        "anthropic-employee-is-not-claude",
        "Add parser\n\nCo-authored-by: Jane Doe <jane@anthropic.com>\n",
        None,
    ),
    case(
        "person-named-claude-is-not-claude",
        "Add parser\n\nCo-authored-by: Claude <claude@example.org>\n",
        None,
        author="Claude Shannon <claude@example.com>",
    ),
    case("squash-co-author-after-separator", SQUASH, "claude", ("claude-co-author",)),
    case(
        "renamed-bot-keeps-its-id",
        "Fix\n\nCo-authored-by: Renamed <198982749+renamed-agent[bot]@users.noreply.github.com>\n",
        "copilot",
        ("copilot-coding-agent",),
    ),
    case(
        "address-case-does-not-matter",
        "Fix\n\nco-authored-by: CLAUDE <NoReply@Anthropic.COM>\n",
        "claude",
        ("claude-co-author",),
    ),
]


@pytest.mark.parametrize(("marking", "agent", "signals"), CASES)
def test_agent_marking(
    repo: GitRepo, marking: Marking, agent: str | None, signals: tuple[str, ...]
) -> None:
    start(repo)
    sha = repo.commit(
        marking.message,
        {"app.py": lines(3, "base") + lines(7, "ai"), "new.py": lines(5, "new")},
        author=marking.author,
        committer=marking.committer,
    )
    human = repo.commit("by hand", {"human.py": lines(4, "human")})
    m = metrics(repo)
    assert m["added_lines"] == 16
    assert m["ai_lines"] == (12 if agent else 0)
    assert m["human_lines"] == (4 if agent else 16)
    assert m["unknown_lines"] == 0
    assert m["by_agent"] == ({agent: 12} if agent else {})
    assert m["ai_share"] == (0.75 if agent else 0.0)
    assert m["ai_commits"] == (1 if agent else 0)
    if signals:
        found = evidence(m, sha)
        assert tuple(s["id"] for s in found["signals"]) == signals
        assert found["agent"] == agent
        assert found["lines"] == (
            {"ai": 12, "human": 0, "unknown": 0} if agent else {"ai": 0, "human": 12, "unknown": 0}
        )
    else:
        assert all(e["sha"] != sha for e in m["evidence"])
    assert all(e["sha"] != human for e in m["evidence"])
