"""Files already read and checked, kept in their parsed form until they change.

Reading a routine or the config file needs the YAML parser, and importing it takes longer
than all the rest of limber's own start-up (benchmarks/startup.py). A file read before and
unchanged since is taken from the cache folder instead. An entry is used only when the file's
bytes are exactly the ones it was made from, read under the same path by the same limber
code; anything else reads the file afresh. A file with problems is never kept, so its
problems are always reported as they stand.
"""

from __future__ import annotations

import os
import pickle
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from . import __version__
from .files import write_atomically

T = TypeVar("T")
FORMAT = 1
LARGEST = 64 * 1024 * 1024  # bytes: a reading bigger than this is read afresh each time instead


def code_stamp() -> tuple:
    """limber's reading code as it is now: a new version, or an edit in a checkout, retires old entries."""
    here = Path(__file__).parent
    sources = [here / "config.py", *sorted((here / "routine").glob("*.py"))]
    return __version__, FORMAT, tuple((source.name, source.stat().st_mtime_ns) for source in sources)


def entry_for(folder: Path, path: Path) -> Path:
    absolute = os.path.abspath(path)
    return folder / f"{Path(absolute).stem}-{zlib.crc32(os.fsencode(absolute)):08x}.pickle"


def read_through(path: Path, read: Callable[[Path], T], folder: Path) -> T:
    """`read(path)`, or what it returned the last time when the file and limber's code are unchanged."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return read(path)  # missing or unreadable: the reader says so in its own words
    # The path as given is part of the key: what was read records it (in messages, as the
    # routine's source), and the same file reached another way must not borrow that.
    key = (code_stamp(), str(path), os.path.abspath(path), data)
    entry = entry_for(folder, path)
    try:
        with open(entry, "rb") as kept:
            kept_key, value = pickle.load(kept)
        if kept_key == key:
            return value
    except Exception:  # none yet, damaged, or written by a limber whose classes have changed
        pass
    value = read(path)  # RoutineError passes through, and nothing is kept
    try:
        reading = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
        if len(reading) <= LARGEST:
            write_atomically(entry, reading, sync=False)  # a torn entry only fails its check
    except (OSError, pickle.PicklingError):
        pass  # a read-only or full cache folder only costs the next start its time
    return value
