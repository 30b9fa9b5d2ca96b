"""The routine format: durations, model, loader, validation and the plan it compiles to."""

from .durations import DurationError, describe_duration, format_duration, parse_duration
from .model import CUE_NAMES, MANUAL, Defaults, Exercise, Repeat, RestStep, Routine, Step
from .plan import MAX_SEGMENTS, Kind, Plan, Segment, at_your_pace, compile_plan, segment_words, side_words
from .problems import Problem, RoutineError


def __getattr__(name: str):
    # Reading a file needs the YAML parser, whose import alone is a good part of start-up: it
    # loads when something is first read, not whenever limber starts (a routine played
    # before comes from the read cache without it).
    if name in ("load_routine", "parse_routine"):
        from . import validate

        return getattr(validate, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "CUE_NAMES", "MANUAL", "MAX_SEGMENTS", "Defaults", "DurationError", "Exercise", "Kind", "Plan",
    "Problem", "Repeat", "RestStep", "Routine", "RoutineError", "Segment", "Step", "at_your_pace", "compile_plan",
    "describe_duration", "format_duration", "load_routine", "parse_duration", "parse_routine", "segment_words",
    "side_words",
]
