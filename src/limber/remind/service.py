"""`limber remind --install`, `--uninstall` and `--doctor`: reminders from login, and what this machine offers them.

--install writes a systemd user unit (Linux) or a launchd agent (macOS) that runs `limber remind
--headless` with the absolute path of this limber, and enables it; the service manager keeps it
running (Restart=on-failure, KeepAlive), not limber. Where the manager cannot be reached (no user
systemd, a container), the file is written and the command to enable it is said. --doctor lists
the notification service, idle and do-not-disturb sources, tmux, sound and the spoken coach, with
the Debian package that adds what is missing.
"""

from __future__ import annotations

import os
import sys

# The rest loads where used: `limber remind`'s parser, and so this module, is built on every command.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import subprocess
    from collections.abc import Callable, Sequence
    from pathlib import Path

UNIT_NAME = "limber-remind.service"
AGENT_LABEL = "limber.remind"
SHOWN_CAPABILITIES = frozenset({"buttons", "message", "sound", "on_dismissed"})  # what a reminder uses
if TYPE_CHECKING:
    Run = Callable[..., subprocess.CompletedProcess]


# -- the command line ---------------------------------------------------------------------------
def add_remind_service_arguments(parser: argparse.ArgumentParser) -> None:
    """--install, --uninstall and --doctor on `limber remind`'s parser (one at a time)."""
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--install", action="store_true",
                       help="start reminders at login (a systemd user service, or a launchd agent on macOS)")
    group.add_argument("--uninstall", action="store_true", help="stop starting reminders at login")
    group.add_argument("--doctor", action="store_true",
                       help="list what this machine offers reminders (notifications, idle time, do not disturb, "
                            "tmux, sound) and what adds what is missing")


def run_service_command(args: argparse.Namespace) -> int | None:
    """The exit code of --install, --uninstall or --doctor; None when none was given (remind runs)."""
    if getattr(args, "install", False):
        return install()
    if getattr(args, "uninstall", False):
        return uninstall()
    if getattr(args, "doctor", False):
        return doctor()
    return None


# -- what runs ----------------------------------------------------------------------------------
def limber_argv() -> list[str]:
    """This limber, by absolute path: the script it was started as, else the one on PATH, else
    this Python running the module."""
    import shutil
    from pathlib import Path

    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.name.startswith("limber") and started.is_file():
        return [str(started.resolve())]
    found = shutil.which("limber")
    if found:
        return [str(Path(found).resolve())]
    return [str(Path(sys.executable).resolve()), "-m", "limber"]


def _systemd_word(word: str) -> str:
    """One word of ExecStart, quoted for systemd: % doubled (specifiers), quotes and backslashes escaped."""
    word = word.replace("%", "%%")
    if word and all(ch.isalnum() or ch in "/._-+=:," for ch in word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_unit(argv: Sequence[str]) -> str:
    command = " ".join(_systemd_word(word) for word in [*argv, "remind", "--headless"])
    return (
        "[Unit]\n"
        "Description=limber break reminders\n"
        "Documentation=man:limber(1)\n"
        "After=graphical-session.target\n"
        "\n"
        "[Service]\n"
        "Type=exec\n"
        f"ExecStart={command}\n"
        "Restart=on-failure\n"
        "RestartSec=30\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n"
    )


def launchd_agent(argv: Sequence[str]) -> bytes:
    import plistlib

    return plistlib.dumps({
        "Label": AGENT_LABEL,
        "ProgramArguments": [*argv, "remind", "--headless"],
        "RunAtLoad": True,
        "KeepAlive": {"SuccessfulExit": False},  # again after a crash, not after a clean quit
        "ProcessType": "Interactive",
    })


def unit_path() -> Path:
    from pathlib import Path

    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user" / UNIT_NAME


def agent_path() -> Path:
    from pathlib import Path

    return Path.home() / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"


# -- install and uninstall ----------------------------------------------------------------------
def install(platform: str = sys.platform, run: Run | None = None, out=None) -> int:
    from ..files import write_atomically
    from ..printable import printable

    out = out or sys.stdout
    argv = limber_argv()
    text: str | bytes
    if platform == "darwin":
        path, text, enable = agent_path(), launchd_agent(argv), [["launchctl", "load", "-w", str(agent_path())]]
    elif platform.startswith("linux") or platform.startswith("freebsd"):
        path, text = unit_path(), systemd_unit(argv)
        enable = [["systemctl", "--user", "daemon-reload"], ["systemctl", "--user", "enable", "--now", UNIT_NAME]]
    else:
        print(f"limber: --install knows systemd (Linux) and launchd (macOS), not {printable(platform)}; "
              "start `limber remind --headless` from your session's autostart instead", file=sys.stderr)
        return 1
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text)
    except OSError as error:
        print(f"limber: {printable(str(path))}: {printable(str(error))}", file=sys.stderr)
        return 1
    print(f"wrote {printable(str(path))}", file=out)
    if _run_all(enable, run):
        print("reminders start at login from now on (and are running now)", file=out)
    else:
        print("could not reach the service manager; to start reminders at login, run:", file=out)
        for command in enable:
            print("  " + " ".join(_shell_word(word) for word in command), file=out)
    return 0


def uninstall(platform: str = sys.platform, run: Run | None = None, out=None) -> int:
    from ..printable import printable

    out = out or sys.stdout
    if platform == "darwin":
        path, disable = agent_path(), [["launchctl", "unload", "-w", str(agent_path())]]
    else:
        path = unit_path()
        disable = [["systemctl", "--user", "disable", "--now", UNIT_NAME]]
    if not path.exists():
        print(f"nothing to remove: {printable(str(path))} is not there", file=out)
        return 0
    stopped = _run_all(disable, run)
    try:
        path.unlink()
    except OSError as error:
        print(f"limber: {printable(str(path))}: {printable(str(error))}", file=sys.stderr)
        return 1
    if platform != "darwin":
        _run_all([["systemctl", "--user", "daemon-reload"]], run)
    print(f"removed {printable(str(path))}", file=out)
    if not stopped:
        print("could not reach the service manager: a reminder started from it may still be running "
              "until you log out", file=out)
    return 0


def _run_all(commands: list[list[str]], run: Run | None) -> bool:
    import shutil
    import subprocess

    run = run or subprocess.run
    for command in commands:
        if shutil.which(command[0]) is None:
            return False
        try:
            done = run(command, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return False
        if done.returncode != 0:
            return False
    return True


def _shell_word(word: str) -> str:
    import shlex

    return shlex.quote(word)


# -- the doctor ---------------------------------------------------------------------------------
class Finding:
    """One thing a reminder can use: what it is, what there is of it (None: missing), what adds it."""

    __slots__ = ("what", "found", "adds_it")

    def __init__(self, what: str, found: str | None, adds_it: str):
        self.what, self.found, self.adds_it = what, found, adds_it

    def __repr__(self) -> str:
        return f"Finding({self.what!r}, {self.found!r}, {self.adds_it!r})"


async def findings() -> list[Finding]:
    from .dnd import find_dnd_sources
    from .idle import find_idle_source
    from .notify import Notifier

    found: list[Finding] = []
    try:
        import desktop_notifier  # noqa: F401

        extra = True
    except ImportError:
        extra = False
    capabilities = await Notifier().capabilities() if extra else None
    server = await _notification_server() if extra else None
    if capabilities is not None:
        shown = ", ".join(sorted(capabilities & SHOWN_CAPABILITIES))
        if "buttons" not in capabilities:
            shown += "; no buttons: Start, Snooze and Skip stay in the terminal"
        found.append(Finding("notifications", f"{server or 'a notification service'} ({shown})", ""))
    else:
        found.append(Finding("notifications", None,
                             "pip install 'limber[notify]'" if not extra else
                             "a notification service: Debian: dunst, or notification-daemon (desktops have their own)"))
    idle = await find_idle_source()
    found.append(Finding("idle time", idle.name if idle else None,
                         "Debian: libxss1 on X11; GNOME and logind need nothing more"
                         + ("" if extra else "; D-Bus sources need pip install 'limber[notify]'")))
    dnd = await find_dnd_sources()
    found.append(Finding("do not disturb", ", ".join(source.name for source in dnd) or None,
                         "a desktop with do-not-disturb (GNOME, KDE Plasma) or dunst"))
    found.append(_command("tmux", "tmux", ["tmux", "-V"]))
    found.append(_sound())
    found.append(_command("spoken coach", "espeak-ng", ["espeak-ng", "--version"]))
    if sys.platform.startswith("linux"):
        found.append(_command("start at login", "systemd (a user session manager)", ["systemctl", "--version"]))
    return found


async def _notification_server() -> str | None:
    from .bus import Bus

    bus = Bus()
    try:
        body = await bus.call("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                              "org.freedesktop.Notifications", "GetServerInformation")
    finally:
        bus.close()
    if not body or len(body) < 3:
        return None
    return f"{body[0]} {body[2]}"


def _command(what: str, package: str, argv: list[str]) -> Finding:
    import shutil
    import subprocess

    path = shutil.which(argv[0])
    if path is None:
        return Finding(what, None, f"Debian: {package}")
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=5)
        first = (done.stdout or done.stderr).strip().splitlines()
        version = first[0].split("  ")[0] if first else path
    except (OSError, subprocess.SubprocessError):
        version = path
    return Finding(what, version, f"Debian: {package}")


def _sound() -> Finding:
    import shutil

    try:
        import simpleaudio  # noqa: F401

        return Finding("sound", "simpleaudio (ALSA)", "")
    except ImportError:
        pass
    for player in ("paplay", "pw-play", "aplay", "afplay"):
        if shutil.which(player):
            return Finding("sound", player, "")
    return Finding("sound", None, "Debian: alsa-utils or pulseaudio-utils (else the terminal bell)")


def format_findings(found: list[Finding]) -> list[str]:
    from ..printable import printable

    width = max(len(finding.what) for finding in found)
    lines = []
    for finding in found:
        if finding.found is not None:
            lines.append(f"  ok       {finding.what:<{width}}  {printable(finding.found)}")
        else:
            lines.append(f"  missing  {finding.what:<{width}}  {printable(finding.adds_it)}")
    return lines


def doctor(out=None) -> int:
    import asyncio

    out = out or sys.stdout
    found = asyncio.run(findings())
    print("what this machine offers limber remind:", file=out)
    for line in format_findings(found):
        print(line, file=out)
    return 0
