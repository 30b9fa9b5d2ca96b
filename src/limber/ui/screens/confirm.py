"""Asked before a session in progress is thrown away."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class QuitConfirm(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,q", "answer(True)", "Quit"),
        Binding("n,escape", "answer(False)", "Keep going"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box"):
            yield Static("Quit this session?", id="confirm-title")
            yield Static("y or q: quit      n or Esc: keep going", id="confirm-keys")

    def action_answer(self, quit_now: bool) -> None:
        self.dismiss(quit_now)
