"""`limber log` and `limber stats` on the command line: tables, JSON, exports read back, the player recording."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta, timezone, UTC

import icalendar
import pytest

from limber.cli import main
from limber.history.records import SegmentRecord
from limber.history.store import Store, history_path

from tests.player_helpers import advance, make_app, routine_file

PLUS_TWO = timezone(timedelta(hours=2))


@pytest.fixture
def history():
    """A history with three sessions: finished, stopped early, and one that never ended."""
    store = Store.open(history_path())
    first = datetime(2024, 5, 1, 7, 0, tzinfo=PLUS_TWO)
    for n, (name, outcome) in enumerate([("Desk back stretches", "finished"), ("Hips\x1b[2J", "stopped early"),
                                          ("Desk back stretches", None)]):
        started = first + timedelta(days=n)
        session = store.start_session(name, f"/r/{n}.yaml", "ab" * 32, started)
        store.add_segment(session, SegmentRecord(1, "Neck rolls", "work", None, None, None, "done", 300, started),
                          300, 0)
        if outcome:
            store.end_session(session, started + timedelta(minutes=6), outcome, 330, 30)
    store.close()
    return history_path()


def test_log_lists_the_latest_sessions_newest_first_and_printable(history, capsys):
    assert main(["log"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["when", "routine", "time", "outcome"]
    assert lines[1].split() == ["2024-05-03", "07:00", "Desk", "back", "stretches", "5:00", "killed"]
    assert "Hips\\x1b[2J" in lines[2] and "\x1b" not in "".join(lines) and lines[2].endswith("stopped early")
    assert main(["log", "-n", "1"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_log_json(history, capsys):
    assert main(["log", "--json"]) == 0
    sessions = json.loads(capsys.readouterr().out)
    assert [s["outcome"] for s in sessions] == ["killed", "stopped early", "finished"]
    assert sessions[2]["started"] == "2024-05-01T07:00:00+02:00" and sessions[2]["ended"] == "2024-05-01T07:06:00+02:00"
    assert sessions[1]["routine"] == "Hips\x1b[2J"  # the JSON escape reads back as the same text


def test_log_with_no_history_says_where_it_will_be_and_creates_nothing(capsys):
    assert main(["log"]) == 0
    assert str(history_path()) in capsys.readouterr().out
    assert not history_path().exists()
    assert main(["log", "--path"]) == 0
    assert capsys.readouterr().out.strip() == str(history_path())


def test_ics_export_reads_back_one_event_a_session(history, tmp_path, capsys):
    out = tmp_path / "sessions.ics"
    assert main(["log", "--export", "ics", "-o", str(out)]) == 0
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3 and len({str(e["UID"]) for e in events}) == 3
    first = events[0]
    assert str(first["SUMMARY"]) == "Desk back stretches"
    assert first.decoded("DTSTART") == datetime(2024, 5, 1, 5, 0, tzinfo=UTC)
    assert first.decoded("DTEND") == datetime(2024, 5, 1, 5, 6, tzinfo=UTC)
    assert first.decoded("DTSTART").tzinfo is not None
    assert str(events[1]["SUMMARY"]) == "Hips\\x1b[2J"
    killed = events[2]  # no end recorded: it lasts its active and paused time
    assert killed.decoded("DTEND") - killed.decoded("DTSTART") == timedelta(seconds=300)


def test_csv_and_json_exports(history, capsys):
    assert main(["log", "--export", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["outcome"] for r in rows] == ["finished", "stopped early", "killed"]
    assert rows[0]["active_seconds"] == "330.0" and rows[2]["ended"] == ""
    assert main(["log", "--export", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 3


def test_stats_text_and_json(history, capsys):
    assert main(["stats", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["sessions"] == 3 and data["longest_streak"] == 3 and data["weekly_goal"] == 60
    assert data["routines"][0] == {"routine": "Desk back stretches", "sessions": 2}
    assert data["most_done"] == [{"step": "Neck rolls", "done": 3}] and data["least_done"] == []
    assert data["today"] == datetime.now().astimezone().date().isoformat()
    assert main(["stats"]) == 0
    text = capsys.readouterr().out
    assert "longest 3 days" in text and "Hips\\x1b[2J" in text and "\x1b" not in text
    assert text.count("\nMon ") == 1 and "of 60 min" in text


def test_stats_uses_the_weekly_goal_from_the_config(history, capsys):
    from limber.config import config_path

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("weekly_goal: 150\n")
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["weekly_goal"] == 150


async def test_the_player_records_a_session_as_it_is_played(tmp_path):
    from limber.history.recorder import Recorder

    path = routine_file(tmp_path, """
        name: Short one
        defaults: {get_ready: 5, rest: 10}
        steps:
          - {name: Neck rolls, duration: 30}
          - {name: Hip hinge, duration: 20}
    """)
    app, clock, sound = make_app(None)
    wall = datetime(2024, 5, 1, 7, 0, tzinfo=PLUS_TWO)
    # Held, as the app's own is: the app lets it write once the first frame is up.
    app.history = Recorder(tmp_path / "h.sqlite3", enabled=True, wall=lambda: wall, held=True)
    app.routine_path = path
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, app, 5)
        await pilot.press("n")  # skip Neck rolls
        await advance(pilot, app, 40)  # rest and Hip hinge run out
        assert app.history.flush()
        assert (tmp_path / "h.sqlite3").exists()  # written while playing, not only at the end
    store = Store.open(tmp_path / "h.sqlite3")
    [session] = store.sessions()
    assert (session.routine, session.outcome) == ("Short one", "finished with skips")
    assert session.started == wall and session.ended == wall + timedelta(seconds=35)
    assert [(s.step, s.outcome, s.seconds) for s in store.segments(session.id)] == [
        ("Get ready", "done", 5.0), ("Neck rolls", "skipped", 0.0), ("Rest", "done", 10.0),
        ("Hip hinge", "done", 20.0)]
    assert session.active_seconds == 35.0


def test_an_export_to_a_pipe_is_written_into_it_and_the_pipe_stays(history, tmp_path, capsys):
    import os
    import stat
    import threading

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    assert main(["log", "--export", "csv", "-o", str(pipe)]) == 0
    reader.join(timeout=30)
    assert received and received[0].decode().startswith("id,started,ended,routine")
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_stats_shows_the_reminders_breaks_this_week(history, capsys):
    store = Store.open(history_path())
    now = datetime.now().astimezone()
    for what in ("offered", "snoozed", "taken", "offered", "skipped", "offered"):
        store.add_reminder(what, "desk-back-stretches", now)
    store.add_reminder("taken", "desk-back-stretches", now - timedelta(days=8))  # another week
    store.close()
    assert main(["stats"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "Breaks      this week 1 taken, 1 snoozed, 1 skipped of 3 offered" in lines
    assert main(["stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["breaks_this_week"] == {"offered": 3, "taken": 1, "snoozed": 1,
                                                                     "skipped": 1}


def test_stats_without_reminders_has_no_breaks_line(history, capsys):
    assert main(["stats"]) == 0
    assert "Breaks" not in capsys.readouterr().out
