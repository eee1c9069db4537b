from __future__ import annotations

import pytest

from gate.certification.note import Block, Parsed, parse

ARMOR = b"-----BEGIN SSH SIGNATURE-----\nU1NI\n-----END SSH SIGNATURE-----\n"
ONE = b"merge-gate certification/1\nrepository a/b\n"
TWO = b"merge-gate certification/1\nrepository c/d\n"

NOTES = [
    pytest.param(b"", Parsed((), 0), id="empty"),
    pytest.param(b"\n\n", Parsed((), 0), id="blank"),
    pytest.param(ONE + ARMOR, Parsed((Block(ONE, ARMOR),), 0), id="one"),
    pytest.param(ONE + ARMOR.rstrip(b"\n"), Parsed((Block(ONE, ARMOR),), 0), id="no-newline"),
    pytest.param(
        ONE + ARMOR + b"\n" + TWO + ARMOR,
        Parsed((Block(ONE, ARMOR), Block(TWO, ARMOR)), 0),
        id="two",
    ),
    pytest.param(
        ONE + ARMOR + b"\n" + ONE + ARMOR, Parsed((Block(ONE, ARMOR),), 0), id="duplicate"
    ),
    pytest.param(b"LGTM\n" + ONE + ARMOR, Parsed((Block(ONE, ARMOR),), 1), id="text-in-front"),
    pytest.param(ONE + ARMOR + b"trailing\n", Parsed((Block(ONE, ARMOR),), 1), id="text-after"),
    pytest.param(ARMOR, Parsed((), 1), id="armor-alone"),
    pytest.param(ONE + b"x" + ARMOR, Parsed((), 1), id="begin-mid-line"),
    pytest.param(b"x\n" + ARMOR, Parsed((Block(b"x\n", ARMOR),), 0), id="not-a-statement"),
]


@pytest.mark.parametrize(("text", "parsed"), NOTES)
def test_a_note_is_read_block_by_block(text: bytes, parsed: Parsed) -> None:
    assert parse(text) == parsed


def test_a_block_is_stored_as_its_bytes() -> None:
    assert Block(ONE, ARMOR).text() == ONE + ARMOR
