"""Driving the real `limber` command in a real terminal: tmux send-keys in, capture-pane out."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

LIMBER = Path(sys.executable).with_name("limber")


class Terminal:
    def __init__(self, tmp_path: Path, width: int = 100, height: int = 30):
        if shutil.which("tmux") is None:
            pytest.skip("tmux is not installed (the test set-up installs it where it can)")
        self.socket = f"limber-test-{uuid.uuid4().hex[:8]}"
        self.width, self.height = width, height
        self.exit_file = tmp_path / "exit-code"
        self.env = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor"}

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True,
                              env=self.env, check=check, timeout=20)

    def start(self, *limber_args: str, env: dict[str, str] | None = None) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items())
        command = f"{exports} {shlex.quote(str(LIMBER))} {' '.join(shlex.quote(a) for a in limber_args)}; " \
                  f"echo $? > {shlex.quote(str(self.exit_file))}; sleep 30"
        self.tmux("new-session", "-d", "-x", str(self.width), "-y", str(self.height), "sh", "-c", command)

    def start_shell(self, env: dict[str, str] | None = None) -> None:
        """A real interactive bash in the pane (job control: Ctrl+Z, `fg`), with a plain prompt."""
        env = {"PS1": "$ ", "HISTFILE": "/dev/null", **(env or {})}
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.tmux("new-session", "-d", "-x", str(self.width), "-y", str(self.height),
                  "sh", "-c", f"exec env {exports} bash --norc --noprofile -i")
        self.wait_for(lambda s: s.rstrip().endswith("$"), "the shell's prompt")

    def run(self, *limber_args: str) -> None:
        """Type a limber command into the shell started by `start_shell`."""
        self.keys(" ".join(shlex.quote(a) for a in (str(LIMBER), *limber_args)), "Enter")

    def display(self, format: str) -> str:
        """tmux's own view of the pane: `#{alternate_on}`, `#{pane_title}`, `#{cursor_flag}`..."""
        return self.tmux("display-message", "-p", format).stdout.rstrip("\n")

    def limber_pid(self) -> int:
        """The process of the limber command running in the pane (a child of its shell)."""
        shell = self.display("#{pane_pid}")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for stat in Path("/proc").glob("[0-9]*/stat"):
                try:
                    fields = stat.read_text().rsplit(")", 1)[1].split()
                except (OSError, IndexError):
                    continue
                if fields[1] == shell:  # the parent's pid
                    return int(stat.parent.name)
            time.sleep(0.1)
        raise AssertionError(f"no process under the pane's shell ({shell})")

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p").stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", *keys)

    def wait_for(self, predicate, what: str, timeout: float = 15.0) -> str:
        """Poll the real screen until it shows what we expect (the app runs on its own real clock)."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen shows:\n{screen}")

    def wait_for_text(self, text: str, timeout: float = 15.0) -> str:
        return self.wait_for(lambda s: text in s, repr(text), timeout)

    def exit_code(self, timeout: float = 15.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.exit_file.exists() and self.exit_file.read_text().strip():
                return int(self.exit_file.read_text())
            time.sleep(0.1)
        raise AssertionError(f"limber did not exit; the screen shows:\n{self.screen()}")

    def close(self) -> None:
        self.tmux("kill-server", check=False)
