"""Compiling a routine into a plan: the flat list of segments the engine plays in order."""

from __future__ import annotations

from dataclasses import asdict
from enum import Enum

from ..record import field, record
from .durations import format_duration
from .limits import MAX_ROUTINE_SECONDS, MAX_SEGMENTS
from .model import MANUAL, Exercise, Repeat, RestStep, Routine, Step
from .problems import Problem, RoutineError
from ..words import counted

__all__ = ["MAX_SEGMENTS", "Kind", "Plan", "Segment", "at_your_pace", "compile_plan", "segment_words", "side_words"]


class Kind(str, Enum):
    GET_READY = "get_ready"
    WORK = "work"
    SWITCH = "switch"
    REST = "rest"


@record
class Segment:
    """One stretch of time the player counts down: get ready, work, rest or switch sides."""

    kind: Kind
    name: str
    seconds: float | None  # None: an untimed rep step that waits until the person says done
    side: str | None = None
    set: int | None = None
    sets: int | None = None
    round: int | None = None
    rounds: int | None = None
    reps: int | None = None
    rep_time: float | None = None
    instructions: str = ""
    targets: tuple[str, ...] = ()
    step: str | None = None  # where it came from in the file: "steps[1].steps[0]"
    generated: bool = field(default=False, compare=False)  # a rest limber added, not one the file wrote

    @property
    def timed(self) -> bool:
        return self.seconds is not None

    def to_json(self) -> dict:
        data = asdict(self)
        data["kind"] = self.kind.value
        data["targets"] = list(self.targets)
        del data["generated"]
        return data


@record
class Plan:
    """The routine laid out as the segments the player walks through, in order."""

    name: str
    segments: tuple[Segment, ...]
    notice: str = ""
    description: str = ""

    @property
    def total_seconds(self) -> float:
        return sum(s.seconds for s in self.segments if s.seconds is not None)

    @property
    def untimed_segments(self) -> int:
        return sum(1 for s in self.segments if s.seconds is None)

    @property
    def time_words(self) -> str:
        """How long it takes, in words: "8:03", or "2:40 + 1 step at your pace"."""
        untimed = self.untimed_segments
        return format_duration(self.total_seconds) + (f" + {at_your_pace(untimed)}" if untimed else "")

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "total_seconds": self.total_seconds,
            "untimed_segments": self.untimed_segments,
            "segments": [s.to_json() for s in self.segments],
        }


def at_your_pace(count: int) -> str:
    """Untimed steps (reps done at one's own pace, ended with Enter), in the words every screen
    and command uses for them: "1 step at your pace", "3 steps at your pace"."""
    return f"{counted(count, 'step')} at your pace"


def side_words(side: str) -> str:
    """A side as said on screen and by the coach: "left side", but "clockwise" as it is."""
    return f"{side} side" if side in ("left", "right") else side


def segment_words(segment: Segment, rep: int | None = None) -> list[str]:
    """Where a segment stands, in words for the screen and the coach alike:
    ["right side", "set 2 of 3", "round 1 of 2", "rep 4 of 10"] (rep: the one under way, if known)."""
    words = []
    if segment.side:
        words.append(side_words(segment.side))
    if segment.sets:
        words.append(f"set {segment.set} of {segment.sets}")
    if segment.rounds:
        words.append(f"round {segment.round} of {segment.rounds}")
    if segment.reps:
        words.append(f"rep {rep} of {segment.reps}" if rep else f"{segment.reps} reps")
    return words


class _TooLong(Exception):
    pass


def compile_plan(routine: Routine, *, path: str = "") -> Plan:
    """The routine as segments; RoutineError when it would pass MAX_SEGMENTS or MAX_ROUTINE_SECONDS,
    located at the item of the routine's own `steps` that takes it past."""
    builder = _Builder(routine)
    if routine.defaults.get_ready > 0:
        builder.emit(Segment(Kind.GET_READY, "Get ready", routine.defaults.get_ready))
    # The first top-level item by whose end (and the rest after it) the routine passes its
    # time, with the time it has come to; the message waits until the settled plan agrees.
    too_long: tuple[Step, float] | None = None
    for index, step in enumerate(routine.steps):
        try:
            builder.item(step, f"steps[{index}]", None)
            if index < len(routine.steps) - 1:
                builder.rest(step.rest_after if step.rest_after is not None else routine.defaults.rest, None)
        except _TooLong:
            raise RoutineError([_problem(path or routine.name, step,
                                         f"past {MAX_SEGMENTS:,} segments, the most a routine may have"
                                         )]) from None
        if too_long is None and builder.seconds > MAX_ROUTINE_SECONDS:
            too_long = (step, builder.seconds)
    plan = Plan(
        name=routine.name,
        segments=tuple(_settle_rests(builder.segments)),
        notice=routine.notice,
        description=routine.description,
    )
    if plan.total_seconds > MAX_ROUTINE_SECONDS:
        step, seconds = too_long or (routine.steps[-1], plan.total_seconds)
        raise RoutineError([_problem(path or routine.name, step, f"to {format_duration(seconds)}; "
                                     f"a routine may take at most {MAX_ROUTINE_SECONDS // 3600} hours")])
    return plan


def _problem(path: str, step: Step, what: str) -> Problem:
    item = "block" if isinstance(step, Repeat) else "step"
    return Problem(path, step.line, step.column, f"this {item} takes the routine {what}")


class _Builder:
    def __init__(self, routine: Routine):
        self.defaults = routine.defaults
        self.segments: list[Segment] = []
        # Counts every segment made, zero-length ones included, so a block repeated a
        # billion times over nothing still stops at the cap.
        self.made = 0
        self.seconds = 0.0  # every timed segment so far, before rests are settled

    def emit(self, segment: Segment) -> None:
        self.made += 1
        self.seconds += segment.seconds or 0.0
        if self.made > MAX_SEGMENTS * 2 or len(self.segments) >= MAX_SEGMENTS:
            raise _TooLong
        self.segments.append(segment)

    def rest(self, seconds: float, round_info: tuple[int, int] | None) -> None:
        r, rs = round_info or (None, None)
        self.emit(Segment(Kind.REST, "Rest", seconds, round=r, rounds=rs, generated=True))

    def items(self, steps: tuple[Step, ...], prefix: str, round_info: tuple[int, int] | None) -> None:
        for index, step in enumerate(steps):
            where = f"{prefix}[{index}]"
            self.item(step, where, round_info)
            if index < len(steps) - 1:
                after = step.rest_after if step.rest_after is not None else self.defaults.rest
                self.rest(after, round_info)

    def item(self, step: Step, where: str, round_info: tuple[int, int] | None) -> None:
        if isinstance(step, Exercise):
            self.exercise(step, where, round_info)
        elif isinstance(step, RestStep):
            r, rs = round_info or (None, None)
            self.emit(Segment(Kind.REST, step.name, step.seconds, round=r, rounds=rs, step=where))
        elif isinstance(step, Repeat):
            for round_number in range(1, step.times + 1):
                self.items(step.steps, f"{where}.steps", (round_number, step.times))
                if round_number < step.times:
                    between = step.rest_between if step.rest_between is not None else self.defaults.rest
                    self.rest(between, (round_number, step.times))

    def exercise(self, step: Exercise, where: str, round_info: tuple[int, int] | None) -> None:
        rep_time = self.rep_time(step)
        if step.duration is not None:
            seconds: float | None = step.duration
        else:
            seconds = step.reps * rep_time if rep_time is not None else None  # type: ignore[operator]
        sides: tuple[str | None, ...] = step.sides or (None,)
        between_sets = step.rest_between_sets if step.rest_between_sets is not None else self.defaults.rest
        r, rs = round_info or (None, None)
        numbered = step.sets > 1
        for set_number in range(1, step.sets + 1):
            for side_index, side in enumerate(sides):
                if side_index > 0:
                    self.emit(Segment(
                        Kind.SWITCH, step.name, self.defaults.switch_time, side=side,
                        set=set_number if numbered else None, sets=step.sets if numbered else None,
                        round=r, rounds=rs, instructions=step.instructions, step=where,
                    ))
                self.emit(Segment(
                    Kind.WORK, step.name, seconds, side=side,
                    set=set_number if numbered else None, sets=step.sets if numbered else None,
                    round=r, rounds=rs, reps=step.reps,
                    rep_time=rep_time if step.reps is not None else None,
                    instructions=step.instructions, targets=step.targets, step=where,
                ))
            if set_number < step.sets:
                self.rest(between_sets, round_info)

    def rep_time(self, step: Exercise) -> float | None:
        if step.rep_time == MANUAL:
            return None
        if step.rep_time is not None:
            return float(step.rep_time)
        return self.defaults.rep_time


def _settle_rests(segments: list[Segment]) -> list[Segment]:
    """Rule 5: no zero-length rest or switch, no generated rest beside another rest, none at the end."""
    timed = [s for s in segments if not (s.kind in (Kind.REST, Kind.SWITCH) and s.seconds == 0)]
    kept: list[Segment] = []
    for index, segment in enumerate(timed):
        if segment.generated:
            following = timed[index + 1] if index + 1 < len(timed) else None
            if kept and kept[-1].kind == Kind.REST:
                continue
            if following is None or following.kind == Kind.REST:
                continue
        kept.append(segment)
    return kept
