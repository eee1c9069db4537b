"""Showing untrusted text (paths, commit messages, author names) safely.

Reports must keep every character visible: a control character, an ANSI escape
or a right-to-left override in a file name is shown as an escape sequence, never
deleted (deleting hides what the author did) and never passed through (it
would drive the terminal or break XML).
"""

from __future__ import annotations

import re

# C0 and C1 controls, DEL, lone surrogates (bytes that were not UTF-8, kept by
# surrogateescape), line and paragraph separators, the non-characters XML 1.0
# forbids, and every format character (Unicode category Cf, as of Unicode 15):
# all invisible, and some steer the text around them (bidi overrides, isolates
# and marks, U+061C among them; zero-width and joiner characters, the soft
# hyphen, the BOM, and the tag characters that can carry invisible ASCII).
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2"
    "\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff"
    "\ufeff\ufff9-\ufffb\ufffe\uffff\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a raw byte kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def visible(text: str) -> str:
    """Return ``text`` with every unsafe character replaced by a visible escape."""
    return _UNSAFE.sub(_escape, text)


def decode_path(raw: bytes) -> str:
    """Decode a path from git: non-UTF-8 bytes survive as surrogates (round-trippable)."""
    return raw.decode("utf-8", "surrogateescape")


def encode_path(path: str) -> bytes:
    """The exact bytes of a path decoded by :func:`decode_path`."""
    return path.encode("utf-8", "surrogateescape")


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 file``, ``2 files`` (``many`` for irregular plurals)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


_BACKSLASH = ord("\\")
_OCTAL = b"01234567"
_ESCAPES = {
    ord("a"): 7,
    ord("b"): 8,
    ord("t"): 9,
    ord("n"): 10,
    ord("v"): 11,
    ord("f"): 12,
    ord("r"): 13,
    ord('"'): 34,
    ord("\\"): 92,
}


def unquote(raw: bytes) -> bytes:
    """A path as git prints it: C-quoted (``"a\\tb\\303\\251"``) when it has to be."""
    if not (len(raw) >= 2 and raw.startswith(b'"') and raw.endswith(b'"')):
        return raw
    body, out, i = raw[1:-1], bytearray(), 0
    while i < len(body):
        byte = body[i]
        if byte == _BACKSLASH and i + 1 < len(body):
            digits = body[i + 1 : i + 4]
            if len(digits) == 3 and all(d in _OCTAL for d in digits):
                out.append(int(digits, 8) & 0xFF)
                i += 4
                continue
            out.append(_ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
            continue
        out.append(byte)
        i += 1
    return bytes(out)
