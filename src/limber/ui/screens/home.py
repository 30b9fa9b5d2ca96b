"""The first screen of a bare `limber`: every routine with its step count and time; Enter plays one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from ... import library
from ...printable import printable
from ...routine import RoutineError, format_duration
from ..messages import Edited, EditInEditor, PlayRefused, PlayRoutine
from ..shown import failure
from ..widgets.key_bar import KeyBar
from ..widgets.literal import Literal

Row = tuple[str, str, str, str, Path]  # routine, steps, time, where; and the file


def routine_rows() -> list[Row]:
    """A row for every routine that can be played, read (or taken from the read cache) now."""
    rows: list[Row] = []
    for entry in library.playable_entries():
        try:
            routine, plan = library.load_kept(entry.path)
        except RoutineError as error:
            rows.append((f"{entry.stem} (invalid: {len(error.problems)} problems)", "", "", entry.where, entry.path))
            continue
        time = format_duration(plan.total_seconds) + ("+" if plan.untimed_segments else "")
        rows.append((routine.name, str(routine.exercise_count), time, entry.where, entry.path))
    # Every cell as it is shown: names and paths are anyone's text.
    return [(printable(name), steps, time, printable(where), path) for name, steps, time, where, path in rows]


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
            yield Literal("", newlines=True, id="home-problem")
        yield KeyBar()

    @dataclass
    class ListRead(Message, bubble=False):
        """The routines were read: a row for each."""

        number: int  # readings are numbered as they start; an older one never undoes a newer
        rows: list[Row]

    def on_mount(self) -> None:
        self._readings_started = 0
        self._readings_shown = 0
        self.query_one("#routines", DataTable).focus()
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
        """Read every routine again, in a thread: a large file takes a good part of a second."""
        self._readings_started += 1
        self._read(self._readings_started)

    @work(thread=True, group="reading")
    def _read(self, number: int) -> None:
        self.post_message(self.ListRead(number, routine_rows()))

    @on(ListRead)
    def _show_list(self, read: ListRead) -> None:
        if read.number <= self._readings_shown:
            return  # overtaken by a newer reading
        self._readings_shown = read.number
        rows = read.rows
        table = self.query_one("#routines", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        for index, title in enumerate(("Routine", "Steps", "Time", "Where")):
            # Sized to what they hold, in cells: the table's own sizing stops at the headers when rows come later.
            table.add_column(title, width=max([len(title)] + [cell_len(row[index]) for row in rows]))
        for *cells, path in rows:
            # Text, not str: the table would read a str as markup.
            table.add_row(*(Text(cell, no_wrap=True, end="") for cell in cells), key=str(path))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _selected(self):
        table = self.query_one("#routines", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return Path(row_key.value)

    def action_play(self) -> None:
        path = self._selected()
        if path is None:
            return
        self.post_message(PlayRoutine(path))

    @on(PlayRefused)
    def _refused(self, refused: PlayRefused) -> None:
        self.query_one("#home-problem", Literal).update("\n".join(printable(str(p)) for p in refused.problems[:8]))

    def action_edit_outside(self) -> None:
        path = self._selected()
        if path is not None:
            self.post_message(EditInEditor(path))

    @on(Edited)
    def _edited(self, _edited: Edited) -> None:
        self.reload()

    def action_edit_inside(self) -> None:
        path = self._selected()
        if path is None:
            return
        from .edit import CannotEdit, EditScreen

        try:
            editor = EditScreen.open(path)
        except CannotEdit as error:
            self.notify(str(error), severity="error")
            return
        self.app.push_screen(editor, lambda saved: self.reload())

    def action_new(self) -> None:
        from .edit import CannotEdit, EditScreen
        from .new_name import NewRoutineName

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = library.new_routine(name)
            except OSError as error:
                # The folder cannot be written (or the name is taken): say so, and carry on.
                shown = str(error) if error.errno is None else failure(
                    "Could not write the new routine in", library.user_routines_dir(), error)
                self.notify(shown, severity="error", timeout=10)
                return
            self.reload()
            try:
                editor = EditScreen.open(path)
            except CannotEdit as error:
                self.notify(str(error), severity="error")
                return
            self.app.push_screen(editor, lambda saved: self.reload())

        self.app.push_screen(NewRoutineName(), named)

    def action_quit_app(self) -> None:
        self.app.exit(0)
