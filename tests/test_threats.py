"""A hostile change against the real ``gate check``: what it tries, what the gate does.

Numbers refer to /work/shared/reference/threats.md; unnumbered tests are attacks
found beyond that list. Each test builds the change an attacker would push and
checks the exit code and the reports, never an internal function.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from gate.text import visible
from tests.gitrepo import GitRepo, lines
from tests.run import report, stopped

SIMPLE = "def f(x):\n    return 0\n"
# Complexity 31: thirty branches added to SIMPLE's function.
BRANCHY = "def f(x):\n" + "".join(f"    if x == {i}:\n        return {i}\n" for i in range(30))
BRANCHY += "    return 0\n"
CLAUDE = "\n\nCo-authored-by: Claude <noreply@anthropic.com>\n"


def test_a_gitattributes_in_the_change_cannot_hide_its_lines(repo: GitRepo) -> None:
    """``git diff`` reads ``.gitattributes`` from the work tree, which is the change itself:
    ``* -diff`` there made every file "binary", so no line was added, no function touched
    and no AI line counted: a silent pass of the size, complexity and AI checks. (2: the
    same change marking its files generated, or excluding them in its own config, is
    ignored too: exclusions come from the base.)"""
    policy = "[size]\nmax_changed_lines = 100\n[ai]\nmax_share = 0.5\n"
    repo.commit("base", {".gate.toml": policy, "app.py": SIMPLE})
    repo.commit(
        "hide it" + CLAUDE,
        {
            ".gitattributes": "* -diff linguist-generated\n",
            ".gate.toml": '[size]\nmax_changed_lines = 9999\nexclude = ["**"]\n'
            "[complexity]\nmax_cc = 50\n[ai]\nmax_share = 1.0\n",
            "app.py": BRANCHY,
            "big.py": lines(200),
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    checks = data["checks"]
    assert run.code == 1
    assert data["excluded"] == []
    assert checks["size"]["metrics"]["binary_files"] == 0
    # .gitattributes, the config's 5 new lines, the branches, big.py
    assert checks["size"]["metrics"]["lines_added"] == 1 + 5 + 60 + 200
    assert [f["rule"] for f in checks["complexity"]["findings"]] == ["crossed-max-cc"]
    assert checks["ai"]["metrics"]["ai_share"] == 1.0
    assert {c: checks[c]["status"] for c in ("size", "complexity", "ai")} == {
        "size": "fail",
        "complexity": "fail",
        "ai": "fail",
    }


# What the Actions runner reads as a command: a line starting (after spaces) with
# "::", or "##[" anywhere in a line (the legacy form, still parsed: ##[add-mask],
# ##[stop-commands], ##[error]). Only the gate's own annotations may be either.
OURS = re.compile(r"::(error|warning|notice) (file=[^:,]*,)?(line=\d+,)?title=[^:]*::")


def test_hostile_text_starts_no_workflow_command_in_the_log(repo: GitRepo, tmp_path: Path) -> None:
    """28-30: file names and commit messages reach the log through findings; the runner
    must see our annotations and nothing else. ``##[add-mask]FAIL`` would mask the
    verdict in the log; ``##[stop-commands]`` would switch off what follows."""
    repo.commit("base", {".gate.toml": "[size]\nmax_changed_lines = 5\n"})
    repo.commit(
        "::error file=a.py::all good\n  ::warning::x\n\n"
        "Assisted-by: tool ##[add-mask]FAIL\nGenerated-by: x ##[stop-commands]abc\n",
        {
            "##[error]big.py": lines(10),
            "x\n::add-mask::FAIL.py": "def f(:\n",
            "vendor/##[warning]v.js": "x\n",
        },
    )
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md")}
    run, data = report(repo.path, "--base", "HEAD~1", env=env)
    assert run.code == 2  # x\n::add-mask::FAIL.py does not parse
    assert {c: data["checks"][c]["status"] for c in ("size", "complexity", "ai")} == {
        "size": "fail",
        "complexity": "error",
        "ai": "pass",
    }
    log = (run.stdout + run.stderr).splitlines()
    ours = [line for line in log if OURS.match(line)]
    # size, complexity, the AI commit, and the review the AI share requires
    assert len(ours) == 4
    for line in log:
        if line not in ours:
            assert not line.lstrip().startswith("::"), line
            assert "##[" not in line, line
    assert "(disclosure assisted-by: tool ##\\[add-mask]FAIL)" in run.stdout  # shown, defanged
    assert "the biggest files: ##\\[error]big.py (10)" in run.stdout


def test_a_console_that_cannot_show_a_name_still_gets_the_verdict(repo: GitRepo) -> None:
    """A console whose encoding cannot show a character (a Windows pre-push hook writes
    cp1252): the summary's own marks and a file name the author chose made printing
    raise UnicodeEncodeError, a traceback and exit 1 ("breaks the policy") for any change,
    and the one-line error on stderr crashed the same way."""
    repo.commit("base", {".gate.toml": "[size]\nmax_files = 0\n[security]\nenabled = false\n"})
    repo.commit("c", {"\u6587\u4ef6.py": "x = 1\n"})
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    for args, code, stream, shown in (
        (("--base", "HEAD~1"), 1, "stdout", "the biggest files: \\u6587\\u4ef6.py (1)"),
        (("--base", "\u6587"), 2, "stderr", "unknown base revision '\\u6587'"),
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "gate", "check", *args],
            cwd=repo.path,
            capture_output=True,
            env=env,
            check=False,
        )
        assert proc.returncode == code, proc.stderr
        assert b"Traceback" not in proc.stderr
        assert shown in getattr(proc, stream).decode("cp1252")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(
            lambda repo: repo.write(".gate.toml/size.toml", "[size]\n"),
            r"\.gate\.toml at base [0-9a-f]{12}: a directory, not a file",
            id="gate-toml-directory",
        ),
        pytest.param(
            lambda repo: repo.write("pyproject.toml/x", "x\n"),
            r"pyproject\.toml at base [0-9a-f]{12}: a directory, not a file",
            id="pyproject-directory",
        ),
        pytest.param(
            lambda repo: (
                repo.write("conf/gate.toml", "[size]\nmax_files = 0\n"),
                (repo.path / ".gate.toml").symlink_to("conf/gate.toml"),
            ),
            r"\.gate\.toml at base [0-9a-f]{12}: a symbolic link \(to conf/gate\.toml\); "
            r"the gate reads only a regular file: commit the config itself",
            id="gate-toml-symlink",
        ),
        pytest.param(
            lambda repo: (repo.path / ".gate.toml").symlink_to("/etc/passwd"),
            r"\.gate\.toml at base [0-9a-f]{12}: a symbolic link \(to /etc/passwd\)",
            id="gate-toml-symlink-outside",
        ),
        pytest.param(
            lambda repo: GitRepo.init(repo.path / ".gate.toml").commit("sub", {"f": "x\n"}),
            r"\.gate\.toml at base [0-9a-f]{12}: a commit entry \(mode 160000\), not a file",
            id="gate-toml-submodule",
        ),
    ],
)
def test_a_config_that_is_not_a_file_at_base_is_named(
    repo: GitRepo, make: Callable[[GitRepo], object], message: str
) -> None:
    """The trusted config is read as ``<merge-base>:.gate.toml``: a directory there was
    read as a tree object ("not UTF-8"), a symbolic link as its target's name ("invalid
    TOML: Expected '='"). Exit 2 either way, but the message sent people to the wrong
    fix; it now says what the entry is."""
    make(repo)
    repo.commit("base", {"a.py": "x = 1\n"})
    repo.commit("change", {"b.py": "y = 2\n"})
    stderr = stopped(repo.path, "--base", "HEAD~1")
    assert re.search(message, stderr), stderr


def test_a_config_blob_missing_from_the_clone_is_not_the_defaults(repo: GitRepo) -> None:
    """19: in a partial clone the base's ``.gate.toml`` blob may be missing (a lazy fetch
    that failed). It was read as "no config", so the defaults, looser than the team's
    policy, judged the change, and passed it ("config: defaults", exit 0)."""
    repo.commit("start", {"a.py": "x = 1\n"})
    missing = "0123456789abcdef" * 2 + "01234567"
    repo.git("update-index", "--add", "--cacheinfo", f"100644,{missing},.gate.toml")
    for message, new in (("base", None), ("change", "b.py")):
        if new:
            repo.write(new, lines(50))
            repo.git("add", new)
        tree = repo.git("write-tree", "--missing-ok").strip()
        repo.git(
            "reset",
            "-q",
            "--soft",
            repo.git("commit-tree", tree, "-p", "HEAD", "-m", message).strip(),
        )
    stderr = stopped(repo.path, "--base", "HEAD~1")
    assert re.search(r"\.gate\.toml at base [0-9a-f]{12}: its blob is missing from this", stderr)


MODULE = "import os\n\n\ndef run(cmd):\n    return eval(cmd)\n" + "".join(
    f"\n\ndef f{i}(x):\n    if x:\n        return {i}\n    return 0\n" for i in range(8)
)


@pytest.mark.semgrep
def test_odd_names_and_a_rename_behind_a_symlink_in_one_semgrep_run(repo: GitRepo) -> None:
    """semgrep gets the changed files as arguments after ``--``; a file named ``-`` was
    still read as "standard input", which switched osemgrep to scanning every file with
    every language: each changed file came out "not analysed" (a syntax error in bash or
    JavaScript), with other languages' findings on it. Names starting with ``-`` are
    scanned under an alias; the findings keep their real paths.

    In the same run (semgrep costs seconds), already right: a module renamed while a
    symbolic link takes its old name (git sees a type change and a copy) keeps its
    finding and its functions: moved, not new, and nothing lost."""
    repo.commit("base", {"mod.py": MODULE})
    repo.git("mv", "mod.py", "new.py")
    (repo.path / "mod.py").symlink_to("new.py")
    repo.commit(
        "change",
        {
            "-": "not code\n",
            "--config=x.py": "eval(input())\n",
            "-rf.py": "import os\nos.system(input())\n",
            "ok.js": "eval(location.hash)\n",
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    security, complexity = data["checks"]["security"], data["checks"]["complexity"]
    assert run.code == 1, run.stdout
    assert sorted((f["rule"], f["path"]) for f in security["findings"]) == [
        ("js-dynamic-code-execution", "ok.js"),
        ("python-dynamic-code-execution", "--config=x.py"),
        ("python-shell-injection", "-rf.py"),
    ]
    assert security["metrics"]["not_analysed"] == 0
    assert security["metrics"]["moved_findings"] == 1  # the eval of mod.py, now in new.py
    assert complexity["status"] == "pass"
    counts = complexity["metrics"]
    assert (counts["functions_added"], counts["functions_moved"], counts["functions_removed"]) == (
        0,
        9,  # run and f0..f7
        0,
    )


def test_the_step_summary_stays_under_github_limit_whatever_the_names(
    repo: GitRepo, tmp_path: Path
) -> None:
    """33: GitHub drops a step summary over 1 MiB. The Markdown cut only the findings; a
    function named with 999,900 characters (a 1 MB file is still analysed) sat in the
    check table and, with ``on_error = "warn"``, in the warning too: 2 MB, under a line
    saying it had been cut to stay under the limit."""
    repo.commit(
        "base",
        {
            ".gate.toml": '[complexity]\non_error = "warn"\n[security]\nenabled = false\n',
            "a.py": "x = 1\n",
        },
    )
    name = "f" + "x" * 999_900
    repo.commit("long", {"b.py": f"def {name}(a):\n    return 2\n", "bad.py": "def (:\n"})
    summary = tmp_path / "summary.md"
    env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    run, data = report(repo.path, "--base", "HEAD~1", env=env)
    assert run.code == 0  # on_error = "warn": the unparsable file is let through, loudly
    assert data["checks"]["complexity"]["metrics"]["worst_new_function"]["function"] == name
    text = summary.read_text(encoding="utf-8")
    assert len(text.encode()) < 1_000_000
    assert "worst new: fxxx" in text
    assert "more characters" in text
    assert "> [!WARNING]" in text  # the warning itself is kept, its long text shortened


def test_a_trace_file_nested_too_deep_is_a_skipped_record(repo: GitRepo) -> None:
    """The change writes its own Agent Trace file (read at head). A record nested 100,000
    deep made ``json.loads`` raise RecursionError, not a decode error: the whole run
    stopped as an internal error, every check's report lost. It is now a bad record,
    reported and skipped like any other."""
    repo.commit("base", {"a.py": "x = 1\n", ".gate.toml": "[security]\nenabled = false\n"})
    deep = "[" * 100_000 + "]" * 100_000
    repo.commit("c", {"b.py": "y = 2\n", ".agent-trace/traces.jsonl": deep + "\n"})
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 0, run.stderr
    ai = data["checks"]["ai"]
    assert ai["metrics"]["agent_trace"] == {"records": 0, "problems": 1}
    assert [f["rule"] for f in ai["findings"]] == ["malformed-trace"]
    assert ai["findings"][0]["message"].startswith(".agent-trace/traces.jsonl line 1: not JSON")


@pytest.mark.parametrize(
    ("base", "code", "error"),
    [
        pytest.param("v1", 0, None, id="tag"),
        pytest.param("v1-annotated", 0, None, id="annotated-tag"),
        pytest.param("v1^{tree}", 2, "unknown base revision 'v1^{tree}'", id="tree"),
        pytest.param("v1:a.py", 2, "unknown base revision 'v1:a.py'", id="blob"),
        pytest.param("--output=pwned", 2, "unknown base revision '--output=pwned'", id="option"),
    ],
)
def test_a_base_in_any_form_on_a_detached_head_with_an_octopus_merge(
    repo: GitRepo, base: str, code: int, error: str | None
) -> None:
    """A tag peels to its commit; a tree, a blob or an option-shaped name is not a
    commit (exit 2, and ``--output=`` never reaches git as an option). The range holds
    an octopus merge of two side branches and is judged on a detached HEAD."""
    repo.commit("base", {"a.py": "x = 1\n"})
    repo.git("tag", "v1")
    repo.git("tag", "-a", "-m", "release", "v1-annotated")
    for side in ("x1", "x2"):
        repo.branch(side, "main")
        repo.commit(side, {f"{side}.py": lines(2, side)})
    repo.branch("feature", "main")
    repo.commit("feature", {"b.py": lines(3)})
    repo.git("merge", "-q", "--no-edit", "x1", "x2")
    repo.git("checkout", "-q", "--detach")
    run, data = report(repo.path, "--base", base)
    assert run.code == code, run.stderr
    assert not (repo.path / "pwned").exists()
    if error is None:
        assert data["checks"]["size"]["metrics"]["files_changed"] == 3
        assert data["commits"] == 4  # feature, x1, x2, the octopus merge
    else:
        assert error in run.stderr
        assert len(run.stderr.splitlines()) == 1


def test_an_empty_repository_is_one_line_exit_2(repo: GitRepo) -> None:
    assert stopped(repo.path, "--base", "HEAD") == (
        "gate: error: unknown head revision 'HEAD': not a commit in this repository\n"
    )


INVISIBLE = {
    "alm\u061c.py": "alm\\u061c.py",  # ARABIC LETTER MARK, a bidi control like LRM and RLM
    "wj\u2060x\u2062.py": "wj\\u2060x\\u2062.py",  # word joiner, invisible times
    "shy\u00ad.py": "shy\\xad.py",  # soft hyphen
    # tag characters: invisible ASCII ("ASCII smuggling"), outside the BMP
    "tag\U000e0041\U000e0042.py": "tag\\U000e0041\\U000e0042.py",
}


def test_invisible_format_characters_in_names_are_shown(repo: GitRepo, tmp_path: Path) -> None:
    """31: every format character (Unicode category Cf) is invisible, and some steer the
    text around it. Only bidi overrides, isolates and zero-width ones were escaped:
    U+061C (a bidi mark), the word joiner, the soft hyphen and the tag characters went
    into every report as they were; an astral one would have read as ``\\ue0041``."""
    repo.commit("base", {"a.py": "x = 1\n"})
    repo.commit("c", dict.fromkeys(INVISIBLE, "def (:\n"))
    out = {kind: tmp_path / kind for kind in ("junit", "sarif", "codequality", "markdown")}
    args = [arg for kind, path in out.items() for arg in (f"--{kind}", str(path))]
    run, data = report(repo.path, "--base", "HEAD~1", *args)
    assert run.code == 2
    paths = {f["path"] for f in data["checks"]["complexity"]["findings"]}
    assert paths == set(INVISIBLE.values())
    texts = [run.stdout, json.dumps(data, ensure_ascii=False)]
    texts += [path.read_text(encoding="utf-8") for path in out.values()]
    for text in texts:
        assert not [c for c in text if unicodedata.category(c) == "Cf"]
    for shown in INVISIBLE.values():
        assert shown in run.stdout
        assert shown in out["markdown"].read_text(encoding="utf-8")
    # The whole class, as this Python's Unicode database knows it (a newer Unicode may
    # add format characters: this fails then, instead of letting them through).
    hidden = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    for char in map(chr, range(sys.maxunicode + 1)):
        if unicodedata.category(char) in hidden:
            assert visible(char).startswith("\\"), hex(ord(char))


def test_hundreds_of_tiny_and_empty_files(repo: GitRepo) -> None:
    """Already right, not covered: zero-byte files (a patch header without hunks, also
    when one is emptied or deleted) among hundreds of one-line files keep the patches
    aligned with the files; every file counts, no line is invented."""
    repo.commit("base", {"full.py": "x = 1\n", "gone.py": "y = 2\n", "empty_old.py": ""})
    files: dict[str, str | None] = {f"pkg{i % 7}/m{i}.py": f"v{i} = {i}\n" for i in range(300)}
    files |= {f"pkg{i}/__init__.py": "" for i in range(7)}
    files |= {"full.py": "", "gone.py": None, "empty_old.py": None}
    repo.commit("many", files)
    run, data = report(repo.path, "--base", "HEAD~1")
    size = data["checks"]["size"]["metrics"]
    assert run.code == 1  # max_files
    # 310 paths, 309 files: git pairs the deleted empty file with an added one (R100)
    assert (size["files_changed"], size["lines_added"], size["lines_removed"]) == (309, 300, 2)
    assert size["renamed_files"] == 1
    assert data["checks"]["complexity"]["status"] == "pass"
    assert data["checks"]["ai"]["metrics"]["added_lines"] == 300
