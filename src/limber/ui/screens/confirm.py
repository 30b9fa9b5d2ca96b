"""Yes-or-no questions asked before something is thrown away: a session, or unsaved changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from .dialog import Dialog, key_table


class Confirm(Dialog[bool]):
    """The question and its keys; subclasses say which keys answer yes and which no."""

    QUESTION = ""
    KEYS: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog-box"):
            yield Static(self.QUESTION, classes="dialog-title")
            yield key_table(self.KEYS, id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class QuitConfirm(Confirm):
    QUESTION = "Quit this session?"
    KEYS = [("y / q", "quit"), ("n / Esc", "keep going")]
    BINDINGS = [Binding("y,q", "answer(True)", "Quit"), Binding("n,escape", "answer(False)", "Keep going")]


class DiscardChanges(Confirm):
    QUESTION = "Discard your unsaved changes?"
    KEYS = [("y", "discard them"), ("n / Esc", "keep editing")]
    BINDINGS = [Binding("y", "answer(True)", "Discard"), Binding("n,escape", "answer(False)", "Keep editing")]
