"""End to end: the real `limber remind` in tmux with a schedule of seconds: due, played, back; and the popup."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import uuid

import pytest

from limber.remind.popup import client_attached, player_command, popup_argv, popup_wanted
from tests.terminal import LIMBER, Terminal

pytestmark = pytest.mark.terminal

SHORT = """\
name: Tiny break
defaults: {get_ready: 1}
steps:
  - name: Shoulder rolls
    duration: 2
"""
LONG = """\
name: Long break
defaults: {get_ready: 30}
steps:
  - name: Shoulder rolls
    duration: 60
"""


@pytest.fixture
def terminal(tmp_path):
    term = Terminal(tmp_path, width=80, height=24)
    yield term
    term.close()


def status() -> str:
    return subprocess.run([str(LIMBER), "status"], capture_output=True, text=True, check=True).stdout.strip()


def test_a_short_schedule_comes_due_plays_and_comes_back(terminal, tmp_path):
    routine = tmp_path / "tiny.yaml"
    routine.write_text(SHORT)
    terminal.start("remind", "--every", "3s", "--routine", str(routine), "--mute")
    terminal.wait_for_text("Next break in 0:0")
    assert status().startswith("stretch in ")
    screen = terminal.wait_for_text("Break due")
    assert "tiny.yaml" in screen and "Traceback" not in screen
    assert status() == "stretch due"
    terminal.keys("s")  # detached tmux session: no client for a popup, so it plays here
    terminal.wait_for_text("Tiny break")
    assert status() == "stretching"
    terminal.wait_for_text("1 of 1 steps done", timeout=20)  # the finish screen
    terminal.keys("q")
    screen = terminal.wait_for_text("Next break in")
    assert "1 taken" in screen
    assert status().startswith("stretch in ")
    terminal.keys("q")
    assert terminal.exit_code() == 0
    assert status() == ""


def test_quitting_a_break_early_returns_to_the_reminder(terminal, tmp_path):
    routine = tmp_path / "long.yaml"
    routine.write_text(LONG)
    terminal.start("remind", "--every", "1h", "--routine", str(routine), "--mute")
    terminal.wait_for_text("Next break in 60 min")
    terminal.keys("s")
    terminal.wait_for_text("Long break")
    terminal.keys("q")
    terminal.wait_for_text("Quit this session?")
    terminal.keys("y")
    terminal.wait_for_text("Next break in 60 min")
    terminal.keys("q")
    assert terminal.exit_code() == 0


def test_a_bad_remind_setting_is_reported_and_the_reminder_runs(terminal, tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    (config / "config.yaml").write_text("remind:\n  every: soon\n  snooze: 2m\n")
    terminal.start("remind", "--mute", env={"LIMBER_CONFIG_DIR": str(config)})
    screen = terminal.wait_for_text("Next break in 50 min")
    assert "2:10: `remind.every`" in screen  # the located problem, shown as a notice
    terminal.keys("q")
    assert terminal.exit_code() == 0


def test_the_popup_command_line():
    env = {"TMUX": "/tmp/tmux-1/default,1,0", "TMUX_PANE": "%3", "LIMBER_CONFIG_DIR": "/c d", "HOME": "/h"}
    argv = popup_argv(__import__("pathlib").Path("/r/my routine.yaml"), mute=True, env=env, cwd="/w")
    assert argv[:9] == ["tmux", "display-popup", "-E", "-w", "90%", "-h", "90%", "-T", " limber: time to stretch "]
    assert argv[9:13] == ["-t", "%3", "-d", "/w"]
    assert shlex.split(argv[13]) == ["env", "LIMBER_CONFIG_DIR=/c d", sys.executable, "-m", "limber", "play",
                                     "/r/my routine.yaml", "--mute"]
    assert player_command(__import__("pathlib").Path("/r.yaml"), env={}) == shlex.join(
        [sys.executable, "-m", "limber", "play", "/r.yaml"])
    assert popup_wanted(None, env) and popup_wanted(True, env) and not popup_wanted(False, env)
    assert not popup_wanted(True, {}) and not popup_wanted(None, {})


def test_a_detached_session_has_no_client_for_a_popup(tmp_path):
    socket = f"limber-test-{uuid.uuid4().hex[:8]}"
    def run(*args):
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, timeout=20)
    try:
        run("new-session", "-d", "-s", "s", "sleep 60")
        pane = run("display-message", "-p", "-t", "s", "#{pane_id}").stdout.strip()
        server = run("display-message", "-p", "-t", "s", "#{socket_path}").stdout.strip()
        env = dict(os.environ, TMUX=f"{server},1,0", TMUX_PANE=pane)
        assert not client_attached(env)
    finally:
        run("kill-server")


def test_inside_tmux_with_a_client_the_break_opens_in_a_popup(tmp_path):
    """An inner tmux session shown by a client that runs in an outer tmux's pane: the outer pane
    is the person's terminal, and shows the popup over the remind screen."""
    routine = tmp_path / "tiny.yaml"
    routine.write_text(SHORT)
    inner, outer = (f"limber-test-{uuid.uuid4().hex[:8]}" for _ in range(2))
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("TMUX", None)

    def tmux(socket, *args):
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, env=env, timeout=20)

    command = f"{shlex.quote(str(LIMBER))} remind --every 2s --routine {shlex.quote(str(routine))} --mute"
    try:
        tmux(inner, "new-session", "-d", "-s", "work", "-x", "80", "-y", "24", "sh", "-c", f"{command}; sleep 30")
        tmux(outer, "new-session", "-d", "-s", "screen", "-x", "90", "-y", "30",
             f"tmux -L {inner} attach -t work")
        term = Terminal(tmp_path)
        term.socket = outer  # read and type into the outer pane: the client's terminal
        term.wait_for_text("Next break in")
        # Due: the popup opens by itself, its title over the remind screen, the player in it.
        term.wait_for_text("limber: time to stretch")
        term.wait_for_text("Tiny break")
        term.wait_for_text("steps done", timeout=30)  # the finish screen, in the popup
        term.keys("q")  # the popup closes with the player
        term.wait_for(lambda s: "limber: time to stretch" not in s, "the popup to close")
        # The popup leaves the screen a moment before its command returns to the reminder.
        screen = term.wait_for(lambda s: "Next break in" in s, "the next break to be scheduled")
        assert "1 taken" in screen
        assert status().startswith("stretch in ")
    finally:
        tmux(outer, "kill-server")
        tmux(inner, "kill-server")


def _alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_tmux_going_away_while_the_popup_is_open_ends_the_reminder(tmp_path):
    """SIGHUP reaches `limber remind` while its popup worker waits on tmux and its terminal goes:
    it ends within its grace, not hangs, and `limber status` no longer shows it."""
    import time
    from pathlib import Path

    routine = tmp_path / "long.yaml"
    routine.write_text(LONG)
    inner, outer = (f"limber-test-{uuid.uuid4().hex[:8]}" for _ in range(2))
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("TMUX", None)

    def tmux(socket, *args):
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True, env=env, timeout=20)

    command = f"{shlex.quote(str(LIMBER))} remind --every 1s --routine {shlex.quote(str(routine))} --mute"
    pids: list[int] = []
    try:
        tmux(inner, "new-session", "-d", "-s", "work", "-x", "80", "-y", "24", "sh", "-c", command)
        tmux(outer, "new-session", "-d", "-s", "screen", "-x", "90", "-y", "30", f"tmux -L {inner} attach -t work")
        term = Terminal(tmp_path)
        term.socket = outer
        term.wait_for_text("Long break")  # the player, in the popup
        shown = Terminal(tmp_path)
        shown.socket = inner
        remind = shown.limber_pid()
        pids = [remind] + [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/cmdline")
                           if str(routine) in p.read_bytes().decode(errors="replace") and p.parent.name.isdigit()]
        tmux(outer, "kill-server")
        tmux(inner, "kill-server")
        deadline = time.monotonic() + 10
        while _alive(remind) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(remind), "limber remind hung after its terminal went away"
        assert status() == ""
    finally:
        tmux(outer, "kill-server")
        tmux(inner, "kill-server")
        for pid in pids:  # whatever of this test's own is left, so nothing outlives it
            try:
                os.kill(pid, 9)
            except OSError:
                pass
