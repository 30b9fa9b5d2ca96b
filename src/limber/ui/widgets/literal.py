"""A line or block of text shown exactly as written: a `Static` for text that came from outside limber."""

from __future__ import annotations

from textual.widgets import Static

from ..shown import literal


class Literal(Static):
    """A Static whose text is never read as markup and never reaches the terminal raw: a step
    named "[bold red]x" shows those characters, and an escape sequence shows as `\\x1b[...`.
    `newlines` keeps line breaks (instructions, lists of problems); else they become spaces."""

    def __init__(self, text: str = "", *, newlines: bool = False, id: str | None = None,
                 classes: str | None = None):
        self._newlines = newlines
        super().__init__(literal(text, newlines=newlines), markup=False, id=id, classes=classes)

    def update(self, text: str = "", *, layout: bool = True) -> None:  # type: ignore[override]
        super().update(literal(text, newlines=self._newlines), layout=layout)
