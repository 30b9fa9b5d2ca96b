"""Text from files and paths made safe to show: no control character ever reaches the terminal.

A routine, a config file or a file name is the person's (or anyone's) text. An escape
sequence in it could leave the alternate screen, wipe it, set the window title or write to
the clipboard; a right-to-left override could make a line read as something it is not.
Everything limber prints or draws that came from outside passes through `printable`.
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls, DEL, C1 controls (0x9b is a one-byte CSI on some terminals), and the
# bidirectional overrides and isolates that reorder what is displayed.
# The JSON Schema's text patterns are built from the same characters (routine/schema.py).
UNSAFE_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
# Lone surrogates too: a file name that is not UTF-8 reaches Python with each stray byte as
# U+DC80..U+DCFF, which cannot be written to a UTF-8 terminal at all. (Text read from a
# file never holds one, so the schema need not know them.)
_UNSAFE = UNSAFE_CHARACTERS + "\ud800-\udfff"


@cache
def _unsafe(also: str) -> re.Pattern[str]:
    """Compiled when first needed: most text is printable and never needs one (start-up)."""
    return re.compile(f"[{_UNSAFE}{also}]")


_NAMES = {"\x1b": "ESC", "\x07": "BEL", "\x08": "BS", "\x7f": "DEL", "\x9b": "CSI", "\r": "CR", "\x00": "NUL"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\t":
        return " "
    if char == "\n":
        return " "
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"  # the byte the file name holds
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, newlines: bool = False) -> str:
    """`text` with every control character shown as an escape (`\\x1b`), tabs as spaces;
    newlines are kept only when asked for (multi-line instructions), else become spaces."""
    if text.isprintable() and "\t" not in text:
        return text  # the common case, checked at C speed
    return _unsafe("\t" if newlines else "\t\n").sub(_escape, text)


def unsafe_character(text: str, *, newlines: bool = True) -> str | None:
    """The first character in `text` that could act on a terminal (for a located problem), or None.
    Tabs are allowed; newlines are allowed unless `newlines` is False."""
    if text.isprintable():
        return None
    match = _unsafe("").search(text) if newlines else _unsafe("\t\n").search(text.replace("\t", " "))
    return match.group() if match else None


def describe_character(char: str) -> str:
    """A control character named for a message: "U+001B (ESC)"."""
    name = _NAMES.get(char)
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def cells(text: str) -> int:
    """How many terminal cells `text` takes: wide characters (Japanese, most emoji) take two,
    combining marks and zero-width characters none. For lining up columns of names."""
    if text.isascii():
        return len(text)
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def pad(text: str, width: int) -> str:
    """`text` followed by spaces to fill `width` cells (str.ljust counts characters, not cells)."""
    return text + " " * max(0, width - cells(text))
