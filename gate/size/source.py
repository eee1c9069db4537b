"""Source files that git calls binary: one NUL byte hides every line from the diff.

git's test (a NUL in the first 8,000 bytes) says nothing of what the file is: a
C file with a NUL in a comment still compiles, a script with one still runs. A
changed file whose name says source code, or whose first line is a ``#!``, is
counted by its lines whatever git calls it, and reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

# Languages a reviewer reads and a machine runs or builds (markup and data are not here).
SUFFIXES = frozenset(
    (
        *(".py", ".pyi", ".pyw", ".pyx", ".pxd", ".ipynb"),
        *(".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx", ".vue", ".svelte"),
        *(".c", ".h", ".cc", ".cpp", ".cxx", ".c++", ".hh", ".hpp", ".hxx", ".m", ".mm"),
        *(".cs", ".fs", ".vb", ".java", ".kt", ".kts", ".scala", ".groovy", ".gradle"),
        *(".go", ".rs", ".swift", ".dart", ".zig", ".nim", ".d", ".v"),
        *(".rb", ".php", ".pl", ".pm", ".lua", ".r", ".jl", ".ex", ".exs", ".erl", ".hrl"),
        *(".clj", ".cljs", ".hs", ".ml", ".mli", ".elm", ".sql", ".tf", ".hcl"),
        *(".sh", ".bash", ".zsh", ".ksh", ".fish", ".ps1", ".psm1", ".bat", ".cmd"),
    )
)


@dataclass(frozen=True)
class BinarySource:
    """A changed file git calls binary that is source code by its name or its ``#!`` line.

    ``nul`` is the offset of the first NUL byte; ``text`` says the rest of it is
    UTF-8 text (the NUL hides source code, rather than the file being data).
    """

    path: str
    why: str
    nul: int
    text: bool


def source_reason(path: str, data: bytes) -> str | None:
    """Why ``path`` holding ``data`` is source code (its extension, its ``#!``), or None."""
    suffix = PurePosixPath(path).suffix.lower()
    if suffix in SUFFIXES:
        return f"a {suffix} file"
    if data.startswith(b"#!"):
        return "a script (#! line)"
    return None


def inspect(path: str, data: bytes) -> BinarySource | None:
    """The finding-to-be for a binary blob at ``path``; None when it is not source code."""
    why = source_reason(path, data)
    if why is None:
        return None
    try:
        data.replace(b"\0", b"").decode("utf-8")
        text = True
    except UnicodeDecodeError:
        text = False
    return BinarySource(path, why, data.find(b"\0"), text)
