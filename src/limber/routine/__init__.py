"""The routine format: durations, model, loader, validation and the plan it compiles to."""

from .durations import DurationError, describe_duration, format_duration, parse_duration
from .model import MANUAL, Defaults, Exercise, Repeat, RestStep, Routine, Step
from .plan import MAX_SEGMENTS, Kind, Plan, Segment, compile_plan, segment_words, side_words
from .problems import Problem, RoutineError
from .validate import CUE_NAMES, load_routine, parse_routine

__all__ = [
    "CUE_NAMES", "MANUAL", "MAX_SEGMENTS", "Defaults", "DurationError", "Exercise", "Kind", "Plan",
    "Problem", "Repeat", "RestStep", "Routine", "RoutineError", "Segment", "Step", "compile_plan",
    "describe_duration", "format_duration", "load_routine", "parse_duration", "parse_routine", "segment_words", "side_words",
]
