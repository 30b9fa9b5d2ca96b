"""What the remind screen shows, as plain text from the schedule's state and the time: no Textual."""

from __future__ import annotations

import time

from .schedule import BreakEvent, Kind, State
from .state import clock_time

SHOWN_OUTCOMES = ("taken", "snoozed", "skipped")


def countdown(seconds: float) -> str:
    """23 min while minutes are what matter, 0:42 in the last two minutes (rounded up: 0:00 is now)."""
    whole = max(0, int(-(-seconds // 1)))
    if whole >= 120:
        minutes = -(-whole // 60)
        return f"{minutes // 60} h {minutes % 60:02d} min" if minutes > 60 else f"{minutes} min"
    return f"{whole // 60}:{whole % 60:02d}"


def next_change(state: State) -> float | None:
    """Seconds until the countdown's text would change; None when it does not count."""
    if state.left is None:
        return None
    whole = -(-state.left // 1)
    if whole > 120:
        return state.left - (-(-whole // 60) - 1) * 60 + 0.001  # the next whole minute down
    return state.left - (whole - 1) + 0.001 if whole > 0 else None


def headline(state: State, now: float, held: str | None = None) -> tuple[str, str]:
    """The big line and its CSS class; `held`: why a due break waits (do not disturb, away)."""
    if state.kind is Kind.DUE and held:
        return f"Break due, {held}", "-due"
    if state.kind is Kind.WAITING:
        return f"Next break in {countdown(state.left or 0)}", "-waiting"
    if state.kind is Kind.DUE:
        return "Break due: time to stretch", "-due"
    if state.kind is Kind.SNOOZED:
        return f"Snoozed: break in {countdown(state.left or 0)}", "-snoozed"
    if state.kind is Kind.BREAK:
        return "On a break", "-break"
    if state.kind is Kind.PAUSED:
        return (f"Reminders paused until {clock_time(state.until, now)}" if state.until else "Reminders paused",
                "-paused")
    if state.until is None:
        return "No working hours set: no reminders", "-off"
    return f"Outside working hours: reminders from {clock_time(state.until, now)}", "-off"


def today_summary(events: list[BreakEvent]) -> str:
    counts = {what: sum(1 for e in events if e.what == what) for what in SHOWN_OUTCOMES}
    return "Today: " + " · ".join(f"{counts[what]} {what}" for what in SHOWN_OUTCOMES)


def today_lines(events: list[BreakEvent], most: int = 8) -> list[str]:
    """The latest of today's breaks, newest last: `10:50  taken    desk-back-stretches`."""
    return [f"{time.strftime('%H:%M', time.localtime(e.at))}  {e.what:<8} {e.routine}" for e in events[-most:]]
