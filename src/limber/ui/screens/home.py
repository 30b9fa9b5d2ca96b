"""The first screen of a bare `limber`: every routine with its step count and time; Enter plays one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ... import library
from ...routine import RoutineError, format_duration
from ..widgets.key_bar import KeyBar


class HomeScreen(Screen):
    BINDINGS = [
        Binding("enter", "play", "Play", id="play", priority=True),
        Binding("e", "edit_outside", "Edit", id="edit", tooltip="Edit in $EDITOR"),
        Binding("E", "edit_inside", "Edit here", id="edit-here", tooltip="Edit inside limber"),
        Binding("n", "new", "New", id="new", tooltip="Start a new routine of your own"),
        Binding("q", "quit_app", "Quit", id="quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="home-box"):
            yield Static("limber", id="home-title")
            yield Static("Pick a routine and press Enter.", id="home-hint")
            yield DataTable(id="routines", cursor_type="row", zebra_stripes=False)
            yield Static("", id="home-problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.reload()
        # Routines added, removed or changed in the person's folder show up by themselves.
        self._watch = library.FolderWatch(library.user_routines_dir())
        self.set_interval(2.0, self._check_folder)

    def _check_folder(self) -> None:
        if self._watch.changed():
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        table = self.query_one("#routines", DataTable)
        keep = table.cursor_row
        rows = []
        for entry in library.playable_entries():
            try:
                routine, plan = library.load_kept(entry.path)
            except RoutineError as error:
                rows.append((f"{entry.stem} (invalid: {len(error.problems)} problems)", "", "", entry.where, entry.path))
                continue
            time = format_duration(plan.total_seconds) + ("+" if plan.untimed_segments else "")
            rows.append((routine.name, str(routine.exercise_count), time, entry.where, entry.path))
        table.clear(columns=True)
        for index, title in enumerate(("Routine", "Steps", "Time", "Where")):
            # Sized to what they hold: the table's own sizing stops at the headers when rows come later.
            table.add_column(title, width=max([len(title)] + [len(row[index]) for row in rows]))
        for *cells, path in rows:
            table.add_row(*cells, key=str(path))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))
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

    def action_edit_outside(self) -> None:
        path = self._selected()
        if path is not None and self.app.edit_in_editor(path) is not None:
            self.reload()

    def action_edit_inside(self) -> None:
        path = self._selected()
        if path is None:
            return
        from .edit import EditScreen

        self.app.push_screen(EditScreen(library.own_copy(path)), lambda saved: self.reload())

    def action_new(self) -> None:
        from .edit import EditScreen
        from .new_name import NewRoutineName

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = library.new_routine(name)
            except FileExistsError as error:
                self.notify(str(error), severity="error")
                return
            self.reload()
            self.app.push_screen(EditScreen(path), lambda saved: self.reload())

        self.app.push_screen(NewRoutineName(), named)

    def action_quit_app(self) -> None:
        self.app.exit(0)
