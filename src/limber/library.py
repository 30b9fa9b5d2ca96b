"""Where routines live and how a name finds one: the bundled ones and the person's own."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import platformdirs

from .routine import Plan, Routine, RoutineError, compile_plan, load_routine

APP_NAME = "limber"
ROUTINE_SUFFIXES = (".yaml", ".yml")


def _packaged(folder: str) -> Path | None:
    # In a wheel the top-level folders are shipped inside the package; in a source
    # checkout (editable install, tests) they sit at the top of the repo.
    try:
        inside = Path(str(resources.files("limber") / folder))
    except (ModuleNotFoundError, TypeError):
        inside = None
    if inside is not None and inside.is_dir():
        return inside
    checkout = Path(__file__).resolve().parents[2] / folder
    return checkout if checkout.is_dir() else None


@lru_cache(maxsize=None)
def bundled_routines_dir() -> Path | None:
    return _packaged("routines")


@lru_cache(maxsize=None)
def bundled_sounds_dir() -> Path | None:
    return _packaged("sounds")


def config_dir() -> Path:
    """The person's folder: `~/.config/limber` on Linux (LIMBER_CONFIG_DIR overrides it, for tests)."""
    override = os.environ.get("LIMBER_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    override = os.environ.get("LIMBER_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def user_routines_dir() -> Path:
    return config_dir() / "routines"


@dataclass(frozen=True)
class Entry:
    """A routine file the library knows of, by its stem."""

    stem: str
    path: Path
    bundled: bool

    @property
    def where(self) -> str:
        return "bundled" if self.bundled else str(self.path.parent)


def _files_in(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in ROUTINE_SUFFIXES and p.is_file())


def entries() -> list[Entry]:
    """Every routine by stem; the person's own copy of a bundled routine stands in its place."""
    found: dict[str, Entry] = {}
    for path in _files_in(bundled_routines_dir()):
        found[path.stem] = Entry(path.stem, path, bundled=True)
    for path in _files_in(user_routines_dir()):
        found[path.stem] = Entry(path.stem, path, bundled=False)
    return sorted(found.values(), key=lambda e: (not e.bundled, e.stem))


class LookupProblem(Exception):
    """A name that finds no routine, or more than one."""


def find(name: str) -> Path:
    """A routine's file from a path, a stem (`desk-back-stretches`) or a unique prefix (`desk`)."""
    candidate = Path(name).expanduser()
    looks_like_path = os.sep in name or candidate.suffix in ROUTINE_SUFFIXES or name.startswith(".")
    if candidate.exists() or looks_like_path:
        return candidate
    known = entries()
    for entry in known:
        if entry.stem == name:
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
    routine = load_routine(path)
    return routine, compile_plan(routine, path=str(path))


__all__ = [
    "Entry", "LookupProblem", "RoutineError", "bundled_routines_dir", "bundled_sounds_dir",
    "cache_dir", "config_dir", "entries", "find", "load", "user_routines_dir",
]
