"""Files already read and checked, kept in their parsed form until they change.

Reading a routine or the config file needs the YAML parser, and importing it takes longer
than all the rest of limber's own start-up (benchmarks/startup.py). A file read before and
unchanged since is taken from the cache folder instead. An entry is used only when the file's
bytes are exactly the ones it was made from, read under the same path by the same reader and
the same limber code; anything else reads the file afresh. A file with problems is never kept,
so its problems are always reported as they stand.

An entry is JSON: data, never code. Reading one builds nothing but limber's own records
(a routine, whose plan is laid out again, or the settings), field by field, each checked for its type; an
entry that differs in any way from what limber writes is ignored and the file read afresh.
The folder is limber's own (0700, see locations.private_folder), and entries are written
beside it and renamed into place, never through a link found there.
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .config import Settings
from .files import read_regular, write_atomically
from .locations import private_folder
from .routine.model import CUE_NAMES, MANUAL, Defaults, Exercise, Repeat, RestStep, Routine
from .routine.plan import Kind, Plan, Segment, compile_plan
from .routine.problems import RoutineError

T = TypeVar("T")
FORMAT = 3  # 1 was pickle, whose reading can run code: its entries are never read, and are removed; 2 kept plans
LARGEST = 64 * 1024 * 1024  # bytes: a reading bigger than this is read afresh each time instead
FILE_LIMIT = 1024 * 1024  # bytes: a longer file goes straight to its reader, which refuses it in its own words


def code_stamp() -> tuple:
    """limber's reading code as it is now: a new version, or an edit in a checkout, retires old entries."""
    here = Path(__file__).parent
    sources = [here / "config.py", *sorted((here / "routine").glob("*.py"))]
    return __version__, FORMAT, tuple((source.name, source.stat().st_mtime_ns) for source in sources)


def entry_for(folder: Path, path: Path) -> Path:
    absolute = os.path.abspath(path)
    return folder / f"{Path(absolute).stem}-{zlib.crc32(os.fsencode(absolute)):08x}.json"


def read_through(path: Path, read: Callable[[Path], T], folder: Path, kind: str | None = None) -> T:
    """`read(path)`, or what it returned the last time when the file and limber's code are unchanged.

    `kind` names what `read` returns ("routine": a routine and its plan; "settings"), and an
    entry of any other kind is ignored; without it, the reader's own name in the key keeps
    one reader from being handed another's entry.
    """
    try:
        text = read_regular(path, FILE_LIMIT).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return read(path)  # missing, not a file, too big, not text: the reader says so in its own words
    try:
        private_folder(folder)
    except OSError:
        return read(path)  # no folder of limber's own to keep readings in: read each time
    # The path as given is part of the key: what was read records it (in messages, as the
    # routine's source), and the same file reached another way must not borrow that.
    key = {
        "code": _as_json(code_stamp()),
        "reader": f"{getattr(read, '__module__', '')}.{getattr(read, '__qualname__', '')}",
        "path": str(path),
        "absolute": os.path.abspath(path),
        "text": text,
    }
    entry = entry_for(folder, path)
    kept = _kept(entry, key, kind)
    if kept is not _NONE:
        return kept
    value = read(path)  # RoutineError passes through, and nothing is kept
    _keep(entry, key, kind, value)
    return value


_NONE: Any = object()


def _kept(entry: Path, key: dict, kind: str | None) -> Any:
    """The value kept in `entry` for `key`, or _NONE when there is none that can be trusted."""
    try:
        if not stat.S_ISREG(os.lstat(entry).st_mode):
            return _NONE  # a link or anything else in the entry's place was not put there by limber
        kept = json.loads(read_regular(entry, LARGEST), parse_constant=_no_constant)
        if type(kept) is not dict or kept.keys() != {"key", "kind", "value"} or kept["key"] != key:
            return _NONE
        if type(kept["kind"]) is not str or kept["kind"] not in KINDS or kind not in (None, kept["kind"]):
            return _NONE
        return KINDS[kept["kind"]].decode(kept["value"])
    except (OSError, ValueError, TypeError, RecursionError):  # none yet, damaged, or not limber's
        return _NONE


def _keep(entry: Path, key: dict, kind: str | None, value: Any) -> None:
    for name, form in KINDS.items():
        if kind in (None, name) and form.fits(value):
            break
    else:
        return  # a value the cache has no form for is simply read each time
    try:
        text = json.dumps({"key": key, "kind": name, "value": form.encode(value)}, allow_nan=False,
                          separators=(",", ":"))
        if len(text) <= LARGEST:
            write_atomically(entry, text.encode("ascii"), sync=False)  # a torn entry only fails its check
        for old in entry.parent.glob("*.pickle"):
            old.unlink(missing_ok=True)
    except (OSError, ValueError, TypeError):
        pass  # a read-only or full cache folder only costs the next start its time


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number limber keeps")


def _as_json(value: Any) -> Any:
    """Tuples as the lists JSON reads them back as, so a key compares equal to its reading."""
    if isinstance(value, (tuple, list)):
        return [_as_json(item) for item in value]
    return value


# -- the forms values take in an entry --------------------------------------------------------
# Each form writes a value as JSON data and reads it back only when every part is exactly of
# the type it should be; anything else raises ValueError (or TypeError) and the entry is ignored.


class _Form:
    def fits(self, value: Any) -> bool:
        try:
            self.encode(value)
        except (ValueError, TypeError):
            return False
        return True

    def encode(self, value: Any) -> Any:
        raise NotImplementedError

    def decode(self, data: Any) -> Any:
        raise NotImplementedError


class _Plain(_Form):
    """A string, a whole number, a number or a flag, as itself."""

    def __init__(self, *types: type):
        self.types = types

    def encode(self, value: Any) -> Any:
        return self.decode(value)

    def decode(self, data: Any) -> Any:
        # `type(...) in`, not isinstance: True is an int to Python, but no count of reps.
        if type(data) not in self.types:
            raise ValueError(f"{type(data).__name__} where {'/'.join(t.__name__ for t in self.types)} belongs")
        if type(data) is float and not math.isfinite(data):
            raise ValueError("a number that is not finite")
        return data


class _Word(_Form):
    def __init__(self, word: str):
        self.word = word

    def encode(self, value: Any) -> Any:
        return self.decode(value)

    def decode(self, data: Any) -> Any:
        if data != self.word or type(data) is not str:
            raise ValueError(f"{data!r} where {self.word!r} belongs")
        return data


class _Maybe(_Form):
    def __init__(self, form: _Form):
        self.form = form

    def encode(self, value: Any) -> Any:
        return None if value is None else self.form.encode(value)

    def decode(self, data: Any) -> Any:
        return None if data is None else self.form.decode(data)


class _AnyOf(_Form):
    def __init__(self, *forms: _Form):
        self.forms = forms

    def encode(self, value: Any) -> Any:
        return self._first("encode", value)

    def decode(self, data: Any) -> Any:
        return self._first("decode", data)

    def _first(self, way: str, value: Any) -> Any:
        for form in self.forms:
            try:
                return getattr(form, way)(value)
            except (ValueError, TypeError):
                continue
        raise ValueError(f"{value!r} fits none of its forms")


class _Tuple(_Form):
    def __init__(self, item: _Form | None = None, *, items: tuple[_Form, ...] = ()):
        self.item, self.items = item, items

    def encode(self, value: Any) -> Any:
        if type(value) is not tuple:
            raise TypeError(f"{type(value).__name__} where a tuple belongs")
        return [form.encode(part) for form, part in self._pairs(value)]

    def decode(self, data: Any) -> Any:
        if type(data) is not list:
            raise TypeError(f"{type(data).__name__} where a list belongs")
        return tuple(form.decode(part) for form, part in self._pairs(data))

    def _pairs(self, parts: Any) -> list[tuple[_Form, Any]]:
        if self.items:
            if len(parts) != len(self.items):
                raise ValueError(f"{len(parts)} parts where {len(self.items)} belong")
            return list(zip(self.items, parts))
        return [(self.item, part) for part in parts]  # type: ignore[misc]


class _PathForm(_Form):
    def encode(self, value: Any) -> Any:
        if not isinstance(value, Path):
            raise TypeError(f"{type(value).__name__} where a path belongs")
        return str(value)

    def decode(self, data: Any) -> Any:
        if type(data) is not str or not data or "\x00" in data:
            raise ValueError("not a path")
        return Path(data)


class _CueFiles(_Form):
    """`sounds:`: a cue's name to its WAV file."""

    def encode(self, value: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"{type(value).__name__} where a mapping belongs")
        return {self._cue(cue): PATH.encode(path) for cue, path in value.items()}

    def decode(self, data: Any) -> Any:
        if type(data) is not dict:
            raise TypeError(f"{type(data).__name__} where a mapping belongs")
        return {self._cue(cue): PATH.decode(path) for cue, path in data.items()}

    def _cue(self, cue: Any) -> str:
        if type(cue) is not str or cue not in CUE_NAMES:
            raise ValueError(f"{cue!r} is no cue")
        return cue


class _SegmentKind(_Form):
    def encode(self, value: Any) -> Any:
        if type(value) is not Kind:
            raise TypeError(f"{type(value).__name__} where a segment kind belongs")
        return value.value

    def decode(self, data: Any) -> Any:
        if type(data) is not str:
            raise TypeError(f"{type(data).__name__} where a segment kind belongs")
        return Kind(data)  # ValueError for a kind limber does not know


class _Record(_Form):
    """A dataclass, every field of it by name: one added or dropped since makes entries unkeepable,
    not wrong (and tests/test_read_cache.py notices, so the form is kept up to date)."""

    def __init__(self, cls: type, **fields: _Form):
        self.cls, self.fields = cls, fields

    def encode(self, value: Any) -> Any:
        if type(value) is not self.cls:
            raise TypeError(f"{type(value).__name__} where {self.cls.__name__} belongs")
        if {f.name for f in dataclasses.fields(self.cls)} != self.fields.keys():
            raise ValueError(f"{self.cls.__name__}'s fields are not the ones the cache knows")
        return {name: form.encode(getattr(value, name)) for name, form in self.fields.items()}

    def decode(self, data: Any) -> Any:
        if type(data) is not dict or data.keys() != self.fields.keys():
            raise ValueError(f"not the fields of a {self.cls.__name__}")
        return self.cls(**{name: form.decode(data[name]) for name, form in self.fields.items()})


class _Step(_Form):
    """One of a routine's steps: `[what it is, its fields]`."""

    def __init__(self) -> None:
        self.records: dict[str, _Record] = {}

    def encode(self, value: Any) -> Any:
        for name, record in self.records.items():
            if type(value) is record.cls:
                return [name, record.encode(value)]
        raise TypeError(f"{type(value).__name__} where a step belongs")

    def decode(self, data: Any) -> Any:
        if type(data) is not list or len(data) != 2 or type(data[0]) is not str or data[0] not in self.records:
            raise ValueError("not a step")
        return self.records[data[0]].decode(data[1])


TEXT, WHOLE, NUMBER, FLAG = _Plain(str), _Plain(int), _Plain(int, float), _Plain(bool)
TEXTS = _Tuple(TEXT)
PATH = _PathForm()
SECONDS = _Maybe(NUMBER)
STEP = _Step()
STEP.records.update(
    exercise=_Record(
        Exercise, name=TEXT, duration=SECONDS, reps=_Maybe(WHOLE), rep_time=_Maybe(_AnyOf(NUMBER, _Word(MANUAL))),
        instructions=TEXT, targets=TEXTS, sides=TEXTS, sets=WHOLE, rest_between_sets=SECONDS,
        rest_after=SECONDS, line=WHOLE, column=WHOLE,
    ),
    rest=_Record(RestStep, seconds=NUMBER, name=TEXT, rest_after=SECONDS, line=WHOLE, column=WHOLE),
    repeat=_Record(
        Repeat, times=WHOLE, steps=_Tuple(STEP), name=TEXT, rest_between=SECONDS, rest_after=SECONDS, line=WHOLE,
        column=WHOLE,
    ),
)
ROUTINE = _Record(
    Routine, name=TEXT, steps=_Tuple(STEP), description=TEXT, notice=TEXT,
    defaults=_Record(Defaults, get_ready=NUMBER, rest=NUMBER, switch_time=NUMBER, rep_time=SECONDS),
    sounds=_CueFiles(), source=_Maybe(PATH),
)
SEGMENT = _Record(
    Segment, kind=_SegmentKind(), name=TEXT, seconds=SECONDS, side=_Maybe(TEXT), set=_Maybe(WHOLE),
    sets=_Maybe(WHOLE), round=_Maybe(WHOLE), rounds=_Maybe(WHOLE), reps=_Maybe(WHOLE), rep_time=SECONDS,
    instructions=TEXT, targets=TEXTS, step=_Maybe(TEXT), generated=FLAG,
)
PLAN = _Record(Plan, name=TEXT, segments=_Tuple(SEGMENT), notice=TEXT, description=TEXT)
SETTINGS = _Record(Settings, volume=WHOLE, voice=FLAG, rep_ticks=FLAG, sounds=_CueFiles(), history=FLAG,
                   weekly_goal=WHOLE, path=_Maybe(PATH))



class _RoutineAndPlan(_Form):
    """A routine with its plan, kept as the routine alone: laying the plan out again takes a
    third of the time that rebuilding it field by field from an entry does (benchmarks/scale.py)."""

    def encode(self, value: Any) -> Any:
        if type(value) is not tuple or len(value) != 2 or type(value[1]) is not Plan:
            raise TypeError("not a routine with its plan")
        return ROUTINE.encode(value[0])

    def decode(self, data: Any) -> Any:
        routine = ROUTINE.decode(data)
        try:
            return routine, compile_plan(routine)
        except RoutineError as error:  # an entry no reading of a file could have made
            raise ValueError(str(error)) from None


# What a reader may return, by the name an entry gives it.
KINDS: dict[str, _Form] = {"routine": _RoutineAndPlan(), "settings": SETTINGS}
