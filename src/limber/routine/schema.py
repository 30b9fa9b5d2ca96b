"""The routine format as a JSON Schema (draft 2020-12), for editors that complete and check YAML.

It describes the same format the validator enforces (a test runs both over the same files);
the validator still says more, with line numbers: duplicate keys, YAML 1.1 traps, sound files.
"""

from __future__ import annotations

import json

from .limits import MAX_REPS, MAX_ROUNDS, MAX_SETS, MAX_STEP_SECONDS, MIN_REP_SECONDS
from .model import CUE_NAMES

SCHEMA_ID = "https://limber.invalid/routine.schema.json"

# Seconds (30, 2.5), units (45s, 2m, 1m30s, 0.5m, 1h) or a clock (1:30, 01:02:03).
_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
DURATION_PATTERN = (
    rf"^\s*(?:{_NUMBER}"
    rf"|(?=[0-9.]+\s*[hHmMsS])(?:{_NUMBER}\s*[hH]\s*)?(?:{_NUMBER}\s*[mM]\s*)?(?:{_NUMBER}\s*[sS])?"
    r"|(?:[0-9]+:[0-5][0-9]|[0-9]+):[0-5][0-9](?:\.[0-9]+)?)\s*$"
)


_REP = f"At least {MIN_REP_SECONDS:g}: a faster rep cannot be counted."


def _duration(description: str, *, positive: bool = False, rep: bool = False) -> dict:
    number: dict = {"type": "number", "maximum": MAX_STEP_SECONDS}
    if rep:
        description += " " + _REP
        number["minimum"] = MIN_REP_SECONDS
    else:
        number.update({"exclusiveMinimum": 0} if positive else {"minimum": 0})
    return {
        "description": description + " Seconds (30), units (45s, 2m, 1m30s) or M:SS (1:30).",
        "anyOf": [number, {"type": "string", "pattern": DURATION_PATTERN}],
    }


def _text(description: str) -> dict:
    return {"type": "string", "minLength": 1, "description": description}


def _labels(description: str, example: list[str]) -> dict:
    return {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1,
            "description": description, "examples": [example]}


def routine_schema() -> dict:
    rest_after = _duration("Rest after this item, in place of defaults.rest.")
    exercise = {
        "type": "object",
        "description": "An exercise: a hold (duration) or a count (reps).",
        "properties": {
            "name": _text("What the exercise is called."),
            "duration": _duration("How long to hold.", positive=True),
            "reps": {"type": "integer", "minimum": 1, "maximum": MAX_REPS, "description": "How many repetitions."},
            "rep_time": {
                "description": "Seconds per rep; `manual` waits for Enter.",
                "anyOf": [_duration("Seconds per rep.", rep=True), {"const": "manual"}],
            },
            "instructions": {"type": "string", "description": "How to do it; several lines are fine."},
            "targets": _labels("What it works, e.g. muscles.", ["neck", "shoulders"]),
            "sides": _labels("Run once per side, in order.", ["left", "right"]),
            "sets": {"type": "integer", "minimum": 1, "maximum": MAX_SETS},
            "rest_between_sets": _duration("Rest between sets."),
            "rest_after": rest_after,
        },
        "required": ["name"],
        "oneOf": [{"required": ["duration"]}, {"required": ["reps"]}],
        "additionalProperties": False,
    }
    rest = {
        "type": "object",
        "description": "A rest.",
        "properties": {"rest": _duration("How long to rest."), "name": _text("Shown during the rest."),
                       "rest_after": rest_after},
        "required": ["rest"],
        "additionalProperties": False,
    }
    repeat = {
        "type": "object",
        "description": "A block of steps run several times.",
        "properties": {
            "repeat": {"type": "integer", "minimum": 1, "maximum": MAX_ROUNDS, "description": "How many rounds."},
            "steps": {"$ref": "#/$defs/steps"},
            "name": _text("The block's name."),
            "rest_between": _duration("Rest between rounds."),
            "rest_after": rest_after,
        },
        "required": ["repeat", "steps"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "limber routine",
        "description": "A workout or stretch routine for limber.",
        "type": "object",
        "properties": {
            "name": _text("The routine's name."),
            "description": {"type": "string"},
            "notice": {"type": "string", "description": "A safety note shown before starting."},
            "defaults": {
                "type": "object",
                "properties": {
                    "get_ready": _duration("Countdown before the first step (0 turns it off)."),
                    "rest": _duration("Rest between consecutive steps."),
                    "switch_time": _duration("Pause between the sides of a step."),
                    "rep_time": _duration("Seconds per rep for rep steps.", rep=True),
                },
                "additionalProperties": False,
            },
            "sounds": {
                "type": "object",
                "description": "Your own WAV files for cues, relative to this file.",
                "properties": {name: {"type": "string", "minLength": 1} for name in CUE_NAMES},
                "additionalProperties": False,
            },
            "steps": {"$ref": "#/$defs/steps"},
        },
        "patternProperties": {"^x-": {}},
        "required": ["name", "steps"],
        "additionalProperties": False,
        "$defs": {
            "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"}},
            "step": {"oneOf": [{"$ref": "#/$defs/exercise"}, {"$ref": "#/$defs/rest"}, {"$ref": "#/$defs/repeat"}]},
            "exercise": exercise,
            "rest": rest,
            "repeat": repeat,
        },
    }


def schema_text() -> str:
    return json.dumps(routine_schema(), indent=2) + "\n"
