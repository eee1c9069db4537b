"""Files semgrep parsed only partly: when that is a warning, and when the file is not analysed.

semgrep's parsers skip what they do not understand and analyse the rest
(``PartialParsing``): valid bash arithmetic like ``$((10#$n))`` is enough. A
finding hidden in the skipped lines would go unseen, so a skipped range is
acceptable only when the change cannot have put code there: the range holds no
line the change adds, and the base version has the same skipped lines (the same
construct, failing the same way on both sides). Then the file was analysed as
far as it can be on either side, and a warning names the lines not analysed.
Otherwise (a new file, an added line in the range, a range the base parses) the
file is not analysed, which blocks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from gate.change import LineRange
from gate.security.scan import Unparsed
from gate.security.tree import Target


@dataclass(frozen=True)
class Partly:
    """A head file analysed except for ``lines``, which the change did not touch."""

    path: str
    lines: tuple[tuple[int, int], ...]
    reason: str

    def described(self) -> str:
        """The lines not analysed, as people read them: ``4, 7-9``."""
        return describe(self.lines)


@dataclass(frozen=True)
class Verdicts:
    """Per file: analysed but for untouched lines (``partly``), or not analysed (``blocking``)."""

    partly: tuple[Partly, ...]
    blocking: Mapping[str, str]  # head tree path -> why it is not analysed
    base: Mapping[str, str]  # base tree path -> its skipped lines, unless the head skips them alike


def describe(lines: Sequence[tuple[int, int]]) -> str:
    """``[(4, 4), (7, 9)]`` as ``4, 7-9``."""
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in lines)


def judge(
    head: Sequence[tuple[Target, Unparsed]],
    base: Sequence[tuple[Target, Unparsed]],
    added: Mapping[str, Sequence[LineRange]],
    lineages: Collection[str],
) -> Verdicts:
    """Decide each partly parsed head file against the change and the base version (pure).

    ``head`` and ``base`` are the partly parsed targets of each side; ``lineages``
    those of every base target (a head file without one is new, or a copy).
    """
    base_by_lineage = {t.source.lineage: (t, u) for t, u in base}
    partly: list[Partly] = []
    blocking: dict[str, str] = {}
    excused: set[str] = set()
    for target, unparsed in head:
        path = target.source.path
        where = f"semgrep could not parse lines {describe(unparsed.lines)} ({unparsed.reason})"
        touched = [
            (a, b)
            for a, b in unparsed.lines
            if any(r.start <= b and a < r.start + r.count for r in added.get(path, ()))
        ]
        before = base_by_lineage.get(target.source.lineage)
        if touched:
            blocking[target.tree_path] = f"{where}, and the change adds lines there"
        elif target.source.lineage not in lineages:  # a copy: new code, though none is "added"
            blocking[target.tree_path] = f"{where}, in a file new to this change"
        elif before is None or not _same(target, unparsed, *before):
            blocking[target.tree_path] = f"{where}, which its base version parses"
        else:
            partly.append(Partly(path, unparsed.lines, unparsed.reason))
            excused.add(before[0].tree_path)
    base_problems = {
        t.tree_path: f"semgrep could not parse lines {describe(u.lines)} ({u.reason})"
        for t, u in base
        if t.tree_path not in excused
    }
    return Verdicts(tuple(partly), blocking, base_problems)


def _same(head: Target, unparsed: Unparsed, base: Target, base_unparsed: Unparsed) -> bool:
    """Whether every range head skips has its text among the ranges the base skips."""
    before = Counter(_texts(base, base_unparsed))
    after = Counter(_texts(head, unparsed))
    return not after - before


def _texts(target: Target, unparsed: Unparsed) -> list[bytes]:
    lines = target.text.split(b"\n")
    return [b" ".join(b"\n".join(lines[a - 1 : b]).split()) for a, b in unparsed.lines]
