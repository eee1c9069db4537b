"""The signature list: shipped, versioned data plus the config's additions, compiled once.

The list lives in ``gate/data/ai/signatures.toml`` (data, not code) and has the
same shape as ``[[ai.signatures]]`` / ``[[ai.tools]]`` in the config, so both
are validated by :mod:`gate.schema` and by :func:`compile_rules` here. Config
entries come first: on a tie between equally strong signals, and for tool
names, the team's own entries win.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from gate.config import AiConfig, AiSignature, AiTool, SignalClass
from gate.errors import ConfigError
from gate.schema import build

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DATA = "data/ai/signatures.toml"  # under the gate package
OTHER = "other"  # the agent of a tool no pattern names
Matcher = Literal["email", "bot_id", "author_name", "trailer", "body", "disclosure"]
MATCHERS: tuple[Matcher, ...] = (
    "email",
    "bot_id",
    "author_name",
    "trailer",
    "body",
    "disclosure",
)
_AGENT = re.compile(r"[a-z0-9][a-z0-9._-]{0,39}")


@dataclass(frozen=True)
class SignatureData:
    """The shipped file's shape."""

    version: str
    signature: tuple[AiSignature, ...] = ()
    tool: tuple[AiTool, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A compiled signature. ``target`` is the address, bot id or trailer key (lower
    case) or the regex source; ``regex`` the compiled name/body/trailer-value pattern."""

    id: str
    agent: str  # "" for disclosure rules: the trailer's value names the agent
    cls: SignalClass
    matcher: Matcher
    target: str
    regex: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Signatures:
    """The compiled list in force: its version, the rules in match order, the tool patterns."""

    version: str
    rules: tuple[Rule, ...]
    tools: tuple[tuple[re.Pattern[str], str], ...]

    def tool_agent(self, name: str) -> str:
        """The agent a tool name (``GitHub Copilot``, ``cursor``) stands for, else ``other``."""
        return next((agent for regex, agent in self.tools if regex.search(name)), OTHER)


def load(cfg: AiConfig, where: str) -> Signatures:
    """The shipped list, ``cfg``'s entries first, ``ignore`` applied; ``where`` names the config."""
    data = shipped()
    known = {s.id for s in data.signature}
    unknown = sorted(set(cfg.ignore) - known)
    if unknown:
        raise ConfigError(f"{where}: [ai] ignore names unknown signature ids: {', '.join(unknown)}")
    clash = sorted(known & {s.id for s in cfg.signatures})
    if clash:
        raise ConfigError(
            f"{where}: [[ai.signatures]] id {clash[0]!r} is a shipped signature's id; "
            f"use another id (and [ai] ignore to switch the shipped one off)"
        )
    own = compile_rules(cfg.signatures, f"{where}: [[ai.signatures]]")
    builtin = compile_rules(
        (s for s in data.signature if s.id not in cfg.ignore), f"gate {DATA} {data.version}"
    )
    tools = compile_tools(cfg.tools, f"{where}: [[ai.tools]]")
    return Signatures(
        version=data.version,
        rules=own + builtin,
        tools=tools + compile_tools(data.tool, f"gate {DATA}"),
    )


def shipped() -> SignatureData:
    """The signature list that ships with the package."""
    text = (resources.files("gate") / "data" / "ai" / "signatures.toml").read_text(encoding="utf-8")
    return parse(tomllib.loads(text), f"gate {DATA}")


def parse(table: Mapping[str, Any], where: str) -> SignatureData:
    """A signature file's table, validated (its regexes compile, each has one matcher)."""
    data = build(SignatureData, table, where)
    compile_rules(data.signature, where)
    compile_tools(data.tool, where)
    return data


def compile_rules(signatures: Iterable[AiSignature], where: str) -> tuple[Rule, ...]:
    """Check and compile signatures; ConfigError names ``where`` and the signature's id."""
    rules = []
    seen: set[str] = set()
    for sig in signatures:
        label = f"{where} id {sig.id!r}"
        if sig.id in seen:
            raise ConfigError(f"{label}: duplicate id")
        seen.add(sig.id)
        given = [m for m in MATCHERS if getattr(sig, m) is not None]
        if len(given) != 1:
            raise ConfigError(
                f"{label}: give exactly one of {', '.join(MATCHERS)} (got {len(given)})"
            )
        matcher = given[0]
        if sig.value is not None and matcher != "trailer":
            raise ConfigError(f"{label}: value narrows a trailer; it needs trailer = ...")
        agent = sig.agent or ""
        if matcher == "disclosure" and agent:
            raise ConfigError(f"{label}: a disclosure names its agent in the trailer's value")
        if matcher != "disclosure" and not _AGENT.fullmatch(agent):
            raise ConfigError(f"{label}: agent must be a short lower-case name, got {agent!r}")
        rules.append(_rule(sig, matcher, agent, label))
    return tuple(rules)


def _rule(sig: AiSignature, matcher: Matcher, agent: str, label: str) -> Rule:
    raw = getattr(sig, matcher)
    pattern = sig.value if matcher == "trailer" else raw
    regex = None
    if matcher in ("author_name", "body") or (matcher == "trailer" and pattern is not None):
        regex = _regex(str(pattern), label)
    target = str(raw).lower() if matcher in ("email", "trailer", "disclosure") else str(raw)
    return Rule(sig.id, agent, sig.class_, matcher, target, regex)


def compile_tools(tools: Iterable[AiTool], where: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """Check and compile tool patterns; ConfigError names ``where`` and the pattern."""
    result = []
    for tool in tools:
        label = f"{where} pattern {tool.pattern!r}"
        if not _AGENT.fullmatch(tool.agent):
            raise ConfigError(f"{label}: agent must be a short lower-case name, got {tool.agent!r}")
        result.append((_regex(tool.pattern, label), tool.agent))
    return tuple(result)


def _regex(pattern: str, label: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE | re.MULTILINE)
    except re.error as exc:
        raise ConfigError(f"{label}: invalid regex: {exc}") from exc
