"""Text from routines, files, paths and errors as the screen shows it: literally, in cells, never as markup.

A routine's names and instructions, a file name or an error message are anyone's text. On
screen they are shown exactly as written: `[bold]` stays those seven characters rather than
styling what follows (and `[@click=app.quit]` never becomes an action), and every control
character is shown as an escape (`printable`) so nothing in them can act on the terminal.
Widths are counted in terminal cells, not characters: a Japanese name takes two cells a
character.
"""

from __future__ import annotations

from pathlib import Path

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual.content import Content
from textual.strip import Strip

from ..printable import printable

ELLIPSIS = "…"


def literal(text: str, *, newlines: bool = False) -> Content:
    """`text` to show as it is written: never read as markup, control characters as escapes."""
    return Content(printable(text, newlines=newlines))


def clip(text: str, cells: int) -> str:
    """`text` cut to at most `cells` cells on screen, with `…` where it was cut."""
    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    # set_cell_size pads with a space where a wide character would straddle the cut.
    return set_cell_size(text, cells - 1) + ELLIPSIS


def pad(text: str, cells: int) -> str:
    """`text` with spaces after it to fill `cells` cells: `str.ljust` counted in cells."""
    return text + " " * max(0, cells - cell_len(text))


def tilde(path: Path | str) -> str:
    """`path` to show: under the home folder it starts with `~`, so it is short enough to read."""
    text = str(path)
    try:
        home = str(Path.home())
    except RuntimeError:  # no home folder to be found
        return printable(text)
    if home not in ("", "/") and (text == home or text.startswith(home.rstrip("/") + "/")):
        text = "~" + text[len(home.rstrip("/")):]
    return printable(text)


def clip_left(text: str, cells: int) -> str:
    """`text` cut to at most `cells` cells by dropping its start (`…/routines/x.yaml`): the end
    of a path says most."""
    if cell_len(text) <= cells:
        return text
    if cells <= 0:
        return ""
    kept = text
    while kept and cell_len(kept) > cells - 1:
        kept = kept[1:]
    return ELLIPSIS + kept


def join_fitting(parts: list[str], width: int) -> str:
    """`parts` joined by " · ", starting a new line where the next would not fit in `width`."""
    lines: list[str] = []
    for part in parts:
        if lines and cell_len(lines[-1]) + 3 + cell_len(part) <= width:
            lines[-1] += " · " + part
        else:
            lines.append(part)
    return "\n".join(lines)


# What drawing drops: control characters take no cell (rich measures them as 0 wide), so
# leaving them out keeps every other character where the widget measured it.
_UNDRAWABLE = {code: None for code in (*range(0x00, 0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                                       *range(0x2066, 0x206A))}


def drawable(strip: Strip) -> Strip:
    """A rendered line with any control character left out, for widgets that draw text they
    were given as it is (the code editor shows a file's own bytes and cannot escape them)."""
    segments = list(strip)
    if all(segment.text.isprintable() for segment in segments):
        return strip
    return Strip([Segment(segment.text.translate(_UNDRAWABLE), segment.style, segment.control)
                  for segment in segments], strip.cell_length)


def failure(doing: str, path: Path | str, error: OSError) -> str:
    """An OSError in words to show: what could not be done to which file, and why; and where
    it failed when that was a folder on the way to it ("Could not save x.yaml: Not a directory (/a/b)")."""
    reason = error.strerror or str(error)
    culprit = error.filename
    reason = reason.removeprefix(f"{culprit or path}: ")  # limber's own errors start with the path
    where = ""
    if culprit is not None and Path(str(culprit)) != Path(path):
        try:
            on_the_way = Path(path).is_relative_to(str(culprit))
        except (TypeError, ValueError):
            on_the_way = False
        if on_the_way:
            where = f" ({culprit})"
            if isinstance(error, FileExistsError):
                # Making the folders on the way met a file where a folder should be.
                reason = "Not a directory"
    return f"{doing} {path}: {reason}{where}"
