"""The `limber` command: parse the arguments, call the part that does the work, print, exit."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__, library
from .routine import Plan, RoutineError, format_duration
from .routine.plan import Kind

OK, INVALID, USAGE = 0, 1, 2
DEFAULT_ROUTINE = "desk-back-stretches"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="limber",
        description="A terminal workout and stretch player. With no command, opens the list of routines.",
    )
    parser.add_argument("--version", action="version", version=f"limber {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a routine full-screen")
    play.add_argument("routine", nargs="?", default=DEFAULT_ROUTINE,
                      help=f"a routine name, prefix or file (default: {DEFAULT_ROUTINE})")
    _sound_options(play)

    validate = commands.add_parser("validate", help="check routine files; report every problem as path:line:column")
    validate.add_argument("files", nargs="+", metavar="FILE")

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
    return parser


def _sound_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mute", action="store_true", help="start with sound off (m toggles it)")
    parser.add_argument("--volume", type=_volume, default=None, metavar="0-100", help="cue volume (default 80)")
    parser.add_argument("--voice", action="store_true", default=None,
                        help="a spoken coach announces each step (needs espeak-ng or say)")


def _volume(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 0 to 100") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{value} is not from 0 to 100")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
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
        }[args.command](args)
    except library.LookupProblem as problem:
        print(f"limber: {problem}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return OK


def _report(error: RoutineError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    return INVALID


def _new(args: argparse.Namespace) -> int:
    source = library.find(args.source) if args.source else None
    try:
        path = library.new_routine(args.name, source=source, out=Path(args.output) if args.output else None)
    except FileExistsError as error:
        print(f"limber: {error}", file=sys.stderr)
        return INVALID
    # In the person's folder a name finds it; elsewhere it takes the path.
    called = path if args.output else path.stem
    print(f"wrote {path}")
    print(f"  edit it: limber edit {called}    play it: limber play {called}")
    return OK


def _edit(args: argparse.Namespace) -> int:
    from .editor import NoEditor, edit

    path = library.find(args.routine)
    if not path.exists():
        raise library.LookupProblem(f"{path}: no such file (start one with `limber new`)")
    try:
        return edit(path)
    except NoEditor as error:
        print(f"limber: {error}", file=sys.stderr)
        return USAGE


def _schema(args: argparse.Namespace) -> int:
    from .routine.schema import schema_text

    sys.stdout.write(schema_text())
    return OK


def _validate(args: argparse.Namespace) -> int:
    failed = False
    for name in args.files:
        path = Path(name)
        try:
            routine, plan = library.load(path)
        except RoutineError as error:
            _report(error)
            failed = True
            continue
        print(f"{path}: ok ({routine.name}: {routine.exercise_count} steps, {format_duration(plan.total_seconds)})")
    return INVALID if failed else OK


def _plan(args: argparse.Namespace) -> int:
    path = library.find(args.routine)
    try:
        routine, plan = library.load(path)
    except RoutineError as error:
        return _report(error)
    if args.json:
        import json

        print(json.dumps(plan.to_json(), indent=2, ensure_ascii=False))
    else:
        print(plan_table(plan))
    return OK


KIND_LABEL = {Kind.GET_READY: "get ready", Kind.WORK: "work", Kind.SWITCH: "switch", Kind.REST: "rest"}


def plan_table(plan: Plan) -> str:
    rows = [("#", "start", "kind", "time", "name", "side", "set", "round", "reps")]
    clock = 0.0
    for number, segment in enumerate(plan.segments, start=1):
        rows.append((
            str(number),
            format_duration(clock),
            KIND_LABEL[segment.kind],
            format_duration(segment.seconds) if segment.timed else "untimed",
            segment.name,
            segment.side or "",
            f"{segment.set}/{segment.sets}" if segment.sets else "",
            f"{segment.round}/{segment.rounds}" if segment.rounds else "",
            str(segment.reps) if segment.reps else "",
        ))
        clock += segment.seconds or 0
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = [plan.name, ""]
    for row in rows:
        lines.append("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    total = f"Total {format_duration(plan.total_seconds)} in {len(plan.segments)} segments"
    if plan.untimed_segments:
        total += f", plus {plan.untimed_segments} untimed (they wait for Enter)"
    lines += ["", total]
    return "\n".join(lines)


def _list(args: argparse.Namespace) -> int:
    rows = [("name", "title", "steps", "time", "where")]
    for entry in library.entries():
        try:
            routine, plan = library.load(entry.path)
        except RoutineError as error:
            rows.append((entry.stem, f"(invalid: {len(error.problems)} problems)", "", "", entry.where))
            continue
        time = format_duration(plan.total_seconds) + ("+" if plan.untimed_segments else "")
        rows.append((entry.stem, routine.name, str(routine.exercise_count), time, entry.where))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return OK


def _play(args: argparse.Namespace) -> int:
    path = library.find(args.routine)
    try:
        loaded = library.load_kept(path)
    except RoutineError as error:
        return _report(error)
    from .ui.app import run_player  # Textual loads only when a screen is wanted

    return run_player(path, args, loaded)


def _home(args: argparse.Namespace) -> int:
    from .ui.app import run_home

    args.mute, args.volume, args.voice = False, None, None
    return run_home(args)
