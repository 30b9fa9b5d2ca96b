"""When the next break is: a pure schedule driven by an injected wall clock and monotonic clock.

Wall time says *when* (working hours, tomorrow, "paused until 14:00"); monotonic time says *how
long* (fifty minutes at the desk, a five-minute snooze), so a clock set back or forward, and a
DST change, never stretch or shrink an interval. Time that passes on the wall clock but not on
the monotonic one is time the machine slept: from five minutes up, the person was away from the
desk, and that counts as a break (a laptop closed over lunch owes nothing on waking). Where the
system has a clock that runs through sleep and is never set (CLOCK_BOOTTIME), sleep is read
from it, and a clock set forward is not mistaken for one.

The schedule knows nothing of screens, sound or files. Whoever runs it calls `update()` when
`next_check()` says something may have changed and after every action; both return or record
`BreakEvent`s that the screen, the history and the status file react to. Actions (`start`,
`snooze`, `skip`, `pause_for`, `pause_until_tomorrow`, `resume`, `finished`, `rested`) may come from a key,
a notification or any other front: each says whether it was taken.
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum
from collections.abc import Callable

from ..record import record
from .settings import RemindSettings

Clock = Callable[[], float]

AWAY_SECONDS = 5 * 60.0  # asleep this long and the person has had their break
RECORDED = ("offered", "taken", "snoozed", "skipped")  # the events the history keeps
LONGEST_SLEEP = 60.0  # check at least this often: a clock change or a wake is noticed within a minute


def boot_clock() -> Clock | None:
    """Seconds since boot, sleep included, where the system keeps such a clock (Linux)."""
    which = getattr(time, "CLOCK_BOOTTIME", None)
    if which is None:
        return None
    return lambda: time.clock_gettime(which)


class Kind(Enum):
    WAITING = "waiting"  # counting down to the next break
    DUE = "due"  # the break is offered and waits for an answer
    SNOOZED = "snoozed"  # offered, put off for a while
    BREAK = "break"  # the routine is playing
    PAUSED = "paused"  # no reminders until a set time
    OFF = "off"  # outside working hours


@record
class BreakEvent:
    """Something that happened to a break: offered, taken, snoozed, skipped, finished,
    paused, resumed, or away (the machine slept long enough to count as a break)."""

    what: str
    routine: str
    at: float  # wall clock, seconds since the epoch


@record
class State:
    kind: Kind
    routine: str  # the routine the next (or current) break plays
    until: float | None  # wall time when this state ends by itself, where it does
    left: float | None  # seconds until the break comes due (waiting or snoozed)
    snoozes: int  # snoozes in a row of the break now offered
    can_snooze: bool
    can_skip: bool


class Schedule:
    def __init__(self, settings: RemindSettings, *, wall: Clock = time.time, mono: Clock = time.monotonic,
                 boot: Clock | None = None, tz: tzinfo | None = None, away: float = AWAY_SECONDS):
        """`boot`, where there is one, is a clock that runs on through sleep but is never set
        (Linux's CLOCK_BOOTTIME): with it, a clock set forward is told apart from a sleep."""
        self.settings = settings
        self._wall, self._mono, self._boot, self._tz, self._away = wall, mono, boot, tz, away
        self.started = wall()
        self._last_wall, self._last_mono = self.started, mono()
        self._last_boot = boot() if boot else 0.0
        self._kind = Kind.OFF
        self._due: float | None = None  # monotonic time the break (or the snooze) comes due
        self._paused_until: float | None = None  # wall time
        self._snoozes = 0
        self._offered = False  # the break now counting down has been offered once already
        self._turn = 0  # which routine in the rotation is next
        self._day = self._local(self.started).date()
        self.today: list[BreakEvent] = []  # today's breaks: taken, snoozed, skipped
        self._events: list[BreakEvent] = []
        self.update()
        self._events.clear()

    # -- reading ------------------------------------------------------------------------------
    @property
    def routine(self) -> str:
        routines = self.settings.routines
        return routines[self._turn % len(routines)]

    def state(self) -> State:
        now_w, now_m = self._wall(), self._mono()
        kind = self._kind
        left = until = None
        if kind in (Kind.WAITING, Kind.SNOOZED) and self._due is not None:
            left = max(0.0, self._due - now_m)
            until = now_w + left
        elif kind is Kind.PAUSED:
            until = self._paused_until
        elif kind is Kind.OFF:
            until = self._next_start(now_w)
        strict = self.settings.strict
        can_snooze = (kind is Kind.DUE and not strict and self._snoozes < self.settings.max_snoozes)
        can_skip = kind in (Kind.WAITING, Kind.DUE, Kind.SNOOZED) and not strict
        return State(kind, self.routine, until, left, self._snoozes, can_snooze, can_skip)

    def next_check(self) -> float:
        """Seconds until something may change by itself; never more than LONGEST_SLEEP."""
        now_w, now_m = self._wall(), self._mono()
        waits = [LONGEST_SLEEP, self._wall_at(self._day + timedelta(days=1), 0) - now_w]
        if self._kind in (Kind.WAITING, Kind.SNOOZED) and self._due is not None:
            waits.append(self._due - now_m)
        if self._kind is Kind.PAUSED and self._paused_until is not None:
            waits.append(self._paused_until - now_w)
        if self._kind is Kind.OFF:
            start = self._next_start(now_w)
            if start is not None:
                waits.append(start - now_w)
        elif self._kind is not Kind.PAUSED:
            end = self._span_end(now_w)
            if end is not None:
                waits.append(end - now_w)
        return max(0.0, min(waits))

    def drain(self) -> list[BreakEvent]:
        events, self._events = self._events, []
        return events

    # -- the clocks ----------------------------------------------------------------------------
    def update(self) -> list[BreakEvent]:
        """Catch up with both clocks; return what happened since the last call (actions' events too)."""
        now_w, now_m = self._wall(), self._mono()
        if self._boot is not None:
            now_b = self._boot()
            slept = (now_b - self._last_boot) - (now_m - self._last_mono)
            self._last_boot = now_b
        else:
            slept = (now_w - self._last_wall) - (now_m - self._last_mono)
        awake_since_last = now_m - self._last_mono
        self._last_wall, self._last_mono = now_w, now_m
        today = self._local(now_w).date()
        if today != self._day:
            self._day = today
            self.today = []
        if slept >= self._away and self._kind in (Kind.WAITING, Kind.DUE, Kind.SNOOZED):
            # Away from the desk (the machine slept): that was the break; count afresh from now.
            self._note("away", now_w)
            self._fresh(now_m)
        if self._kind is Kind.PAUSED and self._paused_until is not None and now_w >= self._paused_until:
            self._paused_until = None
            self._kind = Kind.OFF  # taken up below as the start of working time
            self._note("resumed", now_w)
            awake_since_last = 0.0  # the interval counts from the end of the pause
        if self._kind in (Kind.PAUSED, Kind.BREAK):
            return self.drain()
        if not self._in_hours(now_w):
            self._kind = Kind.OFF
            self._due = None
            return self.drain()
        if self._kind is Kind.OFF:
            # Working time began: the first break counts from the start of hours or from when
            # the reminder started, whichever is later, and never from before the last look.
            begun = max(self._span_start(now_w), self.started)
            self._fresh(now_m - max(0.0, min(now_w - begun, awake_since_last)))
        if self._kind in (Kind.WAITING, Kind.SNOOZED) and self._due is not None and now_m >= self._due:
            self._kind = Kind.DUE
            self._note("due", now_w)
            if not self._offered:
                self._offered = True
                self._note("offered", now_w)
        return self.drain()

    # -- actions -------------------------------------------------------------------------------
    def start(self) -> str | None:
        """Play the break now (due or not); the routine to play, or None when one is playing."""
        self.update()
        if self._kind is Kind.BREAK:
            return None
        self._kind = Kind.BREAK
        self._paused_until = None
        self._record("taken")
        return self.routine

    def finished(self) -> None:
        """The routine ended or was quit: the next break counts from now."""
        self.update()
        if self._kind is not Kind.BREAK:
            return
        self._note("finished", self._wall())
        self._turn += 1
        self._kind = Kind.OFF if not self._in_hours(self._wall()) else Kind.WAITING
        self._fresh(self._mono())
        if self._kind is Kind.OFF:
            self._due = None

    def rested(self, since: float) -> bool:
        """The person was away from the desk for a break's length (an idle source says so) and came
        back at monotonic time `since`: that was the break, and the next counts from the return,
        as after a sleep. Whether it counted (not while paused, playing or outside hours)."""
        self._events[:0] = self.update()  # kept for the caller's next update()
        if self._kind not in (Kind.WAITING, Kind.DUE, Kind.SNOOZED):
            return False
        self._note("away", self._wall())
        self._fresh(min(since, self._mono()))
        return True

    def snooze(self) -> bool:
        self.update()
        if not self.state().can_snooze:
            return False
        self._record("snoozed")
        self._snoozes += 1
        self._kind = Kind.SNOOZED
        self._due = self._mono() + self.settings.snooze
        return True

    def skip(self) -> bool:
        self.update()
        if not self.state().can_skip:
            return False
        self._record("skipped")
        self._turn += 1
        self._fresh(self._mono())
        return True

    def pause_for(self, seconds: float) -> bool:
        return self._pause(self._wall() + seconds)

    def pause_until_tomorrow(self) -> bool:
        """No reminders until working hours start on a later day (midnight, when every hour is working time)."""
        now_w = self._wall()
        tomorrow = self._local(now_w).date() + timedelta(days=1)
        return self._pause(self._next_start(self._wall_at(tomorrow, 0) - 1e-6) or self._wall_at(tomorrow, 0))

    def resume(self) -> bool:
        self.update()
        if self._kind is not Kind.PAUSED:
            return False
        self._paused_until = self._wall()
        self.update()
        return True

    def _pause(self, until: float) -> bool:
        self.update()
        if self._kind is Kind.BREAK:
            return False
        self._kind = Kind.PAUSED
        self._paused_until = until
        self._due = None
        self._note("paused", self._wall())
        return True

    # -- inside --------------------------------------------------------------------------------
    def _fresh(self, since: float) -> None:
        """A new interval, counted from monotonic time `since`."""
        self._kind = Kind.WAITING
        self._due = since + self.settings.every
        self._snoozes = 0
        self._offered = False

    def _note(self, what: str, at: float) -> None:
        self._events.append(BreakEvent(what, self.routine, at))

    def _record(self, what: str) -> None:
        event = BreakEvent(what, self.routine, self._wall())
        self._events.append(event)
        self.today.append(event)

    def _local(self, wall: float) -> datetime:
        return datetime.fromtimestamp(wall, self._tz) if self._tz else datetime.fromtimestamp(wall).astimezone()

    def _wall_at(self, day: date, minutes: int) -> float:
        """Wall time of a local clock reading (minutes from midnight; 1440 is the next midnight).
        A reading skipped by a DST change lands as far past the change as it was written past it."""
        naive = datetime.combine(day, datetime.min.time()) + timedelta(minutes=minutes)
        return naive.replace(tzinfo=self._tz).timestamp() if self._tz else naive.timestamp()

    def _minutes(self, wall: float) -> tuple[date, float]:
        local = self._local(wall)
        return local.date(), local.hour * 60 + local.minute + local.second / 60 + local.microsecond / 6e7

    def _in_hours(self, wall: float) -> bool:
        day, minutes = self._minutes(wall)
        span = self.settings.hours.span(day.weekday())
        return span is not None and span[0] <= minutes < span[1]

    def _span_start(self, wall: float) -> float:
        day, _ = self._minutes(wall)
        span = self.settings.hours.span(day.weekday())
        return self._wall_at(day, span[0]) if span else wall

    def _span_end(self, wall: float) -> float | None:
        day, _ = self._minutes(wall)
        span = self.settings.hours.span(day.weekday())
        return self._wall_at(day, span[1]) if span else None

    def _next_start(self, wall: float) -> float | None:
        """The first start of working hours after `wall`, within a week; None if there are no hours."""
        first, _ = self._minutes(wall)
        for offset in range(8):
            day = first + timedelta(days=offset)
            span = self.settings.hours.span(day.weekday())
            if span is not None:
                start = self._wall_at(day, span[0])
                if start > wall:
                    return start
        return None
