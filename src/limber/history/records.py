"""What the history keeps of a session and of each segment in it, as plain data."""

from __future__ import annotations

from datetime import date, datetime
from ..record import record


class SessionOutcome:
    """How a session ended. A session with no end recorded was killed (the process died)."""

    FINISHED = "finished"
    FINISHED_WITH_SKIPS = "finished with skips"
    STOPPED_EARLY = "stopped early"
    KILLED = "killed"


class SegmentOutcome:
    """How a segment was left."""

    DONE = "done"
    SKIPPED = "skipped"
    RESTARTED = "cut short by restart"
    BACK = "cut short by back"
    STOPPED = "stopped"  # the session was quit during it


@record
class Session:
    """One play of a routine, as kept."""

    id: int
    routine: str
    path: str | None
    sha256: str | None
    started: datetime  # local time with its UTC offset
    ended: datetime | None  # None: the session never ended cleanly
    outcome: str  # a SessionOutcome; "killed" when no end was recorded
    active_seconds: float
    paused_seconds: float

    @property
    def day(self) -> date:
        """The day it counts for: the local date it started on (a session past midnight counts for its start)."""
        return self.started.date()

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "routine": self.routine,
            "path": self.path,
            "sha256": self.sha256,
            "started": self.started.isoformat(),
            "ended": self.ended.isoformat() if self.ended else None,
            "outcome": self.outcome,
            "active_seconds": round(self.active_seconds, 3),
            "paused_seconds": round(self.paused_seconds, 3),
        }


@record
class SegmentRecord:
    """One segment left in a session: what it was and how it went."""

    position: int  # its index in the routine's plan
    step: str  # the step's name
    kind: str  # get ready, work, switch, rest
    side: str | None
    set: int | None
    round: int | None
    outcome: str  # a SegmentOutcome
    seconds: float  # time spent in it, pauses left out
    started: datetime
