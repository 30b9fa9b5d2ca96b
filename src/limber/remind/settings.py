"""What a reminder is set to: how often, which routines, working hours, snoozing; no Textual, no files."""

from __future__ import annotations
from ..record import field, record


DEFAULT_EVERY = 50 * 60.0  # seconds: about one break an hour
DEFAULT_SNOOZE = 5 * 60.0
DEFAULT_MAX_SNOOZES = 3
DEFAULT_ROUTINE = "desk-back-stretches"
DEFAULT_HOLD_AT_MOST = 2 * 3600.0  # the longest do-not-disturb holds a due break
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60

# Minutes from midnight, start inclusive and end exclusive; (0, 1440) is the whole day.
Span = tuple[int, int]


@record
class Hours:
    """Working hours for each weekday (Monday first); a day with no span has no reminders."""

    days: tuple[Span | None, ...] = ((0, DAY_MINUTES),) * 7

    def span(self, weekday: int) -> Span | None:
        return self.days[weekday]

    @property
    def always(self) -> bool:
        return all(day == (0, DAY_MINUTES) for day in self.days)


ALWAYS = Hours()


@record
class RemindSettings:
    every: float = DEFAULT_EVERY
    routines: tuple[str, ...] = (DEFAULT_ROUTINE,)
    hours: Hours = field(default_factory=Hours)
    snooze: float = DEFAULT_SNOOZE
    max_snoozes: int = DEFAULT_MAX_SNOOZES
    strict: bool = False
    popup: bool | None = None  # None: inside tmux, yes
    hold_at_most: float = DEFAULT_HOLD_AT_MOST
    notify: bool = True  # desktop notifications, where the machine has a notification service
    terminal: str | None = None  # a command opening a new terminal window, for Start with no screen


def format_span(span: Span | None) -> str:
    if span is None:
        return "off"
    return f"{clock_text(span[0])}-{clock_text(span[1])}"


def clock_text(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"
