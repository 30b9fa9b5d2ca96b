"""What screens ask of the app, and what the app answers: messages up, answers back to the screen on top."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from ..engine import Summary
from ..routine import Plan


@dataclass
class EditInEditor(Message):
    """Hand the terminal to the person's editor for `path`, then come back."""

    path: Path


@dataclass
class Edited(Message, bubble=False):
    """The editor came back: `target` is the file edited (the person's own copy of a bundled one)."""

    path: Path
    target: Path


@dataclass
class SessionFinished(Message):
    """The session reached its end (or was quit): sum it up or leave."""

    plan: Plan
    summary: Summary
