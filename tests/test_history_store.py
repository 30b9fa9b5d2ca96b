"""The history file: migrations from every version, two writers at once, damaged files, killed sessions."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone

import pytest

from limber.history.records import SegmentOutcome, SegmentRecord, SessionOutcome
from limber.history.recorder import Recorder
from limber.history.store import MIGRATIONS, SCHEMA_VERSION, HistoryUnavailable, Store, history_path
from limber.locations import data_dir

PLUS_TWO = timezone(timedelta(hours=2))
MORNING = datetime(2024, 5, 1, 7, 0, tzinfo=PLUS_TWO)

ROUTINE = """
name: Two stretches
defaults: {get_ready: 5, rest: 10}
steps:
  - {name: Neck rolls, duration: 30}
  - {name: Hip hinge, duration: 20}
"""


def segment(step: str = "Neck rolls", outcome: str = SegmentOutcome.DONE) -> SegmentRecord:
    return SegmentRecord(1, step, "work", None, None, None, outcome, 30.0, MORNING)


def at_version(path, version: int) -> None:
    """A history file as an older limber left it, with a session in it from version 1 on."""
    path.write_bytes(b"")  # version 0: an empty file
    if version == 0:
        return
    connection = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        connection.executescript(script)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.execute("INSERT INTO session (routine, started, ended, outcome, active_seconds)"
                       " VALUES ('Old', '2020-01-02T08:00:00+01:00', '2020-01-02T08:10:00+01:00', 'finished', 600)")
    connection.execute("INSERT INTO segment (session_id, position, step, kind, outcome, seconds, started)"
                       " VALUES (1, 0, 'Neck rolls', 'work', 'done', 30, '2020-01-02T08:00:00+01:00')")
    connection.commit()
    connection.close()


def test_the_file_lives_in_the_data_folder_which_tests_keep_apart(own_folders):
    assert history_path() == data_dir() / "history.sqlite3"
    assert history_path().is_relative_to(own_folders)


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_file_from_every_earlier_version_is_brought_up_to_date_keeping_its_sessions(tmp_path, version):
    path = tmp_path / "history.sqlite3"
    at_version(path, version)
    store = Store.open(path)
    assert store.version == SCHEMA_VERSION
    sessions = store.sessions()
    if version >= 1:
        assert [(s.routine, s.outcome, s.active_seconds) for s in sessions] == [("Old", "finished", 600.0)]
        assert store.step_counts() == [("Neck rolls", 1, 0)]
    else:
        assert sessions == []
    new = store.start_session("New", None, None, MORNING, limber_version="0.1.0")
    store.add_segment(new, segment(), 30.0, 0.0)
    assert store.connection.execute("SELECT limber_version FROM session WHERE id = ?", (new,)).fetchone() == ("0.1.0",)
    assert store.connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    store.close()


def test_a_file_from_a_newer_limber_is_left_alone(tmp_path):
    path = tmp_path / "history.sqlite3"
    at_version(path, SCHEMA_VERSION)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(HistoryUnavailable, match="newer limber"):
        Store.open(path)
    assert path.read_bytes() == before
    assert list(tmp_path.iterdir()) == [path]


def test_a_file_that_is_not_sqlite_is_moved_aside_and_a_new_one_started(tmp_path):
    path = tmp_path / "history.sqlite3"
    path.write_text("these are my notes, not a database\n" * 20)
    said: list[str] = []
    store = Store.open(path, report=said.append)
    assert store.sessions() == []
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("history.sqlite3.damaged-")]
    assert len(moved) == 1 and moved[0].read_text().startswith("these are my notes")
    assert len(said) == 1 and str(moved[0]) in said[0] and "\n" not in said[0]
    store.start_session("After", None, None, MORNING)
    assert [s.routine for s in store.sessions()] == ["After"]


def test_a_damaged_file_is_moved_aside_never_deleted(tmp_path):
    path = tmp_path / "history.sqlite3"
    store = Store.open(path)
    store.start_session("Kept", None, None, MORNING)
    store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page, scribbled over
    path.write_bytes(bytes(data))
    said: list[str] = []
    store = Store.open(path, report=said.append)
    assert store.sessions() == []
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("history.sqlite3.damaged-") and "-wal" not in p.name
             and "-shm" not in p.name]
    assert len(moved) == 1 and moved[0].read_bytes() == bytes(data)
    assert "damaged" in said[0] and str(moved[0]) in said[0]


WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timezone
    from pathlib import Path
    from limber.history.records import SegmentRecord
    from limber.history.store import Store
    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    when = datetime(2024, 5, 1, 7, 0, tzinfo=timezone.utc)
    store = Store.open(path)
    print("open", flush=True)
    sys.stdin.readline()  # both are open before either writes
    for n in range(count):
        session = store.start_session(name, None, None, when)
        for position in range(5):
            store.add_segment(session, SegmentRecord(position, "Step", "work", None, None, None, "done", 1.0, when),
                              position + 1.0, 0.0)
        store.end_session(session, when, "finished", 5.0, 0.0)
    print("done", flush=True)
""")


def test_two_processes_write_at_once_without_an_error(tmp_path):
    path = tmp_path / "history.sqlite3"
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, "60"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    for writer in writers:
        said = writer.stdout.readline().strip()
        assert said == "open", writer.stderr.read() if not said else said
    for writer in writers:  # let both go at once
        writer.stdin.write("go\n")
        writer.stdin.flush()
    results = [writer.communicate(timeout=60) for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], results
    store = Store.open(path)
    assert sorted(store.routine_counts()) == [("a", 60), ("b", 60)]
    assert store.connection.execute("SELECT count(*) FROM segment").fetchone() == (600,)
    assert {s.outcome for s in store.sessions()} == {SessionOutcome.FINISHED}


PLAYER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from limber import library
    from limber.history.recorder import Recorder
    history, routine_path = Path(sys.argv[1]), Path(sys.argv[2])
    now = [1000.0]
    wall = datetime(2024, 5, 1, 7, 0, tzinfo=timezone(timedelta(hours=2)))
    recorder = Recorder(history, enabled=True, wall=lambda: wall, report=print)
    routine, plan = library.load(routine_path)
    engine = recorder.engine(plan, lambda: now[0], routine.name, routine_path)
    engine.start()
    now[0] += 5.0
    engine.tick()  # get ready done; Neck rolls starts
    now[0] += 31.0
    engine.tick()  # Neck rolls done; the rest is in progress when the process dies
    assert recorder.flush()
    print("recorded", flush=True)
    sys.stdin.readline()
""")


def test_a_session_killed_mid_way_keeps_what_was_done_and_reads_back_as_killed(tmp_path, write):
    history = tmp_path / "history.sqlite3"
    routine = write(ROUTINE)
    player = subprocess.Popen([sys.executable, "-c", PLAYER, str(history), str(routine)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert player.stdout.readline().strip() == "recorded", player.stderr.read()
    os.kill(player.pid, signal.SIGKILL)
    player.wait(timeout=30)
    assert player.returncode == -signal.SIGKILL
    store = Store.open(history)
    [session] = store.sessions()
    assert session.outcome == SessionOutcome.KILLED and session.ended is None
    assert session.routine == "Two stretches" and session.path == str(routine)
    assert session.started == datetime(2024, 5, 1, 7, 0, tzinfo=PLUS_TWO)
    assert session.active_seconds == pytest.approx(35.0)  # what was written by the last segment
    assert [(s.step, s.outcome, s.seconds) for s in store.segments(session.id)] == [
        ("Get ready", "done", 5.0), ("Neck rolls", "done", 30.0)]


def test_a_history_that_cannot_be_written_is_said_once_and_playing_carries_on(tmp_path, write, clock):
    from limber import library

    blocked = tmp_path / "history.sqlite3"
    blocked.mkdir()  # a folder where the file should be
    said: list[str] = []
    recorder = Recorder(blocked, enabled=True, report=said.append)
    routine, plan = library.load(write(ROUTINE))
    for _ in range(2):
        engine = recorder.engine(plan, clock, routine.name, None)
        engine.start()
        clock.advance(100)
        events = engine.tick()
        assert engine.state.value == "finished" and events
    assert recorder.flush()
    recorder.close()
    assert len(said) == 1 and "history not recorded" in said[0]


def test_history_false_writes_nothing(tmp_path, write, clock):
    from limber import library
    from limber.config import config_path

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("history: false\n")
    recorder = Recorder()
    routine, plan = library.load(write(ROUTINE))
    engine = recorder.engine(plan, clock, routine.name, None)
    engine.start()
    clock.advance(100)
    engine.tick()
    assert recorder.flush()
    recorder.close()
    assert not history_path().exists()
    assert recorder.enabled is False


def test_a_held_recorder_touches_no_file_until_started(tmp_path, write, clock):
    from limber import library

    history = tmp_path / "history.sqlite3"
    recorder = Recorder(history, enabled=True, held=True)
    routine, plan = library.load(write(ROUTINE))
    engine = recorder.engine(plan, clock, routine.name, None)
    engine.start()
    clock.advance(5)
    engine.tick()
    assert recorder.flush() and not history.exists()  # nothing opened while the first frame draws
    recorder.start()
    assert recorder.flush()
    recorder.close()
    [session] = Store.open(history).sessions()
    assert session.routine == routine.name


def test_a_version_2_file_gains_the_reminder_table_and_keeps_its_sessions(tmp_path):
    path = tmp_path / "history.sqlite3"
    at_version(path, 2)
    store = Store.open(path)
    assert store.version == SCHEMA_VERSION >= 3
    assert len(store.sessions()) == 1
    assert store.reminder_counts() == {}
    store.add_reminder("offered", "desk-back-stretches", MORNING)
    store.add_reminder("taken", "desk-back-stretches", MORNING)
    store.add_reminder("offered", "desk-back-stretches", MORNING + timedelta(days=2))
    assert store.reminder_counts() == {"offered": 2, "taken": 1}
    assert store.reminder_counts(since=(MORNING + timedelta(days=1)).date()) == {"offered": 1}
    store.close()


def test_a_stretch_is_counted_once_a_session_however_many_sides_and_sets(tmp_path):
    store = Store.open(tmp_path / "history.sqlite3")
    plays = [("done", "done"), ("skipped", "done"), ("skipped", "skipped")]  # left, right in three sessions
    for sides in plays:
        session = store.start_session("Desk", None, None, MORNING)
        for position, outcome in enumerate(sides):
            side = "left" if position == 0 else "right"
            store.add_segment(session, SegmentRecord(position, "Twist", "work", side, None, None, outcome, 30.0, MORNING),
                              30.0, 0.0)
        store.end_session(session, MORNING + timedelta(minutes=2), SessionOutcome.FINISHED, 60.0, 0.0)
    assert store.step_counts() == [("Twist", 2, 1)], "done in two sessions, skipped whole in one"
    store.close()
