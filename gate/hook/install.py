"""``gate hook install``: write the pre-push hook where git will run it.

Git runs hooks from ``core.hooksPath`` when it is set, else ``.git/hooks``. A hook
that merge-gate did not write (its marker line is missing) is never overwritten
without ``--force``: it may be a team's own hook or another framework's.
"""

from __future__ import annotations

import shlex
import stat
from pathlib import Path

from gate.errors import GateError
from gate.git import Git
from gate.text import visible

MARKER = "# merge-gate pre-push hook"
SCRIPT = """#!/bin/sh
{marker}: written by `gate hook install`; delete this file to remove it.
# Every pushed ref is judged; `git push --no-verify` skips the hook (CI still judges).
GATE_PYTHON={python}
if [ -x "$GATE_PYTHON" ]; then
    exec "$GATE_PYTHON" -m gate hook pre-push "$@"
fi
exec gate hook pre-push "$@"
"""


def script(python: str) -> str:
    """The hook's text: the interpreter that installed it, else ``gate`` on PATH."""
    return SCRIPT.format(marker=MARKER, python=shlex.quote(python))


def install(git: Git, python: str, *, force: bool = False) -> Path:
    """Write the pre-push hook of ``git``'s repository and return its path."""
    hooks = git.hooks_dir()
    path = hooks / "pre-push"
    if path.is_symlink() or path.exists():
        try:
            ours = MARKER in path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise GateError(f"{visible(str(path))}: cannot read the hook: {exc.strerror}") from exc
        if not ours and not force:
            raise GateError(
                f"{visible(str(path))}: a pre-push hook merge-gate did not write is there; "
                "run `gate hook install --force` to replace it (or call `gate hook "
                "pre-push` from it)"
            )
        path.unlink()
    try:
        hooks.mkdir(parents=True, exist_ok=True)
        path.write_text(script(python), encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    except OSError as exc:
        raise GateError(f"{visible(str(path))}: cannot write the hook: {exc.strerror}") from exc
    return path
