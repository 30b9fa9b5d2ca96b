"""Carries a due break to the person: offers it (a desktop notification with Start, Snooze and
Skip) when someone is at the desk and do-not-disturb allows, holds it otherwise, and reports a
return from time away long enough to have been the break.

The reminder's loop calls `check()` whenever its schedule changes and again after the step's
`look_again` seconds, passing the break now due (or None). What it does with the step:
  - `ring`: the break was just offered: ring the cue or bell, open the tmux popup;
  - `held`: the word `limber status` shows while the break waits ("held: do not disturb");
  - `back` with `counts_as_break`: the schedule counts the next break from `back.at`.
The notification's buttons call the reminder's own start, snooze and skip, on this event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ..record import record
from .gate import Gate
from .idle import Return
from .notify import Notifier


@record
class Due:
    """The break the schedule offers now, and what may be done with it."""

    routine: str
    can_snooze: bool = True
    can_skip: bool = True


@record
class Step:
    ring: bool  # offered just now: ring and open the popup
    held: str | None  # why it waits, for the status line; None when not held
    look_again: float  # seconds until check() is worth calling again
    back: Return | None  # the person came back at this check


class Reach:
    def __init__(self, gate: Gate, notifier: Notifier | None, *, on_start: Callable[[], Any],
                 on_snooze: Callable[[], Any], on_skip: Callable[[], Any], clock=time.monotonic):
        self.gate = gate
        self.notifier = notifier
        self.on_start, self.on_snooze, self.on_skip = on_start, on_snooze, on_skip
        self.clock = clock
        self.due_since: float | None = None
        self.offered = False
        self.held: str | None = None

    @classmethod
    async def find(cls, break_length: float, hold_at_most: float, *, notify: bool = True, **actions: Any) -> Reach:
        """With this machine's idle and do-not-disturb sources, and a notifier unless `notify` is off."""
        clock = actions.pop("clock", time.monotonic)
        gate = await Gate.find(break_length, hold_at_most, clock=clock)
        return cls(gate, Notifier() if notify else None, clock=clock, **actions)

    async def check(self, due: Due | None) -> Step:
        back = await self.gate.look()
        now = self.clock()
        if due is None:  # nothing due, or it was answered (a key, a button, the schedule's own turn)
            if self.offered and self.notifier is not None:
                await self.notifier.withdraw()
            self.due_since, self.offered, self.held = None, False, None
            return Step(False, None, self.gate.presence.next_look(now), back)
        if self.due_since is None:
            self.due_since = now
        if self.offered:
            return Step(False, None, self.gate.presence.next_look(now), back)
        verdict = self.gate.verdict(now, self.due_since)
        if not verdict.offer:
            self.held = verdict.held
            return Step(False, verdict.held, verdict.look_again, back)
        self.offered, self.held = True, None
        if self.notifier is not None:
            await self.notifier.offer_break(due.routine, self.on_start, self.on_snooze if due.can_snooze else None,
                                            self.on_skip if due.can_skip else None)
        return Step(True, None, verdict.look_again, back)

    def take_notices(self) -> list[str]:
        """What this machine lacks (no notification service, no idle or do-not-disturb source), each said once."""
        notices, self.gate.notices = self.gate.notices, []
        if self.notifier is not None:
            said = self.notifier.take_notice()
            if said:
                notices.append(said)
        return notices

    async def close(self) -> None:
        if self.notifier is not None:
            await self.notifier.withdraw()
