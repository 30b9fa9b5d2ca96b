"""The reminder's state file and `limber status`: one short line, JSON for waybar, nothing from a dead writer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from limber.cli import main
from limber.remind.state import (HEARTBEAT_SECONDS, STALE_SECONDS, read_state, short_time, state_path, status,
                                 write_state)

NOW = 1_780_000_000.0


def state(kind: str, until: float | None = None, **more) -> dict:
    return {"version": 1, "pid": os.getpid(), "heartbeat": NOW, "kind": kind, "routine": "desk-back-stretches",
            "until": until, **more}


@pytest.mark.parametrize("shown, text", [
    (state("waiting", NOW + 23 * 60), "stretch in 23m"),
    (state("waiting", NOW + 22 * 60 + 1), "stretch in 23m"),
    (state("waiting", NOW + 40), "stretch in 40s"),
    (state("waiting", NOW + 65 * 60), "stretch in 1h05m"),
    (state("waiting", NOW - 3), "stretch due"),
    (state("due"), "stretch due"),
    (state("snoozed", NOW + 4 * 60), "snoozed 4m"),
    (state("snoozed", NOW - 1), "stretch due"),
    (state("break"), "stretching"),
    (state("off", NOW + 3600), ""),
    (state("due", held="held: do not disturb"), "held: do not disturb"),
    (state("due", held="held: away\x1b[2J"), "held: away?[2J"),
    (state("due", held=None), "stretch due"),
    (state("waiting", NOW + 60, held="held: do not disturb"), "stretch in 1m"),
    (None, ""),
])
def test_status_words(shown, text):
    assert status(shown, NOW)["text"] == text


def test_paused_until_a_time_of_day():
    until = time.mktime((2026, 5, 4, 14, 0, 0, 0, 0, -1))
    shown = status(state("paused", until), until - 1800)
    assert shown == {"text": "reminders paused until 14:00", "tooltip": "reminders paused until 14:00",
                     "class": "paused"}
    tomorrow = status(state("paused", until + 86400 - 5 * 3600), until)
    assert tomorrow["text"] == "reminders paused until Tue 09:00"


def test_a_routine_name_with_escapes_is_shown_harmless():
    shown = status(state("waiting", NOW + 60, routine="evil\x1b]0;pwned\x07\u202e\n"), NOW)
    assert shown["tooltip"].startswith("next: evil?]0;pwned??? at ")


@pytest.mark.parametrize("seconds, text", [(0, "0s"), (0.2, "1s"), (59, "59s"), (60, "1m"), (61, "2m"),
                                           (3600, "1h00m"), (3601, "1h01m")])
def test_short_time(seconds, text):
    assert short_time(seconds) == text


def test_written_state_reads_back_while_the_writer_lives():
    path = state_path()
    write_state(path, state("waiting", NOW + 60))
    assert read_state(path, NOW)["kind"] == "waiting"
    assert oct(path.parent.stat().st_mode & 0o777) == "0o700"
    assert read_state(path, NOW + HEARTBEAT_SECONDS) is not None
    assert read_state(path, NOW + STALE_SECONDS + 1) is None  # no heartbeat: stopped, killed or asleep


def test_a_dead_writer_or_a_damaged_file_reads_as_not_running():
    path = state_path()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    write_state(path, state("waiting", NOW + 60, pid=int(dead.stdout)))
    assert read_state(path, NOW) is None
    for text in ("{", "[]", '{"version": 99}', json.dumps(state("due", pid="1"))):
        path.write_text(text)
        assert read_state(path, NOW) is None
    path.unlink()
    os.mkfifo(path)  # a FIFO in its place is never waited on
    assert read_state(path, NOW) is None


def test_limber_status_prints_a_line_and_json(capsys):
    write_state(state_path(), state("waiting", time.time() + 23 * 60 + 30, heartbeat=time.time()))
    assert main(["status"]) == 0
    assert capsys.readouterr().out == "stretch in 24m\n"
    assert main(["status", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["text"] == "stretch in 24m" and shown["class"] == "waiting"
    assert "desk-back-stretches" in shown["tooltip"]


def test_limber_status_prints_nothing_when_remind_is_not_running(capsys):
    assert main(["status"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["class"] == "none"


def test_limber_status_help_and_wrong_options_go_through_the_parser(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["status", "--jsn"])
    assert caught.value.code == 2


def test_status_loads_neither_yaml_nor_textual_nor_the_routine_library(tmp_path):
    code = ("import sys, limber.cli; limber.cli.main(['status']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('yaml', 'textual', 'rich', 'platformdirs',"
            " 'sqlite3') or m in ('limber.library', 'limber.routine', 'dataclasses', 'argparse', 'typing', 'pathlib',"
            " 'limber.printable')))")
    env = dict(os.environ, LIMBER_RUNTIME_DIR=str(tmp_path))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("override, runtime", [(True, True), (False, True), (False, False)])
def test_status_finds_the_file_remind_writes(tmp_path, monkeypatch, override, runtime):
    from limber.remind.state import status_file

    if not override:
        monkeypatch.delenv("LIMBER_RUNTIME_DIR")
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    if runtime:
        monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    else:
        monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    assert status_file() == str(state_path())
    folder.chmod(0o777)  # open to others: neither uses it
    assert status_file() == str(state_path())
