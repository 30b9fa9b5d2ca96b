"""Editing a routine in the person's own editor: open it, check it when the editor closes, and ask
what to do about problems (edit again, keep it anyway, or restore the previous version)."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from . import library
from .files import read_regular, write_atomically
from .printable import printable
from .routine import RoutineError
from .words import counted

FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi")
EDIT_LIMIT = 16 * 1024 * 1024  # bytes: far past any routine, short of a file that is not one
ANSWERS = ("", "e", "edit", "k", "keep", "r", "restore")
QUESTION = "What now? [e]dit again (Enter), [k]eep it anyway, [r]estore the previous version (e/k/r) "


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
    # The path made absolute: a file called `-x.yaml` must reach the editor as a file, not an option.
    command = [*editor_command(), str(path.absolute())]
    with _interrupts_go_to_the_editor():
        try:
            return subprocess.call(command)
        except FileNotFoundError as error:
            raise NoEditor(f"could not start the editor: {printable(str(error))}") from None


@contextmanager
def _interrupts_go_to_the_editor() -> Iterator[None]:
    """Ctrl+C while the editor runs is the editor's to handle (many use it), never a reason for
    limber to leave its loop. A handler that does nothing, rather than ignoring the signal
    outright, is reset to the default in the editor when it starts, so the editor still gets it."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers; there Ctrl+C never reaches this thread anyway
        return
    before = signal.getsignal(signal.SIGINT)
    signal.signal(signal.SIGINT, _let_it_pass)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before if before is not None else signal.SIG_DFL)


def _let_it_pass(signum: int, frame: object) -> None:
    pass


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def safe_copy_path(target: Path, text: bytes) -> Path:
    """Where the version from before an edit is kept while the person decides: `NAME.before-edit`.

    Not `NAME~`: editors write that name themselves on saving (Emacs always, Vim and nano when
    asked), which would put the rejected edit where the previous version was said to be. A
    copy left by an earlier edit that was never decided is not written over: the next free
    number is used, unless it already holds this very text.
    """
    number = 1
    while True:
        candidate = target.with_name(target.name + (".before-edit" if number == 1 else f".before-edit-{number}"))
        try:
            if not candidate.exists() or read_regular(candidate, len(text)) == text:
                return candidate
        except OSError:
            pass  # something else by that name (or larger): try the next
        number += 1


def edit(
    name_or_path: Path,
    *,
    ask: Callable[[str], str] = input,
    say: Callable[[str], None] = print,
    warn: Callable[[str], None] = lambda text: print(text, file=sys.stderr),
) -> int:
    """The whole loop; returns the exit code: 0 for a good routine (or a good one restored), 1 if
    kept broken (or restored to a version with problems of its own) or a file could not be read
    or written, 130 if interrupted at the question.

    The version from before is kept on disk beside the routine until the person has decided,
    so neither Ctrl+C, the end of input nor a crash can lose it."""
    try:
        target = library.own_copy(name_or_path)
    except library.CouldNotWrite as error:
        warn(f"limber: {error}")
        return 1
    shown = printable(str(target))
    if target != name_or_path:
        say(f"{printable(name_or_path.stem)} is bundled; editing your own copy: {shown}")
    try:
        before = read_regular(target, EDIT_LIMIT)
    except OSError as error:
        warn(f"limber: cannot edit {shown}: {library.os_reason(error)}")
        return 1
    kept = safe_copy_path(target, before)
    try:
        write_atomically(kept, before)
    except OSError as error:
        warn(f"limber: {library.CouldNotWrite(kept, error)}; not editing without the previous version kept safe")
        return 1
    try:
        return _check_and_ask(target, before, kept, ask=ask, say=say, warn=warn)
    except KeyboardInterrupt:
        warn(f"\nlimber: stopped; the previous version of {shown} is kept at {printable(str(kept))}")
        return 130


def _check_and_ask(target: Path, before: bytes, kept: Path, *, ask: Callable[[str], str],
                   say: Callable[[str], None], warn: Callable[[str], None]) -> int:
    shown, shown_kept = printable(str(target)), printable(str(kept))
    while True:
        status = run_editor(target)
        if status < 0:
            warn(f"the editor was stopped by {_signal_name(-status)}")
        elif status != 0:
            warn(f"the editor exited with status {status}")
        try:
            routine, plan = library.load(target)
        except RoutineError as error:
            for problem in error.problems:
                warn(printable(str(problem)))
        else:
            say(f"{shown}: ok ({printable(routine.name)}: {routine.steps_words}, {plan.time_words})")
            kept.unlink(missing_ok=True)
            return 0
        try:
            answer = ask(QUESTION).strip().lower()
            while answer not in ANSWERS:  # a slip of the finger never decides for the person
                answer = ask("Please answer e, k or r: ").strip().lower()
        except EOFError:
            say("")
            answer = "k"
        if answer in ("", "e", "edit"):
            continue
        if answer in ("r", "restore"):
            try:
                rejected = write_atomically(target, before, keep_backup=True)
            except OSError as error:
                warn(f"limber: could not restore {shown}: {library.os_reason(error)}; "
                     f"the previous version is still at {shown_kept}")
                return 1
            kept.unlink(missing_ok=True)
            where = f" (your edit is kept as {printable(str(rejected))})" if rejected else ""
            try:
                library.load(target)
            except RoutineError as error:
                # It was kept with problems before this edit: restored as it was, and said so.
                count = len(error.problems)
                say(f"restored the previous version of {shown}{where}; it had problems too "
                    f"({counted(count, 'problem')}: `limber validate {shown}` lists them)")
                return 1
            say(f"restored the previous version of {shown}{where}")
            return 0
        say(f"kept {shown} as it is; it will not play until the problems are fixed "
            f"(the previous version is at {shown_kept})")
        return 1
