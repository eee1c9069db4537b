"""Which signatures fire on a commit: identities, trailers, body markers, disclosures.

The whole message is read, case-insensitively, not only git's final trailer
block: a GitHub squash merge puts the co-author lines after a ``---------``
separator. Lines are split on ``\\n`` only (``str.splitlines`` would also split
on form feeds and Unicode separators that a message may carry). A signal is
evidence, not proof: every one that fires is reported, and a commit's agent is
the strongest counted one (``agent`` > ``assisted`` > ``weak``; ties: list order).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from gate.ai.commits import Commit
from gate.ai.signatures import OTHER, Rule, Signatures
from gate.config import SignalClass

# Every pattern here runs on untrusted text of any length: no nested or adjacent
# unbounded repeats that could backtrack quadratically (values are stripped in Python).
_TRAILER = re.compile(r"^[ \t>*-]*([A-Za-z][A-Za-z0-9-]*)[ \t]*:(.*)$", re.MULTILINE)
_ADDRESS = re.compile(r"<([^<>]*)>")
_BOT = re.compile(r"(\d+)\+[^@]+@users\.noreply\.github\.com", re.IGNORECASE)
_NEGATIVE = frozenset(
    {"", "none", "n/a", "na", "no", "false", "off", "0", "-", "nil", "null", "nothing", "not used"}
)
_AFFIRMATIVE = frozenset({"yes", "true", "y", "1", "on"})
_MODEL = re.compile(r"\(\s*model\s*:\s*([^()]*)\)", re.IGNORECASE)
_RANK: dict[SignalClass, int] = {"agent": 0, "assisted": 1, "weak": 2}
_EXCERPT = 200


@dataclass(frozen=True)
class Fired:
    """A signature that fired on a commit, and what it matched (for the audit trail)."""

    id: str
    agent: str
    cls: SignalClass
    where: str  # author | co-author | author name | trailer KEY | body | disclosure KEY
    match: str
    model: str | None = None


@dataclass(frozen=True)
class Disclosure:
    """What a disclosure trailer names: a tool ("" when it only says yes) and maybe a model."""

    tool: str
    model: str | None


def trailers(message: str) -> list[tuple[str, str]]:
    """Every ``Key: value`` line of the message, keys lower-cased, anywhere in it."""
    return [(m.group(1).lower(), m.group(2).strip()) for m in _TRAILER.finditer(message)]


def negative(value: str) -> bool:
    """A trailer value that says "no AI" (``none``, ``n/a``, ``no``, ``false``...)."""
    return value.strip().strip(".").strip().lower() in _NEGATIVE


def parse_disclosure(value: str) -> Disclosure | None:
    """Tool and model of a disclosure value; None for a negative one.

    ``Claude:claude-3-opus coccinelle`` (kernel style: AGENT:MODEL [tools]),
    ``GitHub Copilot (model: Claude Sonnet 4)`` (the tool is Copilot, whatever
    model it ran), ``Cursor <cursor@example>``, a bare ``yes``.
    """
    if negative(value):
        return None
    text = value.strip()
    model_match = _MODEL.search(text)
    tool, sep, rest = _split(text)
    model = model_match.group(1).strip() if model_match else None
    if model is None and sep == ":" and rest.strip():
        model = rest.split()[0]
    tool = tool.strip()
    if tool.lower() in _AFFIRMATIVE:
        tool = ""
    return Disclosure(tool=tool, model=model or None)


def _split(text: str) -> tuple[str, str, str]:
    m = re.search(r"[:(<\[]", text)
    if m is None:
        return text, "", ""
    return text[: m.start()], m.group(), text[m.end() :]


def fire(commit: Commit, sigs: Signatures) -> tuple[Fired, ...]:
    """Every signature that fires on ``commit`` (each at most once), in list order."""
    found = trailers(commit.message)
    identities = [("author", commit.author_name, commit.author_email)]
    for key, value in found:
        if key == "co-authored-by" and (m := _ADDRESS.search(value)):
            identities.append(("co-author", value[: m.start()].strip(), m.group(1)))
    result = []
    for rule in sigs.rules:
        hit = _fire(rule, commit, identities, found, sigs)
        if hit is not None:
            result.append(hit)
    return tuple(result)


def _fire(
    rule: Rule,
    commit: Commit,
    identities: list[tuple[str, str, str]],
    found: list[tuple[str, str]],
    sigs: Signatures,
) -> Fired | None:
    hit: tuple[str, str] | None  # (where, what matched)
    if rule.matcher in ("email", "bot_id"):
        hit = next(
            (
                (role, f"{name} <{email}>")
                for role, name, email in identities
                if _identity(rule, email.strip())
            ),
            None,
        )
    elif rule.matcher == "author_name":
        assert rule.regex is not None
        hit = ("author name", commit.author_name) if rule.regex.search(commit.author_name) else None
    elif rule.matcher == "body":
        assert rule.regex is not None
        m = rule.regex.search(commit.message)
        hit = ("body", _line_of(commit.message, m.start())) if m else None
    elif rule.matcher == "disclosure":
        return _disclosure(rule, found, sigs)
    else:
        hit = next(
            (
                (f"trailer {key}", value)
                for key, value in found
                if key == rule.target
                and not negative(value)
                and (rule.regex is None or rule.regex.search(value))
            ),
            None,
        )
    return None if hit is None else Fired(rule.id, rule.agent, rule.cls, hit[0], hit[1][:_EXCERPT])


def _disclosure(rule: Rule, found: list[tuple[str, str]], sigs: Signatures) -> Fired | None:
    for key, value in found:
        d = parse_disclosure(value) if key == rule.target else None
        if d is not None:
            agent = sigs.tool_agent(d.tool) if d.tool else OTHER
            return Fired(rule.id, agent, rule.cls, f"disclosure {key}", value[:_EXCERPT], d.model)
    return None


def _identity(rule: Rule, email: str) -> bool:
    if rule.matcher == "email":
        return email.lower() == rule.target
    m = _BOT.fullmatch(email)
    return m is not None and m.group(1) == rule.target


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start : end if end >= 0 else len(text)].strip()


def strongest(fired: tuple[Fired, ...], count: Collection[SignalClass]) -> Fired | None:
    """The signal that names the commit's agent: the strongest counted one, None if none counts."""
    counted = [f for f in fired if f.cls in count]
    return min(counted, key=lambda f: _RANK[f.cls]) if counted else None
