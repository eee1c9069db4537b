"""What Python reads from a file's bytes, which is not always what semgrep reads.

CPython decodes a source file by its PEP 263 coding cookie (``utf-7`` turns
``+AGUAdgBhAGw-`` into ``eval``), ends a line at a lone CR as at LF, and
NFKC-normalises identifiers (PEP 3131: fullwidth ``eval`` is ``eval``). semgrep does
none of these, so a change could write code that runs and that no rule sees.
The security check scans the text Python reads instead, as UTF-8, and maps each
finding back to the line of the file that holds it (git's lines: LF only).
"""

from __future__ import annotations

import bisect
import codecs
import io
import re
import tokenize
import unicodedata
from dataclasses import dataclass

# A run of characters CPython's tokenizer reads as one name (any non-ASCII character may be).
_NAME = re.compile(r"[A-Za-z_\u0080-\U0010ffff][A-Za-z0-9_\u0080-\U0010ffff]*")
_UTF8 = ("utf-8", "utf-8-sig")
_LONE_CR = re.compile(rb"\r(?!\n)")


@dataclass(frozen=True)
class Reading:
    """The text to scan, and for each of its lines the file's line it starts on.

    ``lines`` is empty when the text is the file's bytes unchanged.
    """

    text: bytes
    lines: tuple[int, ...] = ()

    def line(self, scanned: int) -> int:
        """The file's line (1-based) for line ``scanned`` of :attr:`text`."""
        return self.lines[scanned - 1] if self.lines else scanned


def python(content: bytes) -> Reading:
    """The text CPython compiles from ``content``; the bytes themselves when they agree."""
    encoding = _encoding(content)
    if encoding is None:
        return Reading(content)  # CPython refuses the file: nothing of it runs
    if encoding in _UTF8:
        if not _LONE_CR.search(content) and (content.isascii() or not _renames(content)):
            return Reading(content)
        chars = content.decode("utf-8", "surrogateescape")
        starts = _utf8_starts(chars)
    else:
        try:
            chars, starts = _decode(content, encoding)
        except UnicodeDecodeError:
            return Reading(content)  # CPython refuses it too
    chars, starts = _normalised(chars, starts)
    text = chars.encode("utf-8", "surrogateescape")
    if text == content:
        return Reading(content)
    return Reading(text, _line_starts(content, chars, starts))


def _encoding(content: bytes) -> str | None:
    """The PEP 263 encoding CPython uses (lone CRs end lines there too), None if it refuses."""
    lines = iter(io.BytesIO(_lone_cr(content)).readline, b"")
    try:
        name, read = tokenize.detect_encoding(lambda: next(lines, b""))
        info = codecs.lookup(name)
        # A codec that is no text encoding (rot13), or that cannot read its own
        # cookie line (UTF-16, EBCDIC): what CPython makes of it does not compile.
        cookie = read[-1] if read and name not in _UTF8 else b""
        ascii_compatible = cookie.decode(name) == cookie.decode("latin-1")
    except (SyntaxError, LookupError, UnicodeDecodeError):
        return None
    return name if info._is_text_encoding and ascii_compatible else None


def _lone_cr(data: bytes) -> bytes:
    return _LONE_CR.sub(b"\n", data)


def _renames(content: bytes) -> bool:
    """True when NFKC changes a name: the cheap test, before any character is mapped."""
    return any(
        not unicodedata.is_normalized("NFKC", name) and name.isidentifier()
        for name in _NAME.findall(content.decode("utf-8", "surrogateescape"))
        if not name.isascii()
    )


def _utf8_starts(chars: str) -> list[int]:
    starts = []
    offset = 0
    for ch in chars:
        starts.append(offset)
        offset += 1 if "\udc80" <= ch <= "\udcff" else len(ch.encode("utf-8", "surrogatepass"))
    return starts


def _decode(content: bytes, encoding: str) -> tuple[str, list[int]]:
    """Decode byte by byte, so each character knows the byte it came from."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    chars: list[str] = []
    starts: list[int] = []
    for offset in range(len(content)):
        out = decoder.decode(content[offset : offset + 1])
        chars.append(out)
        starts += [offset] * len(out)
    tail = decoder.decode(b"", final=True)
    chars.append(tail)
    starts += [len(content)] * len(tail)
    return "".join(chars), starts


def _normalised(chars: str, starts: list[int]) -> tuple[str, list[int]]:
    """Lone CRs as LF; names NFKC-normalised, as CPython's tokenizer and parser read them."""
    chars = re.sub(r"\r(?!\n)", "\n", chars)
    if chars.isascii():
        return chars, starts
    out: list[str] = []
    out_starts: list[int] = []
    done = 0
    for match in _NAME.finditer(chars):
        name = match.group()
        normal = unicodedata.normalize("NFKC", name)
        if normal == name or not name.isidentifier():
            continue
        out.append(chars[done : match.start()])
        out_starts += starts[done : match.start()]
        out.append(normal)
        out_starts += [starts[match.start()]] * len(normal)
        done = match.end()
    out.append(chars[done:])
    out_starts += starts[done:]
    return "".join(out), out_starts


def _line_starts(content: bytes, chars: str, starts: list[int]) -> tuple[int, ...]:
    """For each line of ``chars``, the line of ``content`` its first character is on."""
    newlines = [m.start() for m in re.finditer(b"\n", content)]
    firsts = [0] + [i + 1 for i, ch in enumerate(chars) if ch == "\n"]
    return tuple(
        bisect.bisect_left(newlines, starts[i] if i < len(starts) else len(content)) + 1
        for i in firsts
    )
