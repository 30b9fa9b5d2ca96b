"""What is wrong with a routine file, and where: reported as `path:line:column: message`."""

from __future__ import annotations


from ..record import record
from ..printable import printable


@record(order=True)
class Problem:
    """One thing wrong with a file, at its line and column."""

    path: str
    line: int  # 1-based; 0 when the problem is the file as a whole
    column: int  # 1-based; 0 when the problem is the file as a whole
    message: str

    def __str__(self) -> str:
        # A path or a key from the file may hold an escape: none reaches the terminal raw.
        if self.line <= 0:
            return printable(f"{self.path}: {self.message}")
        return printable(f"{self.path}:{self.line}:{self.column}: {self.message}")


class RoutineError(Exception):
    """A routine that cannot be played, with every problem found in it."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
