"""The one exception type of the gate.

Anything that keeps the gate from evaluating a change (bad usage, bad config,
missing history, a tool or an API that failed) is a ``GateError``. The command
line turns it into exit code 2 in one place; nothing else catches it to pass.
"""

from __future__ import annotations


class GateError(Exception):
    """The gate could not evaluate the change; the message is one line for a human."""


class ConfigError(GateError):
    """The configuration is unreadable or invalid; each problem names the file and key.

    A config with several problems raises one ConfigError holding them all
    (``problems``, for ``gate config check``); its message joins them on one line.
    """

    def __init__(self, *problems: str) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


class GitError(GateError):
    """git failed or the repository lacks what the gate needs (a ref, history, an object)."""
