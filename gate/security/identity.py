"""Which findings a change introduces: finding identity without line numbers (pure).

A finding's identity is its rule, its file's lineage (the base path, which a
renamed file keeps), the matched source text with whitespace collapsed, and its
occurrence index among findings equal in all three. Line numbers are not part of
it, so code that moved inside a file, or with its renamed file, is not new.

Matching is done in three passes, and the first and last compare a finding's
context too: the non-blank line before it and its scope, the chain of lines
that open the blocks around it (each the nearest line above with less
indentation: ``def handler(request):``, ``if user:``). First within a lineage:
code that moved up or down with its surroundings is the same finding, but
removing ``eval(data)`` from a dead helper and writing it into a request
handler of the same file is a new one. Then, within a lineage again, a finding
on a line the change did not touch, matched to one on a base line the change
did not remove, is the same whatever changed around it (a line inserted above
it, its function renamed): neither line is the change's. Last, for what is
left, across files: a finding whose base copy disappeared from another changed
file, with the same rule, text, context (its whole lines and the non-blank line
before them) and scope, is "moved", not new: code moved from ``a.py`` to
``b.py`` without git seeing a rename. The context keeps "fix ``eval(data)``
here, write ``eval(data)`` there" from passing as a move; what still passes is
a block of code moved with its surroundings, which is the same code in another
place. No pass can hide an addition: a key's head count above its base count
always comes out as new (or as a suppression added).

``# nosemgrep`` comments: a head finding the change suppressed (unsuppressed or
absent at base) is a "suppression added", never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Occurrence:
    """One finding on one side.

    ``added``: on a line the change added (head side); ``removed``: on a line the
    change removed (base side). ``before`` and ``scope``: see :func:`before`, :func:`scope`.
    """

    rule: str
    path: str
    lineage: str
    text: str
    line: int
    offset: int
    severity: str
    message: str
    context: str = ""
    before: str = ""
    scope: str = ""
    suppressed: bool = False
    added: bool = False
    removed: bool = False
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


def before(source: bytes, start: int) -> str:
    """The non-blank line before the one ``source[start]`` is on, normalised ("" if none)."""
    first = source.rfind(b"\n", 0, start) + 1
    above = source[:first].rstrip()
    return normalise(above[above.rfind(b"\n") + 1 :])


def scope(source: bytes, start: int) -> str:
    """The lines that open the blocks around ``source[start]``'s line, outermost first.

    Each is the nearest non-blank line above with less indentation than the last;
    comment lines are skipped (a comment's indentation opens nothing).
    """
    end = source.rfind(b"\n", 0, start)
    width = _indent(source[end + 1 : start])
    openers: list[bytes] = []
    while width > 0 and end > 0:
        first = source.rfind(b"\n", 0, end) + 1
        line = source[first:end]
        end = first - 1
        code = line.strip()
        if not code or code.startswith((b"#", b"//")):
            continue
        indent = _indent(line)
        if indent < width:
            openers.append(code)
            width = indent
    return " | ".join(normalise(line) for line in reversed(openers))


def _indent(line: bytes) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


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
    kept, head_left, base_left = _pair(
        head, base, lambda o: (o.rule, o.lineage, o.text, o.before, o.scope)
    )
    stayed, head_left, base_left = _pair_untouched(head_left, base_left)
    moved, head_left, base_left = _pair(
        head_left, base_left, lambda o: (o.rule, o.text, o.context, o.scope)
    )
    kept += stayed
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


def _pair_untouched(
    head: Sequence[Occurrence], base: Sequence[Occurrence]
) -> tuple[list[Pair], list[Occurrence], list[Occurrence]]:
    """Pair findings on lines neither side's diff touched, by rule, lineage and text."""
    pairs, head_left, base_left = _pair(
        [o for o in head if not o.added],
        [o for o in base if not o.removed],
        lambda o: (o.rule, o.lineage, o.text),
    )
    return (
        pairs,
        head_left + [o for o in head if o.added],
        base_left + [o for o in base if o.removed],
    )


def _split(items: list[Occurrence]) -> tuple[list[Occurrence], list[Occurrence]]:
    return [o for o in items if o.suppressed], [o for o in items if not o.suppressed]
