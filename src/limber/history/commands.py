"""`limber log` and `limber stats`: the history on the command line, as tables, JSON, CSV or a calendar file."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, UTC
from pathlib import Path

from ..printable import printable
from .records import Session
from .arguments import DEFAULT_COUNT  # noqa: F401  (the default `limber log -n` shows)
from .store import HistoryUnavailable, Store, history_path
from ..words import counted

OK, INVALID = 0, 1


def _say(message: str) -> None:
    print(f"limber: {printable(message)}", file=sys.stderr)


@contextmanager
def _opened() -> Iterator[Store | None]:
    """The history while a command reads it, or None when there is none yet; a damaged file is
    moved aside and said so."""
    store = Store.open(create=False, report=_say)
    try:
        yield store
    finally:
        if store is not None:
            store.close()


def run_log(args: argparse.Namespace) -> int:
    if args.path:
        print(printable(str(history_path())))
        return OK
    if args.output and not args.export:
        _say("-o/--output goes with --export")
        return 2
    try:
        with _opened() as store:
            sessions = [] if store is None else store.sessions(None if args.export else args.n)
    except (HistoryUnavailable, sqlite3.Error) as error:
        _say(str(error))
        return INVALID
    if args.export:
        return _export(sessions, args.export, args.output)
    if args.json:
        from ..cli import json_text

        print(json_text([session.to_json() for session in sessions]))
        return OK
    if not sessions:
        print(f"No sessions yet. They are kept in {printable(str(history_path()))}.")
        return OK
    print("\n".join(log_table(sessions)))
    return OK


def log_table(sessions: list[Session]) -> list[str]:
    from ..cli import table
    from ..routine import format_duration

    rows = [("when", "routine", "time", "outcome")]
    for session in sessions:
        rows.append((session.started.strftime("%Y-%m-%d %H:%M"), session.routine,
                     format_duration(round(session.active_seconds)), session.outcome))
    return table(rows)


# -- exports ----------------------------------------------------------------------------------
CSV_COLUMNS = ("id", "started", "ended", "routine", "path", "sha256", "outcome", "active_seconds", "paused_seconds")


def export_text(sessions: list[Session], kind: str) -> str | bytes:
    if kind == "json":
        from ..cli import json_text

        return json_text([session.to_json() for session in sessions]) + "\n"
    if kind == "csv":
        import csv
        import io

        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for session in reversed(sessions):  # oldest first, as a spreadsheet reads down
            data = session.to_json()
            writer.writerow([printable(str(data[c])) if isinstance(data[c], str) else data[c] for c in CSV_COLUMNS])
        return out.getvalue()
    return ics_bytes(sessions)


def ics_bytes(sessions: list[Session]) -> bytes:
    """One VEVENT a session, in UTC (every calendar reads it without a time-zone table)."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//limber//workout history//EN")
    cal.add("version", "2.0")
    for session in reversed(sessions):
        start = session.started.astimezone(UTC)
        end = (session.ended.astimezone(UTC) if session.ended else
               start + timedelta(seconds=session.active_seconds + session.paused_seconds))
        event = icalendar.Event()
        event.add("uid", f"session-{session.id}-{start:%Y%m%dT%H%M%SZ}@limber")
        event.add("dtstamp", end)
        event.add("dtstart", start)
        event.add("dtend", max(end, start + timedelta(seconds=1)))
        event.add("summary", printable(session.routine))
        minutes = round(session.active_seconds / 60)
        event.add("description", f"{session.outcome}; {minutes} min active")
        event.add("categories", ["limber"])
        cal.add_component(event)
    return cal.to_ical()


def _export(sessions: list[Session], kind: str, output: str | None) -> int:
    text = export_text(sessions, kind)
    if output:
        import stat

        from ..files import write_atomically

        target = Path(output)
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        try:
            special = not stat.S_ISREG(target.stat().st_mode)
        except FileNotFoundError:
            special = False
        if special:  # a pipe or a device (`-o /dev/stdout`): written into, never replaced
            with open(target, "wb") as stream:
                stream.write(data)
        else:
            write_atomically(target, data)
        print(f"wrote {len(sessions)} sessions to {printable(output)}", file=sys.stderr)
        return OK
    if isinstance(text, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(text)
    return OK


# -- stats ------------------------------------------------------------------------------------
def run_stats(args: argparse.Namespace, today: date | None = None) -> int:
    from .stats import Stats, compute

    from .stats import week_start

    today = today or datetime.now().astimezone().date()
    goal = _weekly_goal()
    breaks: dict[str, int] = {}
    try:
        with _opened() as store:
            stats: Stats = (compute({}, [], [], today, goal) if store is None else
                            compute(store.minutes_by_day(), store.routine_counts(), store.step_counts(), today, goal))
            if store is not None:
                breaks = store.reminder_counts(since=week_start(today))
    except (HistoryUnavailable, sqlite3.Error) as error:
        _say(str(error))
        return INVALID
    if args.json:
        from ..cli import json_text

        print(json_text({**stats.to_json(), "breaks_this_week": {what: breaks.get(what, 0) for what in BREAK_WORDS}}))
        return OK
    lines = stats_text(stats)
    if breaks:
        lines.insert(4, breaks_line(breaks))
    print("\n".join(lines))
    return OK


BREAK_WORDS = ("offered", "taken", "snoozed", "skipped")


def breaks_line(breaks: dict[str, int]) -> str:
    """The reminder's week in one line: how the breaks it offered went."""
    return (f"Breaks      this week {breaks.get('taken', 0)} taken, {breaks.get('snoozed', 0)} snoozed, "
            f"{breaks.get('skipped', 0)} skipped of {breaks.get('offered', 0)} offered")


def _weekly_goal() -> int:
    from ..config import settings_or_defaults

    def said(error) -> None:
        _say(f"config.yaml has problems; using defaults: {error.problems[0]}")

    return settings_or_defaults(said).weekly_goal


def stats_text(stats) -> list[str]:
    from ..cli import table
    from .stats import draw_calendar

    def days(n: int) -> str:
        return counted(n, "day")

    share = min(1.0, stats.week_minutes / stats.weekly_goal) if stats.weekly_goal else 1.0
    bar = "█" * round(share * 20) + "░" * (20 - round(share * 20))
    lines = [
        f"Streak      {days(stats.current_streak)} (longest {days(stats.longest_streak)})",
        f"Today       {stats.today_minutes:.0f} min",
        f"This week   {stats.week_minutes:.0f} of {stats.weekly_goal} min  {bar} {share:.0%}",
        f"Sessions    {stats.sessions}",
    ]
    if stats.routines:
        lines += ["", *table([("routine", "sessions"), *((name, str(n)) for name, n in stats.routines)])]
    if stats.most_done:
        lines += ["", "Most done:  " + ", ".join(f"{printable(name)} ({n})" for name, n in stats.most_done)]
        if stats.least_done:
            lines += ["Least done: " + ", ".join(f"{printable(name)} ({n})" for name, n in stats.least_done)]
    lines += ["", "The last 12 weeks", *draw_calendar(stats.minutes_by_day, stats.today, stats.weekly_goal)]
    return lines
