"""The first screen of a bare `limber`: every routine with its step count and time; Enter plays one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from ... import library
from ...routine import RoutineError, format_duration


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter", "play", "Play", id="play", priority=True),
        Binding("q", "quit_app", "Quit", id="quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="home-box"):
            yield Static("limber", id="home-title")
            yield Static("Pick a routine and press Enter.", id="home-hint")
            yield DataTable(id="routines", cursor_type="row", zebra_stripes=False)
            yield Static("", id="home-problem")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#routines", DataTable)
        table.clear(columns=True)
        table.add_columns("Routine", "Steps", "Time", "Where")
        for entry in library.entries():
            try:
                routine, plan = library.load(entry.path)
            except RoutineError as error:
                table.add_row(f"{entry.stem} (invalid: {len(error.problems)} problems)", "", "", entry.where,
                              key=str(entry.path))
                continue
            time = format_duration(plan.total_seconds) + ("+" if plan.untimed_segments else "")
            table.add_row(routine.name, str(routine.exercise_count), time, entry.where, key=str(entry.path))
        table.focus()

    def _selected(self):
        table = self.query_one("#routines", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        from pathlib import Path

        return Path(row_key.value)

    def action_play(self) -> None:
        path = self._selected()
        if path is None:
            return
        try:
            self.app.play(path)
        except RoutineError as error:
            self.query_one("#home-problem", Static).update("\n".join(str(p) for p in error.problems[:8]))

    def action_quit_app(self) -> None:
        self.app.exit(0)
