"""The player's state machine: walks a plan against a clock and says what happened as events.

It knows nothing of screens or sound. Time is read from an injected monotonic clock on
every call, never counted in ticks, so irregular or stalled ticks cannot make it drift:
a tick that comes late emits every event it passed, each once, stamped with the time it
was due, and a stall longer than a segment walks through the segments it covered. Reps
are the exception: a stall across several reps says only the latest one (the reps it
covered are past doing), so a segment costs the same whatever its count.
"""

from __future__ import annotations

import math
import time
from enum import Enum
from collections.abc import Callable

from .record import record
from .routine.plan import Kind, Plan, Segment

Clock = Callable[[], float]

# `back` in the first seconds of a segment goes to the previous one; later it restarts
# the current one, as a music player's previous button does.
BACK_GRACE_SECONDS = 2.0
COUNTDOWN_FROM = 3


class State(str, Enum):
    READY = "ready"  # loaded, not started
    RUNNING = "running"  # a timed segment counts down
    WAITING = "waiting"  # an untimed segment waits for `done`
    PAUSED = "paused"
    FINISHED = "finished"


class Command(str, Enum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    TOGGLE = "toggle"
    SKIP = "skip"
    BACK = "back"
    RESTART = "restart"
    DONE = "done"
    EXTEND = "extend"
    QUIT = "quit"


class Outcome(str, Enum):
    DONE = "done"
    SKIPPED = "skipped"


# -- events ---------------------------------------------------------------------------
@record
class Event:
    """Something that happened in the session, stamped with the clock time it was due."""

    at: float  # clock time the event was due (may be earlier than when it was emitted)
    index: int  # the segment it belongs to


@record
class SegmentStarted(Event):
    """A segment began (or began again, for restart and back)."""

    segment: Segment
    restarted: bool = False


@record
class SegmentEnded(Event):
    """A segment was left: done when its time ran out or Enter was pressed, skipped otherwise."""

    segment: Segment
    outcome: Outcome


@record
class Countdown(Event):
    """One of the last three seconds of a segment."""

    seconds_left: int  # 3, 2, 1


# The events with no fields of their own are plain subclasses: they inherit the dataclass
# methods (equality still tells their types apart), and each decorator costs start-up time.
class Halfway(Event):
    """Half of a hold has gone."""


@record
class Rep(Event):
    """The next rep of a timed rep step is due."""

    number: int
    of: int


class Paused(Event):
    """The session paused."""


class Resumed(Event):
    """The session carried on after a pause."""


@record
class Summary:
    """How the session went: each segment's outcome, and the time spent active and paused."""

    outcomes: tuple[Outcome | None, ...]  # per segment; None: never reached
    active_seconds: float
    paused_seconds: float
    completed: bool  # reached the end rather than quit

    @property
    def done(self) -> int:
        return sum(1 for o in self.outcomes if o is Outcome.DONE)

    @property
    def skipped(self) -> int:
        return sum(1 for o in self.outcomes if o is Outcome.SKIPPED)


@record
class Finished(Event):
    """The session is over, by reaching the end or by quitting."""

    summary: Summary


# -- the state machine -------------------------------------------------------------------
_PLAYING = (State.RUNNING, State.WAITING, State.PAUSED)

# Every command each state accepts, and the method that carries it out. A command
# missing here is ignored in that state (and the method returns no events).
TRANSITIONS: dict[tuple[State, Command], str] = {
    (State.READY, Command.START): "_start",
    (State.READY, Command.TOGGLE): "_start",
    (State.READY, Command.QUIT): "_quit",
    **{(s, Command.PAUSE): "_pause" for s in (State.RUNNING, State.WAITING)},
    **{(s, Command.TOGGLE): "_pause" for s in (State.RUNNING, State.WAITING)},
    (State.PAUSED, Command.RESUME): "_resume",
    (State.PAUSED, Command.TOGGLE): "_resume",
    **{(s, Command.SKIP): "_skip" for s in _PLAYING},
    **{(s, Command.BACK): "_back" for s in _PLAYING},
    **{(s, Command.RESTART): "_restart" for s in _PLAYING},
    **{(s, Command.EXTEND): "_extend" for s in (State.RUNNING, State.PAUSED)},
    (State.WAITING, Command.DONE): "_done",
    **{(s, Command.QUIT): "_quit" for s in _PLAYING},
}


class _Current:
    """Where the current segment stands on the clock."""

    __slots__ = ("started", "paused_for", "extra", "fired", "reps_heard")

    def __init__(self, started: float = 0.0) -> None:
        self.started = started  # clock time it started
        self.paused_for = 0.0  # seconds it spent paused
        self.extra = 0.0  # seconds added (or taken) by extend
        self.fired: set = set()  # marks already emitted: ("half",), ("count", 3)
        self.reps_heard = 0  # the last rep emitted (reps are counted, not listed: see _due_rep)


def _time_after(plan: Plan) -> list[float]:
    """The sum of every timed segment from each index on, for "time left in the routine"."""
    after = [0.0] * (len(plan.segments) + 1)
    for i in range(len(plan.segments) - 1, -1, -1):
        after[i] = after[i + 1] + (plan.segments[i].seconds or 0.0)
    return after


def _untimed_after(plan: Plan) -> list[int]:
    """How many untimed segments there are from each index on, for "+ 2 steps at your pace"."""
    after = [0] * (len(plan.segments) + 1)
    for i in range(len(plan.segments) - 1, -1, -1):
        after[i] = after[i + 1] + (not plan.segments[i].timed)
    return after


def _identity(segment: Segment) -> tuple:
    """What makes a segment the same one after an edit: its place in the file, side, set and round."""
    return (segment.kind, segment.step, segment.side, segment.set, segment.round, segment.name)


def _what(segment: Segment) -> tuple:
    return (segment.kind, segment.name, segment.side, segment.set, segment.round)


def _find_place(plan: Plan, current: Segment | None, old_index: int) -> tuple[int, bool]:
    """Where to carry on in an edited plan, and whether it is the same step as before."""
    if current is not None:
        keys = (
            _identity,  # untouched
            lambda s: (s.kind, s.step, s.side, s.set, s.round),  # renamed in place
            _what,  # moved in the file
            lambda s: (s.kind, s.name, s.side),  # moved, with its sets or rounds changed
        )
        for key in keys:
            wanted = key(current)
            for i, segment in enumerate(plan.segments):
                if key(segment) == wanted:
                    return i, True
    return min(old_index, len(plan.segments) - 1), False


class Engine:
    def __init__(self, plan: Plan, clock: Clock = time.monotonic):
        self.plan = plan
        self.clock = clock
        self.state = State.READY
        self.index = 0
        self.outcomes: list[Outcome | None] = [None] * len(plan.segments)
        self._current = _Current()
        self._paused_at: float | None = None
        self._session_started = 0.0
        self._paused_total = 0.0
        self._finished_at: float | None = None
        self.summary: Summary | None = None
        self._marks_for: tuple = (None, [])  # the current segment's marks, built once per length
        self._time_after = _time_after(plan)
        self._untimed_after = _untimed_after(plan)

    # -- commands -------------------------------------------------------------------------
    def accepts(self, command: Command) -> bool:
        """Whether the command would do anything now (the screen hides keys that would not)."""
        if (self.state, command) not in TRANSITIONS:
            return False
        if command is Command.EXTEND:
            return self.segment is not None and self.segment.timed
        return True

    def command(self, command: Command, seconds: float = 0.0) -> list[Event]:
        handler = TRANSITIONS.get((self.state, command))
        if handler is None:
            return []
        now = self.clock()
        events = self._advance(now) if self.state is State.RUNNING else []
        handler = TRANSITIONS.get((self.state, command))  # the tick may have finished the routine
        if handler is None:
            return events
        method = getattr(self, handler)
        events += method(now, seconds) if command is Command.EXTEND else method(now)
        return events

    def start(self) -> list[Event]:
        return self.command(Command.START)

    def pause(self) -> list[Event]:
        return self.command(Command.PAUSE)

    def resume(self) -> list[Event]:
        return self.command(Command.RESUME)

    def toggle(self) -> list[Event]:
        return self.command(Command.TOGGLE)

    def skip(self) -> list[Event]:
        return self.command(Command.SKIP)

    def back(self) -> list[Event]:
        return self.command(Command.BACK)

    def restart(self) -> list[Event]:
        return self.command(Command.RESTART)

    def done(self) -> list[Event]:
        return self.command(Command.DONE)

    def extend(self, seconds: float) -> list[Event]:
        return self.command(Command.EXTEND, seconds)

    def quit(self) -> list[Event]:
        return self.command(Command.QUIT)

    def tick(self) -> list[Event]:
        """Emit whatever has come due since the last call; call it as often or as seldom as you like."""
        if self.state is not State.RUNNING:
            return []
        return self._advance(self.clock())

    # -- a routine edited while it plays -------------------------------------------------------
    def replace_plan(self, plan: Plan) -> None:
        """Carry on with an edited plan, keeping the place: the same step with the same time left
        when it still exists (matched by where it came from in the file, then by name), else
        the segment at the same position. Segments before the place count as done or skipped
        as they were."""
        old_plan, old_index = self.plan, self.index
        remaining = self.remaining()
        elapsed = self.elapsed()
        # Done and skipped carry over by what a segment is, wherever the edit moved it.
        outcome_of = {_what(seg): out for seg, out in zip(old_plan.segments, self.outcomes) if out is not None}
        self.plan = plan
        self._time_after = _time_after(plan)
        self._untimed_after = _untimed_after(plan)
        self._marks_for = (None, [])
        if not plan.segments:
            self.outcomes = []
            return
        current = old_plan.segments[old_index] if 0 <= old_index < len(old_plan.segments) else None
        index, same = _find_place(plan, current, old_index)
        self.outcomes = [outcome_of.get(_what(seg)) if i < index else None for i, seg in enumerate(plan.segments)]
        self.index = index
        if self.state in (State.READY, State.FINISHED):
            return
        segment = plan.segments[index]
        now = self._paused_at if self._paused_at is not None else self.clock()
        if same and segment.seconds is not None and remaining is not None:
            elapsed = max(0.0, segment.seconds - remaining)  # the same time left, whatever its new length
        elif not same:
            elapsed = 0.0
        self._current = _Current(started=now - elapsed)
        length = segment.seconds
        if length is not None:
            # Cues already behind the place are not heard again.
            self._current.fired = {mark for offset, mark, _ in self._marks(segment, length) if offset < elapsed}
            if segment.reps and segment.rep_time and elapsed > 0:
                self._current.reps_heard = min(segment.reps, math.ceil(elapsed / segment.rep_time))
        if self.state is not State.PAUSED:
            self.state = State.RUNNING if segment.timed else State.WAITING

    # -- what the screen asks ---------------------------------------------------------------
    @property
    def segment(self) -> Segment | None:
        if 0 <= self.index < len(self.plan.segments):
            return self.plan.segments[self.index]
        return None

    @property
    def length(self) -> float | None:
        """The current segment's length with any time added or taken; None when untimed."""
        segment = self.segment
        if segment is None or segment.seconds is None:
            return None
        return segment.seconds + self._current.extra

    def elapsed(self) -> float:
        if self.state in (State.READY, State.FINISHED):
            return 0.0
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, now - self._current.started - self._current.paused_for)

    def remaining(self) -> float | None:
        length = self.length
        if length is None:
            return None
        if self.state is State.READY:
            return length
        if self.state is State.FINISHED:
            return 0.0
        return max(0.0, length - self.elapsed())

    def remaining_total(self) -> float:
        """Time left in the whole routine, counting timed segments only."""
        if self.state is State.FINISHED:
            return 0.0
        return (self.remaining() or 0.0) + self._time_after[self.index + 1]

    def untimed_left(self) -> int:
        """Untimed segments not yet done, the current one included: time that `remaining_total` cannot count."""
        if self.state is State.FINISHED:
            return 0
        return self._untimed_after[self.index]

    def next_due(self) -> float | None:
        """Clock time of the next cue or segment end, so a screen can wake exactly then and not before."""
        if self.state is not State.RUNNING:
            return None
        segment = self.plan.segments[self.index]
        length = segment.seconds + self._current.extra  # type: ignore[operator]
        origin = self._current.started + self._current.paused_for
        pending = [origin + offset for offset, mark, _ in self._marks(segment, length)
                   if mark not in self._current.fired]
        pace = self._rep_pace(segment)
        if pace is not None and self._current.reps_heard < segment.reps:  # type: ignore[operator]
            pending.append(origin + self._current.reps_heard * pace)
        return min(pending + [origin + length])

    def active_elapsed(self) -> float:
        """Time spent in the session so far, pauses left out."""
        if self.state is State.READY:
            return 0.0
        if self.summary is not None:
            return self.summary.active_seconds
        now = self._paused_at if self._paused_at is not None else self.clock()
        return max(0.0, now - self._session_started - self._paused_total)

    @property
    def paused(self) -> bool:
        return self.state is State.PAUSED

    @property
    def waiting(self) -> bool:
        """The current segment is untimed and waits for done (paused or not)."""
        segment = self.segment
        return segment is not None and not segment.timed and self.state in _PLAYING

    # -- transitions ------------------------------------------------------------------------
    def _start(self, now: float) -> list[Event]:
        self._session_started = now
        if not self.plan.segments:
            return self._finish(now, completed=True)
        return self._enter(0, now)

    def _pause(self, now: float) -> list[Event]:
        self._paused_at = now
        self.state = State.PAUSED
        return [Paused(now, self.index)]

    def _resume(self, now: float) -> list[Event]:
        assert self._paused_at is not None
        spent = now - self._paused_at
        self._current.paused_for += spent
        self._paused_total += spent
        self._paused_at = None
        self.state = State.RUNNING if self.segment and self.segment.timed else State.WAITING
        return [Resumed(now, self.index)]

    def _skip(self, now: float) -> list[Event]:
        return self._leave(now, Outcome.SKIPPED)

    def _done(self, now: float) -> list[Event]:
        return self._leave(now, Outcome.DONE)

    def _back(self, now: float) -> list[Event]:
        if self.elapsed() < BACK_GRACE_SECONDS and self.index > 0:
            self.outcomes[self.index] = None
            self.outcomes[self.index - 1] = None
            return self._enter(self.index - 1, now)
        return self._restart(now)

    def _restart(self, now: float) -> list[Event]:
        self.outcomes[self.index] = None
        return self._enter(self.index, now, restarted=True)

    def _extend(self, now: float, seconds: float) -> list[Event]:
        segment = self.segment
        if segment is None or segment.seconds is None:
            return []
        elapsed = self.elapsed()
        # Never shorter than what has already passed: taking time ends it at once at worst.
        self._current.extra = max(elapsed - segment.seconds, self._current.extra + seconds)
        length = segment.seconds + self._current.extra
        # Countdown marks that now lie ahead again are heard again; halfway is not repeated.
        self._current.fired = {
            mark for mark in self._current.fired if not (mark[0] == "count" and length - mark[1] > elapsed)
        }
        return self._advance(now) if self.state is State.RUNNING else []

    def _quit(self, now: float) -> list[Event]:
        return self._finish(now, completed=False)

    # -- moving between segments ---------------------------------------------------------------
    def _enter(self, index: int, at: float, restarted: bool = False) -> list[Event]:
        """Make `index` the current segment, started at clock time `at`; paused stays paused."""
        self.index = index
        self._current = _Current(started=at)
        if self.state is State.PAUSED:
            # Moving while paused stays paused: the new segment's clock stands still until resume.
            assert self._paused_at is not None
            self._paused_total += at - self._paused_at
            self._paused_at = at
        else:
            self.state = State.RUNNING if self.plan.segments[index].timed else State.WAITING
        return [SegmentStarted(at, index, self.plan.segments[index], restarted)]

    def _leave(self, at: float, outcome: Outcome) -> list[Event]:
        index = self.index
        self.outcomes[index] = outcome
        events: list[Event] = [SegmentEnded(at, index, self.plan.segments[index], outcome)]
        if index + 1 >= len(self.plan.segments):
            return events + self._finish(at, completed=True)
        return events + self._enter(index + 1, at)

    def _finish(self, at: float, completed: bool) -> list[Event]:
        if self._paused_at is not None:
            self._paused_total += at - self._paused_at
            self._paused_at = None
        if self.state is State.READY:
            self._session_started = at
        self.state = State.FINISHED
        self._finished_at = at
        self.summary = Summary(
            outcomes=tuple(self.outcomes),
            active_seconds=max(0.0, at - self._session_started - self._paused_total),
            paused_seconds=self._paused_total,
            completed=completed,
        )
        return [Finished(at, self.index, self.summary)]

    def _advance(self, now: float) -> list[Event]:
        """Emit every mark and segment end due by `now`, in the order they fell due."""
        events: list[Event] = []
        while self.state is State.RUNNING:
            segment = self.plan.segments[self.index]
            length = segment.seconds + self._current.extra  # type: ignore[operator]
            origin = self._current.started + self._current.paused_for
            end = origin + length
            due: list[Event] = []
            rep = self._due_rep(segment, origin, min(now, end))
            if rep is not None:
                due.append(rep)
            for offset, mark, make in self._marks(segment, length):
                if mark in self._current.fired or origin + offset > min(now, end):
                    continue
                self._current.fired.add(mark)
                due.append(make(origin + offset))
            # In the order they fell due; at the same moment a rep comes first (a stable sort).
            events += sorted(due, key=lambda event: event.at)
            if now < end:
                break
            events += self._leave(end, Outcome.DONE)
        return events

    def _due_rep(self, segment: Segment, origin: float, until: float) -> Rep | None:
        """The latest rep due by clock time `until` and not yet heard, worked out from the time
        (rep n falls due at (n - 1) x rep_time), so a thousand reps cost what one does."""
        reps, rep_time = segment.reps, self._rep_pace(segment)
        if not reps or not rep_time or until < origin:
            return None
        number = min(reps, int((until - origin) // rep_time) + 1)
        # The division may land a hair either side of a boundary; the products decide, as
        # they would for a rep listed at its own offset.
        while number < reps and origin + number * rep_time <= until:
            number += 1
        while number > 1 and origin + (number - 1) * rep_time > until:
            number -= 1
        if number <= self._current.reps_heard:
            return None
        self._current.reps_heard = number
        return Rep(origin + (number - 1) * rep_time, self.index, number, reps)

    def _rep_pace(self, segment: Segment) -> float | None:
        """Seconds each rep of a timed rep step takes now. Time added or taken with +/- is shared
        out over every rep, so the reps still fill the step and the last one ends with it."""
        if not segment.reps or not segment.rep_time:
            return None
        pace = segment.rep_time + self._current.extra / segment.reps
        return pace if pace > 0 else None

    def _marks(self, segment: Segment, length: float):
        """(offset into the segment, key, event maker) for halfway and the countdown, in time order."""
        index = self.index
        if self._marks_for[0] == (index, length):
            return self._marks_for[1]
        marks: list[tuple[float, tuple, Callable[[float], Event]]] = []
        if segment.kind is Kind.WORK:
            marks.append((length / 2, ("half",), lambda at: Halfway(at, index)))
        for left in range(COUNTDOWN_FROM, 0, -1):
            if length - left > 0:
                marks.append((length - left, ("count", left), _countdown_at(index, left)))
        marks.sort(key=lambda m: m[0])
        self._marks_for = ((index, length), marks)
        return marks


def _countdown_at(index: int, left: int) -> Callable[[float], Event]:
    """The maker of one countdown second's event (a function per second: a lambda in a loop
    would share the loop's last value)."""
    return lambda at: Countdown(at, index, left)
