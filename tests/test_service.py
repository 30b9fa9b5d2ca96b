"""limber remind --install, --uninstall and --doctor: the systemd unit checked by systemd itself,
the launchd agent read back with plistlib, the service manager faked."""

from __future__ import annotations

import argparse
import io
import plistlib
import shutil
import subprocess
import sys

import pytest

from limber.remind import service
from limber.remind.service import (
    UNIT_NAME,
    Finding,
    add_remind_service_arguments,
    format_findings,
    install,
    launchd_agent,
    run_service_command,
    systemd_unit,
    uninstall,
)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    return tmp_path


class Manager:
    """systemctl or launchctl as run by install: what was asked, and the answer to give."""

    def __init__(self, returncode=0):
        self.calls: list[list[str]] = []
        self.returncode = returncode

    def __call__(self, argv, **kwargs):
        self.calls.append(list(argv))
        return subprocess.CompletedProcess(argv, self.returncode, "", "")


def test_the_flags_are_one_at_a_time_and_none_means_remind_runs():
    parser = argparse.ArgumentParser()
    add_remind_service_arguments(parser)
    assert run_service_command(parser.parse_args([])) is None
    with pytest.raises(SystemExit):
        parser.parse_args(["--install", "--uninstall"])


def test_install_writes_the_unit_and_enables_it(home, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    manager, out = Manager(), io.StringIO()
    assert install("linux", run=manager, out=out) == 0
    unit = home / ".config" / "systemd" / "user" / UNIT_NAME
    text = unit.read_text()
    exec_start = next(line for line in text.splitlines() if line.startswith("ExecStart="))
    assert exec_start.endswith(" remind --headless")
    assert exec_start.split("=", 1)[1].startswith("/")  # an absolute path, as systemd wants
    assert "Restart=on-failure" in text
    assert manager.calls == [["systemctl", "--user", "daemon-reload"],
                             ["systemctl", "--user", "enable", "--now", UNIT_NAME]]
    assert "start at login" in out.getvalue()


def test_install_honours_xdg_config_home(home, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "elsewhere"))
    install("linux", run=Manager(1), out=io.StringIO())
    assert (home / "elsewhere" / "systemd" / "user" / UNIT_NAME).is_file()


def test_no_service_manager_says_what_to_run(home, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    out = io.StringIO()
    assert install("linux", run=Manager(returncode=1), out=out) == 0
    said = out.getvalue()
    assert "could not reach the service manager" in said
    assert f"systemctl --user enable --now {UNIT_NAME}" in said
    assert (home / ".config" / "systemd" / "user" / UNIT_NAME).is_file()


def test_uninstall_disables_and_removes_it(home, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    install("linux", run=Manager(), out=io.StringIO())
    manager, out = Manager(), io.StringIO()
    assert uninstall("linux", run=manager, out=out) == 0
    assert not (home / ".config" / "systemd" / "user" / UNIT_NAME).exists()
    assert manager.calls[0] == ["systemctl", "--user", "disable", "--now", UNIT_NAME]
    out = io.StringIO()
    assert uninstall("linux", run=manager, out=out) == 0
    assert "nothing to remove" in out.getvalue()


def test_macos_agent_is_a_plist_that_runs_limber_headless(home):
    manager, out = Manager(), io.StringIO()
    assert install("darwin", run=manager, out=out) == 0
    path = home / "Library" / "LaunchAgents" / "limber.remind.plist"
    agent = plistlib.loads(path.read_bytes())
    assert agent["Label"] == "limber.remind"
    assert agent["ProgramArguments"][-2:] == ["remind", "--headless"]
    assert agent["ProgramArguments"][0].startswith("/")
    assert agent["RunAtLoad"] is True and agent["KeepAlive"] == {"SuccessfulExit": False}
    assert uninstall("darwin", run=manager, out=io.StringIO()) == 0
    assert not path.exists()


def test_other_systems_are_told_what_to_do_instead(home, capsys):
    assert install("win32", run=Manager(), out=io.StringIO()) == 1
    assert "autostart" in capsys.readouterr().err


def test_a_path_with_spaces_and_percent_is_quoted_for_systemd():
    text = systemd_unit(["/home/a b/100%/limber"])
    assert 'ExecStart="/home/a b/100%%/limber" remind --headless' in text
    assert plistlib.loads(launchd_agent(["/a b/limber"]))["ProgramArguments"][0] == "/a b/limber"


def test_limber_is_named_by_absolute_path(monkeypatch, tmp_path):
    script = tmp_path / "limber"
    script.write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "argv", [str(script), "remind", "--install"])
    assert service.limber_argv() == [str(script.resolve())]
    monkeypatch.setattr(sys, "argv", ["-c"])
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert service.limber_argv()[1:] == ["-m", "limber"]


def verify(unit, tmp_path):
    """systemd-analyze verify as the user's manager would load it (it wants a runtime folder)."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime)}
    return subprocess.run(["systemd-analyze", "verify", "--user", "--man=no", str(unit)], capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed (no systemd)")
def test_systemd_itself_finds_nothing_wrong_with_the_unit(tmp_path):
    limber = tmp_path / "bin dir" / "limber"
    limber.parent.mkdir()
    limber.write_text("#!/bin/sh\nexit 0\n")
    limber.chmod(0o755)
    unit = tmp_path / UNIT_NAME
    unit.write_text(systemd_unit([str(limber)]))
    done = verify(unit, tmp_path)
    problems = [line for line in done.stderr.splitlines() if UNIT_NAME in line or "limber" in line]
    if done.returncode != 0 and not problems:
        pytest.skip(f"systemd-analyze cannot verify here: {done.stderr.strip()[:200]}")
    assert problems == [] and done.returncode == 0, done.stderr


def test_systemd_would_report_a_broken_unit(tmp_path):
    """The check above can fail: a unit whose program is not there is reported."""
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed (no systemd)")
    unit = tmp_path / UNIT_NAME
    unit.write_text(systemd_unit([str(tmp_path / "no-such-limber")]))
    done = verify(unit, tmp_path)
    assert done.returncode != 0 and "no-such-limber" in done.stderr


def test_doctor_lines_say_what_is_there_and_what_adds_the_rest():
    lines = format_findings([Finding("tmux", "tmux 3.3a", "Debian: tmux"),
                             Finding("spoken coach", None, "Debian: espeak-ng"),
                             Finding("notifications", "evil\x1b[2J", "")])
    assert lines[0].split() == ["ok", "tmux", "tmux", "3.3a"]
    assert lines[1].split() == ["missing", "spoken", "coach", "Debian:", "espeak-ng"]
    assert "\x1b" not in lines[2]


async def test_doctor_finds_the_notification_service_and_says_what_is_missing(private_bus, monkeypatch):
    pytest.importorskip("desktop_notifier")
    from tests.fake_notification_server import NOTIFICATIONS, NOTIFICATIONS_PATH, NotificationServer, serve

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    found = {finding.what: finding for finding in await service.findings()}
    assert found["notifications"].found is None
    assert found["idle time"].found is None and "libxss1" in found["idle time"].adds_it
    assert found["tmux"].found is None and found["tmux"].adds_it == "Debian: tmux"
    services = await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, NotificationServer())
    try:
        found = {finding.what: finding for finding in await service.findings()}
    finally:
        await services.close()
    assert found["notifications"].found.startswith("limber-test 1.0 (")
    assert "buttons" in found["notifications"].found
    assert found["do not disturb"].found == "notification service's Inhibited property"


def test_the_desktop_modules_load_no_textual_and_no_dbus_until_used():
    """The reminder's schedule side stays free of screens, and the D-Bus library loads only when a
    notification, an idle reading or --doctor needs it (building the parser must stay cheap)."""
    code = (
        "import sys, limber.remind.notify, limber.remind.idle, limber.remind.dnd, limber.remind.gate, "
        "limber.remind.service; "
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('textual', 'rich', 'simpleaudio', 'desktop_notifier', 'dbus_fast', 'ctypes', 'yaml'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_the_flags_cost_the_parser_next_to_nothing():
    """`limber remind`'s parser is built on every command: adding these flags loads no plistlib,
    subprocess, shutil, pathlib or dataclasses."""
    code = ("import sys, limber.remind.service; "
            "print(','.join(sorted(m for m in ('plistlib', 'subprocess', 'shutil', 'pathlib', 'dataclasses') "
            "if m in sys.modules)))")
    done = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(__import__("pathlib").Path(service.__file__).parents[2])})
    assert done.stdout.strip() == ""
