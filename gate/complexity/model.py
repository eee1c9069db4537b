"""What analysing one blob yields: its functions with their complexity, or why it could not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias


@dataclass(frozen=True)
class Function:
    """One function or method of a file, as radon measures it.

    ``qualname`` is dotted through classes and enclosing functions (``Outer.Inner.method``,
    ``outer.inner``); a name defined again in the same scope gets ``#2``, ``#3`` in
    order of appearance (property setters, ``if``/``else`` variants). ``start``..``end``
    spans the decorators to the last line; ``line`` is the ``def`` line. ``digest``
    identifies the whitespace-normalised source text, to recognise a moved function;
    ``body`` the distinct hashes of its body's lines (stripped, the trivial ones left out),
    to recognise one renamed while it grew (:mod:`gate.complexity.similarity`).
    """

    qualname: str
    line: int
    start: int
    end: int
    cc: int
    digest: str
    body: tuple[int, ...] = ()


@dataclass(frozen=True)
class Metrics:
    """An analysable file: its functions in source order, its maintainability index if asked."""

    functions: tuple[Function, ...]
    mi: float | None = None


@dataclass(frozen=True)
class Unanalysable:
    """A file that could not be analysed, and why (one line, for people).

    ``line`` is where the parser stopped, when it says. ``cacheable`` is False for
    outcomes that depend on the machine rather than the blob (recursion depth,
    memory, size limits, a blob missing from this clone).
    """

    reason: str
    line: int | None = None
    cacheable: bool = True


Analysis: TypeAlias = Metrics | Unanalysable
