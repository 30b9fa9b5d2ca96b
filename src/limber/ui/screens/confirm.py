"""Yes-or-no questions asked before something is thrown away: a session, or unsaved changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class Confirm(ModalScreen[bool]):
    """The question and its keys; subclasses say which keys answer yes and which no."""

    QUESTION = ""
    KEYS = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static(self.QUESTION, id="confirm-title")
            yield Static(self.KEYS, id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class QuitConfirm(Confirm):
    QUESTION = "Quit this session?"
    KEYS = "y or q: quit      n or Esc: keep going"
    BINDINGS = [Binding("y,q", "answer(True)", "Quit"), Binding("n,escape", "answer(False)", "Keep going")]


class DiscardChanges(Confirm):
    QUESTION = "Discard your unsaved changes?"
    KEYS = "y: discard      n or Esc: keep editing"
    BINDINGS = [Binding("y", "answer(True)", "Discard"), Binding("n,escape", "answer(False)", "Keep editing")]
