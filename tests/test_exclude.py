from __future__ import annotations

import pytest

from gate.exclude import Rules, excluded
from gate.git import Git
from tests.gitrepo import GitRepo


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        pytest.param("package-lock.json", "lock file", id="npm-lock"),
        pytest.param("web/yarn.lock", "lock file", id="nested-lock"),
        pytest.param("poetry.lock", "lock file", id="poetry"),
        pytest.param("go.sum", "lock file", id="go-sum"),
        pytest.param("vendor/lib/a.go", "vendored", id="vendor"),
        pytest.param("src/third_party/x.c", "vendored", id="third-party"),
        pytest.param("web/node_modules/p/i.js", "vendored", id="node-modules"),
        pytest.param(".venv/lib/python3.12/site-packages/six.py", "vendored", id="venv"),
        pytest.param("env/lib/site-packages/six.py", "vendored", id="site-packages"),
        pytest.param("src/venv.py", None, id="not-a-venv"),
        pytest.param("static/app.min.js", "minified", id="min-js"),
        pytest.param("api/user_pb2.py", "generated", id="protobuf"),
        pytest.param("src/app.py", None, id="source"),
        pytest.param("src/vendors.py", None, id="not-vendor-dir"),
        pytest.param("lock.py", None, id="not-a-lock"),
    ],
)
def test_builtin_rules(path: str, reason: str | None) -> None:
    assert Rules().reason(path, {}) == reason


def test_config_globs() -> None:
    rules = Rules(("docs/**", "*.snap", "generated/"))
    assert rules.reason("docs/a/b.md", {}) == "excluded by [size] exclude 'docs/**'"
    assert rules.reason("src/docs/b.md", {}) is None
    assert rules.reason("tests/__snapshots__/x.snap", {}) == "excluded by [size] exclude '*.snap'"
    assert rules.reason("generated/x.py", {}) == "excluded by [size] exclude 'generated/'"


def test_attributes() -> None:
    rules = Rules()
    assert rules.reason("src/schema.py", {"linguist-generated": "set"}) == (
        "marked linguist-generated in .gitattributes"
    )
    assert rules.reason("src/lib.js", {"linguist-vendored": "true"}) == (
        "marked linguist-vendored in .gitattributes"
    )
    # An explicit false keeps a file the built-in rules would drop.
    assert rules.reason("vendor/ours.go", {"linguist-vendored": "false"}) is None
    assert rules.reason("vendor/x.go", {"linguist-generated": "unspecified"}) == "vendored"


def test_attributes_are_read_from_the_given_revision(repo: GitRepo) -> None:
    base = repo.commit(
        "base",
        {
            ".gitattributes": "gen/** linguist-generated\n",
            "sub/.gitattributes": "*.js linguist-vendored\n",
        },
    )
    repo.commit("head", {".gitattributes": "src/** linguist-generated\n"})
    git = Git(repo.path)
    paths = ["gen/a.py", "src/b.py", "sub/c.js", "odd\nname.py"]
    attrs = git.attributes(base, paths, ("linguist-generated", "linguist-vendored"))
    found = {e.path: e.reason for e in excluded(paths, Rules(), attrs)}
    assert found == {
        "gen/a.py": "marked linguist-generated in .gitattributes",
        "sub/c.js": "marked linguist-vendored in .gitattributes",
    }
    assert git.attributes(base, [], ("linguist-generated",)) == {}
