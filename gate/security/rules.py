"""The semgrep rules a run uses, read from where the policy itself came from.

Empty ``[security] rules``: the rules bundled with the gate (``gate/data/semgrep``).
Repo-relative files and folders are read from the config's revision (the
merge-base by default) as git blobs written to a temporary folder, so a change
cannot edit the rules that judge it. ``--config-from head`` reads them from
head, ``--config PATH`` from the work tree, as the config itself was read: the
person who chose a local config also chose its rules. Registry names (``p/...``,
``r/...``, ``s/...``, ``auto``) and URLs are handed to semgrep as they are; they
need the network, so they are used only when the config names them.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path, PurePosixPath

from gate.change import REGULAR_MODES
from gate.errors import ConfigError
from gate.git import Git

_REGISTRY_PREFIXES = ("p/", "r/", "s/", "http://", "https://")
_REGISTRY_NAMES = ("auto",)


@dataclass(frozen=True)
class Ruleset:
    """The ``--config`` values for semgrep, and one line saying where they came from."""

    configs: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class Origin:
    """Where repo-relative rules are read from: a commit, or the work tree when ``sha`` is None."""

    label: str
    sha: str | None


def origin(source: str) -> Origin:
    """The rules' origin for a config read from ``source`` (:attr:`gate.config.Config.source`)."""
    side, _, rest = source.partition(":")
    if side in ("base", "head"):
        sha = rest.partition(":")[0]
        return Origin(f"{side} {sha[:12]}", sha)
    return Origin("the work tree", None)


def is_registry(entry: str) -> bool:
    """True for configs semgrep fetches from the network."""
    return entry in _REGISTRY_NAMES or entry.startswith(_REGISTRY_PREFIXES)


@contextmanager
def ruleset(git: Git, rules: Sequence[str], source: str) -> Iterator[Ruleset]:
    """The rules to run, materialised for the duration of the ``with`` block."""
    if not rules:
        with bundled() as path:
            yield Ruleset((str(path),), "the bundled rules")
        return
    where = origin(source)
    with tempfile.TemporaryDirectory(prefix="gate-rules-") as tmp:
        configs = tuple(_config(git, entry, where, Path(tmp)) for entry in rules)
        names = ", ".join(rules)
        network = " (registry rules: needs the network)" if any(map(is_registry, rules)) else ""
        yield Ruleset(configs, f"rules {names} from {where.label}{network}")


@contextmanager
def bundled() -> Iterator[Path]:
    """The folder of rules shipped with the gate (``gate/data/semgrep/*.yml``)."""
    with as_file(files("gate") / "data" / "semgrep") as path:
        yield path


def _config(git: Git, entry: str, where: Origin, tmp: Path) -> str:
    if is_registry(entry):
        return entry
    rel = _relative(entry)
    if where.sha is None:
        path = git.root / rel
        if not path.exists():
            raise ConfigError(f"[security] rules: {entry!r} does not exist in {where.label}")
        return str(path)
    found = [e for e in git.ls_tree(where.sha, rel) if e.kind == "blob" and e.mode in REGULAR_MODES]
    if not found:
        raise ConfigError(f"[security] rules: no rule file at {entry!r} in {where.label}")
    for item, data in zip(found, git.cat_file([e.sha for e in found]), strict=True):
        if ".." in PurePosixPath(item.path).parts:  # a crafted tree; git itself refuses these
            raise ConfigError(f"[security] rules: unsafe path {item.path!r} in {where.label}")
        if data is None:
            raise ConfigError(
                f"[security] rules: {item.path!r} is missing from this clone ({where.label})"
            )
        target = tmp / item.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return str(tmp / rel)


def _relative(entry: str) -> str:
    """``entry`` as a clean repo-relative path; a ConfigError when it leaves the repository."""
    parts = [p for p in PurePosixPath(entry).parts if p != "."]
    if not parts or entry.startswith("/") or ".." in parts:
        raise ConfigError(
            f"[security] rules: {entry!r} must name a file or folder inside the repository"
        )
    return "/".join(parts)
