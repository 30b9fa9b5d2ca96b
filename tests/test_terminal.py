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
    assert "Next: Long hold" in screen and "left side" in screen
    assert "Traceback" not in screen

    terminal.keys("space")
    # The key bar says what space does now.
    screen = terminal.wait_for(lambda s: "PAUSED" in s and "space Resume" in s, "paused, and space to resume")
    assert "space Pause" not in screen
    terminal.keys("space")
    screen = terminal.wait_for(lambda s: "PAUSED" not in s and "GET READY" in s and "space Pause" in s, "resume")
    assert "space Resume" not in screen

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
    screen = terminal.wait_for_text("press E to fix", timeout=10)
    assert "1 problem" in screen and "unknown key `duraton`" in screen
    routine.write_text(ROUTINE)
    terminal.wait_for(lambda s: "press E to fix" not in s and "Second hold" in s, "the problem to clear", timeout=10)

    # `e`: the app steps aside for $EDITOR, checks the result, and comes back with it.
    terminal.keys("e")
    screen = terminal.wait_for_text("Edited in the editor", timeout=15)
    assert "PAUSED" in screen, "the session waits while you edit"
    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("y")
    assert terminal.exit_code() == 0


def _modes(terminal) -> str:
    """Whether the pane is in the alternate screen, reports the mouse, and shows the cursor."""
    return terminal.display("#{alternate_on} #{mouse_any_flag} #{cursor_flag}")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_ends_limber_with_the_terminal_restored(terminal, tmp_path, name):
    import os
    import signal

    number = getattr(signal, name)
    routine = tmp_path / "terminal-test.yaml"
    routine.write_text(ROUTINE)
    terminal.start("play", str(routine), "--mute")
    terminal.wait_for_text("GET READY")
    assert _modes(terminal) == "1 1 0", "playing: the alternate screen, the mouse reported, no cursor"

    os.kill(terminal.limber_pid(), number)
    assert terminal.exit_code() == 128 + number, "ended by the signal, as the shell sees it"
    assert _modes(terminal) == "0 0 1", "the terminal is as it was before limber started"
    assert "Traceback" not in terminal.screen()


def _elapsed(screen: str) -> int:
    import re

    minutes, seconds = re.search(r"(\d+):(\d\d) elapsed", screen).groups()
    return int(minutes) * 60 + int(seconds)


@pytest.mark.parametrize("how", ["ctrl+z", "kill -TSTP"])
def test_suspended_limber_comes_back_paused_at_the_time_it_stopped(terminal, tmp_path, how):
    import os
    import signal
    import time

    routine = tmp_path / "terminal-test.yaml"
    routine.write_text(ROUTINE)
    terminal.start_shell()
    terminal.run("play", str(routine), "--mute")
    terminal.wait_for(lambda s: "GET READY" in s and "0:01 elapsed" in s, "a second of the session")
    before = _elapsed(terminal.screen())
    if how == "ctrl+z":
        terminal.keys("C-z")
    else:
        os.kill(terminal.limber_pid(), signal.SIGTSTP)
    terminal.wait_for_text("Stopped")  # the shell's job control has it
    assert _modes(terminal) == "0 0 1", "while stopped the shell has the terminal as it was"

    time.sleep(3)  # real time passing while stopped: the countdown must not run on
    terminal.keys("fg", "Enter")
    screen = terminal.wait_for(lambda s: "PAUSED" in s and "elapsed" in s, "the session to come back paused")
    assert _modes(terminal) == "1 1 0"
    assert "Terminal test" in screen and "Next: Long hold" in screen, "the whole screen is drawn again"
    assert before <= _elapsed(screen) <= before + 1, "the time is the time it had when stopped"
    time.sleep(1.5)
    assert _elapsed(terminal.screen()) == _elapsed(screen), "and it stays paused"

    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("y")
    terminal.wait_for(lambda s: s.rstrip().endswith("$"), "the shell's prompt")


def test_control_characters_in_a_file_name_never_reach_the_terminal(terminal, tmp_path):
    # The validator turns such text away inside a routine; a file's name reaches the screen
    # anyway (in the reload notice and in every problem's place).
    routine = tmp_path / "evil\x1b]0;pwned\x07\x1b[?1049l\x9b2J[b]x[@click=app.quit].yaml"
    routine.write_text(ROUTINE)
    terminal.start("play", str(routine), "--mute")
    terminal.wait_for_text("GET READY")
    title = terminal.display("#{pane_title}")
    assert "pwned" not in title

    routine.write_text(ROUTINE.replace("Second hold", "Changed on disk"))
    screen = terminal.wait_for_text("Changed on disk", timeout=10)
    assert "Reloaded" in screen and "evil\\x1b]0;pwned\\x07" in screen, screen  # the notice may wrap
    assert terminal.display("#{alternate_on} #{pane_title}") == f"1 {title}"

    routine.write_text(ROUTINE.replace("duration: 60\n", "duraton: 60\n", 1))
    screen = terminal.wait_for_text("press E to fix", timeout=10)
    assert "evil\\x1b]0;pwned" in screen
    assert terminal.display("#{alternate_on} #{pane_title}") == f"1 {title}"

    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("y")
    assert terminal.exit_code() == 0


# YAML's own escapes put the real control characters into the routine: leave the alternate
# screen, set the window title, write the clipboard (OSC 52), wipe the screen.
HOSTILE = r'\e[?1049l\e]0;pwned\a\e]52;c;cHduZWQ=\a\e[2J'
HOSTILE_ROUTINE = f"""\
name: "Evil{HOSTILE}"
description: "About{HOSTILE}"
notice: "Careful{HOSTILE}"
defaults: {{get_ready: 30, switch_time: 30}}
steps:
  - name: "Reach[b]x[/]{HOSTILE}"
    duration: 60
    sides: ["left{HOSTILE}", "right{HOSTILE}"]
    instructions: "Slowly[link=x:y]z[/link]{HOSTILE}"
"""


def test_a_routine_full_of_escape_sequences_is_refused_with_them_shown_as_text(terminal, tmp_path):
    routine = tmp_path / "hostile.yaml"
    routine.write_text(HOSTILE_ROUTINE)
    terminal.start("play", str(routine), "--mute")
    terminal.tmux("set-option", "-s", "set-clipboard", "on")  # so an OSC 52 would land in a paste buffer
    assert terminal.exit_code() == 1
    screen = terminal.tmux("capture-pane", "-p", "-J").stdout  # wrapped lines joined
    assert "hostile.yaml:1:7: `name` holds a control character, U+001B (ESC): remove it" in screen, screen
    assert "pwned" not in terminal.display("#{pane_title}")
    assert terminal.display("#{alternate_on}") == "0"
    assert terminal.tmux("list-buffers").stdout == "", "nothing reached the clipboard"


def test_markup_in_a_routine_plays_shown_as_written(terminal, tmp_path):
    routine = tmp_path / "markup.yaml"
    routine.write_text(HOSTILE_ROUTINE.replace(HOSTILE, ""))
    terminal.start("play", str(routine), "--mute")
    screen = terminal.wait_for_text("GET READY")
    assert "Reach[b]x[/]" in screen, screen
    terminal.keys("n")
    screen = terminal.wait_for_text("WORK")
    assert "Slowly[link=x:y]z[/link]" in screen, "markup shown as written, not read as markup"
    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("y")
    assert terminal.exit_code() == 0


def test_enter_typed_right_after_the_arrows_plays_the_row_they_reached(terminal):
    """Keys typed in one burst are taken in order: Enter waits for the Down before it."""
    terminal.start()  # the home screen: the bundled desk routine, then upper-back-quick
    terminal.wait_for_text("Upper back, quick")
    terminal.keys("Down", "Enter")  # one send-keys: both arrive together
    screen = terminal.wait_for_text("GET READY")
    assert "Upper back, quick" in screen.splitlines()[0], screen
