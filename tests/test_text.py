"""Untrusted text shown safely: every unsafe character escaped visibly, paths round-tripped."""

from __future__ import annotations

import pytest

from gate.text import decode_path, encode_path, plural, visible


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        pytest.param("src/app.py", "src/app.py", id="plain"),
        pytest.param("café ☕.py", "café ☕.py", id="printable-unicode-kept"),
        pytest.param("a\nb\rc\td", "a\\nb\\rc\\td", id="named-controls"),
        pytest.param("\x1b[31mred", "\\x1b[31mred", id="ansi-escape"),
        pytest.param("\x00\x7f\x85", "\\x00\\x7f\\x85", id="nul-del-c1"),
        pytest.param("evil\u202egnp.py", "evil\\u202egnp.py", id="bidi-override"),
        pytest.param("a\u200bb\ufeff", "a\\u200bb\\ufeff", id="zero-width-and-bom"),
        pytest.param("x\u2028y", "x\\u2028y", id="line-separator"),
        pytest.param("\uffff", "\\uffff", id="xml-non-character"),
        pytest.param(decode_path(b"caf\xe9.py"), "caf\\xe9.py", id="raw-byte-as-hex"),
    ],
)
def test_visible_escapes_and_never_deletes(text: str, shown: str) -> None:
    assert visible(text) == shown


def test_visible_output_is_safe_to_print_and_encode() -> None:
    every = "".join(chr(c) for c in range(0x3000)) + decode_path(bytes(range(0x80, 0x100)))
    shown = visible(every)
    shown.encode("utf-8")  # a lone surrogate left behind would raise here
    assert not any(c in shown for c in "\x00\x1b\n\r\u202e\u2066\ufeff")
    assert visible(shown) == shown  # escapes are themselves safe text


def test_paths_round_trip_through_undecodable_bytes() -> None:
    raw = b"dir/caf\xe9 \xff\xfe.py"
    assert encode_path(decode_path(raw)) == raw


@pytest.mark.parametrize(
    ("count", "word", "many", "text"),
    [
        pytest.param(1, "file", None, "1 file", id="one"),
        pytest.param(0, "file", None, "0 files", id="zero"),
        pytest.param(2, "commit", None, "2 commits", id="many"),
        pytest.param(3, "child", "children", "3 children", id="irregular"),
    ],
)
def test_plural(count: int, word: str, many: str | None, text: str) -> None:
    assert plural(count, word, many) == text
