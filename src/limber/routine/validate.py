"""Turning YAML nodes into a Routine, collecting every problem with its line and column."""

from __future__ import annotations

import difflib
import io
import wave
from pathlib import Path

import yaml

from ..files import FileTooLarge, NotARegularFile, read_regular
from .durations import HINT, SPACE, DurationError, format_duration, parse_duration
from .limits import MAX_NESTING, MAX_REPS, MAX_ROUNDS, MAX_SETS, MAX_STEP_SECONDS, MIN_REP_SECONDS
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

# Python refuses to read an int of more than 4,300 digits; any count this long is past every limit.
_LONGEST_NUMBER = 20

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"  # a lone `=`: text to a person
_DATE = "tag:yaml.org,2002:timestamp"
_YAML_TAGS = "tag:yaml.org,2002:"
# The tags YAML gives a value by itself; any other was written in the file (`!foo`, `!!binary`).
_OWN_TAGS = {_STR, _INT, _FLOAT, _BOOL, _NULL, _MERGE, _VALUE, _DATE,
             "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


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


def _written_tag(node: yaml.Node) -> str | None:
    """A tag the file gave the value (`!foo`, `!!binary`), as it was written; None for YAML's own."""
    if node.tag in _OWN_TAGS:
        return None
    tag = node.tag.replace(_YAML_TAGS, "!!", 1) if node.tag.startswith(_YAML_TAGS) else node.tag
    from ..printable import printable

    return printable(tag if len(tag) <= 24 else tag[:23] + "…")


def _kind_of(node: yaml.Node) -> str:
    """What a value is, said after "not": a mapping, a list, a date, the number 5..."""
    tag = _written_tag(node)
    if tag:
        return f"a value tagged {tag}"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _DATE:
        return f"the date {_shown(node)}"
    if node.tag == _BOOL:
        return f"`{node.value}`, which YAML reads as true/false (put it in quotes if you mean the word)"
    if node.tag == _NULL:
        return "nothing"
    if node.tag in (_INT, _FLOAT):
        return f"the number {_shown(node)}"
    return f"the text {_shown(node)!r}"


def _shown(node: yaml.Node, longest: int = 24) -> str:
    """A scalar's own text for a message: short, and with no control character left raw."""
    from ..printable import printable

    text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
    return printable(text if len(text) <= longest else text[: longest - 1] + "…")


def _not_whole(node: yaml.Node, text: str) -> str:
    """What is wrong with a value given where a whole number belongs, in a person's words."""
    if not isinstance(node, yaml.ScalarNode) or node.tag in (_BOOL, _NULL) and text:
        return f"should be a whole number, not {_kind_of(node)}"
    if not text:
        return "is empty: give a whole number"
    if not _plain(node):
        if text.lstrip("+").isdigit() and text.isascii():
            return f"is in quotes ({_shown(node)!r}): write the number without them"
        return f"should be a whole number, not the text {_shown(node)!r}"
    if any(ch.isdigit() and not ch.isascii() for ch in text):
        return f"must be written in the digits 0-9, not {_shown(node)!r}"
    if node.tag == _FLOAT:
        return f"must be a whole number, not {_shown(node)}"
    if node.tag == _INT:
        return f"must be a whole number written in digits 0-9, such as 3, not {_shown(node)}"
    return f"should be a whole number, not the text {_shown(node)!r}"


class NodeReader:
    def __init__(self, name: str, base_dir: Path):
        self.name = name
        self.base_dir = base_dir
        self.problems: list[Problem] = []
        # Steps already read, by node: an alias to a step is read once, and a block that
        # contains itself through an alias is caught instead of recursing for ever.
        self._steps: dict[int, Step | None] = {}
        self._in_progress: set[int] = set()
        # Mappings already read, by node: merge keys (`<<: [*a, *a, ...]`) that name the same
        # mapping again and again are read once, so ten levels of ten merges cost a hundred
        # readings, not ten billion.
        self._mappings: dict[int, dict[str, tuple[yaml.Node, yaml.Node]] | None] = {}
        self._default_rep_time: float | None = None  # read before the steps, for reps x rep_time

    # -- reporting -------------------------------------------------------------
    def problem(self, node: yaml.Node, message: str) -> None:
        from ..printable import printable

        mark = node.start_mark
        # Messages quote keys and values from the file: made safe here for every screen that shows them.
        self.problems.append(Problem(self.name, mark.line + 1, mark.column + 1, printable(message)))

    def wrong_kind(self, node: yaml.Node, field: str, wanted: str) -> None:
        tag = _written_tag(node)
        if tag:
            self.problem(node, f"`{field}` has a tag ({tag}) limber does not read: remove it")
        else:
            self.problem(node, f"`{field}` should be {wanted}, not {_kind_of(node)}")

    def control_character(self, node: yaml.Node, text: str, field: str, *, lines: bool = False) -> bool:
        """Report a character in `text` that could act on a terminal; True if there is one.
        Line breaks are fine where text may run over several lines (`lines`)."""
        from ..printable import describe_character, unsafe_character

        char = unsafe_character(text, newlines=lines)
        if char is None:
            return False
        if char == "\n":
            self.problem(node, f"{field} holds a line break: remove it")
        else:
            self.problem(node, f"{field} holds a control character, {describe_character(char)}: remove it")
        return True

    # -- generic shapes ----------------------------------------------------------
    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """Keys to (key node, value node); merge keys (`<<: *anchor`) folded in, duplicates reported."""
        if not isinstance(node, yaml.MappingNode):
            self.problem(node, f"{what} should be a mapping of keys to values, not {_kind_of(node)}")
            return None
        if id(node) in self._mappings:
            known = self._mappings[id(node)]
            return None if known is None else dict(known)
        self._mappings[id(node)] = None  # a mapping that merges itself finds nothing more in itself
        explicit = self._read_mapping(node, what)
        self._mappings[id(node)] = explicit
        return dict(explicit)

    def _read_mapping(self, node: yaml.MappingNode, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        explicit: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        merged: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            merge = isinstance(key_node, yaml.ScalarNode) and key_node.value == "<<" and _plain(key_node)
            if key_node.tag == _MERGE or merge:
                for source in self._merge_sources(value_node):
                    for key, pair in (self.mapping(source, "a merged mapping") or {}).items():
                        merged.setdefault(key, pair)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, f"a key in {what} should be a plain word, not {_kind_of(key_node)}")
                continue
            if self.control_character(key_node, str(key_node.value), f"a key in {what}"):
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
            self.problem(key_node, f"unknown key `{_shown(key_node)}` in {where}{hint}")
            if close:
                meant.add(close[0])
        return meant

    def text(self, node: yaml.Node, field: str, required: bool = False, lines: bool = False) -> str | None:
        """A text value; `lines`: it may run over several lines (instructions, notice, description)."""
        if isinstance(node, yaml.ScalarNode) and node.tag in (_STR, _VALUE):
            value = node.value.strip()
            if required and not value:
                self.problem(node, f"`{field}` is empty")
                return None
            # Only spaces and line breaks stripped for the check: strip() would take \x1c-\x1f too.
            if self.control_character(node, node.value.strip(" \t\n"), f"`{field}`", lines=lines):
                return None
            return value
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL and not node.value and not _written_tag(node):
            self.problem(node, f"`{field}` is empty" if required
                         else f"`{field}` is empty: write some text, or leave it out")
        elif isinstance(node, yaml.ScalarNode) and node.tag == _DATE:
            self.problem(node, f"`{field}` is a date to YAML: put it in quotes")
        elif isinstance(node, yaml.ScalarNode) and node.tag in (_INT, _FLOAT):
            self.problem(node, f"`{field}` is a number to YAML ({_shown(node)}): put it in quotes to use it as text")
        else:
            self.wrong_kind(node, field, "text")
        return None

    def text_list(self, node: yaml.Node, field: str, example: str) -> tuple[str, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.problem(node, f"`{field}` should be a list, e.g. {example}, not {_kind_of(node)}")
            return None
        items: list[str] = []
        for item in node.value:
            value = self.text(item, f"{field}[{len(items)}]", required=True)
            if value is not None:
                items.append(value)
        if not node.value:
            self.problem(node, f"`{field}` is an empty list; give at least one, e.g. {example}")
            return None
        return tuple(items) if len(items) == len(node.value) else None

    def rep_time(self, node: yaml.Node) -> float | None:
        seconds = self.duration(node, "rep_time", allow_zero=True, allow_negative=True)
        if seconds is not None and seconds < MIN_REP_SECONDS:
            self.problem(node, f"`rep_time` must be at least {MIN_REP_SECONDS:g} seconds, not {_shown(node)}: "
                               "a faster rep cannot be counted")
            return None
        return seconds

    def duration(self, node: yaml.Node, field: str, *, allow_zero: bool, allow_negative: bool = False) -> float | None:
        """Seconds; `allow_negative` leaves a lower limit of its own to the caller."""
        if isinstance(node, yaml.ScalarNode) and node.tag == _NULL and not str(node.value).strip():
            self.problem(node, f"`{field}` is empty: give a duration such as 30, 45s or 1:30")
            return None
        if not isinstance(node, yaml.ScalarNode) or node.tag in (_BOOL, _NULL) or _written_tag(node):
            self.wrong_kind(node, field, "a duration such as 30, 45s or 1:30")
            return None
        text = str(node.value).strip(SPACE)
        negative = text.startswith("-")
        try:
            seconds = parse_duration(text[1:] if negative else text)
        except DurationError as error:
            self.problem(node, f"`{field}`: {error}" if not negative
                         else f"`{field}`: {_shown(node)!r} is not a duration: {HINT}")
            return None
        if negative and allow_negative:
            return -seconds
        if negative:
            least = "0 or more" if allow_zero else "longer than 0 seconds"
            self.problem(node, f"`{field}` must be {least}, not {_shown(node)}")
            return None
        if seconds > MAX_STEP_SECONDS:
            said = "is far too long" if seconds > 1e12 else f"is {_shown(node)}"
            self.problem(node, f"`{field}` {said}; the longest allowed is 24 hours")
            return None
        if seconds <= 0 and not allow_zero:
            self.problem(node, f"`{field}` must be longer than 0 seconds")
            return None
        return seconds

    def whole_number(self, node: yaml.Node, field: str, minimum: int = 1, maximum: int | None = None) -> int | None:
        # The scalar's own digits: `010` is ten, as a person reads it; `1_0` and `1e3` are not numbers here.
        if _written_tag(node):
            self.wrong_kind(node, field, "a whole number")
            return None
        text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if text.startswith("+") and isinstance(node, yaml.ScalarNode) and _plain(node):
            text = text[1:]
        negative = text.startswith("-") and text[1:].isdigit() and text.isascii()
        if isinstance(node, yaml.ScalarNode) and _plain(node) and negative:
            self.problem(node, f"`{field}` must be at least {minimum}, not {_shown(node)}")
            return None
        if not isinstance(node, yaml.ScalarNode) or not _plain(node) or not text.isdigit() or not text.isascii():
            self.problem(node, f"`{field}` {_not_whole(node, text)}")
            return None
        most = f": at most {maximum:,}" if maximum is not None else ""
        digits = text.lstrip("0")
        if len(digits) > _LONGEST_NUMBER:  # int() would refuse past 4,300 digits; no limit is near
            self.problem(node, f"`{field}` is too large{most}")
            return None
        value = int(text)
        if value < minimum:
            self.problem(node, f"`{field}` must be at least {minimum}, not {value}")
            return None
        if maximum is not None and value > maximum:
            self.problem(node, f"`{field}` is too large{most}, not {value:,}")
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
        description = self.text(keys["description"][1], "description", lines=True) if "description" in keys else ""
        notice = self.text(keys["notice"][1], "notice", lines=True) if "notice" in keys else ""
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
            values["rep_time"] = self.rep_time(keys["rep_time"][1])
            self._default_rep_time = values["rep_time"]
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
            self.problem(node, f"{where} should be a list of steps (each line starting with `- `), "
                               f"not {_kind_of(node)}")
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
            self.problem(node, "a step should be a mapping such as `name: ...` with `duration` or `reps`, "
                               f"not {_kind_of(node)}")
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
            reps = self.whole_number(keys["reps"][1], "reps", maximum=MAX_REPS)
            ok &= reps is not None
        else:
            ok = False
            if not meant & {"duration", "reps"}:
                self.problem(node, f"step `{name or '?'}` needs a `duration` (a hold) or `reps` (a count)")

        rep_time: float | str | None = None
        if "rep_time" in keys:
            value = keys["rep_time"][1]
            if isinstance(value, yaml.ScalarNode) and str(value.value).strip(SPACE).lower() == MANUAL:
                rep_time = MANUAL
            else:
                rep_time = self.rep_time(value)
                ok &= rep_time is not None
        timed_by = rep_time if "rep_time" in keys else self._default_rep_time
        if reps is not None and isinstance(timed_by, float) and reps * timed_by > MAX_STEP_SECONDS:
            took = format_duration(reps * timed_by)
            self.problem(keys["reps"][1], f"{reps:,} reps of {timed_by:g} seconds take {took}; "
                                          f"a step may take at most {MAX_STEP_SECONDS // 3600} hours")
            ok = False
        instructions = self.text(keys["instructions"][1], "instructions", lines=True) if "instructions" in keys else ""
        targets = self.text_list(keys["targets"][1], "targets", "[neck, shoulders]") if "targets" in keys else ()
        sides = self.text_list(keys["sides"][1], "sides", "[left, right]") if "sides" in keys else ()
        sets = self.whole_number(keys["sets"][1], "sets", maximum=MAX_SETS) if "sets" in keys else 1
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
            sets=sets or 1, rest_between_sets=rest_between_sets,
            rest_after=rest_after, line=node.start_mark.line + 1, column=node.start_mark.column + 1,
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
        return RestStep(seconds=seconds, name=name, rest_after=rest_after, line=node.start_mark.line + 1,
                        column=node.start_mark.column + 1)

    def repeat(self, node: yaml.Node, keys: dict[str, tuple[yaml.Node, yaml.Node]], depth: int) -> Repeat | None:
        self.unknown_keys(keys, REPEAT_KEYS, "a repeat block", suggest_from=ALL_STEP_KEYS)
        if depth >= MAX_NESTING:
            self.problem(node, f"repeat blocks nest more than {MAX_NESTING} deep")
            return None
        times = self.whole_number(keys["repeat"][1], "repeat", maximum=MAX_ROUNDS)
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
            times=times, steps=steps, name=name, rest_between=rest_between,
            rest_after=rest_after, line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
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
