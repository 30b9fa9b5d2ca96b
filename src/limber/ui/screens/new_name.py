"""Asks for a new routine's name."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from .dialog import Dialog, key_table


class NewRoutineName(Dialog[str | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="new-name-box", classes="dialog-box"):
            yield Static("Name the new routine", classes="dialog-title")
            yield Input(placeholder="Lunch stretch", id="new-name")
            yield key_table([("Enter", "create it and edit it"), ("Esc", "cancel")], id="new-name-keys")

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
