"""The `limber` command: parse the arguments, call the part that does the work, print, exit."""

from __future__ import annotations

import os
import sys

from . import __version__, collector
from .words import counted

# argparse, the routine library, the format and the rest load inside the commands that use
# them, and typing not at all: `limber status` runs from status bars every few seconds and
# must answer at once (benchmarks/status.py).
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from pathlib import Path
    from typing import NoReturn

    from .routine import Plan, RoutineError

OK, INVALID, USAGE = 0, 1, 2
DEFAULT_ROUTINE = "desk-back-stretches"


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class Parser(argparse.ArgumentParser):
        """argparse, with what it echoes back (an unknown argument may be a file's name) made printable."""

        def error(self, message: str) -> NoReturn:
            from .printable import printable

            self.print_usage(sys.stderr)
            self.exit(USAGE, f"{self.prog}: error: {printable(message)}\n")

    return Parser


def play_parser() -> argparse.ArgumentParser:
    """`limber play`'s arguments alone, as `limber play --help` shows them: building every
    command's parser costs the player's start-up a few milliseconds (benchmarks/startup.py)."""
    parser = _parser_class()(prog="limber play")
    _play_arguments(parser)
    return parser


def _play_arguments(play: argparse.ArgumentParser) -> None:
    play.add_argument("routine", nargs="?", default=DEFAULT_ROUTINE,
                      help=f"a routine name, prefix or file (default: {DEFAULT_ROUTINE})")
    _sound_options(play)


def build_parser() -> argparse.ArgumentParser:
    import argparse

    parser = _parser_class()(
        prog="limber",
        description="A terminal workout and stretch player. With no command, opens the list of routines.",
    )
    parser.add_argument("--version", action="version", version=f"limber {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    _play_arguments(commands.add_parser("play", help="play a routine full-screen"))

    validate = commands.add_parser("validate", help="check routine files; report every problem as path:line:column")
    validate.add_argument("files", nargs="+", metavar="FILE", help="a routine file, or a routine's name")

    plan = commands.add_parser("plan", help="print the segments a routine plays, with the total time")
    plan.add_argument("routine", help="a routine name, prefix or file")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")

    commands.add_parser("list", help="list the bundled routines and your own")

    new = commands.add_parser("new", help="start a new routine of your own from a commented example")
    new.add_argument("name", nargs="?", help='the routine\'s name, e.g. "Lunch stretch"')
    new.add_argument("--from", dest="source", metavar="ROUTINE", help="copy this routine instead of the example")
    new.add_argument("-o", "--output", metavar="PATH", help="where to write it (default: your routines folder)")

    edit = commands.add_parser("edit", help="edit a routine in $VISUAL/$EDITOR, then check it")
    edit.add_argument("routine", help="a routine name, prefix or file (a bundled one is copied to your folder)")

    commands.add_parser("schema", help="print the JSON Schema of the routine format (for editors)")

    remind = commands.add_parser("remind", help="remind you to take breaks, and play the routine when one is due")
    remind.add_argument("--every", type=_duration, metavar="DURATION", help="time between breaks (e.g. 50m, 1h)")
    remind.add_argument("--routine", action="append", metavar="ROUTINE",
                        help="the routine to play (give it more than once to take turns)")
    remind.add_argument("--snooze", type=_duration, metavar="DURATION", help="how long a snooze lasts")
    remind.add_argument("--strict", action="store_true", default=None, help="no snoozing and no skipping")
    remind.add_argument("--popup", action=argparse.BooleanOptionalAction, default=None,
                        help="inside tmux, open the break in a popup over what you are doing")
    _sound_options(remind)
    from .remind.service import add_remind_service_arguments

    add_remind_service_arguments(remind)
    remind.add_argument("--headless", action="store_true",
                        help="no screen: desktop notifications, the cue and `limber status` (as --install runs it)")

    status = commands.add_parser("status", help="one short line on the next break, for a status bar")
    status.add_argument("--json", action="store_true", help="a JSON object for waybar's custom module")

    from .history.arguments import add_commands

    add_commands(commands)
    from . import completion, serve

    serve.add_commands(commands)
    completion.add_commands(commands)
    return parser


def _sound_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mute", action="store_true", help="start with sound off (m toggles it)")
    parser.add_argument("--volume", type=_volume, default=None, metavar="0-100", help="cue volume (default 80)")
    parser.add_argument("--voice", action="store_true", default=None,
                        help="a spoken coach announces each step (needs espeak-ng or say)")


def _duration(text: str) -> float:
    import argparse

    from .routine.durations import MAX_STEP_SECONDS, DurationError, parse_duration

    try:
        seconds = parse_duration(text)
    except DurationError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if not 0 < seconds <= MAX_STEP_SECONDS:
        raise argparse.ArgumentTypeError(f"{text!r}: give a time longer than 0 and at most 24 hours")
    return seconds


def _volume(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value} is not from 0 to 100")
    return value


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["status"] and set(words[1:]) <= {"--json"}:
        # Straight to the answer, before the parser and its subcommands are built: status bars
        # run this every few seconds (benchmarks/status.py).
        from .remind.state import print_status

        return print_status("--json" in words)
    from . import library
    from .printable import printable

    if words[:1] == ["play"] and "_ARGCOMPLETE" not in os.environ:
        args = play_parser().parse_args(words[1:])
        args.command = "play"
    else:
        parser = build_parser()
        if "_ARGCOMPLETE" in os.environ:  # a shell asking for completions (limber completion SHELL)
            from .completion import complete

            complete(parser)
        args = parser.parse_args(argv)
    try:
        if args.command is None:
            return _home(args)
        return {
            "play": _play,
            "validate": _validate,
            "plan": _plan,
            "list": _list,
            "new": _new,
            "edit": _edit,
            "schema": _schema,
            "log": _history,
            "stats": _history,
            "remind": _remind,
            "status": _status,
            "serve": _serve,
            "completion": _completion,
        }[args.command](args)
    except (library.LookupProblem, library.NameTaken) as problem:
        print(f"limber: {printable(str(problem))}", file=sys.stderr)
        return USAGE
    except library.CouldNotWrite as error:
        print(f"limber: {error}", file=sys.stderr)
        return INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return OK
    except OSError as error:  # anything else the system refused: one line, never a traceback
        where = f"{printable(str(error.filename))}: " if error.filename else ""
        print(f"limber: {where}{library.os_reason(error)}", file=sys.stderr)
        return INVALID


def _report(error: RoutineError) -> int:
    from .printable import printable

    for problem in error.problems:
        print(printable(str(problem)), file=sys.stderr)
    return INVALID


def _find(name: str, hint: str = "") -> Path:
    """The routine's file, which must exist: a missing one is a usage error, like an unknown name."""
    from . import library

    path = library.find(name)
    if not path.exists():
        raise library.LookupProblem(f"{path}: no such file{hint}")
    return path


def _new(args: argparse.Namespace) -> int:
    from . import library
    from .printable import printable

    from pathlib import Path

    source = _find(args.source) if args.source else None
    path = library.new_routine(args.name, source=source, out=Path(args.output) if args.output else None)
    # In the person's folder a name finds it; elsewhere it takes the path.
    called = printable(str(path) if args.output else path.stem)
    print(f"wrote {printable(str(path))}")
    print(f"  edit it: limber edit {called}    play it: limber play {called}")
    return OK


def _edit(args: argparse.Namespace) -> int:
    from .editor import NoEditor, edit
    from .printable import printable

    path = _find(args.routine, " (start one with `limber new`)")
    try:
        return edit(path)
    except NoEditor as error:
        print(f"limber: {printable(str(error))}", file=sys.stderr)
        return USAGE


def _schema(args: argparse.Namespace) -> int:
    from .routine.schema import schema_text

    sys.stdout.write(schema_text())
    return OK


def _serve(args: argparse.Namespace) -> int:
    from . import library, serve
    from .routine import RoutineError

    path = None
    if args.routine is not None:
        path = _find(args.routine)
        try:
            library.load(path)  # a routine with problems is said here, not in each browser
        except RoutineError as error:
            return _report(error)
    return serve.run(path.resolve() if path else None, args.host, args.port, cues=args.cues)


def _completion(args: argparse.Namespace) -> int:
    from .completion import run

    return run(args.shell)


def _history(args: argparse.Namespace) -> int:
    from .history import commands

    return commands.run_log(args) if args.command == "log" else commands.run_stats(args)


def _status(args: argparse.Namespace) -> int:
    from .remind.state import print_status

    return print_status(args.json)


def _remind(args: argparse.Namespace) -> int:
    from .remind.service import run_service_command

    done = run_service_command(args)  # --install, --uninstall, --doctor: no terminal needed
    if done is not None:
        return done
    if not args.headless:
        refused = _needs_terminal("limber remind")
        if refused is not None:
            return refused
    from .remind.config import load_remind

    settings, problems = load_remind()
    settings = _remind_overrides(settings, args)
    for problem in problems:  # said, then the reminder carries on with defaults for those settings
        print(f"{problem} (the default is used)", file=sys.stderr)
    if args.headless:
        from .remind import background

        return background.run(settings, mute=bool(args.mute), volume=args.volume, voice=args.voice)
    from .ui.remind_app import run_remind  # Textual loads only when a screen is wanted

    return run_remind(settings, args, problems)


def _remind_overrides(settings, args: argparse.Namespace):
    """The settings with this run's command-line options in place of the config's."""
    from dataclasses import replace

    if args.every is not None:
        settings = replace(settings, every=args.every)
    if args.snooze is not None:
        settings = replace(settings, snooze=args.snooze)
    if args.strict:
        settings = replace(settings, strict=True)
    if args.popup is not None:
        settings = replace(settings, popup=args.popup)
    if args.routine:
        for name in args.routine:
            _find(name)  # an unknown name stops here, as `limber play` would
        settings = replace(settings, routines=tuple(args.routine))
    return settings


def _validate(args: argparse.Namespace) -> int:
    from . import library
    from .printable import printable
    from .routine import RoutineError

    from pathlib import Path

    code = OK
    for name in args.files:
        path = Path(name)
        if not path.exists() and path.name == name:
            # A routine's name, or a file in a routines folder, as `play` and `plan` take it.
            for wanted in dict.fromkeys((name, path.stem)):
                try:
                    path = library.find(wanted)
                except library.LookupProblem:
                    continue
                if path.exists():
                    break
        if not path.exists():  # a mistyped name is a usage error, not an invalid routine
            print(f"{printable(name)}: no such file or routine", file=sys.stderr)
            code = USAGE
            continue
        try:
            routine, plan = library.load(path)
        except RoutineError as error:
            _report(error)
            code = code or INVALID
            continue
        print(f"{printable(name)}: ok ({printable(routine.name)}: {routine.steps_words}, {plan.time_words})")
    return code


def _plan(args: argparse.Namespace) -> int:
    from . import library
    from .routine import RoutineError

    path = _find(args.routine)
    try:
        routine, plan = library.load(path)
    except RoutineError as error:
        return _report(error)
    print(json_text(plan.to_json()) if args.json else plan_table(plan))
    return OK


# What json.dumps(ensure_ascii=False) leaves raw but a terminal would act on (DEL, the C1
# controls, 0x9b among them, and the bidi overrides); escaped, the JSON reads back the same.
_RAW_IN_JSON = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069]"


def json_text(data: object) -> str:
    import json

    text = json.dumps(data, indent=2, ensure_ascii=False)
    import re

    return re.sub(_RAW_IN_JSON, lambda match: f"\\u{ord(match.group()):04x}", text)


def table(rows: Sequence[tuple[str, ...]]) -> list[str]:
    """Rows lined up in columns, measured in terminal cells (a Japanese name takes two a character)."""
    from .printable import cells, pad, printable

    shown = [tuple(printable(cell) for cell in row) for row in rows]
    widths = [max(cells(row[i]) for row in shown) for i in range(len(shown[0]))]
    return ["  ".join(pad(cell, width) for cell, width in zip(row, widths)).rstrip() for row in shown]


def plan_table(plan: Plan) -> str:
    from .printable import printable
    from .routine import at_your_pace, format_duration
    from .routine.plan import Kind

    kind_label = {Kind.GET_READY: "get ready", Kind.WORK: "work", Kind.SWITCH: "switch", Kind.REST: "rest"}
    rows = [("#", "start", "kind", "time", "name", "side", "set", "round", "reps")]
    clock = 0.0
    for number, segment in enumerate(plan.segments, start=1):
        rows.append((
            str(number),
            format_duration(clock),
            kind_label[segment.kind],
            format_duration(segment.seconds) if segment.timed else "untimed",
            segment.name,
            segment.side or "",
            f"{segment.set}/{segment.sets}" if segment.sets else "",
            f"{segment.round}/{segment.rounds}" if segment.rounds else "",
            str(segment.reps) if segment.reps else "",
        ))
        clock += segment.seconds or 0
    lines = [printable(plan.name), "", *table(rows)]
    count = len(plan.segments)
    total = f"Total {format_duration(plan.total_seconds)} in {counted(count, 'segment')}"
    if plan.untimed_segments:
        total += f", plus {at_your_pace(plan.untimed_segments)} (each waits for Enter)"
    lines += ["", total]
    return "\n".join(lines)


def _list(args: argparse.Namespace) -> int:
    from . import library
    from .routine import RoutineError, format_duration

    rows = [("name", "title", "steps", "time", "where")]
    for entry in library.entries():
        try:
            routine, plan = library.load(entry.path)
        except RoutineError as error:
            rows.append((entry.stem, f"(invalid: {counted(len(error.problems), 'problem')})", "", "", entry.where))
            continue
        time = format_duration(plan.total_seconds) + ("+" if plan.untimed_segments else "")
        rows.append((entry.stem, routine.name, str(routine.exercise_count), time, entry.where))
    print("\n".join(table(rows)))
    return OK


def terminal_missing() -> str | None:
    """Why there is no terminal to draw on, or None: the screens need one both ways."""
    if os.environ.get("TEXTUAL_DRIVER") == "textual.drivers.web_driver:WebDriver":
        return None  # served by `limber serve`: the browser's page is the terminal
    if not sys.stdin.isatty():
        return "its input is not a terminal"
    if not sys.stdout.isatty():
        return "its output is not a terminal"
    return None


def _needs_terminal(command: str) -> int | None:
    # Without a terminal the screen would wait for keys that never come and write escape codes
    # into whatever the output is.
    why = terminal_missing()
    if why is None:
        return None
    print(f"{command} needs a terminal: {why} (`limber plan ROUTINE` prints a routine's plan)", file=sys.stderr)
    return USAGE


def _play(args: argparse.Namespace) -> int:
    from . import library
    from .routine import RoutineError

    refused = _needs_terminal("limber play")
    if refused is not None:
        return refused
    path = _find(args.routine)
    try:
        loaded = library.load_kept(path)
    except RoutineError as error:
        return _report(error)
    collector.hold()  # until the first frame: the routine, the one hostile input, is read
    from .ui.app import run_player  # Textual loads only when a screen is wanted

    return run_player(path, args, loaded)


def _home(args: argparse.Namespace) -> int:
    refused = _needs_terminal("limber")
    if refused is not None:
        return refused
    collector.hold()  # until the first frame
    from .ui.app import run_home

    args.mute, args.volume, args.voice = False, None, None
    return run_home(args)
