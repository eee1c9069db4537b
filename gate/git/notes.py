"""Notes on one commit under a ref of the gate's own: read, written, merged, pushed."""

from __future__ import annotations

from gate.errors import GitError
from gate.git.process import Repository, first_line
from gate.text import visible


class Notes(Repository):
    """One commit's note under a named notes ref (``refs/notes/...``), never the default ref.

    ``--ref`` wins over ``core.notesRef`` and ``GIT_NOTES_REF``, so
    ``refs/notes/commits`` is never read or written in its place.
    """

    def note(self, ref: str, commit: str) -> bytes | None:
        """The note ``ref`` holds on ``commit``, byte for byte; None when there is none."""
        proc = self.call("notes", f"--ref={ref}", "list", commit)
        if proc.returncode == 1:  # no note on that commit, or no such notes ref yet
            return None
        if proc.returncode != 0:
            raise GitError(f"git notes --ref={visible(ref)} list failed: {first_line(proc)}")
        (blob,) = proc.stdout.decode("ascii").split()
        return self.run("cat-file", "blob", blob)

    def set_note(self, ref: str, commit: str, content: bytes) -> None:
        """Make ``content`` the note of ``commit`` under ``ref``, byte for byte.

        Through a blob (``-C``): ``notes add -m`` would clean the text up
        (``stripspace``), and a signature is over exact bytes.
        """
        blob = self.run("hash-object", "-w", "--stdin", stdin=content).decode("ascii").strip()
        self.run("notes", f"--ref={ref}", "add", "--force", "-C", blob, commit)

    def merge_notes(self, ref: str, other: str) -> None:
        """Merge notes ref ``other`` into ``ref``; a commit both annotated keeps both texts."""
        self.run("notes", f"--ref={ref}", "merge", "--quiet", "--strategy=union", other)
