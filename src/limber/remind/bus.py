"""D-Bus reads for the reminder's desktop side: a property, a method's answer, each with a time limit.

dbus-fast comes with the `notify` extra (desktop-notifier uses it on Linux). Without it, or with
no bus to reach, every read here answers None: a missing desktop service is something the
reminder says and works around, never an error it raises.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

ANSWER_WITHIN = 2.0  # seconds: a desktop service that takes longer is taken as absent


class Bus:
    """One connection to the session bus (or the system bus), made when first needed and made
    again after it drops."""

    def __init__(self, system: bool = False):
        self.system = system
        self._bus: Any = None

    async def _connected(self) -> Any:
        if self._bus is not None and self._bus.connected:
            return self._bus
        from dbus_fast import BusType
        from dbus_fast.aio import MessageBus

        bus_type = BusType.SYSTEM if self.system else BusType.SESSION
        self._bus = await asyncio.wait_for(MessageBus(bus_type=bus_type).connect(), ANSWER_WITHIN)
        return self._bus

    async def call(self, destination: str, path: str, interface: str, member: str,
                   signature: str = "", body: list | None = None) -> list | None:
        """The method's answer (its body), or None: no dbus-fast, no bus, no such service, an error."""
        try:
            from dbus_fast import Message, MessageType
        except ImportError:
            return None
        try:
            bus = await self._connected()
            reply = await asyncio.wait_for(bus.call(Message(
                destination=destination, path=path, interface=interface, member=member,
                signature=signature, body=body or [])), ANSWER_WITHIN)
        except Exception:  # no bus, a socket gone, a time limit, an address dbus-fast cannot parse
            self.close()
            return None
        if reply is None or reply.message_type != MessageType.METHOD_RETURN:
            return None
        return list(reply.body)

    async def get_property(self, destination: str, path: str, interface: str, name: str) -> Any:
        """A property's value, or None where it cannot be read."""
        body = await self.call(destination, path, "org.freedesktop.DBus.Properties", "Get", "ss", [interface, name])
        if not body:
            return None
        return getattr(body[0], "value", None)

    async def has_owner(self, name: str) -> bool:
        body = await self.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                               "NameHasOwner", "s", [name])
        return bool(body and body[0])

    async def on_properties_changed(self, path: str, interface: str, name: str, changed: Callable[[Any], None]) -> bool:
        """Call `changed(value)` whenever `interface`'s property `name` at `path` changes (the
        PropertiesChanged signal); False where no bus can be reached."""
        try:
            from dbus_fast import MessageType

            bus = await self._connected()
            rule = (f"type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',"
                    f"path='{path}',arg0='{interface}'")
            answer = await self.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                     "AddMatch", "s", [rule])
        except Exception:
            return False
        if answer is None:
            return False

        def handler(message: Any) -> None:
            if (message.message_type == MessageType.SIGNAL and message.member == "PropertiesChanged"
                    and message.path == path and message.body and message.body[0] == interface):
                values = message.body[1]
                if name in values:
                    changed(getattr(values[name], "value", None))

        bus.add_message_handler(handler)
        return True

    def close(self) -> None:
        if self._bus is not None:
            try:
                self._bus.disconnect()
            except Exception:
                pass
        self._bus = None
