"""The `?` screen: every key and what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from ..shown import pad
from ..widgets.literal import Literal

KEY_NAMES = {
    "space": "space", "right": "→", "left": "←", "enter": "Enter", "plus": "+", "minus": "-",
    "equals_sign": "=", "question_mark": "?", "escape": "Esc",
    "left_square_bracket": "[", "right_square_bracket": "]",
}

EXPLAINED = {
    "toggle_pause": "pause / resume",
    "skip": "skip to the next segment",
    "back": "back: previous segment, or restart after 2 s",
    "restart": "restart this segment",
    "done": "done: finish an untimed rep step",
    "more_time": "add 10 seconds",
    "less_time": "take 10 seconds off",
    "mute": "mute / unmute sound",
    "volume": "volume down / up",
    "edit_outside": "edit this routine in $EDITOR (the session pauses)",
    "edit_inside": "edit it here, inside limber (the session pauses)",
    "help": "this help",
    "quit_session": "quit (asks first)",
}


def key_list(bindings: list[Binding]) -> str:
    """One line per action; bindings for the same action with different arguments share it.
    An action with no words here is explained by its binding's own tooltip or description."""
    grouped: dict[str, list[str]] = {}
    words: dict[str, str] = {}
    for binding in bindings:
        action = binding.action.split("(")[0]
        grouped.setdefault(action, []).extend(KEY_NAMES.get(k.strip(), k.strip()) for k in binding.key.split(","))
        words.setdefault(action, EXPLAINED.get(action) or binding.tooltip or binding.description)
    return "\n".join(f"  {pad(' / '.join(keys), 10)} {words[action]}" for action, keys in grouped.items())


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter", "close", "Close")]

    def __init__(self, bindings: list[Binding]):
        super().__init__()
        self._key_bindings = bindings

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static("Keys", id="help-title")
            # Literal: keys such as `[` and `]` are shown, not read as markup.
            yield Literal(key_list(self._key_bindings), newlines=True, id="help-keys")
            yield Static("Ctrl+P opens the command palette (themes).  Esc closes this.", id="help-foot")

    def action_close(self) -> None:
        self.dismiss(None)
