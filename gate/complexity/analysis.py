"""One blob's bytes to its functions' complexity: decode, parse once, let radon count.

This runs in worker processes, so it never raises for a bad file: every way a
file can defeat the analysis (undecodable bytes, a syntax error, Python 2, a NUL
byte, nesting deep enough for RecursionError, MemoryError) becomes an
:class:`~gate.complexity.model.Unanalysable` for that file alone.
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import tokenize
from collections.abc import Iterable, Sequence
from typing import TypeAlias

from radon.metrics import h_visit_ast, mi_compute
from radon.raw import analyze
from radon.visitors import Class, ComplexityVisitor
from radon.visitors import Function as RadonFunction

from gate.blob import is_lfs_pointer
from gate.complexity.model import Analysis, Function, Metrics, Unanalysable
from gate.complexity.stack import RECURSION_LIMIT, deep

# The line ends Python's tokenizer knows; str.splitlines also splits on \f, \x1c, \u2028...
_LINE_END = re.compile(r"\r\n|\r|\n")
_DEF = (ast.FunctionDef, ast.AsyncFunctionDef)
_TRIVIAL = re.compile(r"[\W_]*\w*[\W_]*")
_Def: TypeAlias = "ast.FunctionDef | ast.AsyncFunctionDef"
# Statements that hold statements, and the fields that hold them (ExceptHandler and
# match_case are not statements but carry a body). TryStar is Python 3.11+.
_COMPOUND = tuple(
    getattr(ast, name)
    for name in (
        *("If", "For", "AsyncFor", "While", "With", "AsyncWith", "Try", "TryStar", "Match"),
        *("ExceptHandler", "match_case"),
    )
    if hasattr(ast, name)
)
_BLOCKS = ("body", "orelse", "finalbody", "handlers", "cases")


def analyse(data: bytes, *, with_mi: bool = False) -> Analysis:
    """The functions of one Python file (and its maintainability index when ``with_mi``).

    A file too deep for the default recursion limit is retried once on a deep
    stack (:mod:`gate.complexity.stack`): generated tables are valid code.
    """

    def run() -> Analysis:
        return _analyse(data, with_mi)

    try:
        try:
            return run()
        except RecursionError:
            return deep(run)
    except RecursionError:
        return Unanalysable(
            f"nested too deeply for the analyser, even {RECURSION_LIMIT:,} frames deep "
            "(RecursionError)",
            cacheable=False,
        )
    except MemoryError:
        return Unanalysable("out of memory while analysing (MemoryError)", cacheable=False)


def decode(data: bytes) -> str | Unanalysable:
    """Source text as Python reads it: a BOM or a coding cookie names the encoding (PEP 263)."""
    if is_lfs_pointer(data):
        return Unanalysable("a Git LFS pointer, not the file's content (run git lfs pull)")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError as exc:  # an unknown encoding, or a cookie that contradicts the BOM
        return Unanalysable(f"cannot decode: {exc.msg}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        return Unanalysable(f"not valid {encoding}: {exc.reason} at byte {exc.start}")
    except LookupError:  # a codec that is not a text encoding (rot13, hex): Python refuses it
        return Unanalysable(f"cannot decode: {encoding} is not a text encoding")


def _analyse(data: bytes, with_mi: bool) -> Analysis:
    text = decode(data)
    if isinstance(text, Unanalysable):
        return text
    try:
        tree = ast.parse(text)
    except SyntaxError as exc:  # also IndentationError, TabError, and NUL bytes from 3.12
        return Unanalysable(f"syntax error: {exc.msg}", line=exc.lineno)
    except ValueError as exc:  # pragma: no cover - Python 3.10 raises this for NUL bytes
        return Unanalysable(f"syntax error: {exc}")
    visitor = ComplexityVisitor.from_ast(tree)
    known = _radon_complexity(visitor.blocks)
    lines = _LINE_END.split(text)
    functions = []
    for qualname, node in _defs(tree.body, "", {}, []):
        cc = known.get((node.lineno, node.col_offset))
        if cc is None:  # radon drops classes defined inside functions; measure them alike
            cc = ComplexityVisitor.from_ast(node).functions[0].complexity
        start = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        end = node.end_lineno or node.lineno
        digest = _digest(lines[start - 1 : end])
        body = _body(lines[node.body[0].lineno - 1 : end])
        functions.append(Function(qualname, node.lineno, start, end, cc, digest, body))
    mi = _maintainability(text, tree, visitor.total_complexity) if with_mi else None
    if isinstance(mi, Unanalysable):
        return mi
    return Metrics(tuple(functions), mi)


def _radon_complexity(blocks: Iterable[RadonFunction | Class]) -> dict[tuple[int, int], int]:
    """Complexity of every function radon found, closures and methods of inner classes too."""
    found: dict[tuple[int, int], int] = {}
    stack = list(blocks)
    while stack:
        block = stack.pop()
        if isinstance(block, Class):
            stack.extend(block.methods)
            stack.extend(block.inner_classes)
        else:
            found[(block.lineno, block.col_offset)] = block.complexity
            stack.extend(block.closures)
    return found


def _defs(
    body: Iterable[ast.AST], prefix: str, seen: dict[str, int], out: list[tuple[str, _Def]]
) -> list[tuple[str, _Def]]:
    """Every def under ``body`` with its qualified name, in source order, appended to ``out``.

    Only statement lists are walked (defs are statements), never expressions,
    which keeps this a small fraction of the parse.
    """
    for node in body:
        if isinstance(node, _DEF):
            name = _unique(prefix + node.name, seen)
            out.append((name, node))
            _defs(node.body, name + ".", seen, out)
        elif isinstance(node, ast.ClassDef):
            _defs(node.body, _unique(prefix + node.name, seen) + ".", seen, out)
        elif isinstance(node, _COMPOUND):
            for block in _BLOCKS:
                _defs(getattr(node, block, ()), prefix, seen, out)
    return out


def _unique(name: str, seen: dict[str, int]) -> str:
    count = seen[name] = seen.get(name, 0) + 1
    return name if count == 1 else f"{name}#{count}"


def _digest(lines: Sequence[str]) -> str:
    """A hash of the lines with their common indentation and blank lines removed.

    A function moved to another file, or from a class to the module, hashes the
    same as long as its text is the same.
    """
    indent = len(lines[0]) - len(lines[0].lstrip())
    digest = hashlib.blake2b(digest_size=12)
    for line in lines:
        text = (line[indent:] if not line[:indent].strip() else line.lstrip()).rstrip()
        if text:
            digest.update(text.encode("utf-8", "surrogatepass") + b"\n")
    return digest.hexdigest()


def _body(lines: Sequence[str]) -> tuple[int, ...]:
    """Distinct 32-bit hashes of the stripped lines, leaving out the ones with at most one
    word (``else:``, ``pass``, ``)``): they are in every function and identify none."""
    found = set()
    for line in lines:
        text = line.strip()
        if not _TRIVIAL.fullmatch(text):
            hashed = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=4)
            found.add(int.from_bytes(hashed.digest(), "big"))
    return tuple(sorted(found))


def _maintainability(text: str, tree: ast.Module, complexity: int) -> float | Unanalysable:
    """radon's maintainability index (as ``radon mi`` computes it), from the tree parsed once."""
    try:
        raw = analyze(text)
    except (SyntaxError, tokenize.TokenError) as exc:
        return Unanalysable(f"maintainability index: the tokenizer failed: {exc}")
    comments = (raw.comments + raw.multi) / raw.sloc * 100 if raw.sloc else 0.0
    volume = h_visit_ast(tree).total.volume
    return round(float(mi_compute(volume, complexity, raw.lloc, comments)), 2)
