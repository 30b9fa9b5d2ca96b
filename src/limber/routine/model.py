"""The routine as limber understands it once a file has been validated."""

from __future__ import annotations

from pathlib import Path
from ..record import field, record
from ..words import counted

# A step's `rep_time: manual`: an untimed rep step even when defaults give a rep time.
MANUAL = "manual"

# Cue names a routine (or the person's config) may give its own sound for.
CUE_NAMES = ("countdown", "go", "rest", "switch", "halfway", "rep", "finish")


@record
class Defaults:
    """The routine's `defaults:`: lengths used wherever a step does not give its own."""

    get_ready: float = 5.0
    rest: float = 0.0
    switch_time: float = 5.0
    rep_time: float | None = None


@record
class Exercise:
    """A step that is done: held for a time, or counted in reps, on each side and for each set."""

    name: str
    duration: float | None = None
    reps: int | None = None
    rep_time: float | str | None = None  # seconds, MANUAL, or None for the routine's default
    instructions: str = ""
    targets: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    sets: int = 1
    rest_between_sets: float | None = None
    rest_after: float | None = None
    line: int = 0
    column: int = 0  # where the step starts, for a problem the plan finds (0: unknown)


@record
class RestStep:
    """A step of rest the file writes out itself."""

    seconds: float
    name: str = "Rest"
    rest_after: float | None = None
    line: int = 0
    column: int = 0  # where the step starts, for a problem the plan finds (0: unknown)


@record
class Repeat:
    """A block of steps played `times` times over."""

    times: int
    steps: tuple[Step, ...]
    name: str = ""
    rest_between: float | None = None
    rest_after: float | None = None
    line: int = 0
    column: int = 0  # where the step starts, for a problem the plan finds (0: unknown)


Step = Exercise | RestStep | Repeat


@record
class Routine:
    """A routine file as written, checked but not yet laid out in time (see plan.py)."""

    name: str
    steps: tuple[Step, ...]
    description: str = ""
    notice: str = ""
    defaults: Defaults = field(default_factory=Defaults)
    # Cue name -> WAV file (resolved against the routine's folder).
    sounds: dict[str, Path] = field(default_factory=dict)
    source: Path | None = None

    @property
    def exercise_count(self) -> int:
        return _count_exercises(self.steps)

    @property
    def steps_words(self) -> str:
        """"1 step", "8 steps"."""
        return counted(self.exercise_count, "step")


def _count_exercises(steps: tuple[Step, ...]) -> int:
    total = 0
    for step in steps:
        if isinstance(step, Exercise):
            total += 1
        elif isinstance(step, Repeat):
            total += _count_exercises(step.steps)
    return total
