# ruff: noqa: F722, F821
"""A notification service, a Mutter idle monitor and a logind session for tests, served on a
private D-Bus with dbus-fast (the library desktop-notifier speaks through).

No `from __future__ import annotations` here: dbus-fast reads the D-Bus signatures from the
annotations as written ("s", "as", ...).
"""

import asyncio
import os
import shutil
import subprocess
from dataclasses import dataclass, field

from dbus_fast import BusType, PropertyAccess
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, dbus_method, dbus_property, dbus_signal

NOTIFICATIONS = "org.freedesktop.Notifications"
NOTIFICATIONS_PATH = "/org/freedesktop/Notifications"
MUTTER = "org.gnome.Mutter.IdleMonitor"
MUTTER_PATH = "/org/gnome/Mutter/IdleMonitor/Core"
LOGIND = "org.freedesktop.login1"
LOGIND_SESSION_PATH = "/org/freedesktop/login1/session/auto"


class PrivateBus:
    """A dbus-daemon of the test's own, listening in a temporary folder; `address` to connect."""

    def __init__(self, folder):
        daemon = shutil.which("dbus-daemon")
        if daemon is None:
            raise FileNotFoundError("dbus-daemon")
        config = folder / "bus.conf"
        config.write_text(
            "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
            " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
            f"<busconfig><type>session</type><listen>unix:dir={folder}</listen>"
            "<auth>EXTERNAL</auth><policy context=\"default\"><allow send_destination=\"*\" eavesdrop=\"true\"/>"
            "<allow eavesdrop=\"true\"/><allow own=\"*\"/></policy></busconfig>\n")
        self.process = subprocess.Popen([daemon, f"--config-file={config}", "--nofork", "--print-address=1"],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ.copy())
        assert self.process.stdout is not None
        self.address = self.process.stdout.readline().strip()  # waits for the daemon to listen
        if not self.address:
            self.close()
            raise RuntimeError("dbus-daemon printed no address")

    def close(self) -> None:
        self.process.terminate()
        self.process.communicate(timeout=10)


@dataclass
class Sent:
    app_name: str
    summary: str
    body: str
    actions: list
    hints: dict
    timeout: int
    id: int


class NotificationServer(ServiceInterface):
    """Records Notify calls; a test presses a button (`invoke`), closes one, or turns do-not-disturb on."""

    def __init__(self, capabilities=("actions", "body")):
        super().__init__(NOTIFICATIONS)
        self.sent: list[Sent] = []
        self.closed: list[int] = []
        self.capabilities = list(capabilities)
        self._inhibited = False
        self._next_id = 1
        self.changed = asyncio.Event()  # set on every Notify and CloseNotification

    @dbus_method()
    def Notify(self, app_name: "s", replaces_id: "u", app_icon: "s", summary: "s", body: "s",
               actions: "as", hints: "a{sv}", expire_timeout: "i") -> "u":
        nid = replaces_id or self._next_id
        self._next_id += 1
        self.sent.append(Sent(app_name, summary, body, list(actions),
                              {key: value.value for key, value in hints.items()}, expire_timeout, nid))
        self.changed.set()
        return nid

    @dbus_method()
    def CloseNotification(self, id: "u"):
        self.closed.append(id)
        self.changed.set()
        self.NotificationClosed(id, 3)

    @dbus_method()
    def GetCapabilities(self) -> "as":
        return self.capabilities

    @dbus_method()
    def GetServerInformation(self) -> "ssss":
        return ["limber-test", "limber", "1.0", "1.2"]

    @dbus_signal()
    def ActionInvoked(self, id, action_key) -> "us":
        return [id, action_key]

    @dbus_signal()
    def NotificationClosed(self, id, reason) -> "uu":
        return [id, reason]

    @dbus_property(access=PropertyAccess.READ)
    def Inhibited(self) -> "b":
        return self._inhibited

    # -- what a test does ----------------------------------------------------------------------
    def press(self, title: str) -> None:
        """Press the button with this title on the latest notification."""
        last = self.sent[-1]
        pairs = dict(zip(last.actions[1::2], last.actions[0::2]))
        self.ActionInvoked(last.id, pairs[title])

    def dismiss(self) -> None:
        self.NotificationClosed(self.sent[-1].id, 2)

    def button_titles(self) -> list[str]:
        """The buttons of the latest notification, the body's own default action left out."""
        actions = self.sent[-1].actions
        return [title for key, title in zip(actions[0::2], actions[1::2]) if key != "default"]

    def set_inhibited(self, value: bool) -> None:
        self._inhibited = value
        self.emit_properties_changed({"Inhibited": value})


class DunstControl(ServiceInterface):
    """dunst's own control interface, beside the notification service: its pause."""

    def __init__(self):
        super().__init__("org.dunstproject.cmd0")
        self.paused = False

    @dbus_property(access=PropertyAccess.READ, name="paused")
    def paused_property(self) -> "b":
        return self.paused


class MutterIdleMonitor(ServiceInterface):
    def __init__(self):
        super().__init__(MUTTER)
        self.idle_ms = 0

    @dbus_method()
    def GetIdletime(self) -> "t":
        return self.idle_ms


class LogindSession(ServiceInterface):
    """The caller's session as logind shows it: IdleHint and IdleSinceHint (microseconds, wall clock)."""

    def __init__(self):
        super().__init__("org.freedesktop.login1.Session")
        self.idle = False
        self.idle_since_us = 0

    @dbus_property(access=PropertyAccess.READ)
    def IdleHint(self) -> "b":
        return self.idle

    @dbus_property(access=PropertyAccess.READ)
    def IdleSinceHint(self) -> "t":
        return self.idle_since_us


@dataclass
class Services:
    bus: MessageBus
    served: list = field(default_factory=list)

    async def close(self) -> None:
        self.bus.disconnect()
        await self.bus.wait_for_disconnect()


async def serve(address: str, name: str, path: str, *interfaces: ServiceInterface) -> Services:
    """Export `interfaces` at `path` under the well-known `name` on their own connection."""
    bus = await MessageBus(bus_address=address, bus_type=BusType.SESSION).connect()
    for interface in interfaces:
        bus.export(path, interface)
    await bus.request_name(name)
    return Services(bus, list(interfaces))


async def main() -> None:  # pragma: no cover - by hand: DBUS_SESSION_BUS_ADDRESS=... python tests/fake_notification_server.py
    server = NotificationServer()
    services = await serve(os.environ["DBUS_SESSION_BUS_ADDRESS"], NOTIFICATIONS, NOTIFICATIONS_PATH, server)
    print("serving org.freedesktop.Notifications; Ctrl-C ends")
    while True:
        server.changed.clear()
        await server.changed.wait()
        print(server.sent[-1])
    await services.close()


if __name__ == "__main__":
    asyncio.run(main())
