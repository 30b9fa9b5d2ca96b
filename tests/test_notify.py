"""Desktop notifications for a due break, against a notification service on a private D-Bus."""

from __future__ import annotations

import pytest

from limber.remind.notify import NO_EXTRA, NO_SERVICE, Notifier
from tests.dbus_helpers import until

pytest.importorskip("desktop_notifier")

from tests.fake_notification_server import (  # noqa: E402
    NOTIFICATIONS,
    NOTIFICATIONS_PATH,
    NotificationServer,
    serve,
)


@pytest.fixture
async def server(private_bus):
    server = NotificationServer()
    services = await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server)
    yield server
    await services.close()


class Pressed:
    def __init__(self):
        self.calls: list[str] = []

    def __getattr__(self, name):
        if name.startswith("on_"):
            return lambda: self.calls.append(name[3:])
        raise AttributeError(name)


async def test_a_due_break_is_offered_with_start_snooze_and_skip(server):
    notifier = Notifier()
    pressed = Pressed()
    assert await notifier.offer_break("desk-back-stretches", pressed.on_start, pressed.on_snooze, pressed.on_skip)
    assert len(server.sent) == 1
    sent = server.sent[0]
    assert sent.app_name == "limber"
    assert sent.summary == "Time for a stretch"
    assert "desk-back-stretches" in sent.body
    assert server.button_titles() == ["Start", "Snooze", "Skip"]
    assert notifier.showing and notifier.notice is None


@pytest.mark.parametrize("button", ["Start", "Snooze", "Skip"])
async def test_each_button_calls_its_own_action(server, button):
    notifier = Notifier()
    pressed = Pressed()
    await notifier.offer_break("neck", pressed.on_start, pressed.on_snooze, pressed.on_skip)
    server.press(button)
    await until(lambda: pressed.calls, f"{button} to arrive")
    assert pressed.calls == [button.lower()]
    assert not notifier.showing


async def test_a_break_without_snooze_or_skip_leaves_their_buttons_out(server):
    notifier = Notifier()
    pressed = Pressed()
    await notifier.offer_break("neck", pressed.on_start, None, None)
    assert server.button_titles() == ["Start"]


async def test_withdraw_closes_the_notification_and_a_new_offer_replaces_the_old(server):
    notifier = Notifier()
    pressed = Pressed()
    await notifier.offer_break("neck", pressed.on_start, pressed.on_snooze, pressed.on_skip)
    first = server.sent[-1].id
    await notifier.offer_break("neck", pressed.on_start, pressed.on_snooze, pressed.on_skip)
    assert server.closed == [first]
    await notifier.withdraw()
    assert server.closed == [first, server.sent[-1].id]
    assert not notifier.showing
    await notifier.withdraw()  # nothing showing: nothing to close
    assert len(server.closed) == 2


async def test_dismissed_by_hand_nothing_is_called(server):
    notifier = Notifier()
    pressed = Pressed()
    await notifier.offer_break("neck", pressed.on_start, pressed.on_snooze, pressed.on_skip)
    server.dismiss()
    await until(lambda: not notifier.showing, "the dismissal to arrive")
    assert pressed.calls == []


async def test_an_action_that_fails_does_not_reach_the_bus_reader(server):
    notifier = Notifier()
    calls = []

    def broken():
        calls.append("start")
        raise RuntimeError("the reminder's own failure")

    await notifier.offer_break("neck", broken, None, None)
    server.press("Start")
    await until(lambda: calls, "Start to arrive")
    pressed = Pressed()
    assert await notifier.offer_break("neck", pressed.on_start, None, None)  # the connection still works
    server.press("Start")
    await until(lambda: pressed.calls, "the second Start")


async def test_capabilities_are_read_from_the_service(server):
    found = await Notifier().capabilities()
    assert found is not None and {"buttons", "message"} <= found
    server.capabilities.remove("actions")
    assert "buttons" not in await Notifier().capabilities()


async def test_no_service_on_the_bus_is_said_once_and_nothing_raises(private_bus):
    notifier = Notifier()
    pressed = Pressed()
    assert await notifier.offer_break("neck", pressed.on_start, pressed.on_snooze, pressed.on_skip) is False
    assert notifier.notice == NO_SERVICE and notifier.available is False
    assert notifier.take_notice() == NO_SERVICE
    assert await notifier.offer_break("neck", pressed.on_start, pressed.on_snooze, pressed.on_skip) is False
    assert notifier.take_notice() is None  # said once
    assert await notifier.capabilities() is None
    await notifier.withdraw()


async def test_no_bus_at_all_is_no_service(monkeypatch, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/nothing-here")
    notifier = Notifier()
    assert await notifier.offer_break("neck", lambda: None, None, None) is False
    assert notifier.take_notice() == NO_SERVICE


async def test_without_the_extra_the_notice_names_it(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_desktop_notifier(name, *args, **kwargs):
        if name.startswith("desktop_notifier"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_desktop_notifier)
    notifier = Notifier()
    assert await notifier.offer_break("neck", lambda: None, None, None) is False
    assert notifier.take_notice() == NO_EXTRA


async def test_a_service_that_comes_later_is_used_and_the_notice_cleared(private_bus):
    notifier = Notifier()
    assert await notifier.offer_break("neck", lambda: None, None, None) is False
    server = NotificationServer()
    services = await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server)
    try:
        assert await notifier.offer_break("neck", lambda: None, None, None)
        assert notifier.notice is None and len(server.sent) == 1
    finally:
        await services.close()



@pytest.mark.parametrize("markup", [True, False])
async def test_a_routine_name_is_never_read_as_markup(server, markup):
    if markup:
        server.capabilities.append("body-markup")
    await Notifier().offer_break("<b>neck</b> & \x1b[2Jshoulders", lambda: None, None, None)
    body = server.sent[-1].body
    assert "\x1b" not in body
    if markup:
        assert body.startswith("&lt;b&gt;neck&lt;/b&gt; &amp; ")
    else:
        assert body.startswith("<b>neck</b> & ")
