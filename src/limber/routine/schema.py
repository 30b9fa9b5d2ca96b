"""The routine format as a JSON Schema (draft 2020-12), for editors that complete and check YAML.

It says what the validator says wherever JSON Schema can, built from the same limits
(limits.py) and the same duration grammar (durations.py); tests run both over the same files,
in Python and in the real yaml-language-server. What a schema cannot say (sums across keys,
sound files, YAML 1.1 readings) is listed in docs/routine-format.md under "Editor support".
`errorMessage` and `patternErrorMessage` are yaml-language-server's words for a failed check;
other JSON Schema tools pass over them.
"""

from __future__ import annotations

import json
from functools import lru_cache

from ..printable import UNSAFE_CHARACTERS
from .durations import HINT, SPACE, duration_pattern
from .limits import MAX_REPS, MAX_ROUNDS, MAX_SETS, MAX_STEP_SECONDS, MIN_REP_SECONDS
from .model import CUE_NAMES, MANUAL, Defaults

SCHEMA_ID = "https://limber.invalid/routine.schema.json"
# Where the schema sits beside the bundled routines, in the repository and in the installed
# package alike (pyproject.toml ships docs/routine.schema.json as limber/docs/).
BUNDLED_MODELINE = "# yaml-language-server: $schema=../docs/routine.schema.json"

_HOURS = MAX_STEP_SECONDS // 3600


def _escaped(chars: str) -> str:
    """Characters (and a-b ranges) for a regex class, each as \\uXXXX: the same in Python and JavaScript."""
    return "".join(c if c == "-" and 0 < i < len(chars) - 1 else f"\\u{ord(c):04x}" for i, c in enumerate(chars))


_UNSAFE = _escaped(UNSAFE_CHARACTERS)
_AROUND = _escaped(SPACE)


@lru_cache(maxsize=1)
def _blanks() -> str:
    """Every character Python's str.strip() takes away (the last is U+3000), as a regex class body."""
    blank = [c for c in map(chr, range(0x3001)) if c.isspace()]
    return _escaped("".join(blank))


def _one_line() -> str:
    """Text on one line with something in it: what the validator asks of names, targets, sides."""
    return rf"^(?=[\s\S]*[^{_blanks()}])[ \t\n]*[^{_UNSAFE}\n]*[ \t\n]*$"


# The three ranges a duration may have, each in $defs once: (least, above it only).
_DURATIONS = {"hold": (0, True), "length": (0, False), "rep": (MIN_REP_SECONDS, False)}


def _range_words(least: float, above: bool) -> str:
    if least:
        said = f"at least {least:g} seconds"
    else:
        said = "more than 0" if above else "0 or more"
    return f"A duration: {HINT}; {said} and at most {_HOURS} hours."


def _duration_kind(least: float, above: bool) -> dict:
    """A duration from `least` seconds (exclusive when `above`) to the longest a step may take."""
    message = _range_words(least, above)
    number: dict = {"type": "number", "maximum": MAX_STEP_SECONDS, "errorMessage": message}
    number["exclusiveMinimum" if above else "minimum"] = least
    text = {"type": "string", "pattern": duration_pattern(least, above=above), "patternErrorMessage": message,
            "errorMessage": message}
    return {"anyOf": [number, text]}


def _duration(description: str, kind: str = "length", **extra) -> dict:
    message = _range_words(*_DURATIONS[kind])
    return {"$ref": f"#/$defs/{kind}", "description": f"{description} {message}", **extra}


def _whole(description: str, most: int, **extra) -> dict:
    message = f"A whole number from 1 to {most:,}, written in digits."
    return {"type": "integer", "minimum": 1, "maximum": most, "description": f"{description} {message}",
            "errorMessage": message, **extra}


def _text_kind(one_line: bool) -> dict:
    if one_line:
        return {"type": "string", "pattern": _one_line(),
                "patternErrorMessage": "Text on one line, not blank, with no control characters."}
    return {"type": "string", "pattern": f"^[^{_UNSAFE}]*$",
            "patternErrorMessage": "Text with no control characters (line breaks and tabs are fine)."}


def _text(description: str, *, one_line: bool = True, **extra) -> dict:
    return {"$ref": "#/$defs/line" if one_line else "#/$defs/text", "description": description, **extra}


def _labels(description: str, example: list[str], **extra) -> dict:
    return {"type": "array", "items": _text("One label."), "minItems": 1,
            "description": description, "examples": [example], **extra}


def routine_schema() -> dict:
    rest_after = _duration("Rest after this item, in place of `defaults.rest`.", examples=["30s"])
    exercise = {
        "type": "object",
        "description": "An exercise: a hold (`duration`) or a count (`reps`).",
        "properties": {
            "name": _text("What the exercise is called.", examples=["Neck rolls"]),
            "duration": _duration("How long to hold.", "hold", examples=["30s"]),
            "reps": _whole("How many repetitions.", MAX_REPS, examples=[10]),
            "rep_time": {
                "description": f"Seconds per rep, at least {MIN_REP_SECONDS:g}; `{MANUAL}` keeps the step untimed "
                               "(it waits for Enter) even when `defaults.rep_time` is set.",
                "anyOf": [{"$ref": "#/$defs/rep"},
                          {"type": "string", "pattern": f"^[{_AROUND}]*[Mm][Aa][Nn][Uu][Aa][Ll][{_AROUND}]*$"}],
                "examples": ["3s", MANUAL],
            },
            "instructions": _text("How to do it; use `|` for several lines.", one_line=False),
            "targets": _labels("What it works, e.g. muscles.", ["neck", "shoulders"]),
            "sides": {**_labels("Run once per side, in order; a side is listed once.", ["left", "right"]),
                      "uniqueItems": True},
            "sets": _whole("How many times to do it, with `rest_between_sets` between.", MAX_SETS, default=1),
            "rest_between_sets": _duration("Rest between sets (default `defaults.rest`).", examples=["30s"]),
            "rest_after": rest_after,
        },
        "required": ["name"],
        "oneOf": [{"required": ["duration"]}, {"required": ["reps"]}],
        "additionalProperties": False,
    }
    rest = {
        "type": "object",
        "description": "A rest.",
        "properties": {"rest": _duration("How long to rest.", examples=["1m"]),
                       "name": _text("Shown during the rest (default \"Rest\").", examples=["Water break"]),
                       "rest_after": rest_after},
        "required": ["rest"],
        "additionalProperties": False,
    }
    repeat = {
        "type": "object",
        "description": "A block of steps run several times.",
        "properties": {
            "repeat": _whole("How many rounds.", MAX_ROUNDS, examples=[3]),
            "steps": {"$ref": "#/$defs/steps"},
            "name": _text("The block's name.", examples=["Circuit"]),
            "rest_between": _duration("Rest between rounds (default `defaults.rest`).", examples=["30s"]),
            "rest_after": rest_after,
        },
        "required": ["repeat", "steps"],
        "additionalProperties": False,
    }
    defaults = Defaults()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "limber routine",
        "description": "A workout or stretch routine for limber.",
        "type": "object",
        "properties": {
            "name": _text("The routine's name.", examples=["Lunch stretch"]),
            "description": _text("What the routine is for; several lines are fine.", one_line=False),
            "notice": _text("A safety note, shown while the get-ready countdown runs.", one_line=False),
            "defaults": {
                "type": "object",
                "description": "Lengths used wherever a step does not give its own.",
                "properties": {
                    "get_ready": _duration("Countdown before the first step (0 turns it off).",
                                           default=f"{defaults.get_ready:g}s"),
                    "rest": _duration("Rest put between consecutive steps.", default=f"{defaults.rest:g}s"),
                    "switch_time": _duration("Pause between the sides of a step.",
                                             default=f"{defaults.switch_time:g}s"),
                    "rep_time": _duration("Seconds per rep for rep steps (without it they wait for Enter).",
                                          "rep", examples=["3s"]),
                },
                "additionalProperties": False,
            },
            "sounds": {
                "type": "object",
                "description": "Your own WAV files for cues, relative to this file.",
                "properties": {name: _text(f"The WAV file played for the `{name}` cue.") for name in CUE_NAMES},
                "additionalProperties": False,
            },
            "steps": {"$ref": "#/$defs/steps",
                      "description": "What the routine does, in order: exercises, rests and repeat blocks."},
        },
        # Keys starting with x- are left alone: a place for YAML anchors.
        "patternProperties": {f"^x-[^{_UNSAFE}]*$": {}},
        "required": ["name", "steps"],
        "additionalProperties": False,
        "$defs": {
            "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"},
                      "description": "Steps: exercises, rests and repeat blocks, at least one."},
            "step": {"oneOf": [{"$ref": "#/$defs/exercise"}, {"$ref": "#/$defs/rest"}, {"$ref": "#/$defs/repeat"}]},
            "exercise": exercise,
            "rest": rest,
            "repeat": repeat,
            **{kind: _duration_kind(*bounds) for kind, bounds in _DURATIONS.items()},
            "line": _text_kind(one_line=True),
            "text": _text_kind(one_line=False),
        },
    }


def schema_text() -> str:
    return json.dumps(routine_schema(), indent=2) + "\n"
