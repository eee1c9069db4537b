"""The security check's parts on their own: rules, trees, locating and reading semgrep."""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

import pytest

from gate.errors import ConfigError, GateError
from gate.git import Git
from gate.security import rules, scan, semgrep, tree
from tests.gitrepo import GitRepo
from tests.security.conftest import ExampleRun

RULE = "rules:\n  - {id: r, languages: [python], severity: INFO, message: m, pattern: f()}\n"


# --- rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "label", "sha"),
    [
        pytest.param("base:" + "a" * 40 + ":.gate.toml", "base aaaaaaaaaaaa", "a" * 40, id="base"),
        pytest.param(
            "head:" + "b" * 40 + ":pyproject.toml", "head bbbbbbbbbbbb", "b" * 40, id="head"
        ),
        pytest.param("file:/tmp/gate.toml", "the work tree", None, id="file"),
        pytest.param("defaults", "the work tree", None, id="defaults"),
    ],
)
def test_origin_follows_the_config_source(source: str, label: str, sha: str | None) -> None:
    assert rules.origin(source) == rules.Origin(label, sha)


@pytest.mark.parametrize(
    ("entry", "registry"),
    [
        ("p/python", True),
        ("r/python.lang.security", True),
        ("s/someone:rule", True),
        ("auto", True),
        ("https://example.com/r.yml", True),
        ("http://example.com/r.yml", True),
        ("semgrep-rules/", False),
        ("./p/local", False),
        ("automation.yml", False),
    ],
)
def test_registry_names(entry: str, registry: bool) -> None:
    assert rules.is_registry(entry) is registry


def committed_rules(repo: GitRepo, files: dict[str, str | bytes | None]) -> tuple[Git, str]:
    sha = repo.commit("rules", files)
    return Git(repo.path), f"base:{sha}:.gate.toml"


def test_rules_are_read_from_the_revision_not_the_work_tree(repo: GitRepo) -> None:
    git, source = committed_rules(
        repo, {"sg/a.yml": RULE, "sg/deep/b.yaml": RULE, "one.yml": RULE, "sg-old/c.yml": "x"}
    )
    (repo.path / "sg" / "a.yml").write_text("edited in the work tree\n")
    entries = ("sg/", "./one.yml", "p/python")
    with rules.ruleset(git, entries, source) as found:
        tmp = Path(found.configs[0]).parent
        assert found.configs == (str(tmp / "sg"), str(tmp / "one.yml"), "p/python")
        assert (tmp / "sg" / "a.yml").read_text() == RULE
        assert (tmp / "sg" / "deep" / "b.yaml").read_text() == RULE
        assert not (tmp / "sg-old").exists()
        assert found.description == (
            f"rules sg/, ./one.yml, p/python from base {source[5:17]} "
            "(registry rules: needs the network)"
        )
    assert not tmp.exists()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        pytest.param("missing/", "no rule file at 'missing/' in base", id="missing"),
        pytest.param("link.yml", "no rule file at 'link.yml' in base", id="symlink"),
        pytest.param("/etc/rules.yml", "must name a file or folder inside", id="absolute"),
        pytest.param("../rules", "must name a file or folder inside", id="parent"),
        pytest.param(".", "must name a file or folder inside", id="root"),
    ],
)
def test_rules_that_are_not_there(repo: GitRepo, entry: str, message: str) -> None:
    git, source = committed_rules(repo, {"README": "x\n"})
    (repo.path / "link.yml").symlink_to("README")
    repo.commit("link")
    source = f"base:{repo.head()}:.gate.toml"
    with pytest.raises(ConfigError, match=r"^\[security\] rules: ") as err:
        rules.ruleset(git, (entry,), source).__enter__()
    assert message in str(err.value)


def test_rules_blob_missing_from_the_clone(repo: GitRepo) -> None:
    git, source = committed_rules(repo, {"sg/a.yml": RULE})
    blob = repo.git("rev-parse", "HEAD:sg/a.yml").strip()
    (repo.path / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    with pytest.raises(ConfigError, match=re.escape("'sg/a.yml' is missing from this clone")):
        rules.ruleset(git, ("sg",), source).__enter__()


def test_rules_tree_with_a_parent_component_is_refused(repo: GitRepo) -> None:
    repo.commit("base", {"README": "x\n"})
    blob = repo.git("hash-object", "-w", "--stdin", stdin=RULE.encode()).strip()
    inner = repo.git("mktree", stdin=f"100644 blob {blob}\tx.yml\n".encode()).strip()
    middle = repo.git("mktree", stdin=f"040000 tree {inner}\t..\n".encode()).strip()
    outer = repo.git("mktree", stdin=f"040000 tree {middle}\tsg\n".encode()).strip()
    commit = repo.git("commit-tree", outer, "-m", "crafted").strip()
    with pytest.raises(ConfigError, match=re.escape("unsafe path 'sg/../x.yml'")):
        rules.ruleset(Git(repo.path), ("sg",), f"base:{commit}:.gate.toml").__enter__()


def test_work_tree_rules_for_a_local_config(repo: GitRepo) -> None:
    repo.commit("base", {"README": "x\n"})
    repo.write("mine/r.yml", RULE)
    with rules.ruleset(Git(repo.path), ("mine",), "file:/x/gate.toml") as found:
        assert found.configs == (str(repo.path / "mine"),)
    with pytest.raises(ConfigError, match=re.escape("'nope.yml' does not exist in the work tree")):
        rules.ruleset(Git(repo.path), ("nope.yml",), "file:/x/gate.toml").__enter__()


# --- trees -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("paths", "tree_paths"),
    [
        pytest.param(["A.py", "a.py"], ["A.py", "gate-alias-0.py"], id="case-only"),
        pytest.param(
            ["caf\u00e9.py", "cafe\u0301.py"],
            ["caf\u00e9.py", "gate-alias-0.py"],
            id="unicode-forms",
        ),
        pytest.param(["run", "run.sh/x.py"], ["run.sh", "gate-alias-0.py"], id="file-then-folder"),
        pytest.param(
            ["run.sh/x.py", "run"], ["run.sh/x.py", "gate-alias-0.sh"], id="folder-then-file"
        ),
    ],
)
def test_tree_never_writes_two_files_to_one_place(
    tmp_path: Path, paths: list[str], tree_paths: list[str]
) -> None:
    sources = [tree.Source(p, p, b"#!/bin/sh\n") for p in paths]
    assert [t.tree_path for t in tree.write(tmp_path, sources, 100)] == tree_paths


def test_tree_keeps_paths_and_aliases_what_semgrep_cannot_name(tmp_path: Path) -> None:
    sources = [
        tree.Source("src/a.py", "src/a.py", b"eval(x)\n"),
        tree.Source("caf\udce9.py", "caf\udce9.py", b"eval(y)\n"),
        tree.Source("new\nline.js", "new\nline.js", b"x\n"),
        tree.Source("odd/../x.p\udce9", "odd/../x.p\udce9", b"x\n"),
        tree.Source("gate-alias-0.py", "gate-alias-0.py", b"x\n"),
        tree.Source("bin/run", "bin/run", b"#!/usr/bin/env bash\necho\n"),
        tree.Source("bin/run.sh", "bin/run.sh", b"echo\n"),
        tree.Source("tool", "tool", b"#! /usr/bin/python3.12 -u\n"),
        tree.Source("srv", "srv", b"#!/usr/bin/env node\n"),
        tree.Source("other", "other", b"#!/usr/bin/perl\n"),
        tree.Source("plain", "plain", b"no shebang\n"),
    ]
    targets = tree.write(tmp_path, sources, max_bytes=100)
    assert [t.tree_path for t in targets] == [
        "src/a.py",
        "gate-alias-0.py",
        "gate-alias-0.js",
        "gate-alias-0",  # a suffix that is not UTF-8 is dropped
        "gate-alias-1.py",  # a real file that has an alias's name yields
        "bin/run.sh",
        "gate-alias-0.sh",
        "tool.py",
        "srv.js",
        "other",
        "plain",
    ]
    assert (tmp_path / "gate-alias-0.py").read_bytes() == b"eval(y)\n"
    assert all(t.stub is None for t in targets)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(None, "its blob is missing from this clone", id="missing-blob"),
        pytest.param(
            b"version https://git-lfs.github.com/spec/v1\noid sha256:0\n",
            "it is a Git LFS pointer",
            id="lfs",
        ),
        pytest.param(b"x" * 11, "it has 11 bytes, over [security] max_target_bytes = 10", id="big"),
    ],
)
def test_tree_writes_stubs_for_what_must_not_be_scanned(
    tmp_path: Path, content: bytes | None, reason: str
) -> None:
    (target,) = tree.write(tmp_path, [tree.Source("a.py", "a.py", content)], max_bytes=10)
    assert target.stub is not None
    assert target.stub.startswith(reason)
    assert (tmp_path / "a.py").read_bytes() == b""
    assert target.text == b""


def test_tree_at_the_size_limit_is_scanned(tmp_path: Path) -> None:
    (target,) = tree.write(tmp_path, [tree.Source("a.py", "a.py", b"x" * 10)], max_bytes=10)
    assert target.stub is None
    assert target.text == b"x" * 10


@pytest.mark.parametrize(
    ("content", "mentions"),
    [
        (b"eval(x)  # nosemgrep\n", True),
        (b"eval(x)  # NOSEM\n", True),
        (b"eval(x)\n", False),
    ],
)
def test_nosem_mentions(tmp_path: Path, content: bytes, mentions: bool) -> None:
    (target,) = tree.write(tmp_path, [tree.Source("a.py", "a.py", content)], max_bytes=100)
    assert target.mentions_nosem is mentions


# --- locating and running semgrep -------------------------------------------------------


def executable(path: Path) -> Path:
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def test_locate_prefers_the_variable_then_the_interpreter_folder(tmp_path: Path) -> None:
    venv, on_path = tmp_path / "venv" / "bin", tmp_path / "path"
    venv.mkdir(parents=True)
    on_path.mkdir()
    mine = executable(tmp_path / "my-semgrep")
    beside = executable(venv / "semgrep")
    elsewhere = executable(on_path / "semgrep")
    interpreter = str(venv / "python")
    env = {"PATH": str(on_path)}
    assert semgrep.locate({**env, "GATE_SEMGREP": str(mine)}, interpreter) == str(mine)
    assert semgrep.locate(env, interpreter) == str(beside)
    beside.unlink()
    assert semgrep.locate(env, interpreter) == str(elsewhere)
    elsewhere.unlink()
    with pytest.raises(GateError, match=r"^semgrep is not installed"):
        semgrep.locate(env, interpreter)


def test_command_is_offline_explicit_and_bounded(tmp_path: Path) -> None:
    options = semgrep.Options("semgrep", ("rules.yml",), 7, 123, 2, 60)
    args = semgrep.command(options, semgrep.Request(tmp_path, ("-x.py", "a.py")))
    assert args[:2] == ["semgrep", "scan"]
    for flag in (
        "--json",
        "--metrics=off",
        "--disable-nosem",
        "--no-git-ignore",
        "--timeout=7",
        "--max-target-bytes=123",
        "--jobs=1",  # options.jobs is how many processes run at once, not semgrep's own
    ):
        assert flag in args
    assert args[-3:] == ["--", "-x.py", "a.py"]
    nosem = semgrep.command(options, semgrep.Request(tmp_path, ("a.py",), nosem=True))
    assert "--disable-nosem" not in nosem


def test_run_of_a_program_that_cannot_start(tmp_path: Path) -> None:
    options = semgrep.Options(str(tmp_path / "missing"), (), 1, 1, 1, 10)
    with pytest.raises(GateError, match=r"^cannot run semgrep"):
        semgrep.run_all(options, [semgrep.Request(tmp_path, ("a.py",))], os.environ)


# --- reading semgrep's report (real output from the examples run) ---------------------


def example_report(example_run: ExampleRun) -> dict[str, object]:
    data = json.loads(example_run.stdout)
    assert isinstance(data, dict)
    return data


def test_parse_reads_matches_with_byte_offsets(example_run: ExampleRun) -> None:
    result = scan.parse(example_run.stdout, 0, b"", example_run.targets)
    match = next(m for m in result.matches if m.rule == "js-dynamic-code-execution")
    text = (example_run.root / match.path).read_bytes()[match.start : match.end]
    assert text == b"eval(code)"
    assert result.version


def test_parse_refuses_results_for_files_it_was_not_given(example_run: ExampleRun) -> None:
    with pytest.raises(GateError, match="semgrep reported a file it was not given"):
        scan.parse(example_run.stdout, 0, b"", ())


@pytest.mark.parametrize(
    ("stderr", "reason"),
    [
        (b"log\nboom\n", "boom"),
        (b"Error: invalid config\nNot sending pseudonymous metrics\n", "Error: invalid config"),
        (b"", "(no message)"),
    ],
)
def test_parse_refuses_a_failing_exit_code(
    example_run: ExampleRun, stderr: bytes, reason: str
) -> None:
    with pytest.raises(GateError) as err:
        scan.parse(example_run.stdout, 3, stderr, example_run.targets)
    assert str(err.value) == f"semgrep failed (exit 3): {reason}"


def test_parse_refuses_a_report_of_another_shape(example_run: ExampleRun) -> None:
    data = example_report(example_run)
    results = data["results"]
    assert isinstance(results, list)
    data["results"] = [{key: v for key, v in results[0].items() if key != "start"}]
    with pytest.raises(GateError, match="JSON report has an unexpected shape"):
        scan.parse(json.dumps(data).encode(), 0, b"", example_run.targets)


def test_parse_refuses_skipped_rules(example_run: ExampleRun) -> None:
    # semgrep 1.182 reports rules it cannot run in errors[]; other versions list
    # them in skipped_rules, which must not pass either.
    data = example_report(example_run) | {"skipped_rules": [{"rule_id": "pro-only"}, "x"]}
    with pytest.raises(GateError, match="semgrep skipped rules it could not run: pro-only, x"):
        scan.parse(json.dumps(data).encode(), 0, b"", example_run.targets)


def test_parse_turns_a_skipped_target_into_a_problem(example_run: ExampleRun) -> None:
    data = example_report(example_run)
    paths = data["paths"]
    assert isinstance(paths, dict)
    skipped = [{"path": "python.py", "reason": "exceeded_size_limit"}, {"path": "/elsewhere"}]
    data["paths"] = paths | {"skipped": skipped}
    result = scan.parse(json.dumps(data).encode(), 0, b"", example_run.targets)
    assert result.problems == {"python.py": ("semgrep skipped it (exceeded_size_limit)",)}


def test_parse_without_a_report(example_run: ExampleRun) -> None:
    with pytest.raises(GateError, match=r"without a JSON report: \(no message\)"):
        scan.parse(b"[]", 0, b"", example_run.targets)
