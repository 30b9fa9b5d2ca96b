"""Following a routine file while it plays: a look (a stat) once a second, a reading in a thread when it changed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual import on, work
from textual.message import Message
from textual.widget import Widget

from ... import library
from ...routine import Plan, Problem, Routine, RoutineError

LOOK_EVERY = 1.0  # seconds between looks at the file: an edit saved anywhere shows within a second or two


class RoutineFile(Widget):
    """Draws nothing. Posts `RoutineFile.Read` up to its screen with the routine as it now
    stands on disk, or with its problems. Its own timer looks at the file, unless the screen
    says it wakes often enough to do it (`look_when_due` on each wake-up): one wake-up a second
    costs less than two."""

    DEFAULT_CSS = "RoutineFile { display: none; }"

    class Read(Message):
        """A reading finished: the routine and its plan, or the problems that stopped it."""

        def __init__(self, path: Path, loaded: tuple[Routine, Plan] | None, problems: list[Problem]) -> None:
            super().__init__()
            self.path = path
            self.loaded = loaded
            self.problems = problems

    class _Done(Message, bubble=False):
        def __init__(self, number: int, read: RoutineFile.Read) -> None:
            super().__init__()
            self.number = number  # readings are numbered as they start; an older one never undoes a newer
            self.read = read

    def __init__(self, path: Path | None, clock: Callable[[], float]):
        super().__init__()
        self.path = path
        self._clock = clock
        self._watch = library.FileWatch(path) if path else None
        self._looked = clock()
        self._started = 0
        self._taken = 0

    def on_mount(self) -> None:
        self._timer = self.set_interval(LOOK_EVERY, self.look)

    def own_timer(self, running: bool) -> None:
        """Let the file's own timer run (nothing else wakes up each second) or rest (something does)."""
        if running:
            self._timer.resume()
        else:
            self._timer.pause()

    def look_when_due(self) -> None:
        if self._clock() - self._looked >= LOOK_EVERY:
            self.look()

    def look(self) -> None:
        """Read the file again if it changed since the last look. Only a stat here, on the event loop."""
        self._looked = self._clock()
        if self._watch is not None and self._watch.changed():
            self.reload()

    def follow(self, path: Path) -> None:
        """Follow `path` from now on (the person's own copy of a bundled routine), taking up any
        change to it at once rather than at the next look."""
        if path != self.path:
            self.path = path
            self._watch = library.FileWatch(path)
            self.reload()
        else:
            self.look()

    def reload(self) -> None:
        """Read the routine as it now stands on disk, in a thread: a large file takes a good part
        of a second to parse, and the countdown must not stand still meanwhile."""
        if self.path is None:
            return
        self._started += 1
        self._read(self._started, self.path)

    @work(thread=True, group="reading")
    def _read(self, number: int, path: Path) -> None:
        try:
            loaded, problems = library.load(path), []
        except RoutineError as error:
            loaded, problems = None, list(error.problems)
        except OSError as error:  # the reader reports these as problems; this is the last guard
            loaded, problems = None, [Problem(str(path), 0, 0, str(error.strerror or error))]
        self.post_message(self._Done(number, self.Read(path, loaded, problems)))

    @on(_Done)
    def _pass_on(self, done: _Done) -> None:
        if done.number <= self._taken or done.read.path != self.path:
            return  # a reading overtaken by a newer one, or of a file no longer followed
        self._taken = done.number
        self.post_message(done.read)
