"""Whether a due break may be offered now: someone at the desk, and do-not-disturb off (or held long enough).

The reminder's loop owns one Gate. It calls `look()` (or `see()` with readings it took itself) at
the times `verdict().look_again` asks, and whenever the schedule reports a break due; the verdict
says to offer the break (ring, notify, open the popup) or to hold it, with the word `limber
status` shows while it is held. A `Return` from `look()` that counts as a break tells the schedule
to count the next one from the return.
"""

from __future__ import annotations

import time

from ..record import record
from . import dnd, idle
from .dnd import DoNotDisturb
from .idle import Presence, Return

HELD_AWAY = "held: away from the desk"
HELD_BACK = "held: just back"


@record
class Verdict:
    offer: bool
    held: str | None  # the status word while held; None when offered
    look_again: float  # seconds until a reading may change this verdict


class Gate:
    def __init__(self, break_length: float, hold_at_most: float = dnd.HOLD_AT_MOST, *,
                 idle_source: idle.IdleSource | None = None, dnd_sources: list | None = None,
                 clock=time.monotonic):
        self.presence = Presence(break_length)
        self.dnd = DoNotDisturb(hold_at_most)
        self.idle_source = idle_source
        self.dnd_sources = dnd_sources or []
        self.clock = clock
        self.notices: list[str] = []  # what this machine lacks, to say once

    @classmethod
    async def find(cls, break_length: float, hold_at_most: float = dnd.HOLD_AT_MOST, clock=time.monotonic) -> Gate:
        """A gate with whatever idle and do-not-disturb sources this machine has; `notices` says what it lacks."""
        gate = cls(break_length, hold_at_most, idle_source=await idle.find_idle_source(),
                   dnd_sources=await dnd.find_dnd_sources(), clock=clock)
        if gate.idle_source is None:
            gate.notices.append(idle.NO_SOURCE)
        if not gate.dnd_sources:
            gate.notices.append(dnd.NO_SOURCE)
        return gate

    async def look(self) -> Return | None:
        """Read the sources and take the readings in."""
        seconds = None
        if self.idle_source is not None:
            try:
                seconds = await self.idle_source.idle_seconds()
            except Exception:
                seconds = None
        return self.see(self.clock(), seconds, await dnd.dnd_on(self.dnd_sources))

    def see(self, now: float, idle_seconds: float | None, dnd_on: bool | None) -> Return | None:
        self.dnd.see(dnd_on)
        return self.presence.see(now, idle_seconds)

    def verdict(self, now: float, due_since: float) -> Verdict:
        """For a break due since `due_since` (the same clock as `now`)."""
        if self.presence.away:  # never at an empty desk, however long do-not-disturb has held it
            return Verdict(False, HELD_AWAY, self.presence.next_look(now))
        if not self.presence.may_offer(now):
            offer_from = self.presence.offer_from() or now
            return Verdict(False, HELD_BACK, max(0.0, min(offer_from - now, self.presence.next_look(now))))
        if self.dnd.holds(now, due_since):
            left = self.dnd.held_until(due_since) - now
            return Verdict(False, dnd.HELD, min(left, dnd.LOOK_WHILE_HELD))
        return Verdict(True, None, self.presence.next_look(now))
