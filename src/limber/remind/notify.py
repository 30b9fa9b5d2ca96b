"""Desktop notifications for a due break, with Start, Snooze and Skip.

Through desktop-notifier (the `notify` extra): on Linux the freedesktop notification service
over D-Bus, on macOS the notification centre. Where there is no such service (no extra, no
session bus, nothing owning org.freedesktop.Notifications, permission refused on macOS), the
offer answers False and `notice` says why, once; the reminder carries on with its bell. Nothing
here raises into the reminder.

Callbacks run on the asyncio loop that `offer_break` ran on; that loop must keep running for a
press to arrive.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

APP_NAME = "limber"
TITLE = "Time for a stretch"
NO_EXTRA = ("desktop notifications need the notify extra (pip install 'limber[notify]'); "
            "the reminder rings the bell instead")
NO_SERVICE = "no desktop notification service answered; the reminder rings the bell instead"
REFUSED = "notifications for limber are turned off in the system settings; the reminder rings the bell instead"

Action = Callable[[], Any]


class Notifier:
    """Offers one break at a time as a notification; `withdraw()` takes it back (the break was
    started, snoozed or skipped some other way)."""

    def __init__(self, app_name: str = APP_NAME, backend: Any = None):
        """`backend`: a desktop_notifier.DesktopNotifier, or anything with its send/clear/
        get_capabilities methods; made on first use when not given."""
        self.app_name = app_name
        self._backend = backend
        self._shown: str | None = None  # the identifier of the notification showing now
        self._notice: str | None = None
        self._said = False
        self.available: bool | None = None  # None until the first offer tried
        self._markup: bool | None = None

    # -- the one-time notice -----------------------------------------------------------------
    @property
    def notice(self) -> str | None:
        """Why notifications do not reach the person, or None while they do."""
        return self._notice

    def take_notice(self) -> str | None:
        """The notice the first time it is asked for, then None: say it once."""
        if self._notice is None or self._said:
            return None
        self._said = True
        return self._notice

    def _fail(self, why: str) -> bool:
        self.available = False
        if self._notice is None:
            self._notice = why
        return False

    # -- offering ------------------------------------------------------------------------------
    async def offer_break(self, routine: str, on_start: Action, on_snooze: Action | None,
                          on_skip: Action | None) -> bool:
        """Show that `routine` is due, with a button for each action given (None leaves a
        button out: no snooze left, strict mode). True when the notification is showing."""
        await self.withdraw()
        backend = self._get_backend()
        if backend is None:
            return self._fail(NO_EXTRA)
        from desktop_notifier import Button, Notification, Urgency

        def pressed(action: Action) -> Callable[[], None]:
            def run() -> None:
                self._shown = None
                try:
                    action()
                except Exception:  # the reminder's own failure; it must not stop the bus reader
                    logging.getLogger(__name__).exception("a notification's action failed")
            return run

        buttons = [Button("Start", on_pressed=pressed(on_start))]
        if on_snooze is not None:
            buttons.append(Button("Snooze", on_pressed=pressed(on_snooze)))
        if on_skip is not None:
            buttons.append(Button("Skip", on_pressed=pressed(on_skip)))
        from ..printable import printable

        name = printable(routine)
        if await self._server_reads_markup():  # a routine's name is text, never markup
            import html

            name = html.escape(name, quote=False)
        notification = Notification(TITLE, f"{name} is ready when you are", urgency=Urgency.Normal,
                                    buttons=tuple(buttons), on_dismissed=self._dismissed, timeout=-1)
        try:
            if not await backend.request_authorisation():
                return self._fail(REFUSED)
            with _quiet():
                identifier = await backend.send_notification(notification)
            showing = identifier in await backend.get_current_notifications()
        except Exception:
            return self._fail(NO_SERVICE)
        if not showing:  # desktop-notifier logs a failed send and carries on; it is not showing
            return self._fail(NO_SERVICE)
        self._shown = identifier
        self.available = True
        self._notice = None
        self._said = False
        return True

    async def withdraw(self) -> None:
        """Take the notification showing now away, if one is."""
        shown, self._shown = self._shown, None
        if shown is None or self._backend is None:
            return
        try:
            with _quiet():
                await self._backend.clear(shown)
        except Exception:
            pass  # already gone, or the service went away: nothing is showing either way

    @property
    def showing(self) -> bool:
        return self._shown is not None

    async def capabilities(self) -> frozenset[str] | None:
        """What the notification service can do (buttons, sound...), or None with no service."""
        backend = self._get_backend()
        if backend is None:
            return None
        try:
            with _quiet():
                found = await backend.get_capabilities()
        except Exception:
            return None
        return frozenset(capability.name.lower() for capability in found)

    async def _server_reads_markup(self) -> bool:
        """Whether the freedesktop service takes `<b>` in a body as markup (its body-markup capability)."""
        if self._markup is None:
            self._markup = False
            if not sys.platform.startswith("darwin"):
                from .bus import Bus

                bus = Bus()
                try:
                    found = await bus.call("org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                                           "org.freedesktop.Notifications", "GetCapabilities")
                finally:
                    bus.close()
                self._markup = found is not None and len(found) > 0 and "body-markup" in found[0]
        return self._markup

    def _dismissed(self) -> None:
        self._shown = None  # closed by hand: the break stays due, the reminder's screen still says so

    def _get_backend(self) -> Any:
        if self._backend is None:
            try:
                from desktop_notifier import DesktopNotifier
            except ImportError:
                return None
            self._backend = DesktopNotifier(app_name=self.app_name)
        return self._backend


class _quiet:
    """desktop-notifier logs a failed send with its traceback; limber says it once in its own words."""

    def __enter__(self) -> None:
        self._logger = logging.getLogger("desktop_notifier")
        self._level = self._logger.level
        self._logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        self._logger.setLevel(self._level)
