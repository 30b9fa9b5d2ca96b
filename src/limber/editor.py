"""Editing a routine in the person's own editor: open it, check it when the editor closes, and ask
what to do about problems (edit again, keep it anyway, or restore the previous version)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

from . import library
from .files import write_atomically
from .routine import RoutineError, format_duration

FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi")
QUESTION = "What now? [e]dit again, [k]eep it anyway, [r]estore the previous version (e/k/r) "


class NoEditor(Exception):
    pass


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else the first common editor installed (notepad on Windows)."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return shlex.split(value)
    if sys.platform == "win32":
        return ["notepad"]
    for name in FALLBACK_EDITORS:
        path = shutil.which(name)
        if path:
            return [path]
    raise NoEditor("no editor found: set $EDITOR (for example `export EDITOR=nano`)")


def run_editor(path: Path) -> int:
    try:
        return subprocess.call([*editor_command(), str(path)])
    except FileNotFoundError as error:
        raise NoEditor(f"could not start the editor: {error}") from None


def edit(
    name_or_path: Path,
    *,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    warn: Callable[[str], None] = lambda text: print(text, file=sys.stderr),
) -> int:
    """The whole loop; returns the exit code: 0 for a good routine (or one restored), 1 if kept broken."""
    target = library.own_copy(name_or_path)
    if target != name_or_path:
        say(f"{name_or_path.stem} is bundled; editing your own copy: {target}")
    before = target.read_text(encoding="utf-8")
    while True:
        status = run_editor(target)
        if status != 0:
            warn(f"the editor exited with status {status}")
        try:
            routine, plan = library.load(target)
        except RoutineError as error:
            for problem in error.problems:
                warn(str(problem))
        else:
            say(f"{target}: ok ({routine.name}: {routine.exercise_count} steps, {format_duration(plan.total_seconds)})")
            return 0
        try:
            answer = ask(QUESTION).strip().lower()
        except EOFError:
            answer = "k"
        if answer in ("", "e", "edit"):
            continue
        if answer in ("r", "restore"):
            write_atomically(target, before, keep_backup=True)
            say(f"restored the previous version of {target} (your edit is kept as {target.name}~)")
            return 0
        say(f"kept {target} as it is; it will not play until the problems are fixed")
        return 1
