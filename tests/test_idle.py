"""Idle time: read from a Mutter idle monitor and a logind session on a private D-Bus, and what
the reminder makes of it, on a fake clock."""

from __future__ import annotations

import pytest

from limber.remind.idle import (
    LOOK_WHILE_AWAY,
    IoregIdle,
    LogindIdle,
    MutterIdle,
    Presence,
    Return,
    X11Idle,
    due_after_return,
    find_idle_source,
    parse_ioreg,
)

BREAK = 300.0  # a five-minute break
EVERY = 3000.0


class Idle:
    """What an idle source would read at the fake clock's time: input happens when a test says."""

    def __init__(self, clock):
        self.clock = clock
        self.last_input = clock()

    def touch(self) -> None:
        self.last_input = self.clock()

    def __call__(self) -> float:
        return self.clock() - self.last_input


def look(presence, clock, idle):
    return presence.see(clock(), idle())


# -- the policy ---------------------------------------------------------------------------------
def test_typing_away_nobody_leaves(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    for _ in range(20):
        clock.advance(30)
        idle.touch()
        assert look(presence, clock, idle) is None
        assert not presence.away and presence.may_offer(clock())


def test_reading_without_touching_for_a_minute_is_still_at_the_desk(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    clock.advance(90)
    look(presence, clock, idle)
    assert not presence.away and presence.may_offer(clock())


def test_idle_two_minutes_is_an_empty_desk_counted_from_the_last_input(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    left = clock()
    clock.advance(130)
    assert look(presence, clock, idle) is None
    assert presence.away and presence.left_at == left
    assert not presence.may_offer(clock())
    assert presence.offer_from() is None  # nobody to offer it to, however long


def test_back_after_longer_than_a_break_it_counted_as_one_and_the_next_counts_from_the_return(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    due = clock() + 600
    clock.advance(150)
    look(presence, clock, idle)
    clock.advance(400)
    idle.touch()
    back_at = clock()
    clock.advance(3)
    back = look(presence, clock, idle)
    assert back == Return(back_at, 550, True)
    assert due_after_return(due, EVERY, back) == back_at + EVERY
    assert not presence.away


def test_back_after_less_than_a_break_the_break_is_still_owed(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    due = clock() + 600
    clock.advance(130)
    look(presence, clock, idle)
    clock.advance(100)
    idle.touch()
    back = look(presence, clock, idle)
    assert back == Return(clock(), 230, False)
    assert due_after_return(due, EVERY, back) == due


def test_exactly_a_break_away_counts(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    clock.advance(BREAK)
    look(presence, clock, idle)
    idle.touch()
    assert look(presence, clock, idle).counts_as_break


def test_a_due_break_waits_for_the_return_then_a_minute(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    clock.advance(200)
    look(presence, clock, idle)  # the break came due now: the desk is empty
    assert not presence.may_offer(clock())
    clock.advance(60)
    idle.touch()
    back = look(presence, clock, idle)
    assert back is not None and not back.counts_as_break
    assert not presence.may_offer(clock())
    assert presence.offer_from() == clock() + 60
    clock.advance(59)
    idle.touch()
    look(presence, clock, idle)
    assert not presence.may_offer(clock())
    clock.advance(1)
    look(presence, clock, idle)
    assert presence.may_offer(clock())


def test_gone_again_within_the_minute_the_break_waits_again(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    clock.advance(200)
    look(presence, clock, idle)
    idle.touch()
    look(presence, clock, idle)
    clock.advance(150)
    look(presence, clock, idle)
    assert presence.away and not presence.may_offer(clock())


def test_back_and_gone_again_between_two_readings(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    clock.advance(200)
    look(presence, clock, idle)
    clock.advance(100)
    idle.touch()  # back for a moment...
    touched = clock()
    clock.advance(150)  # ...and away again before the next reading
    back = look(presence, clock, idle)
    assert back == Return(touched, 300, True)
    assert presence.away and presence.left_at == touched


def test_no_reading_counts_as_someone_there(clock):
    presence = Presence(BREAK)
    clock.advance(1000)
    assert presence.see(clock(), None) is None
    assert presence.may_offer(clock())


def test_a_short_break_makes_a_short_absence_an_empty_desk(clock):
    presence, idle = Presence(60.0), Idle(clock)
    clock.advance(61)
    look(presence, clock, idle)
    assert presence.away


def test_readings_come_often_while_away_and_seldom_while_working(clock):
    presence, idle = Presence(BREAK), Idle(clock)
    look(presence, clock, idle)
    assert presence.next_look(clock()) == 60
    clock.advance(100)
    look(presence, clock, idle)
    assert presence.next_look(clock()) == 20  # when the desk could first count as empty
    clock.advance(30)
    look(presence, clock, idle)
    assert presence.next_look(clock()) == LOOK_WHILE_AWAY
    idle.touch()
    look(presence, clock, idle)
    assert presence.next_look(clock()) == 60  # the break may be offered a minute after the return


# -- the sources --------------------------------------------------------------------------------
@pytest.fixture
async def mutter(private_bus):
    from tests.fake_notification_server import MUTTER, MUTTER_PATH, MutterIdleMonitor, serve

    monitor = MutterIdleMonitor()
    services = await serve(private_bus, MUTTER, MUTTER_PATH, monitor)
    yield monitor
    await services.close()


@pytest.fixture
async def logind(private_bus):
    from tests.fake_notification_server import LOGIND, LOGIND_SESSION_PATH, LogindSession, serve

    session = LogindSession()
    services = await serve(private_bus, LOGIND, LOGIND_SESSION_PATH, session)
    yield session
    await services.close()


async def test_mutter_idle_time_is_read_in_seconds(mutter):
    source = MutterIdle()
    mutter.idle_ms = 125_500
    assert await source.idle_seconds() == 125.5
    mutter.idle_ms = 0
    assert await source.idle_seconds() == 0.0


async def test_logind_idle_hint_and_since(logind, clock):
    source = LogindIdle(wall=clock)
    assert await source.idle_seconds() == 0.0
    logind.idle, logind.idle_since_us = True, int((clock() - 400) * 1e6)
    assert await source.idle_seconds() == pytest.approx(400)


async def test_no_service_no_reading(private_bus):
    assert await MutterIdle().idle_seconds() is None
    assert await LogindIdle().idle_seconds() is None


async def test_the_exact_source_is_found_before_the_hint(mutter, logind, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    found = await find_idle_source()
    assert isinstance(found, MutterIdle)


async def test_logind_when_it_is_all_there_is(logind, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    assert isinstance(await find_idle_source(), LogindIdle)


async def test_nothing_to_read_finds_nothing(private_bus, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    assert await find_idle_source() is None


async def test_a_source_that_breaks_is_passed_over():
    class Broken:
        name = "broken"

        async def idle_seconds(self):
            raise RuntimeError("no")

    class Fine:
        name = "fine"

        async def idle_seconds(self):
            return 3.0

    fine = Fine()
    assert await find_idle_source([Broken(), fine]) is fine


async def test_x11_needs_a_display_and_no_wayland(monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    assert await X11Idle().idle_seconds() is None
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("XDG_SESSION_TYPE", "wayland")
    assert await X11Idle().idle_seconds() is None


async def test_ioreg_only_on_macos():
    import sys

    if sys.platform == "darwin":
        pytest.skip("this checks the answer elsewhere than macOS")
    assert await IoregIdle().idle_seconds() is None


def test_ioreg_hid_idle_time_is_nanoseconds():
    out = b'  | |   "HIDIdleTime" = 61234567890\n  | |   "HIDIdleTimeDelta" = 7\n'
    assert parse_ioreg(out) == pytest.approx(61.23456789)
    assert parse_ioreg(b"no such key") is None
