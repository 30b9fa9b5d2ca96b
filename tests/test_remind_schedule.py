"""The break schedule against fake wall and monotonic clocks: hours, weekends, midnight, DST, snoozes, sleep."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from limber.remind.schedule import Kind, Schedule
from limber.remind.settings import DAY_MINUTES, Hours, RemindSettings
from tests.conftest import FakeClock

BERLIN = ZoneInfo("Europe/Berlin")
MIN = 60.0
WORKDAYS = Hours(((9 * 60, 17 * 60 + 30),) * 5 + (None, None))


class Clocks:
    """A wall clock and a monotonic clock: `wait` moves both, `sleep` only the wall (a suspend)."""

    def __init__(self, when: datetime):
        self.wall = FakeClock(when.timestamp())
        self.mono = FakeClock(5000.0)

    def wait(self, seconds: float) -> None:
        self.wall.advance(seconds)
        self.mono.advance(seconds)

    def sleep(self, seconds: float) -> None:
        self.wall.advance(seconds)

    def local(self) -> datetime:
        return datetime.fromtimestamp(self.wall(), BERLIN)


def schedule(clocks: Clocks, **settings) -> Schedule:
    return Schedule(RemindSettings(**settings), wall=clocks.wall, mono=clocks.mono, tz=BERLIN)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


def local(wall: float | None) -> str:
    assert wall is not None
    return datetime.fromtimestamp(wall, BERLIN).strftime("%Y-%m-%d %H:%M %Z")


def whats(events) -> list[str]:
    return [event.what for event in events]


def test_a_break_comes_due_after_the_interval_and_is_offered_once():
    clocks = Clocks(at("2026-05-04 10:00"))
    plan = schedule(clocks, every=50 * MIN)
    assert plan.state().kind is Kind.WAITING and plan.state().left == 50 * MIN
    assert plan.next_check() == 60  # never sleeps past a minute
    clocks.wait(49 * MIN)
    assert plan.update() == [] and plan.state().left == pytest.approx(MIN)
    assert plan.next_check() == pytest.approx(MIN)
    clocks.wait(MIN)
    assert whats(plan.update()) == ["due", "offered"]
    assert plan.state().kind is Kind.DUE
    clocks.wait(10 * MIN)
    assert plan.update() == []  # still due, not offered again


def test_snoozes_until_the_limit_then_only_start_or_skip():
    clocks = Clocks(at("2026-05-04 10:00"))
    plan = schedule(clocks, every=20 * MIN, snooze=4 * MIN, max_snoozes=2)
    clocks.wait(20 * MIN)
    plan.update()
    for _ in range(2):
        assert plan.snooze()
        assert whats(plan.update()) == ["snoozed"]
        state = plan.state()
        assert state.kind is Kind.SNOOZED and state.left == 4 * MIN
        clocks.wait(4 * MIN)
        assert whats(plan.update()) == ["due"]  # rings again, but the break was offered only once
    assert plan.state().snoozes == 2
    assert not plan.state().can_snooze and not plan.snooze()
    assert plan.state().can_skip
    assert [e.what for e in plan.today] == ["snoozed", "snoozed"]
    assert plan.skip()
    assert plan.state().kind is Kind.WAITING and plan.state().left == 20 * MIN and plan.state().snoozes == 0


def test_strict_leaves_no_snooze_and_no_skip_but_a_pause():
    clocks = Clocks(at("2026-05-04 10:00"))
    plan = schedule(clocks, every=20 * MIN, strict=True)
    assert not plan.skip()
    clocks.wait(20 * MIN)
    plan.update()
    state = plan.state()
    assert state.kind is Kind.DUE and not state.can_snooze and not state.can_skip
    assert not plan.snooze() and not plan.skip()
    assert plan.state().kind is Kind.DUE
    assert plan.pause_for(60 * MIN)
    assert plan.state().kind is Kind.PAUSED


def test_the_next_break_counts_from_the_end_of_the_routine_and_the_rotation_turns():
    clocks = Clocks(at("2026-05-04 10:00"))
    plan = schedule(clocks, every=30 * MIN, routines=("neck", "upper", "legs"))
    assert plan.state().routine == "neck"
    clocks.wait(30 * MIN)
    plan.update()
    assert plan.start() == "neck"
    assert plan.state().kind is Kind.BREAK and plan.start() is None
    clocks.wait(7 * MIN)
    assert plan.update() == []  # nothing comes due while the routine plays
    plan.finished()
    state = plan.state()
    assert state.kind is Kind.WAITING and state.left == 30 * MIN and state.routine == "upper"
    assert plan.skip() and plan.state().routine == "legs"
    assert plan.skip() and plan.state().routine == "neck"
    assert [(e.what, e.routine) for e in plan.today] == [("taken", "neck"), ("skipped", "upper"), ("skipped", "legs")]


def test_start_now_before_the_break_is_due():
    clocks = Clocks(at("2026-05-04 10:00"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(10 * MIN)
    assert plan.start() == "desk-back-stretches"
    clocks.wait(5 * MIN)
    plan.finished()
    assert plan.state().left == 50 * MIN


def test_the_first_break_of_the_day_counts_from_the_start_of_hours():
    clocks = Clocks(at("2026-05-04 07:45"))  # a Monday, before hours
    plan = schedule(clocks, every=50 * MIN, hours=WORKDAYS)
    state = plan.state()
    assert state.kind is Kind.OFF and local(state.until) == "2026-05-04 09:00 CEST"
    assert plan.next_check() == 60
    clocks.wait(75 * MIN)  # 09:00, the app waking on time
    plan.update()
    assert plan.state().kind is Kind.WAITING and local(plan.state().until) == "2026-05-04 09:50 CEST"


def test_a_late_look_at_the_start_of_hours_still_counts_from_the_start():
    clocks = Clocks(at("2026-05-04 08:59"))
    plan = schedule(clocks, every=50 * MIN, hours=WORKDAYS)
    clocks.wait(11 * MIN)  # the app looked a little late: 09:10
    plan.update()
    assert local(plan.state().until) == "2026-05-04 09:50 CEST"


def test_the_first_break_counts_from_when_remind_started_when_that_is_later():
    clocks = Clocks(at("2026-05-04 10:17"))
    plan = schedule(clocks, every=50 * MIN, hours=WORKDAYS)
    assert local(plan.state().until) == "2026-05-04 11:07 CEST"


def test_no_break_outside_hours_and_the_weekend_is_skipped():
    clocks = Clocks(at("2026-05-08 17:00"))  # a Friday
    plan = schedule(clocks, every=50 * MIN, hours=WORKDAYS)
    assert plan.next_check() == 60
    clocks.wait(30 * MIN)  # 17:30: hours end before the break is due
    plan.update()
    state = plan.state()
    assert state.kind is Kind.OFF and local(state.until) == "2026-05-11 09:00 CEST"
    clocks.wait(63.5 * 3600)  # Monday 09:00
    assert plan.update() == []
    assert local(plan.state().until) == "2026-05-11 09:50 CEST"


def test_a_due_break_lapses_when_hours_end():
    clocks = Clocks(at("2026-05-04 16:30"))
    plan = schedule(clocks, every=50 * MIN, hours=WORKDAYS)
    clocks.wait(50 * MIN)
    assert "offered" in whats(plan.update())
    clocks.wait(10 * MIN)
    plan.update()
    assert plan.state().kind is Kind.OFF and not plan.state().can_skip


def test_a_laptop_closed_over_lunch_owes_no_break_on_waking():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(40 * MIN)
    clocks.sleep(60 * MIN)  # lid closed 12:10-13:10: the monotonic clock stood still
    assert whats(plan.update()) == ["away"]
    state = plan.state()
    assert state.kind is Kind.WAITING and local(state.until) == "2026-05-04 14:00 CEST"


def test_a_due_break_is_settled_by_a_long_sleep():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(50 * MIN)
    plan.update()
    assert plan.snooze()
    assert whats(plan.update()) == ["snoozed"]
    clocks.sleep(30 * MIN)
    assert whats(plan.update()) == ["away"]
    assert plan.state().kind is Kind.WAITING and plan.state().snoozes == 0


def test_idle_a_break_long_counts_the_next_break_from_the_return():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(20 * MIN)
    left_at = clocks.mono()
    clocks.wait(15 * MIN)  # away from the desk, the machine awake: only an idle source knows
    back_at = left_at + 12 * MIN  # the return the idle source reports, a little in the past
    assert plan.rested(back_at)
    assert whats(plan.update()) == ["away"]
    state = plan.state()
    assert state.kind is Kind.WAITING and state.left == 50 * MIN - 3 * MIN


def test_rested_settles_a_due_or_snoozed_break():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN, snooze=5 * MIN)
    clocks.wait(50 * MIN)
    plan.update()
    assert plan.snooze()
    clocks.wait(10 * MIN)
    assert plan.rested(clocks.mono())
    assert whats(plan.update()) == ["snoozed", "due", "away"]
    assert plan.state().kind is Kind.WAITING and plan.state().snoozes == 0 and plan.state().left == 50 * MIN


def test_rested_changes_nothing_while_paused_playing_or_outside_hours():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN, hours=WORKDAYS)
    assert plan.pause_for(60 * MIN)
    assert not plan.rested(clocks.mono())
    assert plan.state().kind is Kind.PAUSED
    assert plan.resume() and plan.start() is not None
    assert not plan.rested(clocks.mono())
    assert plan.state().kind is Kind.BREAK
    plan.finished()
    clocks.wait(7 * 60 * MIN)  # 18:30: hours are over
    assert not plan.rested(clocks.mono())
    assert plan.state().kind is Kind.OFF
    assert "away" not in whats(plan.update())


def test_rested_never_counts_from_the_future():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN)
    assert plan.rested(clocks.mono() + 10 * MIN)
    assert plan.state().left == 50 * MIN


def test_a_short_sleep_only_holds_the_count_still():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(20 * MIN)
    clocks.sleep(2 * MIN)
    assert plan.update() == []
    assert plan.state().left == 30 * MIN  # the two minutes asleep were not desk time


def test_a_clock_set_back_or_forward_a_little_changes_no_interval():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(10 * MIN)
    clocks.wall.advance(-3600)  # set back an hour
    plan.update()
    assert plan.state().left == 40 * MIN
    clocks.wall.advance(120)  # set forward two minutes (NTP)
    clocks.wait(40 * MIN)
    assert "due" in whats(plan.update())


def test_midnight_starts_a_new_day_of_breaks_without_resetting_the_count():
    clocks = Clocks(at("2026-05-04 23:00"))
    plan = schedule(clocks, every=60 * MIN)
    clocks.wait(10 * MIN)
    assert plan.skip()
    assert len(plan.today) == 1
    assert plan.next_check() == 60
    clocks.wait(49.5 * MIN)  # 23:59:30
    assert plan.next_check() == pytest.approx(30)  # wakes at midnight to start a new day
    clocks.wait(30)
    assert whats(plan.update()) == ["skipped"]
    assert plan.today == [] and plan.state().left == 10 * MIN


def test_hours_up_to_midnight_and_from_midnight_run_on_without_a_break_in_the_count():
    clocks = Clocks(at("2026-05-04 23:30"))
    plan = schedule(clocks, every=50 * MIN, hours=Hours(((0, DAY_MINUTES),) * 7))
    clocks.wait(30 * MIN)
    plan.update()
    assert plan.state().left == 20 * MIN


def test_pause_for_an_hour_then_a_full_interval():
    clocks = Clocks(at("2026-05-04 13:00"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(45 * MIN)
    assert plan.pause_for(60 * MIN)
    assert whats(plan.update()) == ["paused"]
    state = plan.state()
    assert state.kind is Kind.PAUSED and local(state.until) == "2026-05-04 14:45 CEST"
    clocks.wait(59 * MIN)
    assert plan.update() == [] and plan.state().kind is Kind.PAUSED
    clocks.wait(MIN)
    assert whats(plan.update()) == ["resumed"]
    assert plan.state().kind is Kind.WAITING and plan.state().left == 50 * MIN


def test_pause_until_tomorrow_resumes_at_the_start_of_its_hours():
    clocks = Clocks(at("2026-05-08 11:00"))  # Friday
    plan = schedule(clocks, every=50 * MIN, hours=WORKDAYS)
    assert plan.pause_until_tomorrow()
    assert local(plan.state().until) == "2026-05-11 09:00 CEST"
    assert plan.resume() and plan.state().kind is Kind.WAITING


def test_pause_until_tomorrow_with_every_hour_working_is_midnight():
    clocks = Clocks(at("2026-05-08 11:00"))
    plan = schedule(clocks)
    plan.pause_until_tomorrow()
    assert local(plan.state().until) == "2026-05-09 00:00 CEST"


def test_dst_spring_forward_keeps_the_interval_in_real_minutes():
    clocks = Clocks(at("2026-03-29 01:40"))  # CET; at 02:00 the clocks go to 03:00
    plan = schedule(clocks, every=50 * MIN)
    assert local(plan.state().until) == "2026-03-29 03:30 CEST"
    clocks.wait(50 * MIN)
    assert "due" in whats(plan.update())


def test_dst_spring_forward_hours_that_start_in_the_missing_hour():
    clocks = Clocks(at("2026-03-29 01:00"))
    start = 2 * 60 + 30  # 02:30 does not exist that night
    plan = schedule(clocks, every=30 * MIN, hours=Hours(((start, 20 * 60),) * 7))
    assert local(plan.state().until) == "2026-03-29 03:30 CEST"
    clocks.wait(90 * MIN)  # 03:30 CEST: an hour and a half of real time later
    plan.update()
    assert local(plan.state().until) == "2026-03-29 04:00 CEST"


def test_dst_fall_back_the_repeated_hour_counts_once_each_time():
    clocks = Clocks(datetime(2026, 10, 25, 2, 40, tzinfo=BERLIN, fold=0))  # the first 02:40, CEST
    plan = schedule(clocks, every=50 * MIN)
    assert local(plan.state().until) == "2026-10-25 02:30 CET"  # the second 02:30
    clocks.wait(50 * MIN)
    assert "due" in whats(plan.update())


def test_dst_fall_back_hours_and_pause_until_tomorrow_land_on_the_local_clock():
    clocks = Clocks(at("2026-10-24 20:00"))  # Saturday, CEST
    plan = schedule(clocks, hours=Hours(((9 * 60, 17 * 60),) * 7))
    assert local(plan.state().until) == "2026-10-25 09:00 CET"
    plan.pause_until_tomorrow()
    assert whats(plan.update()) == ["paused"]
    assert local(plan.state().until) == "2026-10-25 09:00 CET"
    clocks.wait(14 * 3600)  # 09:00 CET is fourteen real hours after 20:00 CEST
    assert whats(plan.update()) == ["resumed"]
    assert plan.state().kind is Kind.WAITING


def test_dst_change_at_night_in_a_paused_or_off_schedule_owes_nothing():
    clocks = Clocks(at("2026-03-28 18:00"))
    plan = schedule(clocks, every=50 * MIN, hours=Hours(((9 * 60, 17 * 60 + 30),) * 7))
    clocks.wait(14 * 3600)  # 09:00 CEST next day: 15 hours on the local clock, 14 of real time
    plan.update()
    assert local(plan.state().until) == "2026-03-29 09:50 CEST"


def test_a_schedule_with_no_hours_at_all_stays_off():
    clocks = Clocks(at("2026-05-04 10:00"))
    plan = schedule(clocks, hours=Hours((None,) * 7))
    assert plan.state().kind is Kind.OFF and plan.state().until is None
    assert plan.next_check() <= 60


class BootClocks(Clocks):
    """With a clock that runs through sleep but is never set, as Linux's CLOCK_BOOTTIME."""

    def __init__(self, when: datetime):
        super().__init__(when)
        self.boot = FakeClock(100.0)

    def wait(self, seconds: float) -> None:
        super().wait(seconds)
        self.boot.advance(seconds)

    def sleep(self, seconds: float) -> None:
        super().sleep(seconds)
        self.boot.advance(seconds)


def boot_schedule(clocks: BootClocks, **settings) -> Schedule:
    return Schedule(RemindSettings(**settings), wall=clocks.wall, mono=clocks.mono, boot=clocks.boot, tz=BERLIN)


def test_with_a_boot_clock_a_clock_set_forward_is_no_sleep():
    clocks = BootClocks(at("2026-05-04 11:30"))
    plan = boot_schedule(clocks, every=50 * MIN)
    clocks.wait(10 * MIN)
    clocks.wall.advance(3600)  # set forward an hour by hand: no one left the desk
    assert plan.update() == []
    assert plan.state().left == 40 * MIN


def test_with_a_boot_clock_a_sleep_is_still_time_away():
    clocks = BootClocks(at("2026-05-04 11:30"))
    plan = boot_schedule(clocks, every=50 * MIN)
    clocks.wait(40 * MIN)
    clocks.sleep(60 * MIN)
    assert whats(plan.update()) == ["away"]
    assert plan.state().left == 50 * MIN


def test_without_a_boot_clock_a_clock_set_well_forward_reads_as_time_away():
    clocks = Clocks(at("2026-05-04 11:30"))
    plan = schedule(clocks, every=50 * MIN)
    clocks.wait(10 * MIN)
    clocks.wall.advance(3600)
    assert whats(plan.update()) == ["away"]  # what the docs say: indistinguishable from a sleep
