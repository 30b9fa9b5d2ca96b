"""`limber remind --doctor`, `--install`, `--uninstall` and `--headless` from the command line:
none needs a terminal; the headless reminder runs a look against a private D-Bus on fake clocks."""

from __future__ import annotations

import os
import shutil
import signal
from datetime import datetime

import pytest

from limber.cli import build_parser, main
from limber.remind import background, dnd
from limber.remind.dnd import InhibitedProperty
from limber.remind.schedule import Schedule
from limber.remind.settings import RemindSettings
from limber.remind.state import state_path
from tests.conftest import FakeClock


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    real_which = shutil.which
    # No service manager to reach: the unit is written and the commands to enable it are said.
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "systemctl" else real_which(name))
    return tmp_path


def test_the_remind_parser_takes_the_service_flags_and_headless():
    args = build_parser().parse_args(["remind", "--headless"])
    assert args.headless and not (args.install or args.uninstall or args.doctor)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["remind", "--install", "--uninstall"])


def test_doctor_lists_what_the_machine_offers_without_a_terminal(private_bus, monkeypatch, capsys):
    monkeypatch.delenv("DISPLAY", raising=False)
    assert main(["remind", "--doctor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("what this machine offers limber remind:")
    for what in ("notifications", "idle time", "do not disturb", "tmux", "sound"):
        assert what in out


@pytest.mark.skipif(not os.sys.platform.startswith("linux"), reason="a systemd unit is Linux's")
def test_install_writes_the_unit_and_uninstall_removes_it(home, capsys):
    unit = home / "config" / "systemd" / "user" / "limber-remind.service"
    assert main(["remind", "--install"]) == 0
    said = capsys.readouterr().out
    assert unit.is_file() and "remind --headless" in unit.read_text()
    assert f"wrote {unit}" in said and "systemctl --user enable --now limber-remind.service" in said
    assert main(["remind", "--uninstall"]) == 0
    assert not unit.exists() and f"removed {unit}" in capsys.readouterr().out
    assert main(["remind", "--uninstall"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


async def test_headless_holds_a_due_break_for_do_not_disturb_and_status_says_so(private_bus, clock, monkeypatch,
                                                                                capsys):
    pytest.importorskip("desktop_notifier")
    from tests.fake_notification_server import NOTIFICATIONS, NOTIFICATIONS_PATH, NotificationServer, serve

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(dnd, "dnd_sources", lambda: [InhibitedProperty()])
    server = NotificationServer()
    services = await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server)
    server.set_inhibited(True)
    wall = FakeClock(datetime(2026, 5, 4, 10, 0).timestamp())
    settings = RemindSettings(every=60.0)
    schedule = Schedule(settings, wall=wall, mono=clock)
    wall.advance(60)
    clock.advance(60)
    shown = []

    async def wait(seconds, wake):
        main(["status"])  # as a status bar runs it, while the reminder runs
        shown.append(capsys.readouterr().out)
        os.kill(os.getpid(), signal.SIGTERM)  # as the service manager stops it
        await wake.wait()

    try:
        code = await background.remind(settings, mute=True, schedule=schedule, wait=wait, clock=clock,
                                       say=lambda text: None)
    finally:
        await services.close()
    assert code == 0 and shown == ["held: do not disturb\n"]
    assert server.sent == []  # held: no notification while do-not-disturb is on
    assert not state_path().exists()  # gone with the reminder
