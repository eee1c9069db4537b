"""The signature list as data: the shipped file, the config's additions, and their validation."""

from __future__ import annotations

import re
from typing import Any

import pytest

from gate.ai import signatures
from gate.ai.signatures import OTHER, load, shipped
from gate.config import AiConfig, AiSignature, AiTool, parse
from gate.errors import ConfigError


def test_the_shipped_list_is_versioned_data() -> None:
    data = shipped()
    assert re.fullmatch(r"\d{4}\.\d+\.\d+", data.version)
    ids = [s.id for s in data.signature]
    assert len(ids) == len(set(ids))
    sigs = load(AiConfig(), "cfg")
    assert sigs.version == data.version
    assert len(sigs.rules) == len(ids)


@pytest.mark.parametrize(
    ("tool", "agent"),
    [
        pytest.param("GitHub Copilot", "copilot", id="copilot"),
        pytest.param("github-copilot", "copilot", id="git-ai-copilot"),
        pytest.param("Claude Code", "claude", id="claude"),
        pytest.param("cursor", "cursor", id="cursor"),
        pytest.param("Sourcegraph Amp", "amp", id="amp"),
        pytest.param("example", "other", id="unknown-tool"),
        pytest.param("Amazon Q Developer", "amazon-q", id="amazon-q"),
    ],
)
def test_tool_names_map_to_agents(tool: str, agent: str) -> None:
    assert load(AiConfig(), "cfg").tool_agent(tool) == agent


def ai_config(text: str) -> AiConfig:
    config = parse(text.encode(), ".gate.toml", "file:.gate.toml", pyproject=False)
    assert config is not None
    return config.ai


def test_config_adds_signatures_and_tools_first() -> None:
    cfg = ai_config(
        """
        [ai]
        count = ["agent", "assisted", "weak"]
        ignore = ["cursor-made-with"]
        [[ai.signatures]]
        id = "corp-bot"
        agent = "corp-bot"
        class = "assisted"
        email = "Bot@Corp.Example"
        [[ai.tools]]
        pattern = "copilot"
        agent = "corp-copilot"
        """
    )
    assert cfg.count == ("agent", "assisted", "weak")
    assert cfg.signatures == (
        AiSignature(id="corp-bot", agent="corp-bot", class_="assisted", email="Bot@Corp.Example"),
    )
    sigs = load(cfg, "cfg")
    assert sigs.rules[0].id == "corp-bot"
    assert sigs.rules[0].target == "bot@corp.example"
    assert "cursor-made-with" not in {r.id for r in sigs.rules}
    assert sigs.tool_agent("GitHub Copilot") == "corp-copilot"


def sig(**kw: Any) -> AiSignature:
    return AiSignature(**{"id": "mine", "agent": "mine", **kw})


@pytest.mark.parametrize(
    ("cfg", "message"),
    [
        pytest.param(AiConfig(signatures=(sig(),)), r"give exactly one of .* \(got 0\)", id="none"),
        pytest.param(
            AiConfig(signatures=(sig(email="a@b", body="x"),)),
            r"'mine': give exactly one of email, bot_id, author_name, trailer, body, "
            r"disclosure \(got 2\)",
            id="two-matchers",
        ),
        pytest.param(
            AiConfig(signatures=(sig(body="x", value="y"),)),
            r"value narrows a trailer",
            id="value-without-trailer",
        ),
        pytest.param(
            AiConfig(signatures=(sig(body="(unclosed"),)), r"invalid regex", id="bad-regex"
        ),
        pytest.param(
            AiConfig(signatures=(sig(email="a@b", agent="Mine Bot"),)),
            r"agent must be a short lower-case name, got 'Mine Bot'",
            id="bad-agent",
        ),
        pytest.param(
            AiConfig(signatures=(sig(email="a@b", agent=None),)),
            r"agent must be a short lower-case name, got ''",
            id="no-agent",
        ),
        pytest.param(
            AiConfig(signatures=(sig(disclosure="Helped-by"),)),
            r"a disclosure names its agent in the trailer's value",
            id="disclosure-with-agent",
        ),
        pytest.param(
            AiConfig(signatures=(sig(email="a@b"), sig(email="c@d"))),
            r"'mine': duplicate id",
            id="duplicate-id",
        ),
        pytest.param(
            AiConfig(signatures=(sig(id="claude-co-author", email="a@b"),)),
            r"id 'claude-co-author' is a shipped signature's id",
            id="clash-with-shipped",
        ),
        pytest.param(
            AiConfig(ignore=("nope",)),
            r"\[ai\] ignore names unknown signature ids: nope",
            id="ignore",
        ),
        pytest.param(
            AiConfig(tools=(AiTool("(", "x"),)), r"\[\[ai.tools\]\] pattern '\(': invalid regex"
        ),
        pytest.param(
            AiConfig(tools=(AiTool("x", "X Y"),)), r"agent must be a short lower-case name"
        ),
    ],
)
def test_bad_signatures_name_the_config_and_the_id(cfg: AiConfig, message: str) -> None:
    with pytest.raises(ConfigError, match=r"^base:abc:\.gate\.toml: .*" + message):
        load(cfg, "base:abc:.gate.toml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            '[ai]\ncount = ["agent", "strong"]\n',
            r"count\[1\] must be one of agent \| assisted \| weak, got 'strong'",
            id="class",
        ),
        pytest.param(
            '[[ai.signatures]]\nagent = "x"\nemail = "a@b"\n',
            r"missing key \[ai.signatures\[0\]\] id",
            id="missing-id",
        ),
        pytest.param(
            '[[ai.signatures]]\nid = "x"\nbot_id = 0\n', r"bot_id must be at least 1", id="bot-id"
        ),
    ],
)
def test_config_shape_errors(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        ai_config(text)


def test_a_bad_shipped_file_is_reported_with_its_name() -> None:
    with pytest.raises(ConfigError, match=r"^gate data: missing key version$"):
        signatures.parse({}, "gate data")
    table = {"version": "1", "signature": [{"id": "x", "agent": "x"}]}
    with pytest.raises(ConfigError, match=r"^gate data id 'x': give exactly one"):
        signatures.parse(table, "gate data")
    table = {"version": "1", "tool": [{"pattern": "[", "agent": "x"}]}
    with pytest.raises(ConfigError, match=r"^gate data pattern '\[': invalid regex"):
        signatures.parse(table, "gate data")


def test_other_is_the_agent_of_unnamed_tools() -> None:
    assert load(AiConfig(), "cfg").tool_agent("") == OTHER
