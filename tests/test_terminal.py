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


def test_live_reload_and_the_editor_key_in_a_real_terminal(terminal, tmp_path):
    import sys

    from tests.conftest import REPO

    routine = tmp_path / "live.yaml"
    routine.write_text(ROUTINE)
    edits = tmp_path / "edits"
    edits.mkdir()
    (edits / "1.yaml").write_text(ROUTINE.replace("Second hold", "Edited in the editor"))
    env = {"EDITOR": f"{sys.executable} {REPO / 'tests' / 'fake_editor.py'}", "FAKE_EDITS": str(edits)}
    terminal.start("play", str(routine), "--mute", env=env)
    terminal.wait_for_text("GET READY")

    # Saved from elsewhere: the queue shows it within a second or two, and the session carries on.
    routine.write_text(ROUTINE.replace("Second hold", "Changed on disk"))
    screen = terminal.wait_for_text("Changed on disk", timeout=10)
    assert "GET READY" in screen

    # Broken on disk: the problem shows, the last good version keeps playing; fixed, it clears.
    routine.write_text(ROUTINE.replace("duration: 60\n", "duraton: 60\n", 1))
    screen = terminal.wait_for_text("still playing the last good", timeout=10)
    assert "unknown key `duraton`" in screen.replace("\n", "")
    routine.write_text(ROUTINE)
    terminal.wait_for(lambda s: "still playing" not in s and "Second hold" in s, "the problem to clear", timeout=10)

    # `e`: the app steps aside for $EDITOR, checks the result, and comes back with it.
    terminal.keys("e")
    screen = terminal.wait_for_text("Edited in the editor", timeout=15)
    assert "PAUSED" in screen, "the session waits while you edit"
    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("y")
    assert terminal.exit_code() == 0
