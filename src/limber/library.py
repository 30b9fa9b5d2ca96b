"""Where routines live and how a name finds one: the bundled ones and the person's own."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

from .record import record
from .files import read_regular, write_atomically
from .locations import cache_dir, config_dir  # here too, where other code has long found them
from .routine import Plan, Routine, RoutineError, compile_plan

ROUTINE_SUFFIXES = (".yaml", ".yml")


def _packaged(folder: str) -> Path | None:
    # In a wheel the top-level folders are shipped inside the package; in a source
    # checkout (editable install, tests) they sit at the top of the repo.
    # (Plain paths rather than importlib.resources: the files are opened by path anyway, and
    # that import costs start-up time.)
    here = Path(__file__).resolve().parent
    inside = here / folder
    if inside.is_dir():
        return inside
    checkout = here.parents[1] / folder
    return checkout if checkout.is_dir() else None


@cache
def bundled_routines_dir() -> Path | None:
    return _packaged("routines")


@cache
def bundled_sounds_dir() -> Path | None:
    return _packaged("sounds")


def user_routines_dir() -> Path:
    return config_dir() / "routines"


@record
class Entry:
    """A routine file the library knows of, by its stem."""

    stem: str
    path: Path
    bundled: bool
    shadowed: bool = False  # a bundled routine the person has their own copy of

    @property
    def where(self) -> str:
        if self.bundled:
            return "bundled (your copy is used)" if self.shadowed else "bundled"
        return str(self.path)


def _files_in(folder: Path | None) -> list[Path]:
    # Everything named like a routine but a folder: a FIFO, a device or a broken link is listed
    # too, and reading it says what is wrong, rather than the routine vanishing without a word.
    # (Only names and `stat` here: opening a FIFO would wait for a writer.)
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in ROUTINE_SUFFIXES and not p.is_dir())


def entries() -> list[Entry]:
    """Every routine: the bundled ones, then the person's own (whose copy of a bundled one is used)."""
    own = _files_in(user_routines_dir())
    own_stems = {path.stem for path in own}
    bundled = [Entry(p.stem, p, bundled=True, shadowed=p.stem in own_stems) for p in _files_in(bundled_routines_dir())]
    return bundled + [Entry(p.stem, p, bundled=False) for p in own]


def playable_entries() -> list[Entry]:
    """What a name can find: the person's copy stands in for a bundled routine of the same stem."""
    return [e for e in entries() if not e.shadowed]


class LookupProblem(Exception):
    """A name that finds no routine, or more than one."""


class NameTaken(FileExistsError):
    """A new routine's file exists already: nothing was written over it."""


class CouldNotWrite(OSError):
    """A file limber meant to write could not be: said with the file meant, not a temporary one."""

    def __init__(self, path: Path, error: OSError):
        super().__init__(error.errno, error.strerror or str(error), str(path))
        self.reason = os_reason(error)

    def __str__(self) -> str:
        from .printable import printable

        return f"could not write {printable(str(self.filename))}: {self.reason}"


def os_reason(error: OSError) -> str:
    """What went wrong, as words for the middle of a line: "permission denied"."""
    reason = error.strerror or str(error)
    return reason[:1].lower() + reason[1:]


def slug(name: str) -> str:
    """A file stem from a routine's name: "Lunch stretch" -> "lunch-stretch"."""
    cleaned = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return cleaned or "routine"


def schema_file() -> Path:
    """The JSON Schema beside the person's routines, written fresh so it matches this limber."""
    from .routine.schema import schema_text

    path = config_dir() / "routine.schema.json"
    text = schema_text().encode("utf-8")
    try:
        current = read_regular(path, len(text))
    except OSError:
        current = None  # missing, longer, or not a file at all: written afresh in its place
    if current != text:
        write_atomically(path, text)
    return path


def schema_line(routine_path: Path) -> str | None:
    """The first line that tells editors (yaml-language-server) where the schema is; None when
    the schema cannot be written (a read-only or full config folder): the routine goes without."""
    try:
        schema = schema_file()
    except OSError:
        return None
    try:
        where = os.path.relpath(schema, routine_path.resolve().parent)
    except ValueError:  # another drive on Windows
        where = str(schema)
    return f"# yaml-language-server: $schema={where}"


TEMPLATE = """\
{schema_line}# A limber routine. The whole format: limber's docs/routine-format.md; check it with
# `limber validate {file_name}`, see the plan with `limber plan {stem}`.
name: {name}
description: A few minutes away from the keyboard.
notice: Move gently and stop if anything hurts.

defaults:
  get_ready: 10s      # countdown before the first step
  rest: 10s           # rest between steps
  switch_time: 5s     # pause between the sides of a step

steps:
  - name: Neck rolls
    reps: 5
    rep_time: 6s                          # 5 slow circles each way, hands-free
    sides: [clockwise, counter-clockwise]
    instructions: |
      Sit tall and let your shoulders drop.
      Roll your head slowly round in a full circle.

  - name: Posterior shoulder stretch
    duration: 30s                         # a hold: 30s, 1m, 1:30
    sides: [left, right]
    instructions: Bring one arm across your chest and draw the elbow in with the other hand.

  - name: Push-ups
    reps: 10                              # no rep_time: waits until you press Enter
"""


def new_routine(name: str | None, *, source: Path | None = None, out: Path | None = None) -> Path:
    """Write a new routine (from the template, or a copy of `source`) and return its path."""
    if name is None and source is None:
        raise LookupProblem("give the new routine a name, or --from a routine to copy")
    stem = slug(name) if name else source.stem  # type: ignore[union-attr]
    path = out if out is not None else user_routines_dir() / f"{stem}.yaml"
    if path.exists():
        raise NameTaken(f"{path} already exists; edit it with `limber edit {path}`")
    if source is None:
        text = TEMPLATE.format(schema_line=_first_line(schema_line(path)), file_name=path.name, stem=path.stem,
                               name=_yaml_text(name or "My routine"))
    else:
        text = retarget(routine_text(source), path, name)
    try:
        write_atomically(path, text)
    except OSError as error:
        raise CouldNotWrite(path, error) from None
    return path


def _first_line(line: str | None) -> str:
    return f"{line}\n" if line else ""


def retarget(text: str, path: Path, name: str | None = None) -> str:
    """A routine's text for a copy at `path`: the schema line pointed at the person's schema, maybe a new name."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("# yaml-language-server:"):
        lines = lines[1:]
    text = _first_line(schema_line(path)) + "".join(lines)
    if name is not None:
        text, count = re.subn(r"(?m)^name:.*$", f"name: {_yaml_text(name)}", text, count=1)
        if count == 0:
            text = text.replace("\n", f"\nname: {_yaml_text(name)}\n", 1)
    return text


def _yaml_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as the same text."""
    import json

    plain = re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.'()-]*", value) and value.lower() not in (
        "yes", "no", "on", "off", "true", "false", "null", "y", "n")
    return value if plain else json.dumps(value, ensure_ascii=False)


def is_bundled(path: Path) -> bool:
    folder = bundled_routines_dir()
    return folder is not None and path.resolve().parent == folder.resolve()


def own_copy(path: Path) -> Path:
    """The person's editable copy of a routine: itself, or for a bundled one a copy in their folder."""
    if not is_bundled(path):
        return path
    copy = user_routines_dir() / path.name
    if not copy.exists():
        text = retarget(routine_text(path), copy)
        try:
            write_atomically(copy, text)
        except OSError as error:
            raise CouldNotWrite(copy, error) from None
    return copy


def routine_text(path: Path) -> str:
    """A routine file's text, to copy; LookupProblem says why it cannot be read (a FIFO, a
    device, too big, not UTF-8), read the same capped way as a routine to play."""
    from .routine.loader import read_text

    try:
        return read_text(path)
    except RoutineError as error:
        raise LookupProblem(str(error)) from None


class FileWatch:
    """Says when a file has changed on disk since it was last asked (by size and modification time)."""

    def __init__(self, path: Path):
        self.path = path
        self._seen = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()  # `stat` only, never opened: a FIFO cannot hold it up
        except OSError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def changed(self) -> bool:
        stamp = self._stamp()
        if stamp == self._seen or stamp is None:  # a file mid-save may vanish for a moment
            return False
        self._seen = stamp
        return True


class FolderWatch:
    """Says when the routines in the person's folder have been added to, removed or changed."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._seen = self._stamp()

    def _stamp(self) -> tuple:
        try:
            return tuple((p.name, *_file_stamp(p)) for p in _files_in(self.folder))
        except OSError:
            return ()

    def changed(self) -> bool:
        stamp = self._stamp()
        if stamp == self._seen:
            return False
        self._seen = stamp
        return True


def _file_stamp(path: Path) -> tuple[int, int]:
    # A broken link is seen by its own stamp, so one in the folder does not blind the watch to the rest.
    try:
        found = path.stat()
    except OSError:
        found = path.lstat()
    return found.st_mtime_ns, found.st_size


def find(name: str) -> Path:
    """A routine's file from a path, a stem (`desk-back-stretches`) or a unique prefix (`desk`)."""
    candidate = Path(name).expanduser()
    looks_like_path = os.sep in name or candidate.suffix in ROUTINE_SUFFIXES or name.startswith(".")
    if candidate.exists() or looks_like_path:
        return candidate
    known = playable_entries()
    for entry in known:
        # The file's own name, or the title as the home screen shows it ("Lunch stretch"),
        # which `limber new` made the file's name from.
        if entry.stem in (name, slug(name)):
            return entry.path
    matches = [e for e in known if e.stem.startswith(name)]
    if len(matches) == 1:
        return matches[0].path
    if matches:
        listing = ", ".join(e.stem for e in matches)
        raise LookupProblem(f"{name!r} could be any of: {listing}")
    names = ", ".join(e.stem for e in known) or "none"
    raise LookupProblem(f"no routine called {name!r} (known: {names}); give a file path or a name from `limber list`")


def load(path: Path) -> tuple[Routine, Plan]:
    """Read and check the routine at `path` now, and lay out its plan; RoutineError lists its problems."""
    from .routine.validate import load_routine

    routine = load_routine(path)
    return routine, compile_plan(routine, path=str(path))


def load_kept(path: Path) -> tuple[Routine, Plan]:
    """As `load`, but a routine read before and unchanged since comes from the read cache
    (no YAML parser to import): for starting to play, where every millisecond shows."""
    from .read_cache import read_through

    return read_through(path, load, cache_dir() / "read", kind="routine")


__all__ = [
    "CouldNotWrite", "Entry", "LookupProblem", "NameTaken", "RoutineError", "bundled_routines_dir",
    "bundled_sounds_dir",
    "cache_dir", "config_dir", "entries", "find", "is_bundled", "load", "load_kept", "new_routine", "own_copy",
    "playable_entries", "routine_text", "schema_file", "slug", "user_routines_dir",
]
