"""Which findings a change introduces: finding identity without line numbers (pure).

A finding's identity is its rule, its file's lineage (the base path, which a
renamed file keeps), the matched source text with whitespace collapsed, and its
occurrence index among findings equal in all three. Line numbers are not part of
it, so code that moved inside a file, or with its renamed file, is not new.

Matching is done twice. First within a lineage; then, for what is left, across
files: a finding whose base copy disappeared from another changed file, with the
same rule, text and context (its whole lines and the non-blank line before
them), is "moved", not new: code moved from ``a.py`` to ``b.py`` without git
seeing a rename. The context keeps "fix ``eval(data)`` here, write
``eval(data)`` there" from passing as a move; what still passes is a block of
code moved with its surroundings, which is the same code in another place.
Neither pass can hide an addition: a key's head count above its base count
always comes out as new (or as a suppression added).

``# nosemgrep`` comments: a head finding the change suppressed (unsuppressed or
absent at base) is a "suppression added", never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Occurrence:
    """One finding on one side. ``added``: on a line the change added (head side only)."""

    rule: str
    path: str
    lineage: str
    text: str
    line: int
    offset: int
    severity: str
    message: str
    context: str = ""
    suppressed: bool = False
    added: bool = False
    index: int = 0


@dataclass(frozen=True)
class Pair:
    """A head finding matched to a base finding: the same one, not new."""

    head: Occurrence
    base: Occurrence


@dataclass(frozen=True)
class Comparison:
    """The change's effect: new, fixed and moved findings, and the suppressions it added."""

    new: tuple[Occurrence, ...] = ()
    fixed: tuple[Occurrence, ...] = ()
    moved: tuple[Pair, ...] = ()
    suppressed: tuple[Occurrence, ...] = ()


def normalise(source: bytes) -> str:
    """Matched source text with every run of whitespace collapsed to one space."""
    return " ".join(source.decode("utf-8", "surrogateescape").split())


def context(source: bytes, start: int, end: int) -> str:
    """The whole lines of ``source[start:end]`` and the non-blank line before them, normalised."""
    first = source.rfind(b"\n", 0, start) + 1
    last = source.find(b"\n", end)
    before = source[:first].rstrip()
    previous = before[before.rfind(b"\n") + 1 :]
    return normalise(previous + b"\n" + source[first : len(source) if last < 0 else last])


def numbered(occurrences: Iterable[Occurrence]) -> tuple[Occurrence, ...]:
    """Give each occurrence its index among those with the same rule, lineage and text."""
    seen: dict[tuple[str, str, str], int] = {}
    result = []
    for occ in sorted(occurrences, key=lambda o: (o.lineage, o.offset, o.rule)):
        key = (occ.rule, occ.lineage, occ.text)
        result.append(replace(occ, index=seen.get(key, 0)))
        seen[key] = seen.get(key, 0) + 1
    return tuple(result)


def compare(base: Sequence[Occurrence], head: Sequence[Occurrence]) -> Comparison:
    """Match head findings to base findings, within a lineage first, then across files."""
    kept, head_left, base_left = _pair(head, base, lambda o: (o.rule, o.lineage, o.text))
    moved, head_left, base_left = _pair(head_left, base_left, lambda o: (o.rule, o.text, o.context))
    suppressed = [p.head for p in (*kept, *moved) if p.head.suppressed and not p.base.suppressed]
    suppressed += [o for o in head_left if o.suppressed]
    return Comparison(
        new=tuple(o for o in head_left if not o.suppressed),
        fixed=tuple(o for o in base_left if not o.suppressed),
        moved=tuple(moved),
        suppressed=tuple(suppressed),
    )


def _pair(
    head: Sequence[Occurrence],
    base: Sequence[Occurrence],
    key: Callable[[Occurrence], Hashable],
) -> tuple[list[Pair], list[Occurrence], list[Occurrence]]:
    """Pair equal-keyed findings; return the pairs and what is left on each side.

    Within a key, suppressed findings pair with suppressed ones and live with
    live ones first, so a suppression counts as added only where the base had
    fewer. Head findings on lines the change added are paired last: when a key
    gains an occurrence, the one reported new is the one the change wrote.
    """
    groups: dict[Hashable, tuple[list[Occurrence], list[Occurrence]]] = {}
    for occ in sorted(head, key=lambda o: (o.added, o.path, o.offset)):
        groups.setdefault(key(occ), ([], []))[0].append(occ)
    for occ in sorted(base, key=lambda o: (o.path, o.offset)):
        groups.setdefault(key(occ), ([], []))[1].append(occ)
    pairs: list[Pair] = []
    head_left: list[Occurrence] = []
    base_left: list[Occurrence] = []
    for heads, bases in groups.values():
        h_sup, h_live = _split(heads)
        b_sup, b_live = _split(bases)
        for h, b in ((h_sup, b_sup), (h_live, b_live), (h_live, b_sup), (h_sup, b_live)):
            n = min(len(h), len(b))
            pairs += [Pair(x, y) for x, y in zip(h[:n], b[:n], strict=True)]
            del h[:n], b[:n]
        head_left += h_sup + h_live
        base_left += b_sup + b_live
    return pairs, head_left, base_left


def _split(items: list[Occurrence]) -> tuple[list[Occurrence], list[Occurrence]]:
    return [o for o in items if o.suppressed], [o for o in items if not o.suppressed]
