"""git's configuration, as the repository and the user set it."""

from __future__ import annotations

from gate.errors import GitError
from gate.git.process import Repository, first_line
from gate.text import visible


class Settings(Repository):
    """Reading one configuration value (``git config --get``)."""

    def setting(self, name: str) -> str | None:
        """The value of ``name`` (the last one set wins), None when it is not set."""
        proc = self.call("config", "--get", name)
        if proc.returncode == 1:
            return None
        if proc.returncode != 0:
            raise GitError(f"git config --get {visible(name)} failed: {first_line(proc)}")
        return proc.stdout.decode("utf-8", "replace").rstrip("\n")
