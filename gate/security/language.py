"""Which language runs a changed file: its name, else its ``#!`` line, else its executable bit.

semgrep picks a file's language by its extension alone, from a shorter list than
the languages' own (``.pyw``, ``.mts``, ``.zsh`` are not on it; osemgrep leaves
out ``.min.js`` and ``.d.ts`` without a word) and never reads a ``#!`` line
behind an extension (a Python script named ``deploy.v2``). The gate decides the
language itself and gives semgrep a name it reads that way: the file's own
name when semgrep agrees, else the name with the language's extension added.

The tables are data: ``gate/data/security/languages.toml``.

A file whose ``#!`` line names a program the gate does not know is reported,
never skipped: see :attr:`Language.unknown`.
"""

from __future__ import annotations

import re
import shlex
import sys
from dataclasses import dataclass
from importlib import resources
from pathlib import PurePosixPath

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_TABLE = tomllib.loads(
    (resources.files("gate") / "data" / "security" / "languages.toml").read_text(encoding="utf-8")
)
_SUFFIX: dict[str, str] = _TABLE["suffix"]
_SEMGREP: dict[str, str] = _TABLE["semgrep"]
_EXTENSIONS: dict[str, str] = _TABLE["extensions"]
_NAMES: dict[str, str] = _TABLE["names"]
_INTERPRETERS = tuple((re.compile(p), lang) for p, lang in _TABLE["interpreters"].items())
_SEMGREP_SKIPS = tuple(_TABLE["known"]["semgrep_skips"])
_OTHER_KNOWN = frozenset(_TABLE["known"]["extensions"])
_LAUNCHERS = frozenset(_TABLE["known"]["launchers"])
_RUNNERS = frozenset(_TABLE["known"]["runners"])
# env's options that take a value as the next word.
_ENV_VALUE_OPTIONS = frozenset({"-u", "--unset", "-C", "--chdir", "-P"})
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")


@dataclass(frozen=True)
class Language:
    """A file's language (``""`` when none), the suffix semgrep needs appended, and doubts.

    ``unknown`` says why the file looks like a program although its language is
    not known (``None`` when it does not, or its language is known). ``guessed``:
    the language is what would run the file if it were run (the shell, for an
    executable file with no ``#!`` line), though it may well be data.
    """

    name: str
    suffix: str = ""
    unknown: str | None = None
    guessed: bool = False


def detect(path: str, content: bytes, *, executable: bool = False) -> Language:
    """The language that runs ``path``: by its name, its ``#!`` line or its executable bit."""
    name = PurePosixPath(path).name
    suffix = PurePosixPath(path).suffix
    by_name = _NAMES.get(name) or _EXTENSIONS.get(suffix) or _SEMGREP.get(suffix)
    if by_name:
        return _named(name, by_name)
    if suffix in _OTHER_KNOWN:
        return Language("other")
    line = _shebang_line(content)
    if line is not None:
        return _by_shebang(name, line)
    if executable:
        # An executed file with no #! line runs as a shell script (execve fails with
        # ENOEXEC and the shell reads it), but many such files are documents that
        # merely have the bit set (AUTHORS.rst): scanned as shell, never "not analysed".
        return Language("bash", ".sh", guessed=True)
    return Language("")


def _by_shebang(name: str, line: bytes) -> Language:
    words = shebang(line)
    language = interpreter_language(words)
    if language is None:
        program = " ".join(words[:3])
        return Language("", unknown=f"its #! line runs {program!r}, which the gate does not know")
    return _named(name, language) if language else Language("other")


def shebang(line: bytes) -> list[str]:
    """The words of a ``#!`` line (without ``#!``), split as the kernel and env split them."""
    text = line.decode("utf-8", "replace").strip()
    program, _, rest = text.partition(" ") if " " in text else text.partition("\t")
    return [program, *_split(rest)]


def interpreter_language(words: list[str]) -> str | None:
    """The language the ``#!`` words run: a name, ``""`` for a known one no rule reads, or None."""
    while words:
        program = words[0].rsplit("/", 1)[-1]
        args = words[1:]
        if program == "env":
            words = _after_env_options(args)
        elif program in ("uv", "pipx"):
            return "python" if "run" in args else None
        elif program == "nix-shell":
            words = args[args.index("-i") + 1 :] if "-i" in args else []
        elif program in _LAUNCHERS:
            words = [a for a in args if not a.startswith("-")]
        elif program in _RUNNERS:
            rest = args[args.index("run") + 1 :] if "run" in args else args
            words = [a for a in rest if not a.startswith("-")]
        else:
            return next((lang for p, lang in _INTERPRETERS if p.fullmatch(program)), None)
    return None


def _named(name: str, language: str) -> Language:
    """``language``, with the suffix semgrep needs unless the name already says it."""
    if not name.endswith(_SEMGREP_SKIPS) and _SEMGREP.get(PurePosixPath(name).suffix) == language:
        return Language(language)
    return Language(language, _SUFFIX[language])


def _shebang_line(content: bytes) -> bytes | None:
    if not content.startswith(b"#!"):
        return None
    return content[2:].split(b"\n", 1)[0].rstrip(b"\r")


def _split(rest: str) -> list[str]:
    try:
        return shlex.split(rest)
    except ValueError:  # an unclosed quote: env -S would refuse it; keep the words anyway
        return rest.split()


def _after_env_options(args: list[str]) -> list[str]:
    """env's arguments after its options and NAME=VALUE assignments: the command."""
    words = list(args)
    while words:
        word = words[0]
        if word.startswith(("-S", "--split-string")):
            inline = word.partition("=")[2] if word.startswith("--") else word[2:]
            words = _split(inline) + words[1:]
        elif word in _ENV_VALUE_OPTIONS:
            words = words[2:]
        elif word.startswith("-") or _ASSIGNMENT.match(word):
            words = words[1:]
        else:
            break
    return words
