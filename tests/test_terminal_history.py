"""End to end: the real `limber play` in tmux played to the finish screen, then `limber log --json` shows the session."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from tests.terminal import LIMBER, Terminal

pytestmark = pytest.mark.terminal

ROUTINE = """\
name: Tiny finish
defaults: {get_ready: 1, rest: 1}
steps:
  - {name: First second, duration: 1}
  - {name: Skipped one, duration: 60}
  - {name: Push-ups, reps: 3}
"""


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(tmp_path, width=80, height=24)
    yield term
    term.close()


def test_a_session_played_to_the_finish_screen_is_in_the_log(terminal, tmp_path, own_folders):
    routine = tmp_path / "tiny.yaml"
    routine.write_text(ROUTINE)
    env = {name: os.environ[name] for name in ("LIMBER_CONFIG_DIR", "LIMBER_CACHE_DIR", "LIMBER_DATA_DIR")}
    terminal.start("play", str(routine), "--mute", env=env)

    # Get ready, the first second and a rest go by on their own; the queue marks the step under way.
    terminal.wait_for_text("▶ Skipped one", timeout=20)
    terminal.keys("n")  # skip the long one
    terminal.wait_for_text("▶ Push-ups", timeout=10)  # after the rest
    terminal.keys("Enter")  # the reps done
    screen = terminal.wait_for_text("Finished with skips", timeout=15)
    assert "Tiny finish" in screen and "2 of 3 steps done · 1 skipped" in screen
    assert "Today 0 min" in screen and "This week 0 of 60 min" in screen, "the history's numbers are shown"
    assert "Well done" not in screen and "Traceback" not in screen
    terminal.keys("q")
    assert terminal.exit_code() == 0

    log = subprocess.run([str(LIMBER), "log", "--json"], env={**os.environ, **env}, capture_output=True, text=True,
                         timeout=30, check=True)
    sessions = json.loads(log.stdout)
    assert len(sessions) == 1
    session = sessions[0]
    assert session["routine"] == "Tiny finish" and session["path"] == str(routine)
    assert session["outcome"] == "finished with skips" and session["ended"] is not None
    assert 1 <= session["active_seconds"] < 60


@pytest.mark.parametrize("name", ["SIGHUP", "SIGTERM"])
def test_a_session_ended_by_closing_the_terminal_keeps_its_time(terminal, tmp_path, own_folders, name):
    # Closing the terminal (SIGHUP) or a shutdown (SIGTERM) ends the session as quitting does:
    # kept as stopped early with the time spent in the step under way, not as killed.
    import signal

    routine = tmp_path / "tiny.yaml"
    routine.write_text(ROUTINE)
    env = {name: os.environ[name] for name in ("LIMBER_CONFIG_DIR", "LIMBER_CACHE_DIR", "LIMBER_DATA_DIR")}
    terminal.start("play", str(routine), "--mute", env=env)
    terminal.wait_for_text("▶ Skipped one", timeout=20)
    terminal.wait_for(lambda screen: "0:05 elapsed" in screen, "five seconds into the session", timeout=20)
    number = getattr(signal, name)
    os.kill(terminal.limber_pid(), number)
    assert terminal.exit_code() == 128 + number

    log = subprocess.run([str(LIMBER), "log", "--json"], env={**os.environ, **env}, capture_output=True, text=True,
                         timeout=30, check=True)
    session = json.loads(log.stdout)[0]
    assert session["outcome"] == "stopped early" and session["ended"] is not None
    assert session["active_seconds"] >= 4, "the time in the step under way is kept"
