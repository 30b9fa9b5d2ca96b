"""The reminder's compact screen: time to the next break, the routine it plays, today's breaks."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from ...remind.schedule import Kind
from ...remind.view import headline, today_lines, today_summary
from ..widgets.key_bar import KeyBar
from ..widgets.literal import Literal
from .dialog import Dialog, key_table

if TYPE_CHECKING:
    from ..remind_app import RemindApp

_CLASSES = ("-waiting", "-due", "-snoozed", "-break", "-paused", "-off")


class RemindScreen(Screen):
    """Thin: the app keeps the schedule and calls `show()` when it changes; keys go back to the app."""

    DEFAULT_CSS = """
    #remind-box { padding: 1 1; }
    #remind-headline { text-style: bold; color: $accent; }
    RemindScreen.-due #remind-headline { color: $warning; text-style: bold reverse; padding: 0 1; width: auto; }
    RemindScreen.-snoozed #remind-headline { color: $warning; }
    RemindScreen.-paused #remind-headline, RemindScreen.-off #remind-headline { color: $text-muted; }
    #remind-routine { margin-bottom: 1; }
    #remind-summary { color: $text-muted; }
    #remind-today { height: auto; }
    """

    BINDINGS = [
        Binding("s", "start", "Start now", id="start", tooltip="Play the routine now"),
        Binding("z", "snooze", "Snooze", id="snooze", tooltip="Put the break off for a while"),
        Binding("x", "skip", "Skip", id="skip", tooltip="Skip this break; the next counts from now"),
        Binding("p", "pause", "Pause", id="pause", tooltip="No reminders for an hour, or until tomorrow"),
        Binding("q", "quit_reminders", "Quit", id="quit"),
    ]

    @property
    def reminder(self) -> RemindApp:
        """The app that keeps the schedule: this screen is only ever shown by it."""
        return cast("RemindApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="remind-box"):
            yield Static("", id="remind-headline")
            yield Literal("", id="remind-routine")
            yield Static("", id="remind-summary")
            yield Literal("", id="remind-today", newlines=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Draw the schedule as it stands now."""
        app = self.reminder
        state = app.reminders.state()
        text, css = headline(state, app.wall(), app.held)
        self.query_one("#remind-headline", Static).update(text)
        self.set_class(True, css)
        for other in _CLASSES:
            if other != css:
                self.set_class(False, other)
        verb = "Playing" if state.kind is Kind.BREAK else "Routine"
        self.query_one("#remind-routine", Literal).update(f"{verb}: {state.routine}")
        today = app.reminders.today
        self.query_one("#remind-summary", Static).update(today_summary(today))
        self.query_one("#remind-today", Literal).update("\n".join(today_lines(today)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.reminder.reminders.state()
        if action == "snooze":
            return True if state.can_snooze else None
        if action == "skip":
            return True if state.can_skip else None
        if action == "start":
            return state.kind is not Kind.BREAK
        return True

    def action_start(self) -> None:
        self.reminder.start_break(here=True)

    def action_snooze(self) -> None:
        self.reminder.snooze_break()

    def action_skip(self) -> None:
        self.reminder.skip_break()

    def action_pause(self) -> None:
        if self.reminder.reminders.state().kind is Kind.PAUSED:
            self.reminder.pause_breaks("resume")
            return
        self.app.push_screen(PauseChoice(), lambda choice: self.reminder.pause_breaks(choice) if choice else None)

    def action_quit_reminders(self) -> None:
        self.reminder.leave()


class PauseChoice(Dialog[str | None]):
    """For how long: an hour, or until tomorrow's hours."""

    BINDINGS = [
        Binding("h,1", "choose('hour')", "An hour"),
        Binding("t", "choose('tomorrow')", "Until tomorrow"),
        Binding("escape,n,p", "choose('')", "Cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog-box"):
            yield Static("Pause reminders?", classes="dialog-title")
            yield key_table([("h", "for an hour"), ("t", "until tomorrow"), ("n / Esc", "keep reminding")],
                            id="confirm-keys")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice or None)
