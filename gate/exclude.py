"""Which changed files are not measured: lock files, vendored, minified and generated code.

The built-in list is data; ``[size] exclude`` adds globs; ``linguist-generated``
and ``linguist-vendored`` attributes come from the trusted revision's
``.gitattributes`` (an explicit ``false`` there keeps a file in). Every
excluded file is reported with its reason, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from wcmatch import glob

from gate.change import FileChange
from gate.result import Excluded

ATTRIBUTES = ("linguist-generated", "linguist-vendored")
_FLAGS = glob.GLOBSTAR | glob.DOTGLOB

# (reason, patterns), anchored as in .gitignore (see :func:`gitignore`).
BUILTIN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "lock file",
        (
            "package-lock.json",
            "npm-shrinkwrap.json",
            "yarn.lock",
            "pnpm-lock.yaml",
            "bun.lock",
            "bun.lockb",
            "poetry.lock",
            "Pipfile.lock",
            "pdm.lock",
            "uv.lock",
            "Cargo.lock",
            "Gemfile.lock",
            "composer.lock",
            "go.sum",
            "packages.lock.json",
            "Podfile.lock",
            "mix.lock",
            "pubspec.lock",
            "flake.lock",
            "gradle.lockfile",
            "Package.resolved",
        ),
    ),
    (
        "vendored",
        (
            "**/vendor/**",
            "**/vendored/**",
            "**/third_party/**",
            "**/third-party/**",
            "**/node_modules/**",
            "**/bower_components/**",
            "**/site-packages/**",
            "**/.venv/**",
        ),
    ),
    ("minified", ("*.min.js", "*.min.mjs", "*.min.css", "*.js.map", "*.css.map")),
    (
        "generated",
        (
            "*_pb2.py",
            "*_pb2.pyi",
            "*_pb2_grpc.py",
            "*.pb.go",
            "*.pb.cc",
            "*.pb.h",
            "*.generated.*",
            "*.g.dart",
            "*.designer.cs",
        ),
    ),
)


@dataclass(frozen=True)
class Rules:
    """The exclusion rules in force: built-in ones plus the config's globs."""

    globs: tuple[str, ...] = ()

    def reason(self, path: str, attributes: Mapping[str, str]) -> str | None:
        """Why ``path`` is excluded, or None. ``attributes`` are its git attributes."""
        for pattern, rule in self._config:
            if rule.match(path):
                return f"excluded by [size] exclude {pattern!r}"
        values = {attr: attributes.get(attr, "unspecified") for attr in ATTRIBUTES}
        for attr, value in values.items():
            if value in ("set", "true"):
                return f"marked {attr} in .gitattributes"
        if any(value in ("unset", "false") for value in values.values()):
            return None
        for reason, rule in self._builtin:
            if rule.match(path):
                return reason
        return None

    # Compiled once per Rules: matching thousands of paths must not recompile globs.
    @cached_property
    def _config(self) -> tuple[tuple[str, _Glob], ...]:
        return tuple((pattern, _Glob.of((pattern,))) for pattern in self.globs)

    @cached_property
    def _builtin(self) -> tuple[tuple[str, _Glob], ...]:
        return tuple((reason, _Glob.of(patterns)) for reason, patterns in BUILTIN)


@dataclass(frozen=True)
class _Glob:
    """Globs compiled to one regex, tried only on paths holding one of their literal parts.

    wcmatch's regexes cost about 0.2 ms per long path and group (lazy loops with
    lookaheads): on a real 14,500-file change (a checked-in module cache) the
    built-in groups took 9 s before any check started. A path can match a glob
    only when it contains the glob's longest literal run, so a substring test
    rules most paths out; the regex still decides every path it lets through.
    """

    regex: re.Pattern[str]
    hints: tuple[str, ...] | None  # None: some glob has no usable literal, always try

    @classmethod
    def of(cls, patterns: Iterable[str]) -> _Glob:
        """The compiled globs with their hints."""
        patterns = tuple(patterns)
        literals = [_literal(p) for p in patterns]
        hints = tuple(h for h in literals if h)
        return cls(_compile(patterns), hints if len(hints) == len(literals) else None)

    def match(self, path: str) -> bool:
        """True when one of the globs matches ``path``."""
        if self.hints is not None and not any(h in path for h in self.hints):
            return False
        return self.regex.match(path) is not None


def _literal(pattern: str) -> str | None:
    """The longest run of ``pattern`` every path it matches contains, or None.

    Only ``*``, ``?`` and ``/`` separate literal runs here; a pattern with a
    bracket expression or an escape gets none (its literal text is not its own).
    """
    if "[" in pattern or "\\" in pattern:
        return None
    runs = re.split(r"[*?/]", pattern)
    return max(runs, key=len) or None


def gitignore(pattern: str) -> tuple[str, ...]:
    """The globs, from the repository root, that a .gitignore ``pattern`` stands for.

    As git anchors them: a leading ``/`` (or ``./``) anchors to the root, and so
    does a ``/`` inside; a pattern without one matches at any depth. A pattern
    names a file or a folder (then everything below it); a trailing ``/`` names
    only a folder. ``\\*``, ``\\?``, ``\\[`` match those characters.
    """
    folder_only = pattern.endswith("/")
    core = (pattern[2:] if pattern.startswith("./") else pattern).strip("/")
    anchored = pattern.startswith(("/", "./")) or "/" in core
    rooted = core if anchored else f"**/{core}"
    return (f"{rooted}/**",) if folder_only else (rooted, f"{rooted}/**")


def _compile(patterns: Iterable[str]) -> re.Pattern[str]:
    """One regex matching any of the patterns (gitignore's anchoring)."""
    globs = [g for p in patterns for g in gitignore(p)]
    include, _ = glob.translate(globs, flags=_FLAGS)
    return re.compile("|".join(include))


def excluded(
    paths: Iterable[str], rules: Rules, attributes: Mapping[str, Mapping[str, str]]
) -> tuple[Excluded, ...]:
    """The excluded ones among ``paths``, each with its reason (pure)."""
    result = []
    for path in paths:
        why = rules.reason(path, attributes.get(path, {}))
        if why is not None:
            result.append(Excluded(path, why))
    return tuple(result)


# The built-in reasons: exclusions meant for churn in what is already vendored or generated.
DEFAULT_REASONS = tuple(reason for reason, _ in BUILTIN)
# The folders of the "vendored" globs (``**/vendor/**`` is ``vendor``).
VENDORED_FOLDERS = frozenset(
    pattern.removeprefix("**/").removesuffix("/**")
    for reason, patterns in BUILTIN
    if reason == "vendored"
    for pattern in patterns
)


def vendored_root(path: str) -> str | None:
    """The vendored folder ``path`` lies in (``app/vendor``), or None."""
    parts = path.split("/")
    for i, part in enumerate(parts[:-1]):
        if part in VENDORED_FOLDERS:
            return "/".join(parts[: i + 1])
    return None


def created_candidates(
    files: Iterable[FileChange], excluded: Mapping[str, str]
) -> tuple[list[FileChange], list[str]]:
    """Files excluded by a built-in reason that the change creates, and the vendored folders
    whose absence at base decides the rest (pure).

    A lock, generated or minified file is created when it is added, copied, or renamed
    from a path without that reason; a vendored file when its vendored folder did not
    exist at base (the folders are returned for the caller to look up). Exclusions the
    trusted config chose (``[size] exclude``, ``.gitattributes``) are the policy's own.
    """
    sure: list[FileChange] = []
    folders: list[str] = []
    plain = Rules()
    for f in files:
        reason = excluded.get(f.path)
        if reason not in DEFAULT_REASONS or f.new_path is None:
            continue
        root = vendored_root(f.path) if reason == "vendored" else None
        if root is not None:
            folders.append(root)
        elif f.old_path is None or f.status == "copied" or plain.reason(f.old_path, {}) != reason:
            sure.append(f)
    return sure, list(dict.fromkeys(folders))
