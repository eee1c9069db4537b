"""``[size] exclude`` globs anchor as .gitignore patterns do, so one file can be named."""

from __future__ import annotations

import pytest

from gate.exclude import Rules, gitignore
from tests.gitrepo import GitRepo
from tests.run import report

PATHS = (
    "README.md",
    "docs/README.md",
    "CHANGES.md",
    "pkg/CHANGES.md",
    "build/out.py",
    "src/build/out.py",
    "src/build",
    "a/b/c.py",
    "x/a/b/c.py",
    "file[1].md",
    "file1.md",
    "a*b.txt",
    "axb.txt",
    "what?.md",
    "whatx.md",
    "gen/x.py",
    "gen",
)


@pytest.mark.parametrize(
    ("pattern", "matches"),
    [
        pytest.param("/README.md", {"README.md"}, id="leading-slash-anchors"),
        pytest.param("./CHANGES.md", {"CHANGES.md"}, id="dot-slash-anchors"),
        pytest.param("README.md", {"README.md", "docs/README.md"}, id="no-slash-any-depth"),
        pytest.param(
            "build", {"build/out.py", "src/build/out.py", "src/build"}, id="a-file-or-folder"
        ),
        pytest.param("/build", {"build/out.py"}, id="anchored-folder"),
        pytest.param("a/b", {"a/b/c.py"}, id="inner-slash-anchors"),
        pytest.param("gen/", {"gen/x.py"}, id="trailing-slash-folders-only"),
        pytest.param(r"file\[1\].md", {"file[1].md"}, id="escaped-bracket"),
        pytest.param("file[1].md", {"file1.md"}, id="bracket-is-a-class"),
        pytest.param(r"a\*b.txt", {"a*b.txt"}, id="escaped-star"),
        pytest.param(r"what\?.md", {"what?.md"}, id="escaped-question-mark"),
        pytest.param("**/b/*.py", {"a/b/c.py", "x/a/b/c.py"}, id="globstar"),
    ],
)
def test_anchoring(pattern: str, matches: set[str]) -> None:
    rules = Rules((pattern,))
    assert {p for p in PATHS if rules.reason(p, {})} == matches


def test_gitignore_globs() -> None:
    assert gitignore("/README.md") == ("README.md", "README.md/**")
    assert gitignore("docs/") == ("**/docs/**",)


def test_only_the_top_level_readme_is_excluded_end_to_end(repo: GitRepo) -> None:
    # TOML literal strings keep the backslash of an escape as it is
    config = "[size]\nexclude = ['/README.md', 'notes\\[draft\\].md']\n"
    repo.commit("base", {".gate.toml": config, "README.md": "a\n", "docs/README.md": "a\n"})
    repo.commit(
        "change",
        {"README.md": "b\n", "docs/README.md": "b\n", "notes[draft].md": "x\n", "notesd.md": "y\n"},
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 0, run.stdout
    assert [e["path"] for e in data["excluded"]] == ["README.md", "notes[draft].md"]
    assert data["checks"]["size"]["metrics"]["files_changed"] == 2
