"""Reading a routine file into YAML nodes that keep their line marks.

Nodes, not Python values: the validator needs each scalar's own text (so `1:30`
is ninety seconds, not YAML 1.1's base-60 integer) and its position for errors.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from ..files import FileTooLarge, NotARegularFile, read_regular
from .problems import Problem, RoutineError

MAX_FILE_BYTES = 1024 * 1024

# The C loader composes a large routine about five times faster; PyYAML wheels ship it.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(path: Path) -> str:
    """The file's text, or a RoutineError that says plainly why it cannot be read.

    Only a regular file (or a link to one) is read, and no more than the cap: `/dev/zero` would
    fill memory, and a FIFO would wait for a writer that never comes.
    """
    name = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except FileNotFoundError:
        raise RoutineError([Problem(name, 0, 0, "no such file")]) from None
    except IsADirectoryError:
        raise RoutineError([Problem(name, 0, 0, "is a folder, not a routine file")]) from None
    except NotARegularFile:
        raise RoutineError([Problem(name, 0, 0, not_a_regular_file(path))]) from None
    except FileTooLarge:
        message = f"file is {_size(path)} bytes; routine files are limited to 1 MiB"
        raise RoutineError([Problem(name, 0, 0, message)]) from None
    except PermissionError:
        raise RoutineError([Problem(name, 0, 0, "permission denied")]) from None
    except OSError as error:
        raise RoutineError([Problem(name, 0, 0, error.strerror or str(error))]) from None
    return decode(data, name)


def not_a_regular_file(path: Path) -> str:
    """What `path` is, for a message, when it is not a file that can be read."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "not a regular file"
    for test, what in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return f"not a regular file ({what})"
    return "not a regular file"


def _size(path: Path) -> str:
    try:
        return f"{os.stat(path).st_size:,}"
    except OSError:
        return f"more than {MAX_FILE_BYTES:,}"


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_FILE_BYTES:
        raise RoutineError([Problem(name, 0, 0, f"file is {len(data):,} bytes; routine files are limited to 1 MiB")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(data[: error.start].decode("utf-8", "replace"))
        raise RoutineError(
            [Problem(name, line, column, f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8")]
        ) from None
    if "\x00" in text:
        line, column = _position(text[: text.index("\x00")])
        raise RoutineError([Problem(name, line, column, "binary data (a NUL byte): this is not a routine file")])
    return text


def _position(before: str) -> tuple[int, int]:
    lines = before.split("\n")
    return len(lines), len(lines[-1]) + 1


def compose(text: str, name: str) -> yaml.Node:
    """The document's root node; YAML syntax errors become a Problem where the reading stopped."""
    if not text.strip() or _only_comments(text):
        raise RoutineError([Problem(name, 1, 1, "the file is empty: a routine needs at least `name` and `steps`")])
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise RoutineError([_syntax_problem(error, name, text)]) from None
    except yaml.reader.ReaderError:
        raise RoutineError([_reader_problem(text, name)]) from None
    except yaml.YAMLError as error:
        raise RoutineError([Problem(name, 1, 1, f"YAML error: {error}")]) from None
    except RecursionError:
        raise RoutineError([Problem(name, 1, 1, "the YAML nests too deeply to read")]) from None
    if node is None:
        raise RoutineError([Problem(name, 1, 1, "the file is empty: a routine needs at least `name` and `steps`")])
    return node


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


# What YAML refuses to read anywhere in a file (YAML 1.1's printable set, newlines and tab apart).
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _reader_problem(text: str, name: str) -> Problem:
    """A character YAML will not read: the reader's error has no line mark (and the C and
    Python loaders count its position differently), so find the character in the text."""
    from ..printable import describe_character

    found = _NOT_YAML.search(text)
    if found is None:
        return Problem(name, 1, 1, "YAML cannot read this file's characters")
    line, column = _position(text[: found.start()])
    return Problem(name, line, column, f"a control character, {describe_character(found.group())}, "
                                       "that YAML does not allow in a file: remove it")


def _syntax_problem(error: yaml.MarkedYAMLError, name: str, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (error.problem or "YAML syntax error").strip()
    at_tab = mark is not None and text[mark.index: mark.index + 1] == "\t"
    # The C and pure-Python loaders word these differently; say each one plainly.
    if at_tab or "'\\t'" in problem or "tab character" in problem:
        problem = "a tab character: YAML indents with spaces only"
        error.context = None
    elif "undefined alias" in problem:
        alias = re.match(r"\*([^\s,\[\]{}]+)", text[mark.index:]) if mark else None
        problem = (f"*{alias[1]} names no anchor (&{alias[1]}) defined before it" if alias
                   else "an alias names no anchor defined before it")
    message = f"YAML syntax: {problem}"
    if error.context and error.context_mark and error.context_mark is not mark:
        message += f" ({error.context} at line {error.context_mark.line + 1})"
    return Problem(name, line, column, message)
