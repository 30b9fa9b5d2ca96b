"""Streaks, weeks and the calendar, with fixed dates and explicit UTC offsets."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from limber.history.records import SegmentRecord
from limber.history.stats import calendar, compute, draw_calendar, shade, streaks, week_minutes, week_start
from limber.history.store import Store

CET, CEST = timezone(timedelta(hours=1)), timezone(timedelta(hours=2))


def days(*pairs: tuple[str, float]) -> dict[date, float]:
    return {date.fromisoformat(day): minutes for day, minutes in pairs}


def test_sessions_either_side_of_midnight_make_two_days_of_streak(tmp_path):
    store = Store.open(tmp_path / "h.sqlite3")
    for started in (datetime(2024, 3, 30, 23, 55, tzinfo=CET), datetime(2024, 3, 31, 0, 5, tzinfo=CET)):
        session = store.start_session("Evening", None, None, started)
        store.end_session(session, started + timedelta(minutes=10), "finished", 600, 0)
    minutes = store.minutes_by_day()
    assert minutes == days(("2024-03-30", 10.0), ("2024-03-31", 10.0))
    assert streaks(minutes, date(2024, 3, 31)) == (2, 2)


def test_a_day_is_the_local_date_in_the_offset_the_session_was_recorded_with(tmp_path):
    store = Store.open(tmp_path / "h.sqlite3")
    # 23:30 in winter time and 00:30 in summer time are the same hour in UTC: two local days.
    for started in (datetime(2024, 3, 31, 23, 30, tzinfo=CET), datetime(2024, 4, 1, 0, 30, tzinfo=CEST)):
        session = store.start_session("Travel", None, None, started)
        store.add_segment(session, SegmentRecord(0, "Step", "work", None, None, None, "done", 120, started), 120, 0)
    assert store.minutes_by_day() == days(("2024-03-31", 2.0), ("2024-04-01", 2.0))


def test_a_streak_reaching_yesterday_is_still_current_until_the_day_is_out():
    minutes = days(("2024-05-01", 10), ("2024-05-02", 10), ("2024-05-03", 10))
    assert streaks(minutes, date(2024, 5, 3)) == (3, 3)
    assert streaks(minutes, date(2024, 5, 4)) == (3, 3)
    assert streaks(minutes, date(2024, 5, 5)) == (0, 3)


def test_the_longest_streak_is_kept_and_a_day_under_a_minute_does_not_count():
    minutes = days(("2024-01-01", 5), ("2024-01-02", 5), ("2024-01-03", 5), ("2024-01-04", 0.5),
                   ("2024-01-05", 5), ("2024-01-06", 5))
    assert streaks(minutes, date(2024, 1, 6)) == (2, 3)


def test_the_week_runs_monday_to_today():
    minutes = days(("2024-05-05", 40), ("2024-05-06", 15), ("2024-05-08", 20), ("2024-05-13", 99))
    assert week_start(date(2024, 5, 12)) == date(2024, 5, 6)  # a Sunday belongs to the week before
    assert week_minutes(minutes, date(2024, 5, 6)) == 15  # Monday: Sunday's 40 belong to last week
    assert week_minutes(minutes, date(2024, 5, 12)) == 35
    assert week_minutes(minutes, date(2024, 5, 13)) == 99


def test_the_calendar_has_weeks_as_columns_weekdays_as_rows_and_no_future():
    today = date(2024, 5, 8)  # a Wednesday
    grid = calendar(days(("2024-05-06", 12), ("2024-02-19", 3)), today, weeks=12)
    assert len(grid) == 7 and all(len(row) == 12 for row in grid)
    assert grid[0][-1] == 12  # this Monday, in the last column
    assert grid[2][-1] == 0.0 and grid[3][-1] is None and grid[6][-1] is None  # Thursday on is still to come
    assert grid[0][0] == 3  # Monday 19 February, eleven weeks before
    lines = draw_calendar(days(("2024-05-06", 12)), today, weekly_goal=70, weeks=12)
    assert lines[1].startswith("Mon ") and lines[1].split()[-1] == "▓"  # 12 min against 10 a day
    assert lines[4] == "Thu " + " ".join("·" * 11)


def test_shades_follow_the_days_share_of_the_goal():
    assert [shade(m, 10) for m in (None, 0, 4, 9, 19, 20)] == [" ", "·", "░", "▒", "▓", "█"]


def test_most_and_least_done_stretches_and_sessions_per_routine():
    stats = compute(days(("2024-05-01", 10)), [("Desk", 3), ("Hips", 5)],
                    [("Neck rolls", 9, 0), ("Hip hinge", 2, 1), ("Twist", 0, 4)], date(2024, 5, 1), 60, top=2)
    assert stats.routines == [("Hips", 5), ("Desk", 3)] and stats.sessions == 8
    assert stats.most_done == [("Neck rolls", 9), ("Hip hinge", 2)]
    assert stats.least_done == [("Twist", 0)], "a stretch named as most done is not least done too"
    one = compute({}, [], [("Neck rolls", 1, 0)], date(2024, 5, 1), 60)
    assert one.most_done == [("Neck rolls", 1)] and one.least_done == []
    never = compute({}, [], [("Twist", 0, 3), ("Neck rolls", 1, 0)], date(2024, 5, 1), 60)
    assert never.most_done == [("Neck rolls", 1)], "a stretch never done is not among the most done"
    assert never.least_done == [("Twist", 0)]
    data = stats.to_json()
    assert data["current_streak"] == 1 and data["week_minutes"] == 10
    assert data["calendar"][-1] == {"day": "2024-05-01", "minutes": 10}
    assert len(data["calendar"]) == 7 * 11 + 3  # eleven whole weeks and this one to Wednesday
