"""End to end: the real `limber play` in a real terminal (tmux), through pause, skip and quit."""

from __future__ import annotations

import pytest

from tests.terminal import Terminal

pytestmark = pytest.mark.terminal

ROUTINE = """\
name: Terminal test
defaults: {get_ready: 30, rest: 5}
steps:
  - name: Long hold
    duration: 60
    sides: [left, right]
    instructions: Stay tall.
  - name: Second hold
    duration: 60
"""


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(tmp_path)
    yield term
    term.close()


def test_play_pause_skip_and_quit_in_a_real_terminal(terminal, tmp_path):
    routine = tmp_path / "terminal-test.yaml"
    routine.write_text(ROUTINE)
    terminal.start("play", str(routine), "--mute")

    screen = terminal.wait_for_text("GET READY")
    assert "Terminal test" in screen
    assert "next: Long hold (left)" in screen
    assert "Traceback" not in screen

    terminal.keys("space")
    terminal.wait_for_text("PAUSED")
    terminal.keys("space")
    terminal.wait_for(lambda s: "PAUSED" not in s and "GET READY" in s, "resume")

    terminal.keys("n")
    screen = terminal.wait_for_text("WORK")
    assert "Long hold" in screen and "left side" in screen and "Stay tall." in screen

    terminal.keys("Right")
    screen = terminal.wait_for_text("SWITCH SIDES")

    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("n")
    terminal.wait_for(lambda s: "Quit this session?" not in s, "the dialog to close")
    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("y")
    assert terminal.exit_code() == 0


def test_a_broken_routine_is_reported_without_a_traceback(terminal, tmp_path):
    routine = tmp_path / "broken.yaml"
    routine.write_text("name: Broken\nsteps:\n  - name: A\n    duraton: 5\n")
    terminal.start("play", str(routine))
    assert terminal.exit_code() == 1
    screen = terminal.screen()
    assert f"{routine}:4:5: unknown key `duraton`" in screen.replace("\n", "")
    assert "Traceback" not in screen
