"""The `?` screen: every key and what it does."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from .dialog import Dialog, key_table

KEY_NAMES = {
    "space": "space", "right": "→", "left": "←", "enter": "Enter", "plus": "+", "minus": "-",
    "equals_sign": "=", "question_mark": "?", "escape": "Esc",
    "left_square_bracket": "[", "right_square_bracket": "]",
}

# Actions that are two halves of one key (pause and resume, mute and unmute) share their words,
# and so one line.
EXPLAINED = {
    "pause": "pause / resume",
    "resume": "pause / resume",
    "skip": "skip to the next segment",
    "back": "back: previous segment, or restart after 2 s",
    "restart": "restart this segment",
    "done": "done: finish an untimed rep step",
    "more_time": "add 10 seconds",
    "less_time": "take 10 seconds off",
    "mute": "mute / unmute sound",
    "unmute": "mute / unmute sound",
    "volume": "volume down / up",
    "edit_outside": "edit this routine in $EDITOR (the session pauses)",
    "edit_inside": "edit it here, inside limber (the session pauses)",
    "fix": "edit it here, inside limber (the session pauses)",  # E while the file has problems
    "help": "this help",
    "quit_session": "quit (asks first)",
}


def key_rows(bindings: Iterable[BindingType]) -> list[tuple[str, str]]:
    """(keys, what they do), one row for each thing done: bindings that do the same thing (an
    action with different arguments, or the two halves of a toggle) share a row. An action
    with no words here is explained by its binding's own tooltip or description."""
    rows: dict[str, list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        action = binding.action.split("(")[0]
        words = EXPLAINED.get(action) or binding.tooltip or binding.description
        keys = rows.setdefault(words, [])
        for key in binding.key.split(","):
            shown = KEY_NAMES.get(key.strip(), key.strip())
            if shown not in keys:
                keys.append(shown)
    return [(" / ".join(keys), words) for words, keys in rows.items()]


class HelpScreen(Dialog[None]):
    BINDINGS = [Binding("escape,question_mark,q,enter", "close", "Close")]

    def __init__(self, bindings: Iterable[BindingType], note: str = ""):
        super().__init__()
        self._key_bindings = bindings
        self._note = note

    def compose(self) -> ComposeResult:
        # The whole box scrolls when the terminal is too short for it; its title and the way
        # out sit in its border, so they stay in sight while the keys scroll.
        box = VerticalScroll(id="help-box", classes="dialog-box")
        box.border_title = "Keys"
        box.border_subtitle = "Esc closes this · Ctrl+P: themes"
        with box:
            if self._note:
                yield Static(self._note, markup=False, classes="dialog-note")
            yield key_table(key_rows(self._key_bindings), id="help-keys")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()  # ↑ ↓ and Page Up/Down scroll the list

    def action_close(self) -> None:
        self.dismiss(None)
