"""The literal prefilter of the exclusion globs decides exactly as the regexes alone."""

from __future__ import annotations

import itertools

import pytest

from gate.exclude import BUILTIN, Rules, _Glob, _literal

# Long paths of a checked-in module cache (the real 14,500-file change that made
# the built-in regexes cost 9 s), and names near every built-in pattern.
FOLDERS = (
    "",
    ".tmp-gomodcache/golang.org/x/text@v0.37.0/date/",
    "web/node_modules/@esbuild/",
    "src/vendors/",
    "a/vendor/b/",
    "third_party/",
    "x/third-party.d/",
    "bower_components/",
    "docs/",
    "src/docs/",
)
NAMES = (
    "package-lock.json",
    "package-lock.json.bak",
    "go.sum",
    "go.summary",
    "Cargo.lock",
    "cargo.lock",
    "app.min.js",
    "app.min.js.map",
    "min.js",
    "user_pb2.py",
    "api.pb.go",
    "x.generated.ts",
    "generated",
    "main.go",
    "README.md",
    "[draft].md",
    "a?b",
    "notes.snap",
)
PATHS = [folder + name for folder, name in itertools.product(FOLDERS, NAMES)]
CONFIG = (
    "docs/**",
    "*.snap",
    "generated/",
    "/README.md",
    "./README.md",
    "src/**/*.md",
    "?",
    "\\[draft].md",
    "[a-z]?b",
    "**",
)


@pytest.mark.parametrize(
    "patterns",
    [pytest.param(patterns, id=reason) for reason, patterns in BUILTIN]
    + [pytest.param((glob,), id=glob) for glob in CONFIG],
)
def test_prefilter_never_changes_the_answer(patterns: tuple[str, ...]) -> None:
    glob = _Glob.of(patterns)
    assert [glob.match(p) for p in PATHS] == [glob.regex.match(p) is not None for p in PATHS]


def test_every_builtin_group_is_prefiltered() -> None:
    assert all(_Glob.of(patterns).hints for _, patterns in BUILTIN)


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        pytest.param("**/node_modules/**", "node_modules", id="globstar"),
        pytest.param("*.min.js", ".min.js", id="suffix"),
        pytest.param("./README.md", "README.md", id="anchored"),
        pytest.param("?", None, id="no-literal"),
        pytest.param("[ab].py", None, id="bracket"),
        pytest.param("\\*.py", None, id="escape"),
    ],
)
def test_literal(pattern: str, literal: str | None) -> None:
    assert _literal(pattern) == literal


def test_rules_exclude_the_module_cache_as_before() -> None:
    rules = Rules(CONFIG[:3])
    cache = ".tmp-gomodcache/github.com/segmentio/encoding@v0.5.4/"
    assert rules.reason(cache + "go.sum", {}) == "lock file"
    assert rules.reason(cache + "json/json.go", {}) is None
    assert rules.reason("docs/x/" + cache + "a.go", {}) == "excluded by [size] exclude 'docs/**'"
