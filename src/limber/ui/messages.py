"""What screens ask of the app, and what the app answers: messages up, answers back to the screen on top."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message

from ..engine import Summary
from ..routine import Plan


# Plain classes rather than dataclasses: each dataclass costs start-up time (benchmarks/startup.py).
class EditInEditor(Message):
    """Hand the terminal to the person's editor for `path`, then come back."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class Edited(Message, bubble=False):
    """The editor came back: `target` is the file edited (the person's own copy of a bundled one)."""

    def __init__(self, path: Path, target: Path) -> None:
        super().__init__()
        self.path = path
        self.target = target


class SessionFinished(Message):
    """The session reached its end (or was quit): sum it up or leave."""

    def __init__(self, plan: Plan, summary: Summary) -> None:
        super().__init__()
        self.plan = plan
        self.summary = summary
