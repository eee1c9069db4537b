"""The complexity gate end to end: real repositories, the real command, real radon."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from gate.change import Change, FileChange
from gate.complexity import pool
from gate.complexity.check import ComplexityCheck
from gate.config import Config
from gate.git import Git
from gate.inputs import Inputs
from tests.gitrepo import Content, GitRepo
from tests.run import report


def branches(name: str, cc: int, indent: str = "") -> str:
    """A function of complexity ``cc`` (one ``if`` per extra point)."""
    body = "".join(f"{indent}    if x == {i}:\n{indent}        return {i}\n" for i in range(cc - 1))
    return f"{indent}def {name}(x):\n{body}{indent}    return -1\n"


def change(
    repo: GitRepo, base: dict[str, Content], head: dict[str, Content], *args: str
) -> tuple[int, dict[str, Any], str]:
    """Commit ``base`` then ``head``; gate the second commit; (exit code, complexity, stdout)."""
    repo.commit("base", base)
    repo.commit("change", head)
    run, data = report(repo.path, "--base", "HEAD~1", *args)
    return run.code, data["checks"]["complexity"], run.stdout


def rules(check: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["path"], f["symbol"]) for f in check["findings"]]


# The rules, each on a real change.


def test_new_function_over_the_limit(repo: GitRepo, tmp_path: Path) -> None:
    code, check, stdout = change(
        repo,
        {"pkg/a.py": branches("small", 2)},
        {"pkg/a.py": branches("small", 2) + "\n\n" + branches("big", 14)},
        "--junit",
        str(tmp_path / "j.xml"),
    )
    assert code == 1
    assert check["status"] == "fail"
    (finding,) = check["findings"]
    assert finding | {"fingerprint": ""} == {
        "check": "complexity",
        "rule": "max-cc",
        "path": "pkg/a.py",
        "line": 7,
        "message": "new function big: complexity 14; the limit is 10",
        "severity": "error",
        "fingerprint": "",
        "blocking": True,
        "symbol": "big",
        "details": {"base": None, "head": 14, "limit": 10},
        "waived": None,
    }
    assert check["metrics"]["functions_added"] == 1
    assert check["metrics"]["worst_new_function"] == {
        "path": "pkg/a.py",
        "function": "big",
        "line": 7,
        "cc": 14,
    }
    assert "pkg/a.py:7: new function big: complexity 14" in stdout
    case = ET.parse(tmp_path / "j.xml").find(".//testcase[@classname='complexity']")
    assert case is not None
    assert (case.get("name"), case.get("file"), case.get("line")) == (
        "complexity::pkg/a.py::big",
        "pkg/a.py",
        "7",
    )
    assert case.find("failure") is not None


def test_existing_functions_rising_and_crossing(repo: GitRepo) -> None:
    base = branches("rises", 12) + branches("crosses", 8) + branches("fine", 3)
    head = branches("rises", 18) + branches("crosses", 11) + branches("fine", 8)
    code, check, stdout = change(repo, {"m.py": base}, {"m.py": head})
    assert code == 1
    assert rules(check) == [("cc-increase", "m.py", "rises"), ("crossed-max-cc", "m.py", "crosses")]
    assert check["findings"][0]["details"] == {"base": 12, "head": 18, "limit": 5}
    assert "rises: complexity 12 -> 18 (+6)" in stdout
    assert check["metrics"]["functions_changed"] == 3
    assert check["metrics"]["cc_delta"] == 6 + 3 + 5


def test_untouched_old_debt_never_fails(repo: GitRepo) -> None:
    base = branches("legacy", 30) + branches("edited", 2)
    head = branches("legacy", 30) + branches("edited", 3)
    code, check, _ = change(repo, {"m.py": base}, {"m.py": head})
    assert code == 0
    assert check["findings"] == []
    assert check["metrics"]["functions_changed"] == 1


def test_improvements_are_reported_and_pass(repo: GitRepo) -> None:
    code, check, stdout = change(
        repo, {"m.py": branches("f", 15)}, {"m.py": branches("f", 4)}, "--junit", "/dev/null"
    )
    assert code == 0
    assert rules(check) == [("improved", "m.py", "f")]
    assert check["findings"][0]["severity"] == "info"
    assert check["metrics"]["improvements"] == 1
    assert "simpler: f: complexity 15 -> 4 (-11)" in stdout


def test_limits_from_the_base_config(repo: GitRepo) -> None:
    config = "[complexity]\nmax_cc = 3\nmax_cc_increase = 0\nmin_mi = 70\n"
    code, check, _ = change(
        repo,
        {".gate.toml": config, "m.py": branches("f", 2)},
        {
            ".gate.toml": "[complexity]\nmax_cc = 100\n",  # the change cannot loosen its gate
            "m.py": branches("f", 3) + branches("g", 4),
        },
    )
    assert code == 1
    assert sorted(rules(check)) == [
        ("cc-increase", "m.py", "f"),
        ("max-cc", "m.py", "g"),
        ("mi-floor", "m.py", ""),
    ]


# Bad input: threats.md item 23, each beside a file that is still analysed.

BAD = [
    pytest.param(b"def f(:\n    pass\n", "syntax error: invalid syntax", id="syntax-error"),
    pytest.param(b'print "hello"\n', "Missing parentheses in call to 'print'", id="python-2"),
    pytest.param(b"x = 1\n\x00\n", "null bytes", id="nul-byte"),
    pytest.param(b"if x:\n\ty = 1\n        z = 2\n", "inconsistent use of tabs", id="mixed-tabs"),
    pytest.param(b"x = " + b"1+" * 100_000 + b"1\n", "(RecursionError)", id="too-deep-even-deep"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "cannot decode", id="png-named-py"),
    pytest.param(b"x = [" + b"1," * 2_600_000 + b"]", "over max_file_bytes", id="5-MB-one-line"),
    pytest.param(
        b"version https://git-lfs.github.com/spec/v1\noid sha256:" + b"0" * 64 + b"\nsize 1\n",
        "a Git LFS pointer",
        id="lfs-pointer",
    ),
]


@pytest.mark.parametrize(("content", "why"), BAD)
def test_a_file_that_cannot_be_analysed_is_an_error_and_others_are_still_analysed(
    repo: GitRepo, content: bytes, why: str
) -> None:
    code, check, stdout = change(
        repo,
        {"ok.py": "x = 1\n"},
        {"bad.py": content, "ok.py": branches("big", 12)},
    )
    assert code == 2
    assert check["status"] == "error"
    assert rules(check) == [("not-analysed", "bad.py", ""), ("max-cc", "ok.py", "big")]
    assert why in check["findings"][0]["message"]
    assert check["metrics"]["not_analysed"] == 1
    assert "The gate could not evaluate the change: exit 2" in stdout


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\xef\xbb\xbf" + branches("big", 12).encode(), id="utf-8-bom"),
        pytest.param(
            b"# -*- coding: latin-1 -*-\ns = '\xe9'\n" + branches("big", 12).encode(),
            id="latin-1-cookie",
        ),
        pytest.param(branches("big", 12).replace("    ", "\t").encode(), id="tabs"),
    ],
)
def test_encodings_python_accepts_are_analysed(repo: GitRepo, content: bytes) -> None:
    code, check, _ = change(repo, {"ok.py": "x = 1\n"}, {"enc.py": content})
    assert code == 1
    assert rules(check) == [("max-cc", "enc.py", "big")]


def test_on_error_warn_lets_an_unanalysed_file_through_loudly(repo: GitRepo) -> None:
    warn = '[complexity]\non_error = "warn"\n'
    code, check, stdout = change(repo, {".gate.toml": warn}, {"bad.py": b"def (\n"})
    assert code == 0
    assert check["status"] == "error"
    assert 'WARNING: the complexity check could not run and on_error = "warn"' in stdout


def test_on_error_warn_does_not_hide_real_failures(repo: GitRepo) -> None:
    warn = '[complexity]\non_error = "warn"\n'
    code, check, _ = change(
        repo, {".gate.toml": warn}, {"bad.py": b"def (\n", "ok.py": branches("big", 12)}
    )
    assert code == 1
    assert check["status"] == "fail"


def test_a_base_side_that_cannot_be_analysed_only_warns(repo: GitRepo) -> None:
    code, check, _ = change(
        repo,
        {"port.py": 'print "old"\n' + branches("f", 3)},
        {"port.py": 'print("new")\n' + branches("f", 3)},
    )
    assert code == 0
    assert rules(check) == [("base-not-analysed", "port.py", "")]
    assert check["findings"][0]["severity"] == "warning"


# Bad input: how files move.


def test_renamed_and_edited_file_compares_with_its_old_self(repo: GitRepo) -> None:
    base = branches("keep", 4) + branches("grow", 3) + "\n" * 20
    repo.commit("base", {"old_name.py": base})
    repo.git("mv", "old_name.py", "new_name.py")
    repo.commit("rename", {"new_name.py": base.replace(branches("grow", 3), branches("grow", 9))})
    run, data = report(repo.path, "--base", "HEAD~1")
    check = data["checks"]["complexity"]
    assert run.code == 1
    assert rules(check) == [("cc-increase", "new_name.py", "grow")]
    metrics = check["metrics"]
    assert (metrics["functions_added"], metrics["functions_changed"]) == (0, 1)
    assert metrics["functions_removed"] == 0


def test_function_moved_between_files_is_not_new(repo: GitRepo) -> None:
    legacy = branches("legacy", 15)
    code, check, _ = change(
        repo,
        {"a.py": legacy + branches("stay", 2), "b.py": "import os\n"},
        {"a.py": branches("stay", 2), "b.py": "import os\n\n\n" + legacy},
    )
    assert code == 0, check["findings"]
    assert check["metrics"]["functions_moved"] == 1
    assert check["metrics"]["functions_added"] == 0
    assert check["metrics"]["cc_delta"] == 0


def test_function_moved_to_a_new_file_from_a_deleted_one(repo: GitRepo) -> None:
    legacy = "import os\n\n" + branches("legacy", 15)
    code, check, _ = change(
        repo,
        {"old.py": legacy + "\n" + branches("other", 40)},
        {"old.py": None, "fresh.py": "import sys\n" + legacy.replace("os", "sys")},
    )
    assert code == 0, check["findings"]
    metrics = check["metrics"]
    assert (metrics["functions_moved"], metrics["functions_removed"]) == (1, 1)


def test_class_renamed_keeps_its_methods(repo: GitRepo) -> None:
    method = branches("handle", 13, indent="    ")
    code, check, _ = change(
        repo,
        {"svc.py": "class OldName:\n" + method},
        {"svc.py": "class NewName:\n" + method},
    )
    assert code == 0, check["findings"]
    assert check["metrics"]["functions_added"] == 0


def test_deleted_files_remove_functions(repo: GitRepo) -> None:
    code, check, _ = change(
        repo,
        {"gone.py": branches("a", 20) + branches("b", 2), "bad.py": b"def (\n"},
        {"gone.py": None, "bad.py": None},
    )
    assert code == 0
    assert check["metrics"]["functions_removed"] == 2
    assert check["metrics"]["cc_delta"] == -22
    assert rules(check) == [("base-not-analysed", "bad.py", "")]


def test_a_copy_is_new_code(repo: GitRepo) -> None:
    source = branches("complex", 12) + "".join(f"# filler {i}\n" for i in range(30))
    code, check, _ = change(
        repo,
        {"a.py": source},
        {"a.py": source + "# edited\n", "b.py": source},
    )
    assert code == 1
    assert rules(check) == [("max-cc", "b.py", "complex")]


def test_what_is_not_analysed(repo: GitRepo) -> None:
    """Not Python by name, excluded, symlinks: left out, never reported as analysed."""
    repo.commit("base", {"README": "x\n", ".gate.toml": '[size]\nexclude = ["gen/**"]\n'})
    os.symlink("README", repo.path / "link.py")
    repo.commit(
        "change",
        {
            "script": b"def (\n",
            "gen/out.py": b"def (\n",
            "vendor/lib.py": b"def (\n",
            "notes.txt": branches("big", 20),
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 0
    check = data["checks"]["complexity"]
    assert check["findings"] == []
    assert check["metrics"]["files_analysed"] == 0
    assert check["summary"] == "no Python file changed"


def test_renamed_to_a_non_python_name(repo: GitRepo) -> None:
    repo.commit("base", {"tool.py": branches("f", 3)})
    repo.git("mv", "tool.py", "tool.txt")
    repo.commit("rename")
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 0
    assert data["checks"]["complexity"]["metrics"]["functions_removed"] == 1


def test_a_blob_missing_from_the_clone_is_not_analysed(repo: GitRepo) -> None:
    """A partial clone can lack a blob: the file is reported, never silently passed."""
    sha = repo.commit("base", {"a.py": "x = 1\n"})
    missing = "0123456789abcdef" * 2 + "01234567"
    f = FileChange(
        "modified", "a.py", "a.py", None, missing, "100644", "100644", None, False, (), ()
    )
    git = Git(repo.path)
    inputs = Inputs(git, Change(sha, sha, sha, (f,)), Config(), {}, (), {})
    result = ComplexityCheck().run(inputs)
    assert result.status == "error"
    assert "the blob is missing from this clone" in result.findings[0].message


def test_awkward_path_is_escaped(repo: GitRepo) -> None:
    repo.commit("base", {"README": "x\n"})
    repo.write(b"caf\xe9\n.py", b"def (\n")
    repo.commit("awkward")
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 2
    assert data["checks"]["complexity"]["findings"][0]["path"] == "caf\\xe9\\n.py"
    assert "caf\\xe9\\n.py" in run.stdout


# Speed: the cache and the workers.


def _cache_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.json"))


def test_second_run_reads_the_cache(repo: GitRepo) -> None:
    _, check, _ = change(repo, {"a.py": branches("f", 2)}, {"a.py": branches("f", 3)})
    assert (check["metrics"]["cache_hits"], check["metrics"]["files_parsed"]) == (0, 2)
    cache = Path.home() / ".cache" / "merge-gate" / "complexity"
    assert len(_cache_files(cache)) == 2
    _, again = report(repo.path, "--base", "HEAD~1")
    metrics = again["checks"]["complexity"]["metrics"]
    assert (metrics["cache_hits"], metrics["files_parsed"]) == (2, 0)
    assert again["checks"]["complexity"]["findings"] == check["findings"]
    _cache_files(cache)[0].write_text('{"blob": "corrupt')
    _, third = report(repo.path, "--base", "HEAD~1")
    metrics = third["checks"]["complexity"]["metrics"]
    assert (metrics["cache_hits"], metrics["files_parsed"]) == (1, 1)
    assert third["checks"]["complexity"]["metrics"]["cc_delta"] == 1


def test_cache_location_from_config(repo: GitRepo) -> None:
    config = '[complexity]\ncache_dir = ".cache/gate"\n'
    change(repo, {".gate.toml": config}, {"a.py": branches("f", 2)})
    assert len(_cache_files(repo.path / ".cache" / "gate" / "complexity")) == 1
    assert not (Path.home() / ".cache").exists()


def test_cache_location_from_xdg(repo: GitRepo, tmp_path: Path) -> None:
    repo.commit("base", {"README": "x\n"})
    repo.commit("change", {"a.py": branches("f", 2)})
    run, _ = report(repo.path, "--base", "HEAD~1", env={"XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert run.code == 0
    assert len(_cache_files(tmp_path / "xdg" / "merge-gate" / "complexity")) == 1
    assert not (Path.home() / ".cache").exists()


def test_cache_off(repo: GitRepo) -> None:
    code, check, _ = change(
        repo, {".gate.toml": "[complexity]\ncache = false\n"}, {"a.py": branches("f", 2)}
    )
    assert code == 0
    assert not (Path.home() / ".cache").exists()
    assert check["metrics"]["files_parsed"] == 1


def test_concurrent_runs_share_a_cache(repo: GitRepo, tmp_path: Path) -> None:
    files = {f"m{i}.py": branches(f"f{i}", 3 + i % 12) for i in range(40)}
    repo.commit("base", {"README": "x\n"})
    repo.commit("change", files)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "shared")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "gate", "check", "--base", "HEAD~1", "--json", str(out)],
            cwd=repo.path,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for out in (tmp_path / "1.json", tmp_path / "2.json")
    ]
    assert [proc.wait(timeout=120) for proc in runs] == [1, 1]
    first, second = (json.loads((tmp_path / f"{n}.json").read_text()) for n in (1, 2))
    assert first["checks"]["complexity"]["findings"] == second["checks"]["complexity"]["findings"]
    assert len(first["checks"]["complexity"]["findings"]) == 12
    assert len(_cache_files(tmp_path / "shared")) == 40


def test_workers_agree_with_one_process(repo: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    files: dict[str, Content] = {f"m{i}.py": branches(f"f{i}", 2 + i) for i in range(12)}
    files["bad.py"] = b"x = " + b"-" * 20_000 + b"1\n"  # MemoryError in the parser
    repo.commit("base", {"README": "x\n", ".gate.toml": "[complexity]\ncache = false\n"})
    repo.commit("change", files)
    _, serial = report(repo.path, "--base", "HEAD~1")
    monkeypatch.setattr(pool, "PARALLEL_MIN_BYTES", 0)
    _, parallel = report(repo.path, "--base", "HEAD~1")
    assert serial["checks"]["complexity"]["metrics"]["workers"] == 1
    assert parallel["checks"]["complexity"]["metrics"]["workers"] == min(pool.cores(), 13)
    assert (
        parallel["checks"]["complexity"]["findings"] == serial["checks"]["complexity"]["findings"]
    )
    assert len(serial["checks"]["complexity"]["findings"]) == 1 + 3


# Configuration errors name the key.


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param(
            "min_mi = 101", r"\[complexity\] min_mi must be between 0.0 and 100.0", id="mi"
        ),
        pytest.param("jobs = -1", r"\[complexity\] jobs must be at least 0, got -1", id="jobs"),
        pytest.param("cache_dir = 3", r"\[complexity\] cache_dir must be a string", id="dir"),
        pytest.param("max_cc = 0", r"\[complexity\] max_cc must be at least 1", id="max-cc"),
        pytest.param("max_file_bytes = 0", r"max_file_bytes must be at least 1", id="size"),
        pytest.param("max_mi_drop = -1.0", r"max_mi_drop must be between", id="mi-drop"),
    ],
)
def test_bad_config_is_exit_2_naming_the_key(repo: GitRepo, config: str, message: str) -> None:
    repo.commit("base", {".gate.toml": f"[complexity]\n{config}\n"})
    repo.commit("change", {"a.py": "x = 1\n"})
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 2
    assert re.search(message, data["error"]), data["error"]
