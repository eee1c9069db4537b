"""``gate init``: a starter ``.gate.toml`` written for the repository it is run in.

It names the branch changes are judged against, the languages the checks will
see, and every threshold at its default (read from the config's own dataclasses,
so the file can never drift from what the gate enforces). It starts in monitor
mode: a team switches the gate on, reads its reports, then enforces.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath

from gate.config import AiConfig, ComplexityConfig, SecurityConfig, SizeConfig
from gate.errors import GitError
from gate.git import Git
from gate.text import plural

# Extensions to the language names the checks know (complexity: Python; the bundled
# semgrep rules: Python, JavaScript/TypeScript, shell).
LANGUAGES = {
    ".py": "Python", ".pyi": "Python", ".pyw": "Python",
    ".js": "JavaScript", ".jsx": "JavaScript", ".mjs": "JavaScript", ".cjs": "JavaScript",
    ".ts": "TypeScript", ".tsx": "TypeScript",
    ".sh": "shell", ".bash": "shell",
}  # fmt: skip


def languages(paths: Iterable[str]) -> Counter[str]:
    """Files per language the checks know, by extension."""
    return Counter(
        LANGUAGES[ext] for p in paths if (ext := PurePosixPath(p).suffix.lower()) in LANGUAGES
    )


def describe(git: Git) -> tuple[str, Counter[str]]:
    """The branch changes are judged against (or a hint), and the languages at HEAD."""
    remote = git.remote()
    default = git.symbolic_ref(f"refs/remotes/{remote}/HEAD") if remote else None
    branch = (
        default.removeprefix("refs/remotes/")
        if default
        else "unknown: set origin/HEAD (`git remote set-head origin --auto`) or pass --base"
    )
    try:
        paths = [e.path for e in git.ls_tree("HEAD", ".")]
    except GitError:  # no commit yet
        paths = []
    return branch, languages(paths)


def render(branch: str, found: Counter[str]) -> str:
    """The starter file's text."""
    size, cc, sec, ai = SizeConfig(), ComplexityConfig(), SecurityConfig(), AiConfig()
    seen = ", ".join(f"{name} ({plural(n, 'file')})" for name, n in found.most_common())
    python = "" if found["Python"] else "enabled = false          # no Python files yet\n"
    return f"""\
# merge-gate policy, written by `gate init` (`gate config check` validates it).
# The gate reads it from the base of each change (the merge-base with the target
# branch), so a change cannot loosen its own gate: commit it there first.
# Changes are judged against: {branch}
# Languages the checks see here: {seen or "none yet"}

# "monitor" reports everything and blocks nothing while you roll the gate out;
# switch to "enforce" once the reports look right.
mode = "monitor"
on_error = "error"           # "warn": a check that cannot run lets the change through, loudly

[size]
max_changed_lines = {size.max_changed_lines}      # added + removed, excluded files not counted
max_files = {size.max_files}
# exclude = ["docs/**"]      # added to the built-in excludes (lock files, vendored, generated)

[complexity]                 # Python functions (radon)
{python}max_cc = {cc.max_cc}
max_cc_increase = {cc.max_cc_increase}

[security]                   # semgrep on the changed files; bundled rules by default
fail_on = "{sec.fail_on}"          # INFO | WARNING | ERROR
# rules = ["semgrep-rules/"]  # your own, read from the base revision

[ai]
max_share = {ai.max_share}             # 1.0: measure and report, never fail on the share alone
"""
