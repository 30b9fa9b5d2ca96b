"""How long the person has been away from the keyboard, and what that means for the next break.

Sources, the first that answers is kept:
  1. GNOME's Mutter idle monitor (org.gnome.Mutter.IdleMonitor GetIdletime, session bus): exact,
     and there only where GNOME runs.
  2. X11's screen saver extension (libXss through ctypes): exact; only with $DISPLAY and not in a
     Wayland session, where an X server sees only its own windows' input.
  3. logind's idle hint (org.freedesktop.login1 session `auto`, system bus): present on nearly every
     Linux with systemd, but set only by desktops that keep it (GNOME, KDE, swayidle told to), so it
     comes after the exact sources rather than hiding them.
  4. macOS: `ioreg -c IOHIDSystem`, HIDIdleTime.
With none, `find_idle_source` answers None and the reminder says it goes by the clock alone.

`Presence` is the pure part: fed idle readings against a monotonic clock it says when the desk
became empty, when the person came back and whether the time away was a break, and whether a
break may be offered now (never at an empty desk; a minute after coming back).
"""

from __future__ import annotations

import asyncio
import os
import re
import sys
import time
from typing import Protocol

from ..record import record
from .bus import Bus

AWAY_AFTER = 120.0  # idle this long and the desk counts as empty
SETTLE = 60.0  # back this long before a held break is offered
LOOK_WHILE_AWAY = 5.0  # how often to look while the desk is empty: a return is seen within seconds
LOOK_AT_MOST = 60.0
NO_SOURCE = "no idle time to read on this machine: breaks go by the clock alone"


class IdleSource(Protocol):
    name: str

    async def idle_seconds(self) -> float | None: ...


class MutterIdle:
    name = "GNOME idle monitor"

    def __init__(self, bus: Bus | None = None):
        self.bus = bus or Bus()

    async def idle_seconds(self) -> float | None:
        body = await self.bus.call("org.gnome.Mutter.IdleMonitor", "/org/gnome/Mutter/IdleMonitor/Core",
                                   "org.gnome.Mutter.IdleMonitor", "GetIdletime")
        if not body or not isinstance(body[0], int):
            return None
        return body[0] / 1000.0


class LogindIdle:
    name = "logind idle hint"
    session = "/org/freedesktop/login1/session/auto"  # logind's name for the caller's own session

    def __init__(self, bus: Bus | None = None, wall=time.time):
        self.bus = bus or Bus(system=True)
        self.wall = wall

    async def idle_seconds(self) -> float | None:
        interface = "org.freedesktop.login1.Session"
        hint = await self.bus.get_property("org.freedesktop.login1", self.session, interface, "IdleHint")
        if not isinstance(hint, bool):
            return None
        if not hint:
            return 0.0
        since = await self.bus.get_property("org.freedesktop.login1", self.session, interface, "IdleSinceHint")
        if not isinstance(since, int) or since <= 0:
            return None
        return max(0.0, self.wall() - since / 1e6)


class X11Idle:
    name = "X11 screen saver extension"

    def __init__(self):
        self._lib: tuple | None = None
        self._display = None

    async def idle_seconds(self) -> float | None:
        if not os.environ.get("DISPLAY") or os.environ.get("XDG_SESSION_TYPE") == "wayland":
            return None
        return self._query()

    def _query(self) -> float | None:
        import ctypes
        import ctypes.util

        class Info(ctypes.Structure):
            _fields_ = [("window", ctypes.c_ulong), ("state", ctypes.c_int), ("kind", ctypes.c_int),
                        ("til_or_since", ctypes.c_ulong), ("idle", ctypes.c_ulong), ("eventMask", ctypes.c_ulong)]

        if self._lib is None:
            x11_name, xss_name = ctypes.util.find_library("X11"), ctypes.util.find_library("Xss")
            if not x11_name or not xss_name:
                return None
            try:
                x11, xss = ctypes.CDLL(x11_name), ctypes.CDLL(xss_name)
            except OSError:
                return None
            x11.XOpenDisplay.restype = ctypes.c_void_p
            x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
            x11.XDefaultRootWindow.restype = ctypes.c_ulong
            x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
            xss.XScreenSaverAllocInfo.restype = ctypes.POINTER(Info)
            xss.XScreenSaverQueryInfo.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(Info)]
            self._lib = (x11, xss)
        x11, xss = self._lib
        if self._display is None:
            self._display = x11.XOpenDisplay(None)
            if not self._display:
                self._display = None
                return None
        info = xss.XScreenSaverAllocInfo()
        try:
            if not xss.XScreenSaverQueryInfo(self._display, x11.XDefaultRootWindow(self._display), info):
                return None
            return info.contents.idle / 1000.0
        finally:
            x11.XFree(info)


class IoregIdle:
    name = "macOS HIDIdleTime (ioreg)"
    _found = re.compile(rb'"HIDIdleTime"\s*=\s*(\d+)')

    async def idle_seconds(self) -> float | None:
        if sys.platform != "darwin":
            return None
        try:
            process = await asyncio.create_subprocess_exec(
                "ioreg", "-c", "IOHIDSystem", "-d", "4", stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL)
            out, _ = await asyncio.wait_for(process.communicate(), 5.0)
        except (TimeoutError, OSError):
            return None
        return parse_ioreg(out)


def parse_ioreg(out: bytes) -> float | None:
    """HIDIdleTime (nanoseconds) from ioreg's listing, in seconds."""
    match = IoregIdle._found.search(out)
    return int(match.group(1)) / 1e9 if match else None


def idle_sources() -> list[IdleSource]:
    return [MutterIdle(), X11Idle(), LogindIdle(), IoregIdle()]


async def find_idle_source(sources: list[IdleSource] | None = None) -> IdleSource | None:
    """The first source that answers here, or None (say NO_SOURCE and go by the clock)."""
    for source in idle_sources() if sources is None else sources:
        try:
            if await source.idle_seconds() is not None:
                return source
        except Exception:  # a source that breaks on this machine is a source it does not have
            continue
    return None


# -- the policy ---------------------------------------------------------------------------------
@record
class Return:
    """The person came back to the desk at `at` (monotonic) after `away_for` seconds."""

    at: float
    away_for: float
    counts_as_break: bool


def due_after_return(due: float, every: float, back: Return) -> float:
    """When the next break is due once the person is back: time away as long as a break was
    one, so the next counts from the return; a shorter absence changes nothing."""
    return back.at + every if back.counts_as_break else due


class Presence:
    """Idle readings against a monotonic clock: is anyone at the desk, and may a break be offered."""

    def __init__(self, break_length: float, *, away_after: float = AWAY_AFTER, settle: float = SETTLE):
        self.break_length = break_length
        self.away_after = min(away_after, break_length)  # a break's worth of idle is always away
        self.settle = settle
        self.left_at: float | None = None  # when the desk became empty (the last input before it)
        self.back_at: float | None = None  # when the person last came back
        self.last_idle: float | None = None

    @property
    def away(self) -> bool:
        return self.left_at is not None

    def see(self, now: float, idle: float | None) -> Return | None:
        """Take a reading (None: nothing to read, so the person counts as here). A Return when
        this reading shows the person back after the desk was empty."""
        self.last_idle = idle
        if idle is None:
            return None
        last_input = now - idle
        if self.left_at is not None:
            if last_input <= self.left_at + 1.0:  # no input since (a second of slack for rounding)
                return None
            back = Return(last_input, last_input - self.left_at, last_input - self.left_at >= self.break_length)
            self.left_at, self.back_at = None, last_input
            if idle >= self.away_after:  # came back and left again between two readings
                self.left_at = last_input
            return back
        if idle >= self.away_after:
            self.left_at = last_input
        return None

    def may_offer(self, now: float) -> bool:
        """Someone is at the desk and has been back long enough to be asked."""
        return not self.away and (self.back_at is None or now >= self.back_at + self.settle)

    def offer_from(self) -> float | None:
        """When a held break may be offered: a minute after the return; None while away."""
        if self.away:
            return None
        return None if self.back_at is None else self.back_at + self.settle

    def next_look(self, now: float) -> float:
        """Seconds until the next reading is worth taking: often while the desk is empty, else
        when the desk could first count as empty."""
        if self.away:
            return LOOK_WHILE_AWAY
        idle = self.last_idle or 0.0
        wait = self.away_after - idle
        offer = self.offer_from()
        if offer is not None and offer > now:
            wait = min(wait, offer - now)
        return max(LOOK_WHILE_AWAY, min(LOOK_AT_MOST, wait))
