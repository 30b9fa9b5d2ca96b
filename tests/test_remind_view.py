"""What the remind screen says, from the schedule's state: plain functions, no Textual."""

from __future__ import annotations

import time

import pytest

from limber.remind.schedule import BreakEvent, Kind, State
from limber.remind.view import countdown, headline, next_change, today_lines, today_summary

NOW = time.mktime((2026, 5, 4, 10, 0, 0, 0, 0, -1))


def state(kind: Kind, left: float | None = None, until: float | None = None) -> State:
    return State(kind, "desk", until, left, 0, False, False)


@pytest.mark.parametrize("seconds, text", [
    (50 * 60, "50 min"), (120.5, "3 min"), (120, "2 min"), (119, "1:59"), (61, "1:01"), (0.4, "0:01"), (0, "0:00"),
    (60 * 60, "60 min"), (61 * 60, "1 h 01 min"), (125 * 60, "2 h 05 min"),
])
def test_countdown(seconds, text):
    assert countdown(seconds) == text


def test_the_countdown_is_redrawn_only_when_its_text_changes():
    for left in (50 * 60, 49 * 60 + 30.5, 130.2, 119.6, 5.5):
        wait = next_change(state(Kind.WAITING, left))
        assert wait is not None and wait > 0
        assert countdown(left - wait) != countdown(left)
        assert countdown(left - wait + 0.01) == countdown(left)
    assert next_change(state(Kind.DUE)) is None


def test_headlines():
    assert headline(state(Kind.WAITING, 600), NOW) == ("Next break in 10 min", "-waiting")
    assert headline(state(Kind.DUE), NOW) == ("Break due: time to stretch", "-due")
    assert headline(state(Kind.SNOOZED, 90), NOW) == ("Snoozed: break in 1:30", "-snoozed")
    assert headline(state(Kind.PAUSED, until=NOW + 3600), NOW) == ("Reminders paused until 11:00", "-paused")
    assert headline(state(Kind.OFF, until=NOW + 86400 - 3600), NOW)[0] == "Outside working hours: reminders from Tue 09:00"
    assert headline(state(Kind.OFF), NOW)[0] == "No working hours set: no reminders"


def test_todays_breaks():
    events = [BreakEvent("taken", "desk", NOW), BreakEvent("snoozed", "neck", NOW + 3000),
              BreakEvent("snoozed", "neck", NOW + 3300)]
    assert today_summary(events) == "Today: 1 taken · 2 snoozed · 0 skipped"
    assert today_lines(events, most=2) == ["10:50  snoozed  neck", "10:55  snoozed  neck"]
