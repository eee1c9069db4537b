"""Which excluded files a change creates (pure parts of gate/exclude.py)."""

from __future__ import annotations

import pytest

from gate.change import FileChange, Status
from gate.exclude import created_candidates, vendored_root


@pytest.mark.parametrize(
    ("path", "root"),
    [
        pytest.param("vendor/a.py", "vendor", id="top"),
        pytest.param("app/third_party/x/y.c", "app/third_party", id="nested"),
        pytest.param("a/node_modules/b/node_modules/c.js", "a/node_modules", id="the-first"),
        pytest.param(".venv/lib/python3.12/site-packages/six.py", ".venv", id="virtualenv"),
        pytest.param("vendor", None, id="a-file-named-vendor"),
        pytest.param("src/vendors/a.py", None, id="not-the-name"),
    ],
)
def test_vendored_root(path: str, root: str | None) -> None:
    assert vendored_root(path) == root


def _f(status: Status, old: str | None, new: str | None) -> FileChange:
    return FileChange(status, old, new, None, None, "100644", "100644", None, False, (), ())


def test_created_candidates() -> None:
    files = [
        _f("added", None, "go.sum"),
        _f("modified", "yarn.lock", "yarn.lock"),
        _f("renamed", "api.py", "api_pb2.py"),
        _f("renamed", "old_pb2.py", "new_pb2.py"),
        _f("copied", "a_pb2.py", "b_pb2.py"),
        _f("added", None, "app/vendor/x.py"),
        _f("added", None, "app/vendor/y.py"),
        _f("deleted", "gone_pb2.py", None),
        _f("added", None, "docs/a.md"),
        _f("added", None, "plain.py"),
    ]
    excluded = {
        "go.sum": "lock file",
        "yarn.lock": "lock file",
        "api_pb2.py": "generated",
        "new_pb2.py": "generated",
        "b_pb2.py": "generated",
        "app/vendor/x.py": "vendored",
        "app/vendor/y.py": "vendored",
        "gone_pb2.py": "generated",
        "docs/a.md": "excluded by [size] exclude 'docs/**'",
    }
    sure, folders = created_candidates(files, excluded)
    assert [f.path for f in sure] == ["go.sum", "api_pb2.py", "b_pb2.py"]
    assert folders == ["app/vendor"]
