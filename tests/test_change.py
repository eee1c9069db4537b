from __future__ import annotations

from pathlib import Path

import pytest

from gate.change import FileChange, LineRange, parse_diff
from gate.errors import GitError
from gate.git import Git
from tests.gitrepo import GitRepo, lines


def changes(repo: GitRepo, old: str = "HEAD~1", new: str = "HEAD") -> dict[str, FileChange]:
    files = parse_diff(Git(repo.path).diff(repo.head(old), repo.head(new)))
    return {f.path: f for f in files}


def test_modified_file_line_numbers(repo: GitRepo) -> None:
    repo.commit("one", {"a.txt": lines(10)})
    repo.commit("two", {"a.txt": lines(10).replace("line 3\n", "three\n") + "line 11\n"})
    f = changes(repo)["a.txt"]
    assert f.status == "modified"
    assert f.removed == (LineRange(3, 1),)
    assert f.added == (LineRange(3, 1), LineRange(11, 1))
    assert (f.lines_added, f.lines_removed) == (2, 1)
    assert 3 in f.added[0]
    assert 4 not in f.added[0]


def test_rename_with_one_line_edit_counts_one_line(repo: GitRepo) -> None:
    repo.commit("one", {"old.py": lines(40)})
    repo.git("mv", "old.py", "new.py")
    repo.commit("two", {"new.py": lines(40).replace("line 20\n", "twenty\n")})
    f = changes(repo)["new.py"]
    assert (f.status, f.old_path, f.new_path) == ("renamed", "old.py", "new.py")
    assert (f.lines_added, f.lines_removed) == (1, 1)
    assert f.similarity is not None
    assert f.similarity > 90
    assert f.old_blob
    assert f.new_blob
    assert f.old_blob != f.new_blob


def test_pure_rename_has_no_lines(repo: GitRepo) -> None:
    repo.commit("one", {"a.py": lines(5)})
    repo.git("mv", "a.py", "b.py")
    repo.commit("mv")
    f = changes(repo)["b.py"]
    assert (f.status, f.lines_added, f.lines_removed, f.similarity) == ("renamed", 0, 0, 100)


def test_copy_detected(repo: GitRepo) -> None:
    repo.commit("one", {"a.py": lines(30)})
    repo.commit("two", {"a.py": lines(30) + "more\n", "b.py": lines(30)})
    f = changes(repo)["b.py"]
    assert (f.status, f.old_path, f.lines_added) == ("copied", "a.py", 0)


def test_added_and_deleted(repo: GitRepo) -> None:
    repo.commit("one", {"gone.txt": lines(3)})
    repo.commit("two", {"gone.txt": None, "new.txt": lines(2, "other")})
    found = changes(repo)
    assert (found["gone.txt"].status, found["gone.txt"].new_path) == ("deleted", None)
    assert found["gone.txt"].new_blob is None
    assert found["gone.txt"].lines_removed == 3
    assert (found["new.txt"].status, found["new.txt"].old_path) == ("added", None)
    assert found["new.txt"].old_blob is None
    assert found["new.txt"].lines_added == 2


def test_added_and_deleted_in_a_sha256_repository(tmp_path: Path) -> None:
    # There git's "no object" id is 64 zeros, not 40.
    repo = GitRepo(tmp_path / "repo")
    repo.path.mkdir()
    repo.git("init", "-q", "-b", "main", "--object-format=sha256")
    repo.commit("one", {"gone.txt": "x\n"})
    repo.commit("two", {"gone.txt": None, "new.txt": "y\n"})
    found = changes(repo)
    assert found["gone.txt"].new_blob is None
    assert found["new.txt"].old_blob is None
    assert found["new.txt"].new_blob is not None
    assert len(found["new.txt"].new_blob) == 64


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(b"with space.py", id="space"),
        pytest.param(b"new\nline.py", id="newline"),
        pytest.param(b"caf\xe9.py", id="latin1-bytes"),
        pytest.param(b"tab\there.py", id="tab"),
        pytest.param("ü/".encode() + b"x" * 250 + b".py", id="long-utf8"),
        pytest.param(b'quote"d\\.py', id="quote-backslash"),
    ],
)
def test_awkward_paths_survive(repo: GitRepo, name: bytes) -> None:
    repo.commit("one", {"keep.txt": "x\n"})
    repo.write(name, "print(1)\nprint(2)\n")
    repo.commit("two")
    found = changes(repo)
    path = name.decode("utf-8", "surrogateescape")
    assert set(found) == {path}
    assert found[path].lines_added == 2


def test_binary_file(repo: GitRepo) -> None:
    repo.commit("one", {"a.txt": "a\n"})
    repo.commit("two", {"img.bin": b"\x00\x01\x02" * 100})
    f = changes(repo)["img.bin"]
    assert f.binary
    assert f.lines_added == 0


def test_typechange_is_one_file(repo: GitRepo) -> None:
    repo.commit("one", {"target.txt": "t\n", "link": "plain\n"})
    (repo.path / "link").unlink()
    (repo.path / "link").symlink_to("target.txt")
    repo.commit("two", {"other.txt": "o\n"})
    found = changes(repo)
    assert found["link"].status == "typechange"
    assert (found["link"].lines_added, found["link"].lines_removed) == (1, 1)
    assert found["link"].new_mode == "120000"
    assert found["other.txt"].status == "added"


def test_no_newline_marker_and_hunk_context(repo: GitRepo) -> None:
    repo.commit("one", {"a.py": "def f():\n    return 1"})
    repo.commit("two", {"a.py": "def f():\n    return 2"})
    f = changes(repo)["a.py"]
    assert (f.added, f.removed) == ((LineRange(2, 1),), (LineRange(2, 1),))


def test_empty_diff() -> None:
    assert parse_diff(b"") == ()


def test_patch_count_mismatch_is_an_error() -> None:
    raw = b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" M\0a.py\0\0"
    with pytest.raises(GitError, match="1 files but 0 patches"):
        parse_diff(raw)


def test_unknown_status_is_an_error() -> None:
    raw = b":100644 100644 " + b"1" * 40 + b" " + b"2" * 40 + b" X\0a.py\0\0diff --git a/a b/a\n"
    with pytest.raises(GitError, match="unexpected git diff status"):
        parse_diff(raw)


def test_submodule_flag() -> None:
    f = FileChange(
        "modified",
        "s",
        "s",
        "1" * 40,
        "2" * 40,
        "160000",
        "160000",
        None,
        False,
        (LineRange(1, 1),),
        (LineRange(1, 1),),
    )
    assert f.submodule
    assert f.path == "s"
