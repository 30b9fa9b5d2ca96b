"""What the history adds up to: streaks of days, minutes this week against the goal, the calendar.

Pure functions of the numbers the store gives and of a `today` passed in, so every date
boundary (midnight, the start of a week) is tested with fixed dates. A day is the local date
a session started on, in the offset it was recorded with: a session begun at 23:50 counts
for that evening, and travel or a clock change never moves a past session to another day.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from ..record import field, record

if TYPE_CHECKING:
    from .store import Store

# A day counts towards a streak once this much was spent active in it (a session opened and
# quit at once is not a day of practice).
MIN_ACTIVE_SECONDS = 60
CALENDAR_WEEKS = 12
# Calendar shades, from nothing to well past the day's share of the weekly goal.
SHADES = "·░▒▓█"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def week_start(day: date) -> date:
    """The Monday of the week `day` is in."""
    return day - timedelta(days=day.weekday())


def streaks(minutes_by_day: dict[date, float], today: date) -> tuple[int, int]:
    """(current, longest) run of consecutive days that count. A streak that reached yesterday
    is still current today until the day is out."""
    # Day numbers rather than dates: ten years of days are walked in the history view's first frame.
    days = sorted(day.toordinal() for day, minutes in minutes_by_day.items() if minutes * 60 >= MIN_ACTIVE_SECONDS)
    longest = run = 0
    previous: int | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == 1 else 1
        longest = max(longest, run)
        previous = day
    counted = set(days)
    end = today.toordinal()
    if end not in counted:
        end -= 1
    current = 0
    while end in counted:
        current += 1
        end -= 1
    return current, longest


def week_minutes(minutes_by_day: dict[date, float], today: date) -> float:
    """Minutes from this week's Monday up to and including today."""
    monday = week_start(today)
    return sum(minutes for day, minutes in minutes_by_day.items() if monday <= day <= today)


def calendar(minutes_by_day: dict[date, float], today: date, weeks: int = CALENDAR_WEEKS) -> list[list[float | None]]:
    """Minutes for each day of the last `weeks` weeks: seven rows (Monday first), one column a
    week (oldest first, this week last); None for the days of this week still to come."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    grid: list[list[float | None]] = [[None] * weeks for _ in range(7)]
    for column in range(weeks):
        for row in range(7):
            day = first + timedelta(weeks=column, days=row)
            grid[row][column] = None if day > today else minutes_by_day.get(day, 0.0)
    return grid


def shade(minutes: float | None, daily_target: float) -> str:
    """The calendar's mark for a day: none, under half the day's share of the goal, under it,
    under twice it, or more."""
    if minutes is None:
        return " "
    if minutes <= 0:
        return SHADES[0]
    for level, limit in enumerate((0.5, 1.0, 2.0), start=1):
        if minutes < daily_target * limit:
            return SHADES[level]
    return SHADES[4]


def draw_calendar(minutes_by_day: dict[date, float], today: date, weekly_goal: float,
                  weeks: int = CALENDAR_WEEKS) -> list[str]:
    """The calendar as text: a month line, then a row a weekday, two cells a week."""
    grid = calendar(minutes_by_day, today, weeks)
    first = week_start(today) - timedelta(weeks=weeks - 1)
    months = [" "] * (2 * weeks)
    last_month = None
    for column in range(weeks):
        month = (first + timedelta(weeks=column)).month
        start = 2 * column
        # A month whose first week has no room for its name (the last one's is still there)
        # is named at its next week instead.
        if month != last_month and start + 3 <= len(months) and months[max(0, start - 1)] == " ":
            months[start:start + 3] = list(date(2000, month, 1).strftime("%b"))
            last_month = month
    lines = ["    " + "".join(months).rstrip()]
    target = weekly_goal / 7
    for row, name in enumerate(WEEKDAYS):
        lines.append(f"{name} " + " ".join(shade(minutes, target) for minutes in grid[row]).rstrip())
    lines.append(f"    less {' '.join(SHADES)} more (a day's share of the goal: {target:.0f} min)")
    return lines


@record
class Stats:
    """Everything `limber stats` shows."""

    today: date
    today_minutes: float
    current_streak: int
    longest_streak: int
    week_minutes: float
    weekly_goal: int
    sessions: int
    routines: list[tuple[str, int]]  # (routine, sessions), most first
    most_done: list[tuple[str, int]]  # (step, times done)
    least_done: list[tuple[str, int]]
    minutes_by_day: dict[date, float] = field(repr=False)

    def to_json(self, weeks: int = CALENDAR_WEEKS) -> dict:
        first = week_start(self.today) - timedelta(weeks=weeks - 1)
        days = (first + timedelta(days=n) for n in range((self.today - first).days + 1))
        data = asdict(self)
        del data["minutes_by_day"]
        data["today"] = self.today.isoformat()
        data["routines"] = [{"routine": name, "sessions": count} for name, count in self.routines]
        data["most_done"] = [{"step": name, "done": count} for name, count in self.most_done]
        data["least_done"] = [{"step": name, "done": count} for name, count in self.least_done]
        data["today_minutes"] = round(self.today_minutes, 2)
        data["week_minutes"] = round(self.week_minutes, 2)
        data["calendar"] = [{"day": day.isoformat(), "minutes": round(self.minutes_by_day.get(day, 0.0), 2)}
                            for day in days]
        return data


def compute(minutes_by_day: dict[date, float], routine_counts: list[tuple[str, int]],
            step_counts: list[tuple[str, int, int]], today: date, weekly_goal: int, top: int = 5) -> Stats:
    current, longest = streaks(minutes_by_day, today)
    by_done = sorted(((step, done) for step, done, _ in step_counts), key=lambda item: (-item[1], item[0]))
    most = [item for item in by_done if item[1] > 0][:top]  # never done is not "most done"
    # With few stretches, "least done" leaves out the ones already named as most done.
    least = [item for item in sorted(by_done, key=lambda item: (item[1], item[0])) if item not in most][:top]
    return Stats(
        today=today,
        today_minutes=minutes_by_day.get(today, 0.0),
        current_streak=current,
        longest_streak=longest,
        week_minutes=week_minutes(minutes_by_day, today),
        weekly_goal=weekly_goal,
        sessions=sum(count for _, count in routine_counts),
        routines=sorted(routine_counts, key=lambda item: (-item[1], item[0])),
        most_done=most,
        least_done=least,
        minutes_by_day=minutes_by_day,
    )


# -- for the screens: small questions answered from the store ---------------------------------
def stats_from(store: Store, today: date, weekly_goal: int) -> Stats:
    return compute(store.minutes_by_day(), store.routine_counts(), store.step_counts(), today, weekly_goal)


def today_minutes(store: Store, today: date) -> float:
    return store.minutes_by_day(since=today).get(today, 0.0)


def current_streak(store: Store, today: date) -> int:
    return streaks(store.minutes_by_day(), today)[0]


def week_against_goal(store: Store, today: date, weekly_goal: int) -> tuple[float, int]:
    """(minutes this week, the goal)."""
    return week_minutes(store.minutes_by_day(since=week_start(today)), today), weekly_goal


def minutes_per_day(store: Store, today: date, weeks: int = CALENDAR_WEEKS) -> list[tuple[date, float]]:
    """Every day of the last `weeks` weeks (Monday first, up to today) with its minutes."""
    first = week_start(today) - timedelta(weeks=weeks - 1)
    minutes = store.minutes_by_day(since=first)
    return [(first + timedelta(days=n), minutes.get(first + timedelta(days=n), 0.0))
            for n in range((today - first).days + 1)]


def last_done(store: Store, routine: str | None = None, path: str | None = None) -> datetime | None:
    """When a routine was last played to the end (by its file when given, else by its name)."""
    return store.last_done(routine=routine, path=path)


@record
class Progress:
    """Where the habit stands after a session: for the finish screen."""

    today_minutes: float
    current_streak: int
    week_minutes: float
    weekly_goal: int


def progress(store: Store, today: date, weekly_goal: int) -> Progress:
    """Today's minutes, the current streak and the week against the goal, from one query."""
    minutes = store.minutes_by_day()
    return Progress(minutes.get(today, 0.0), streaks(minutes, today)[0], week_minutes(minutes, today), weekly_goal)


@record
class Overview:
    """What the history view shows: the numbers, every day's minutes, and the latest sessions."""

    stats: Progress
    longest_streak: int
    sessions_total: int
    minutes_by_day: dict[date, float]
    latest: list  # list[Session], newest first
    today: date


def overview(store: Store, today: date, weekly_goal: int, limit: int = 200) -> Overview:
    """The history view's data in three indexed queries: fast enough to draw in the first frame."""
    minutes = store.minutes_by_day()
    current, longest = streaks(minutes, today)
    return Overview(Progress(minutes.get(today, 0.0), current, week_minutes(minutes, today), weekly_goal),
                    longest, store.session_count(), minutes, store.sessions(limit), today)
