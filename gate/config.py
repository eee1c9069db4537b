"""The gate's configuration: where it is read from, and the rules between its keys.

Policy is read from the trusted revision, the target branch's tip, so a change
cannot loosen its own gate: ``.gate.toml``, else ``[tool.gate]`` in
``pyproject.toml``, else the defaults. Its shape (one dataclass per section) is
:mod:`gate.sections`; the names are re-exported here.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from gate.errors import ConfigError
from gate.git import SYMLINK_MODE, Git, TreeEntry
from gate.schema import build
from gate.sections import (
    AiConfig,
    AiSignature,
    AiTool,
    CertificationConfig,
    CertificationRule,
    ComplexityConfig,
    Config,
    OnError,
    Section,
    SecurityConfig,
    Severity,
    SignalClass,
    SizeBudget,
    SizeConfig,
    Waiver,
)
from gate.text import decode_path, visible

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

ConfigFrom = Literal["base", "head"]
CONFIG_FILE = ".gate.toml"
# The id of the rule [certification] ai_share_at_least itself makes (reports name it).
AI_SHARE_RULE = "ai-share"
PYPROJECT = "pyproject.toml"

__all__ = [
    "AI_SHARE_RULE",
    "CONFIG_FILE",
    "PYPROJECT",
    "AiConfig",
    "AiSignature",
    "AiTool",
    "CertificationConfig",
    "CertificationRule",
    "ComplexityConfig",
    "Config",
    "ConfigFrom",
    "OnError",
    "Section",
    "SecurityConfig",
    "Severity",
    "SignalClass",
    "SizeBudget",
    "SizeConfig",
    "Waiver",
    "from_file",
    "from_revision",
    "parse",
]


def parse(text: bytes, where: str, source: str, *, pyproject: bool) -> Config | None:
    """Config from a file's bytes; None for a pyproject.toml without ``[tool.gate]``."""
    try:
        table: Mapping[str, Any] = tomllib.loads(text.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{where}: not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{where}: invalid TOML: {exc}") from exc
    if pyproject:
        tool = table.get("tool", {})
        if not isinstance(tool, Mapping) or "gate" not in tool:
            return None
        table = tool["gate"]
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}: [tool.gate] must be a table")
        where = f"{where} [tool.gate]"
    config = build(Config, table, where)
    _consistent(config, where)
    return dataclasses.replace(config, source=source, digest=hashlib.sha256(text).hexdigest())


def _consistent(config: Config, where: str) -> None:
    """What the schema cannot say: rules between keys. Each error names the key."""
    problems: list[str] = []
    checks = [f.name for f in dataclasses.fields(Config) if isinstance(f.default, Section)]
    for i, w in enumerate(config.waiver):
        if w.check not in checks:
            known = ", ".join(checks)
            problems.append(f"{where}: waiver[{i}] check must be one of {known}, got {w.check!r}")
        if (w.fingerprint is None) == (w.rule is None):
            problems.append(f"{where}: waiver[{i}] needs exactly one of fingerprint or rule")
        if w.path is not None and w.rule is None:
            problems.append(f"{where}: waiver[{i}] path narrows a rule: give rule too")
    seen: set[str] = set()
    for i, r in enumerate(config.certification.rule):
        if r.id in seen or r.id == AI_SHARE_RULE:
            problems.append(f"{where}: [certification] rule[{i}] id {r.id!r} is used twice")
        seen.add(r.id)
    for i, b in enumerate(config.size.budget):
        if b.max_changed_lines is None and b.max_files is None:
            problems.append(
                f"{where}: [size] budget[{i}] sets no limit (max_changed_lines or max_files)"
            )
    if problems:
        raise ConfigError(*problems)


def from_file(path: Path) -> Config:
    """Config from a file on disk (``--config PATH``)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{visible(str(path))}: cannot read config ({exc.strerror})") from exc
    where = visible(str(path))
    config = parse(data, where, f"file:{where}", pyproject=path.name == PYPROJECT)
    if config is None:
        raise ConfigError(f"{where}: no [tool.gate] table")
    return config


def from_revision(git: Git, side: ConfigFrom, sha: str) -> Config:
    """Config as committed at ``sha``: ``.gate.toml``, else ``[tool.gate]``, else the defaults.

    Each must be a regular file: a folder or a symbolic link there is an error that
    says so (read as blobs, they would fail as "not UTF-8" or "invalid TOML").
    """
    found = git.entries(sha, [CONFIG_FILE, PYPROJECT])
    names = [name for name in (CONFIG_FILE, PYPROJECT) if name in found]
    for name in names:
        _regular_file(git, found[name], f"{name} at {side} {sha[:12]}")
    blobs = git.cat_file([found[name].sha for name in names])
    for name, data in zip(names, blobs, strict=True):
        where = f"{name} at {side} {sha[:12]}"
        if data is None:  # a partial clone that could not fetch it: never the defaults instead
            raise ConfigError(f"{where}: its blob is missing from this clone (partial clone?)")
        config = parse(data, where, f"{side}:{sha}:{name}", pyproject=name == PYPROJECT)
        if config is not None:
            return config
    return Config(source="defaults")


def _regular_file(git: Git, entry: TreeEntry, where: str) -> None:
    if entry.kind == "tree":
        raise ConfigError(f"{where}: a directory, not a file")
    if entry.mode == SYMLINK_MODE:
        (target,) = git.cat_file([entry.sha])
        raise ConfigError(
            f"{where}: a symbolic link (to {visible(decode_path(target or b'?'))}); "
            "the gate reads only a regular file: commit the config itself"
        )
    if entry.kind != "blob":
        raise ConfigError(f"{where}: a {entry.kind} entry (mode {entry.mode}), not a file")
