"""Do not disturb: is the desktop asking not to be interrupted, and how long a due break waits for it.

Sources, each asked where it exists; any one saying "on" is enough:
  - the notification service's `Inhibited` property (org.freedesktop.Notifications, where the
    server keeps one: KDE Plasma's does), with its PropertiesChanged signal so an end is seen at
    once;
  - dunst's pause (`dunstctl set-paused true`; its own org.dunstproject.cmd0 `paused` property, as
    dunst keeps no `Inhibited`);
  - GNOME's banners switch (`gsettings get org.gnome.desktop.notifications show-banners`: false is
    the Do Not Disturb of GNOME's menu).
A full-screen window is not asked about: no desktop-wide way to know it exists on Wayland, and
on X11 a full-screen terminal (limber's own) would hold every break.

`DoNotDisturb` is the pure part: a due break is held while it is on, offered when it ends, and
held no longer than `hold_at_most` (the config's `remind.hold_at_most`).
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Callable

from .bus import Bus

HELD = "held: do not disturb"  # what `limber status` says of a break held for it
HOLD_AT_MOST = 2 * 3600.0
LOOK_WHILE_HELD = 30.0  # seconds between readings while a break waits (a signal may come sooner)
NO_SOURCE = "no do-not-disturb setting to read on this machine: breaks are offered whatever it is set to"

NOTIFICATIONS, NOTIFICATIONS_PATH = "org.freedesktop.Notifications", "/org/freedesktop/Notifications"


class InhibitedProperty:
    name = "notification service's Inhibited property"

    def __init__(self, bus: Bus | None = None):
        self.bus = bus or Bus()

    async def on(self) -> bool | None:
        value = await self.bus.get_property(NOTIFICATIONS, NOTIFICATIONS_PATH, NOTIFICATIONS, "Inhibited")
        return value if isinstance(value, bool) else None

    async def watch(self, changed: Callable[[bool], None]) -> bool:
        """Call `changed(inhibited)` whenever the service says it changed; False where it cannot."""
        return await self.bus.on_properties_changed(NOTIFICATIONS_PATH, NOTIFICATIONS, "Inhibited",
                                                    lambda value: changed(bool(value)))


class DunstPaused:
    name = "dunst's pause"

    def __init__(self, bus: Bus | None = None):
        self.bus = bus or Bus()

    async def on(self) -> bool | None:
        value = await self.bus.get_property(NOTIFICATIONS, NOTIFICATIONS_PATH, "org.dunstproject.cmd0", "paused")
        return value if isinstance(value, bool) else None


class GnomeBanners:
    name = "GNOME's show-banners setting"

    async def on(self) -> bool | None:
        gsettings = shutil.which("gsettings")
        # Its schema is installed on many desktops; only GNOME's shell heeds it.
        if gsettings is None or "GNOME" not in os.environ.get("XDG_CURRENT_DESKTOP", "").upper().split(":"):
            return None
        try:
            process = await asyncio.create_subprocess_exec(
                gsettings, "get", "org.gnome.desktop.notifications", "show-banners",
                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
            out, _ = await asyncio.wait_for(process.communicate(), 5.0)
        except (TimeoutError, OSError):
            return None
        answer = out.decode("ascii", "replace").strip()
        if process.returncode != 0 or answer not in ("true", "false"):
            return None  # no such schema: not GNOME
        return answer == "false"


def dnd_sources() -> list:
    session = Bus()  # both read the notification service: one connection
    return [InhibitedProperty(session), DunstPaused(session), GnomeBanners()]


async def find_dnd_sources(sources: list | None = None) -> list:
    """The sources that answer on this machine (none: say NO_SOURCE)."""
    found = []
    for source in dnd_sources() if sources is None else sources:
        try:
            if await source.on() is not None:
                found.append(source)
        except Exception:
            continue
    return found


async def dnd_on(sources: list) -> bool | None:
    """On when any source says so; None when none answers."""
    answers = []
    for source in sources:
        try:
            answers.append(await source.on())
        except Exception:
            answers.append(None)
    if any(answers):
        return True
    return None if all(answer is None for answer in answers) else False


class DoNotDisturb:
    """Holds a due break while do-not-disturb is on, at most `hold_at_most` seconds from when it came due."""

    def __init__(self, hold_at_most: float = HOLD_AT_MOST):
        self.hold_at_most = hold_at_most
        self.on = False

    def see(self, on: bool | None) -> bool:
        """Take a reading (None: unknown, taken as off); True when it changed."""
        now_on = bool(on)
        changed, self.on = now_on != self.on, now_on
        return changed

    def holds(self, now: float, due_since: float) -> bool:
        return self.on and now - due_since < self.hold_at_most

    def held_until(self, due_since: float) -> float:
        """When the break is offered even if do-not-disturb is still on."""
        return due_since + self.hold_at_most
