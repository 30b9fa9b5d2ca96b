"""The history's one SQLite file: opening it (moving a damaged one aside), its schema, reads and writes."""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from collections.abc import Callable, Iterator

from .records import SegmentRecord, Session, SessionOutcome

FILE_NAME = "history.sqlite3"
# Long enough for the other process's short transaction (a player writing a segment, a
# second player, a reminder), short enough that a stuck lock is reported, not waited on forever.
BUSY_TIMEOUT_MS = 5000

# Each migration takes the file from the version before it to the next: MIGRATIONS[0] makes
# version 1 from an empty file (version 0). Never edit one that has shipped; add another.
MIGRATIONS: tuple[str, ...] = (
    # 1: sessions and the segments left in them. Times are ISO 8601 local time with the UTC
    # offset, so a session reads back in the day and hour it was lived in.
    """
    CREATE TABLE session (
        id INTEGER PRIMARY KEY,
        routine TEXT NOT NULL,
        path TEXT,
        sha256 TEXT,
        started TEXT NOT NULL,
        ended TEXT,
        outcome TEXT,
        active_seconds REAL NOT NULL DEFAULT 0,
        paused_seconds REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX session_started ON session (started);
    CREATE TABLE segment (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        step TEXT NOT NULL,
        kind TEXT NOT NULL,
        side TEXT,
        set_number INTEGER,
        round_number INTEGER,
        outcome TEXT NOT NULL,
        seconds REAL NOT NULL,
        started TEXT NOT NULL
    );
    CREATE INDEX segment_session ON segment (session_id);
    """,
    # 2: the limber that recorded each session (a later format change can tell old rows
    # apart), and an index that answers "most and least done stretches" without reading
    # every segment row.
    """
    ALTER TABLE session ADD COLUMN limber_version TEXT;
    CREATE INDEX segment_step ON segment (kind, step, outcome);
    """,
    # 3: what `limber remind` did with each break: offered, taken, snoozed or skipped.
    """
    CREATE TABLE reminder (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        what TEXT NOT NULL,
        routine TEXT NOT NULL
    );
    CREATE INDEX reminder_at ON reminder (at);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)

# SQLite's primary result codes for "this is not a database" and "the database is damaged".
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


class HistoryUnavailable(Exception):
    """The history file cannot be used now (a newer limber made it, the folder is not writable...)."""


def is_damage(error: BaseException) -> bool:
    """Whether an sqlite3 error means the file itself is bad (not a lock, not a full disk)."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.DatabaseError) and code is not None and code & 0xFF in (
        _SQLITE_CORRUPT, _SQLITE_NOTADB)


def history_path() -> Path:
    from ..locations import data_dir

    return data_dir() / FILE_NAME


def move_aside(path: Path, now: datetime | None = None) -> Path:
    """Rename a damaged file (and its journal) out of the way, never deleting it; returns where it went."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while target.exists():
        number += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        # A journal left beside a fresh file would be read into it; it goes with the file it belongs to.
        journal = path.with_name(path.name + suffix)
        try:
            os.replace(journal, target.with_name(target.name + suffix))
        except FileNotFoundError:
            pass
    return target


@dataclass
class Store:
    """An open history file. Every write is its own short transaction, committed at once."""

    connection: sqlite3.Connection
    path: Path

    # -- opening --------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path | None = None, *, create: bool = True,
             report: Callable[[str], None] | None = None) -> Store | None:
        """Open (and bring up to date) the history at `path`. A file that is not SQLite or is
        damaged is moved aside, `report` is told where in one line, and a new one is started.
        With create=False, a missing file gives None rather than a new empty one."""
        path = path or history_path()
        if not create and not path.exists():
            return None
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            return cls._open_taking_turns(path)
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise HistoryUnavailable(f"{path}: {error}") from None
        moved = move_aside(path)
        if report is not None:
            report(f"the history file {path} was damaged; it was moved to {moved} and a new one started")
        try:
            return cls._open(path)
        except sqlite3.DatabaseError as error:
            raise HistoryUnavailable(f"{path}: {error}") from None

    @classmethod
    def _open_taking_turns(cls, path: Path) -> Store:
        """Open, waiting for another limber that is opening the same file. Turning a new file to
        WAL takes a lock for which SQLite does not call its busy handler, so two processes that
        start together can find it held: wait a little and try again, up to the busy timeout."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                return cls._open(path)
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    @classmethod
    def _open(cls, path: Path) -> Store:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                     check_same_thread=False)
        try:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            # Reading the schema parses the first page: a file that is not SQLite, or whose
            # schema is damaged, fails here rather than in the middle of a session.
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            store = cls(connection, path)
            store.check_version()  # before anything is changed: a newer limber's file is left as it is
            connection.execute("PRAGMA journal_mode = WAL")
            # In WAL, NORMAL loses nothing when the process is killed; only a power cut can
            # take the last commits, and then the file is still whole.
            connection.execute("PRAGMA synchronous = NORMAL")
            connection.execute("PRAGMA foreign_keys = ON")
            store.migrate()
        except BaseException:
            connection.close()
            raise
        return store

    def migrate(self, to: int = SCHEMA_VERSION) -> None:
        """Run the migrations the file has not had, each in its own transaction. Two processes
        opening an old file at once take turns: the second finds the work done."""
        version = self.check_version()
        while version < to:
            with self.transaction():
                version = self.version  # another process may have moved it on meanwhile
                if version >= to:
                    break
                for statement in _statements(MIGRATIONS[version]):
                    self.connection.execute(statement)
                self.connection.execute(f"PRAGMA user_version = {version + 1}")
            version = self.version

    def check_version(self) -> int:
        version = self.version
        if version > SCHEMA_VERSION:
            raise HistoryUnavailable(
                f"{self.path}: written by a newer limber (schema {version}; this one knows {SCHEMA_VERSION})")
        return version

    @property
    def version(self) -> int:
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.connection.close()

    class _Transaction:
        def __init__(self, connection: sqlite3.Connection):
            self.connection = connection

        def __enter__(self):
            # IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so two
            # writers queue rather than one failing part-way with "database is locked".
            self.connection.execute("BEGIN IMMEDIATE")
            return self.connection

        def __exit__(self, kind, value, traceback):
            self.connection.execute("COMMIT" if kind is None else "ROLLBACK")
            return False

    def transaction(self) -> Store._Transaction:
        return Store._Transaction(self.connection)

    # -- writing --------------------------------------------------------------------------
    def start_session(self, routine: str, path: str | None, sha256: str | None, started: datetime,
                      limber_version: str | None = None) -> int:
        with self.transaction() as db:
            cursor = db.execute(
                "INSERT INTO session (routine, path, sha256, started, limber_version) VALUES (?, ?, ?, ?, ?)",
                (routine, path, sha256, started.isoformat(timespec="seconds"), limber_version))
            assert cursor.lastrowid is not None  # an INSERT always gives one
            return cursor.lastrowid

    def add_segment(self, session_id: int, segment: SegmentRecord, active_seconds: float,
                    paused_seconds: float) -> None:
        """Keep a segment, and the session's time so far (what a killed session is left with)."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO segment (session_id, position, step, kind, side, set_number, round_number, outcome,"
                " seconds, started) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (session_id, segment.position, segment.step, segment.kind, segment.side, segment.set,
                 segment.round, segment.outcome, segment.seconds, segment.started.isoformat(timespec="seconds")))
            db.execute("UPDATE session SET active_seconds = ?, paused_seconds = ? WHERE id = ?",
                       (active_seconds, paused_seconds, session_id))

    def end_session(self, session_id: int, ended: datetime, outcome: str, active_seconds: float,
                    paused_seconds: float) -> None:
        with self.transaction() as db:
            db.execute("UPDATE session SET ended = ?, outcome = ?, active_seconds = ?, paused_seconds = ? WHERE id = ?",
                       (ended.isoformat(timespec="seconds"), outcome, active_seconds, paused_seconds, session_id))

    def add_reminder(self, what: str, routine: str, at: datetime) -> None:
        """A break offered, taken, snoozed or skipped by the reminder."""
        with self.transaction() as db:
            db.execute("INSERT INTO reminder (at, what, routine) VALUES (?, ?, ?)",
                       (at.isoformat(timespec="seconds"), what, routine))

    # -- reading --------------------------------------------------------------------------
    def reminder_counts(self, since: date | None = None) -> dict[str, int]:
        """How many breaks were offered, taken, snoozed and skipped (on or after a local date)."""
        sql, parameters = "SELECT what, count(*) FROM reminder", []
        if since is not None:
            sql += " WHERE at >= ?"
            parameters.append(since.isoformat())
        return dict(self.connection.execute(sql + " GROUP BY what", parameters).fetchall())

    def sessions(self, limit: int | None = None, since: date | None = None) -> list[Session]:
        """Sessions, newest first; `since` keeps those started on or after that local date."""
        sql = ("SELECT id, routine, path, sha256, started, ended, outcome, active_seconds, paused_seconds"
               " FROM session")
        parameters: list = []
        if since is not None:
            sql += " WHERE started >= ?"  # the text starts with the local date, so this compares days
            parameters.append(since.isoformat())
        sql += " ORDER BY started DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            parameters.append(limit)
        return [_session(row) for row in self.connection.execute(sql, parameters)]

    def session_count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM session").fetchone()[0])

    def segments(self, session_id: int) -> list[SegmentRecord]:
        rows = self.connection.execute(
            "SELECT position, step, kind, side, set_number, round_number, outcome, seconds, started"
            " FROM segment WHERE session_id = ? ORDER BY id", (session_id,))
        return [SegmentRecord(p, step, kind, side, set_, round_, outcome, seconds, datetime.fromisoformat(started))
                for p, step, kind, side, set_, round_, outcome, seconds, started in rows]

    def minutes_by_day(self, since: date | None = None) -> dict[date, float]:
        """Active minutes on each local day that has any (by the day each session started)."""
        sql = "SELECT substr(started, 1, 10), sum(active_seconds) FROM session"
        parameters: list = []
        if since is not None:
            sql += " WHERE started >= ?"
            parameters.append(since.isoformat())
        rows = self.connection.execute(sql + " GROUP BY 1", parameters)
        return {date.fromisoformat(day): (seconds or 0.0) / 60 for day, seconds in rows}

    def routine_counts(self) -> list[tuple[str, int]]:
        return [(routine, count) for routine, count in
                self.connection.execute("SELECT routine, count(*) FROM session GROUP BY routine")]

    def step_counts(self) -> list[tuple[str, int, int]]:
        """(step name, times done, times skipped) for every work step ever played, counted by
        session: a stretch held on both sides, or in three sets, was done once that session."""
        rows = self.connection.execute(
            "SELECT step, sum(done > 0), sum(done = 0 AND skipped > 0) FROM"
            " (SELECT step, sum(outcome = 'done') AS done, sum(outcome = 'skipped') AS skipped"
            "  FROM segment WHERE kind = 'work' GROUP BY session_id, step)"
            " GROUP BY step")
        return [(step, int(done or 0), int(skipped or 0)) for step, done, skipped in rows]

    def last_done(self, routine: str | None = None, path: str | None = None) -> datetime | None:
        """When a routine (by its file, else its name) was last played to the end."""
        column, value = ("path", path) if path is not None else ("routine", routine)
        row = self.connection.execute(
            f"SELECT max(started) FROM session WHERE {column} = ? AND outcome IN (?, ?)",
            (value, SessionOutcome.FINISHED, SessionOutcome.FINISHED_WITH_SKIPS)).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def last_played(self, routine: str | None = None, path: str | None = None) -> datetime | None:
        """When a routine (by its file, else its name) was last started, however it ended."""
        column, value = ("path", path) if path is not None else ("routine", routine)
        row = self.connection.execute(f"SELECT max(started) FROM session WHERE {column} = ?", (value,)).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration, to run one by one inside the caller's transaction
    (executescript would commit first, and a half-run migration must roll back whole)."""
    for statement in script.split(";"):
        if statement.strip():
            yield statement


def _session(row: tuple) -> Session:
    id_, routine, path, sha256, started, ended, outcome, active, paused = row
    return Session(
        id=id_, routine=routine, path=path, sha256=sha256,
        started=datetime.fromisoformat(started),
        ended=datetime.fromisoformat(ended) if ended else None,
        outcome=outcome if ended and outcome else SessionOutcome.KILLED,
        active_seconds=float(active or 0.0), paused_seconds=float(paused or 0.0),
    )
