"""The note on a head commit: one block per signature, a statement followed by its SSH armor.

Anyone who can push can write notes, the change's author included, so the
parser takes any bytes: what is not a block is counted as unreadable, never
raised. Blocks are kept byte for byte: a signature is over exact bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

TITLE = b"merge-gate certification/"  # a statement's first line starts so, in every version
BEGIN = b"-----BEGIN SSH SIGNATURE-----\n"
END = b"-----END SSH SIGNATURE-----\n"


@dataclass(frozen=True)
class Block:
    """One reviewer's signature: the statement's bytes and the armored ``SSHSIG``."""

    statement: bytes
    armor: bytes

    def text(self) -> bytes:
        """The block as it is stored in the note."""
        return self.statement + self.armor


@dataclass(frozen=True)
class Parsed:
    """A note's blocks (in order, each once) and how many stretches of it were not blocks."""

    blocks: tuple[Block, ...]
    unreadable: int


def parse(note: bytes) -> Parsed:
    """Every block of ``note``; duplicates (a union merge repeats them) are kept once."""
    blocks: list[Block] = []
    unreadable = 0
    # A final line without its newline (a hand-edited note) still closes its block.
    rest = note if note.endswith(b"\n") else note + b"\n"
    while rest.strip():
        end = rest.find(END)
        chunk, rest = (rest, b"") if end < 0 else (rest[: end + len(END)], rest[end + len(END) :])
        chunk = chunk.lstrip(b"\n")
        begin = chunk.rfind(BEGIN)
        if end < 0 or begin <= 0 or chunk[begin - 1 : begin] != b"\n":
            unreadable += 1
            continue
        # Text written in front of a statement (by anyone) is cut off, not taken as part of it.
        start = chunk.rfind(b"\n" + TITLE, 0, begin) + 1
        unreadable += bool(chunk[:start].strip())
        block = Block(chunk[start:begin], chunk[begin:])
        if block not in blocks:
            blocks.append(block)
    return Parsed(tuple(blocks), unreadable)
