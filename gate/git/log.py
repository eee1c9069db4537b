"""What commits say about themselves: their messages, and the notes attached to them."""

from __future__ import annotations

from gate.git.process import Repository

# One record per commit of ``git log -z``: sha, parents, author name and email,
# committer name and email, raw message (last: it is the only free text).
LOG_FIELDS = ("sha", "parents", "author_name", "author_email", "committer_name", "committer_email")
LOG_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B"


class Log(Repository):
    """Commit messages and notes, read in one process each for a whole range."""

    def log_messages(self, head: str, exclude: str) -> bytes:
        """``head ^exclude`` in one ``git log -z``: per commit, NUL-separated fields
        (see :data:`LOG_FIELDS`) ending with the raw message, re-encoded to UTF-8.

        Signatures are not shown (``log.showSignature`` would mix gpg output into
        stdout); a NUL inside a crafted message cuts the message there (git's own
        behaviour), it never shifts the fields.
        """
        return self.run(
            "log", "-z", "--no-show-signature", "--encoding=UTF-8", f"--format={LOG_FORMAT}",
            "--end-of-options", head, f"^{exclude}", "--",
        )  # fmt: skip

    def notes_list(self, ref: str) -> bytes:
        """``<note blob> <annotated object>`` lines of notes ref ``ref`` (empty when absent).

        ``--ref`` wins over ``core.notesRef`` and ``GIT_NOTES_REF``, so the default
        ``refs/notes/commits`` is never read in its place.
        """
        return self.run("notes", f"--ref={ref}", "list")
