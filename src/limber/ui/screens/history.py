"""The history on screen: the calendar of the last weeks, minutes a day as a chart, and every session."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from rich.cells import cell_len
from rich.segment import Segment
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ...history.records import Session, SessionOutcome
from ...history.stats import Overview, draw_calendar
from ...printable import printable
from ...routine import format_duration
from ..shown import clip, join_fitting, pad, tilde
from ..widgets.key_bar import KeyBar
from ...words import counted

SESSIONS_SHOWN = 200  # the rest are for `limber log`
BLOCKS = " ▁▂▃▄▅▆▇█"
SHORT_OUTCOMES = {SessionOutcome.FINISHED: "done", SessionOutcome.FINISHED_WITH_SKIPS: "skips",
                  SessionOutcome.STOPPED_EARLY: "stopped", SessionOutcome.KILLED: "cut off"}


def bars(values: list[float], height: int) -> list[str]:
    """A column a value, `height` rows high, drawn with eighth blocks; the tallest fills the height.
    Rows from the top; a value above nothing shows at least a sliver."""
    top = max(values, default=0.0)
    if height <= 0:
        return []
    eighths = [0 if value <= 0 or top <= 0 else max(1, round(value / top * height * 8)) for value in values]
    rows = []
    for row in range(height):
        floor = (height - 1 - row) * 8
        rows.append("".join(BLOCKS[min(8, max(0, level - floor))] for level in eighths))
    return rows


def session_lines(sessions: list[Session], width: int) -> list[str]:
    """A line a session: when, routine, active time, outcome; the routine's name gives way to the width."""
    wide = width >= 60
    longest = max((cell_len(printable(session.routine)) for session in sessions), default=0)
    lines = []
    for session in sessions:
        when = session.started.strftime("%Y-%m-%d %H:%M" if wide else "%m-%d %H:%M")
        outcome = session.outcome if wide else SHORT_OUTCOMES.get(session.outcome, session.outcome)
        outcome_cells = 19 if wide else 7
        time = format_duration(round(session.active_seconds))
        room = max(4, min(longest, width - cell_len(when) - 8 - outcome_cells - 3))
        name = pad(clip(printable(session.routine), room), room)
        lines.append(f"{when} {name} {time:>7}  {outcome}")
    return lines


class MinutesChart(Widget):
    """Active minutes on each of the last days, a column a day, as many days as fit."""

    DEFAULT_CSS = "MinutesChart { height: 7; }"

    def __init__(self, minutes_by_day: dict[date, float], today: date, id: str | None = None):
        super().__init__(id=id)
        self.minutes_by_day = minutes_by_day
        self.today = today

    def days(self, count: int) -> list[tuple[date, float]]:
        first = self.today - timedelta(days=count - 1)
        return [(first + timedelta(days=n), self.minutes_by_day.get(first + timedelta(days=n), 0.0))
                for n in range(count)]

    def render_line(self, y: int) -> Strip:
        width, height = self.size
        if width <= 0:
            return Strip.blank(width)
        days = self.days(max(1, width))
        values = [minutes for _, minutes in days]
        top = max(values, default=0.0)
        if y == 0:
            text = f"Minutes a day (most {top:.0f})"
        elif y == height - 1:
            first, last = days[0][0], days[-1][0]
            left, right = f"{first:%b %d}", "today" if last == self.today else f"{last:%b %d}"
            text = left + " " * max(1, width - len(left) - len(right)) + right
        else:
            text = bars(values, height - 2)[y - 1]
        style = self.get_component_rich_style("-label" if y in (0, height - 1) else "-bar", partial=True)
        return Strip([Segment(pad(clip(text, width), width), self.rich_style + style)]).crop(0, width)

    COMPONENT_CLASSES = {"-label", "-bar"}


class HistoryScreen(Screen):
    """Opened from the home screen with `h` or the command palette's "History"."""

    DEFAULT_CSS = """
    #history-box { padding: 1 2; }
    #history-title { text-style: bold; color: $accent; }
    #history-numbers { margin-bottom: 1; }
    #history-top { height: auto; }
    #history-calendar-box { width: auto; height: auto; margin-right: 3; }
    #history-legend { color: $text-muted; width: 32; }
    #history-chart { width: 1fr; min-width: 20; height: 9; }
    MinutesChart > .-bar { color: $success; }
    MinutesChart > .-label { color: $text-muted; }
    #history-sessions-title { text-style: bold; margin-top: 1; }
    HistoryScreen.-narrow #history-top { layout: vertical; }
    HistoryScreen.-narrow #history-box { padding: 0 1; }
    HistoryScreen.-narrow #history-chart { width: 100%; margin-top: 1; }
    """

    BINDINGS = [
        Binding("escape,h", "close", "Back", id="back"),
        Binding("q", "quit_app", "Quit", id="quit"),
    ]

    def __init__(self, overview: Overview | None, note: str = ""):
        super().__init__()
        self.overview = overview
        self.note = note  # why there is nothing to show, when there is not

    @classmethod
    def open(cls, today: date, path: Path | None = None) -> HistoryScreen:
        """The history view as the file stands now. Read at once, on the event loop: the
        queries are indexed and take a few milliseconds even over years of sessions (see
        benchmarks/history.py), so the view is whole in its first frame."""
        from ...config import settings_or_defaults
        from ...history.stats import overview
        from ...history.store import Store, history_path

        settings = settings_or_defaults()
        if not settings.history:
            return cls(None, "The history is off (history: false in config.yaml): no sessions are kept.")
        goal = settings.weekly_goal
        try:
            store = Store.open(path, create=False)
        except Exception as error:  # noqa: BLE001 - a history that cannot be read is said, not raised
            return cls(None, f"The history cannot be read: {error}")
        if store is None:
            return cls(None, f"No sessions yet. They will be kept in {tilde(path or history_path())}.")
        try:
            return cls(overview(store, today, goal, SESSIONS_SHOWN))
        except Exception as error:  # noqa: BLE001
            return cls(None, f"The history cannot be read: {error}")
        finally:
            store.close()

    def compose(self) -> ComposeResult:
        seen = self.overview
        with VerticalScroll(id="history-box"):
            yield Static("History", id="history-title", markup=False)
            if seen is None:
                yield Static(printable(self.note), id="history-note", markup=False)
            else:
                yield Static(" · ".join(self._numbers(seen)), id="history-numbers", markup=False)
                with Horizontal(id="history-top"):
                    with Vertical(id="history-calendar-box"):
                        lines = draw_calendar(seen.minutes_by_day, seen.today, seen.stats.weekly_goal)
                        yield Static("\n".join(lines[:-1]), id="history-calendar", markup=False)
                        yield Static(lines[-1].strip(), id="history-legend", markup=False)
                    yield MinutesChart(seen.minutes_by_day, seen.today, id="history-chart")
                yield Static(self._sessions_heading(seen), id="history-sessions-title", markup=False)
                yield SessionList(seen.latest, id="history-sessions")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#history-box").focus()
        self._fit()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        narrow = self.size.width < 64
        self.set_class(narrow, "-narrow")
        if self.overview is not None and self.size.width:
            numbers = join_fitting(self._numbers(self.overview), self.size.width - (4 if narrow else 6))
            self.query_one("#history-numbers", Static).update(numbers)

    @staticmethod
    def _numbers(seen: Overview) -> list[str]:
        stats = seen.stats
        days = stats.current_streak
        streak = f"{days}-day streak" if days else "no streak"
        sessions = counted(seen.sessions_total, "session")
        return [f"{streak} (longest {seen.longest_streak})", f"today {stats.today_minutes:.0f} min",
                f"this week {stats.week_minutes:.0f} of {stats.weekly_goal} min", sessions]

    @staticmethod
    def _sessions_heading(seen: Overview) -> str:
        if not seen.latest:
            return "Sessions: none yet"
        if seen.sessions_total > len(seen.latest):
            return f"The latest {len(seen.latest)} of {seen.sessions_total} sessions (limber log shows all)"
        return "Sessions"

    def action_close(self) -> None:
        self.dismiss()

    def action_quit_app(self) -> None:
        self.app.exit(0)


class SessionList(Widget):
    """The sessions, a line each, laid out for the width there is."""

    DEFAULT_CSS = "SessionList { height: auto; }"

    def __init__(self, sessions: list[Session], id: str | None = None):
        super().__init__(id=id)
        self.sessions = sessions
        self._lines: tuple[int, list[str]] = (-1, [])

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.sessions)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if self._lines[0] != width:
            self._lines = (width, session_lines(self.sessions, width))
        lines = self._lines[1]
        if y >= len(lines) or width <= 0:
            return Strip.blank(width, self.rich_style)
        return Strip([Segment(pad(clip(lines[y], width), width), self.rich_style)]).crop(0, width)
