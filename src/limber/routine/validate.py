"""Turning YAML nodes into a Routine, collecting every problem with its line and column."""

from __future__ import annotations

import difflib
import io
import wave
from pathlib import Path

import yaml

from ..files import FileTooLarge, NotARegularFile, read_regular
from .durations import MAX_STEP_SECONDS, DurationError, parse_duration
from .loader import compose, decode, not_a_regular_file, read_text
from .model import CUE_NAMES, MANUAL, Defaults, Exercise, Repeat, RestStep, Routine, Step
from .problems import Problem, RoutineError

TOP_KEYS = ("name", "description", "notice", "defaults", "steps", "sounds")
DEFAULT_KEYS = ("get_ready", "rest", "switch_time", "rep_time")
EXERCISE_KEYS = (
    "name", "duration", "reps", "rep_time", "instructions", "targets",
    "sides", "sets", "rest_between_sets", "rest_after",
)
REST_KEYS = ("rest", "name", "rest_after")
REPEAT_KEYS = ("repeat", "steps", "name", "rest_between", "rest_after")
ALL_STEP_KEYS = tuple(dict.fromkeys(EXERCISE_KEYS + REST_KEYS + REPEAT_KEYS))

MAX_NESTING = 32

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"


def load_routine(path: str | Path) -> Routine:
    """Read, parse and validate a routine file; RoutineError lists every problem found."""
    path = Path(path)
    text = read_text(path)
    return parse_routine(text, str(path), base_dir=path.parent, source=path)


def load_routine_bytes(data: bytes, name: str, base_dir: Path | None = None) -> Routine:
    return parse_routine(decode(data, name), name, base_dir=base_dir)


def parse_routine(text: str, name: str, base_dir: Path | None = None, source: Path | None = None) -> Routine:
    root = compose(text, name)
    reader = NodeReader(name, base_dir or Path("."))
    routine = reader.routine(root, source)
    if reader.problems or routine is None:
        raise RoutineError(reader.problems)
    return routine


def _plain(node: yaml.ScalarNode) -> bool:
    # An unquoted scalar: the C loader marks it '' where the Python one leaves None.
    return not node.style


def _kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _BOOL:
        return f"`{node.value}`, which YAML reads as true/false (put it in quotes if you mean the word)"
    if node.tag == _NULL:
        return "nothing"
    if node.tag in (_INT, _FLOAT):
        return f"the number {node.value}"
    return f"the text {node.value!r}"


class NodeReader:
    def __init__(self, name: str, base_dir: Path):
        self.name = name
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        # Steps already read, by node: an alias to a step is read once, and a block that
        # contains itself through an alias is caught instead of recursing for ever.
        self._steps: dict[int, Step | None] = {}
        self._in_progress: set[int] = set()

    # -- reporting -------------------------------------------------------------
    def problem(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, message))

    # -- generic shapes ----------------------------------------------------------
    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """Keys to (key node, value node); merge keys (`<<: *anchor`) folded in, duplicates reported."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} should be a mapping of keys to values, not {_kind_of(node)}")
            return None
        explicit: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE or (isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and _plain(key_node)):
                for source in self._merge_sources(value_node):
                    for key, pair in (self.mapping(source, "a merged mapping") or {}).items():
                        merged.setdefault(key, pair)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, f"a key in {what} should be a plain word, not {_kind_of(key_node)}")
                continue
            key = str(key_node.value)
            if key in explicit:
                first = explicit[key][0].start_mark.line + 1
                self.problem(key_node, f"duplicate key `{key}` (first given on line {first})")
                continue
            explicit[key] = (key_node, value_node)
        for key, pair in merged.items():
            explicit.setdefault(key, pair)
        return explicit

    def _merge_sources(self, node: yaml.Node) -> list[yaml.Node]:
        if isinstance(node, yaml.SequenceNode):
            return list(node.value)
        return [node]

    def unknown_keys(self, keys: dict[str, tuple[yaml.Node, yaml.Node]], allowed: tuple[str, ...], where: str,
                     suggest_from: tuple[str, ...] | None = None) -> set[str]:
        """Report keys that are not allowed; return the allowed keys a misspelling seems to mean."""
        meant: set[str] = set()
        for key, (key_node, _value) in keys.items():
            if key in allowed:
                continue
            close = difflib.get_close_matches(key.lower(), suggest_from or allowed, n=1, cutoff=0.6)
            hint = f"; did you mean `{close[0]}`?" if close else f"; expected one of: {', '.join(allowed)}"
            self.problem(key_node, f"unknown key `{key}` in {where}{hint}")
            if close:
                meant.add(close[0])
        return meant

    def text(self, node: yaml.Node, field: str, required: bool = False) -> str | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            value = node.value.strip()
            if required and not value:
                self.problem(node, f"`{field}` is empty")
                return None
            return value
        self.problem(node, f"`{field}` should be text, not {_kind_of(node)}")
        return None

    def text_list(self, node: yaml.Node, field: str, example: str) -> tuple[str, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"`{field}` should be a list, e.g. {example}, not {_kind_of(node)}")
            return None
        items = []
        for item in node.value:
            value = self.text(item, f"{field}[{len(items)}]", required=True)
            if value is not None:
                items.append(value)
        if not node.value:
            self.problem(node, f"`{field}` is an empty list; give at least one, e.g. {example}")
            return None
        return tuple(items) if len(items) == len(node.value) else None

    def duration(self, node: yaml.Node, field: str, *, allow_zero: bool) -> float | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag in (_BOOL, _NULL):
            self.problem(node, f"`{field}` should be a duration such as 30, 45s or 1:30, not {_kind_of(node)}")
            return None
        try:
            seconds = parse_duration(str(node.value))
        except DurationError as error:
            self.problem(node, f"`{field}`: {error}")
            return None
        if seconds > MAX_STEP_SECONDS:
            self.problem(node, f"`{field}` is {node.value}; the longest allowed is 24 hours")
            return None
        if seconds <= 0 and not allow_zero:
            self.problem(node, f"`{field}` must be longer than 0 seconds")
            return None
        return seconds

    def whole_number(self, node: yaml.Node, field: str, minimum: int = 1) -> int | None:
        # The scalar's own digits: `010` is ten, as a person reads it; `1_0` and `1e3` are not numbers here.
        text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if not isinstance(node, yaml.ScalarNode) or not _plain(node) or not text.isdigit() or not text.isascii():
            self.problem(node, f"`{field}` should be a whole number, not {_kind_of(node)}")
            return None
        value = int(text)
        if value < minimum:
            self.problem(node, f"`{field}` must be at least {minimum}")
            return None
        return value

    # -- the routine ---------------------------------------------------------------
    def routine(self, root: yaml.Node, source: Path | None) -> Routine | None:
        if not isinstance(root, yaml.MappingNode):
            self.problem(root, f"a routine is a mapping with `name` and `steps`, but this file holds {_kind_of(root)}")
            return None
        keys = self.mapping(root, "the routine")
        if keys is None:
            return None
        keys = {k: v for k, v in keys.items() if not k.startswith("x-")}
        meant = self.unknown_keys(keys, TOP_KEYS, "the routine")

        name = None
        if "name" in keys:
            name = self.text(keys["name"][1], "name", required=True)
        elif "name" not in meant:
            self.problem(root, "the routine has no `name`")
        description = self.text(keys["description"][1], "description") if "description" in keys else ""
        notice = self.text(keys["notice"][1], "notice") if "notice" in keys else ""
        defaults = self.defaults(keys["defaults"][1]) if "defaults" in keys else Defaults()
        sounds = self.sounds(keys["sounds"][1]) if "sounds" in keys else {}

        steps: tuple[Step, ...] | None = None
        if "steps" in keys:
            steps = self.step_list(keys["steps"][1], "the routine's `steps`", depth=0)
        elif "steps" not in meant:
            self.problem(root, "the routine has no `steps`")
        if self.problems or name is None or steps is None or defaults is None:
            return None
        return Routine(
            name=name, steps=steps, description=description or "", notice=notice or "",
            defaults=defaults, sounds=sounds or {}, source=source,
        )

    def defaults(self, node: yaml.Node) -> Defaults | None:
        keys = self.mapping(node, "`defaults`")
        if keys is None:
            return None
        self.unknown_keys(keys, DEFAULT_KEYS, "`defaults`")
        values: dict[str, float | None] = {}
        for field in ("get_ready", "rest", "switch_time"):
            if field in keys:
                values[field] = self.duration(keys[field][1], field, allow_zero=True)
        if "rep_time" in keys:
            values["rep_time"] = self.duration(keys["rep_time"][1], "rep_time", allow_zero=False)
        if any(v is None for v in values.values()):
            return None
        return Defaults(**values)  # type: ignore[arg-type]

    def sounds(self, node: yaml.Node) -> dict[str, Path] | None:
        keys = self.mapping(node, "`sounds`")
        if keys is None:
            return None
        self.unknown_keys(keys, CUE_NAMES, "`sounds`")
        found: dict[str, Path] = {}
        for cue, (_key_node, value_node) in keys.items():
            if cue not in CUE_NAMES:
                continue
            text = self.text(value_node, f"sounds.{cue}", required=True)
            if text is None:
                continue
            path = (self.base_dir / Path(text).expanduser()).resolve()
            reason = wav_problem(path)
            if reason:
                self.problem(value_node, f"`sounds.{cue}`: {reason}")
            else:
                found[cue] = path
        return found

    def step_list(self, node: yaml.Node, where: str, depth: int) -> tuple[Step, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"{where} should be a list of steps (each line starting with `- `), not {_kind_of(node)}")
            return None
        if not node.value:
            self.problem(node, f"{where} is empty; add at least one step")
            return None
        steps = [self.step(item, depth) for item in node.value]
        if any(step is None for step in steps):
            return None
        return tuple(steps)  # type: ignore[arg-type]

    def step(self, node: yaml.Node, depth: int) -> Step | None:
        key = id(node)
        if key in self._steps:
            return self._steps[key]
        if key in self._in_progress:
            self.problem(node, "this block contains itself through an alias, so it would never end")
            return None
        self._in_progress.add(key)
        try:
            result = self._read_step(node, depth)
        finally:
            self._in_progress.discard(key)
        self._steps[key] = result
        return result

    def _read_step(self, node: yaml.Node, depth: int) -> Step | None:
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"a step should be a mapping such as `name: ...` with `duration` or `reps`, not {_kind_of(node)}")
            return None
        keys = self.mapping(node, "a step")
        if keys is None:
            return None
        if "repeat" in keys:
            return self.repeat(node, keys, depth)
        if "rest" in keys:
            return self.rest_step(node, keys)
        return self.exercise(node, keys)

    def exercise(self, node: yaml.Node, keys: dict[str, tuple[yaml.Node, yaml.Node]]) -> Exercise | None:
        meant = self.unknown_keys(keys, EXERCISE_KEYS, "an exercise step", suggest_from=ALL_STEP_KEYS)
        ok = True
        name = self.text(keys["name"][1], "name", required=True) if "name" in keys else None
        if "name" not in keys:
            ok = False
            if "name" not in meant:
                self.problem(node, "this step has no `name` (or is it meant as `- rest: 30s` or `- repeat: 3`?)")
        duration = reps = None
        if "duration" in keys and "reps" in keys:
            self.problem(keys["reps"][0], "a step has `duration` or `reps`, not both")
            ok = False
        elif "duration" in keys:
            duration = self.duration(keys["duration"][1], "duration", allow_zero=False)
            ok &= duration is not None
        elif "reps" in keys:
            reps = self.whole_number(keys["reps"][1], "reps")
            ok &= reps is not None
        else:
            ok = False
            if not meant & {"duration", "reps"}:
                self.problem(node, f"step `{name or '?'}` needs a `duration` (a hold) or `reps` (a count)")

        rep_time: float | str | None = None
        if "rep_time" in keys:
            value = keys["rep_time"][1]
            if isinstance(value, yaml.ScalarNode) and str(value.value).strip().lower() == MANUAL:
                rep_time = MANUAL
            else:
                rep_time = self.duration(value, "rep_time", allow_zero=False)
                ok &= rep_time is not None
        instructions = self.text(keys["instructions"][1], "instructions") if "instructions" in keys else ""
        targets = self.text_list(keys["targets"][1], "targets", "[neck, shoulders]") if "targets" in keys else ()
        sides = self.text_list(keys["sides"][1], "sides", "[left, right]") if "sides" in keys else ()
        sets = self.whole_number(keys["sets"][1], "sets") if "sets" in keys else 1
        rest_between_sets = self.optional_rest(keys, "rest_between_sets")
        rest_after = self.optional_rest(keys, "rest_after")
        if None in (instructions, targets, sides, sets) or rest_between_sets is False or rest_after is False:
            ok = False
        if sides and len(set(sides)) != len(sides):
            self.problem(keys["sides"][1], "`sides` lists the same side twice")
            ok = False
        if not ok or name is None:
            return None
        return Exercise(
            name=name, duration=duration, reps=reps, rep_time=rep_time,
            instructions=instructions or "", targets=targets or (), sides=sides or (),
            sets=sets or 1, rest_between_sets=rest_between_sets,  # type: ignore[arg-type]
            rest_after=rest_after, line=node.start_mark.line + 1,
        )

    def optional_rest(self, keys: dict[str, tuple[yaml.Node, yaml.Node]], field: str) -> float | None | bool:
        """The rest's seconds, None when not given, False when given wrongly."""
        if field not in keys:
            return None
        seconds = self.duration(keys[field][1], field, allow_zero=True)
        return False if seconds is None else seconds

    def rest_step(self, node: yaml.Node, keys: dict[str, tuple[yaml.Node, yaml.Node]]) -> RestStep | None:
        self.unknown_keys(keys, REST_KEYS, "a rest step", suggest_from=ALL_STEP_KEYS)
        seconds = self.duration(keys["rest"][1], "rest", allow_zero=True)
        name = self.text(keys["name"][1], "name", required=True) if "name" in keys else "Rest"
        rest_after = self.optional_rest(keys, "rest_after")
        if seconds is None or name is None or rest_after is False:
            return None
        return RestStep(seconds=seconds, name=name, rest_after=rest_after, line=node.start_mark.line + 1)  # type: ignore[arg-type]

    def repeat(self, node: yaml.Node, keys: dict[str, tuple[yaml.Node, yaml.Node]], depth: int) -> Repeat | None:
        self.unknown_keys(keys, REPEAT_KEYS, "a repeat block", suggest_from=ALL_STEP_KEYS)
        if depth >= MAX_NESTING:
            self.problem(node, f"repeat blocks nest more than {MAX_NESTING} deep")
            return None
        times = self.whole_number(keys["repeat"][1], "repeat")
        name = self.text(keys["name"][1], "name", required=True) if "name" in keys else ""
        rest_between = self.optional_rest(keys, "rest_between")
        rest_after = self.optional_rest(keys, "rest_after")
        steps = None
        if "steps" in keys:
            steps = self.step_list(keys["steps"][1], "the block's `steps`", depth + 1)
        else:
            self.problem(node, "a repeat block needs `steps`")
        if times is None or name is None or steps is None or rest_between is False or rest_after is False:
            return None
        return Repeat(
            times=times, steps=steps, name=name, rest_between=rest_between,  # type: ignore[arg-type]
            rest_after=rest_after, line=node.start_mark.line + 1,  # type: ignore[arg-type]
        )


# A cue is a short sound: 16 MiB is a minute and a half of CD-quality stereo, and far more
# than any cue needs; a bigger file is refused rather than read into memory.
MAX_WAV_BYTES = 16 * 1024 * 1024


def wav_problem(path: Path) -> str | None:
    """Why a sound file cannot be used as a cue, or None when it can."""
    try:
        data = read_regular(path, MAX_WAV_BYTES)
    except FileNotFoundError:
        return f"no such file: {path}"
    except IsADirectoryError:
        return f"{path} is a folder, not a WAV file"
    except NotARegularFile:
        return f"{path}: {not_a_regular_file(path)}"
    except FileTooLarge:
        return f"{path}: larger than 16 MiB; cue sounds are limited to 16 MiB"
    except PermissionError:
        return f"{path}: permission denied"
    except OSError as error:
        return f"{path}: {error.strerror or error}"
    try:
        with wave.open(io.BytesIO(data), "rb") as wav:
            if wav.getsampwidth() not in (1, 2):
                return f"{path.name}: only 8- or 16-bit PCM WAV files are supported"
            if wav.getnchannels() not in (1, 2):
                return f"{path.name}: only mono or stereo WAV files are supported"
            if wav.getnframes() == 0:
                return f"{path.name} holds no sound"
    except (wave.Error, EOFError, OSError) as error:
        return f"{path.name} is not a PCM WAV file ({error})"
    return None
