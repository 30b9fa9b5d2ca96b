"""How much a routine may ask for: each limit keeps a hostile or mistaken file from freezing limber.

The validator reports each one where the file asks for too much, the JSON Schema carries
the ones a schema can say (routine/schema.py), and docs/routine-format.md lists them all.
"""

from __future__ import annotations

MAX_REPS = 1_000  # a rep step's count
MAX_SETS = 100  # an exercise's sets
MAX_ROUNDS = 1_000  # a repeat block's `repeat`
MIN_REP_SECONDS = 0.5  # a rep faster than this cannot be counted, by a person or a cue
MAX_STEP_SECONDS = 24 * 60 * 60  # one step: its duration, or reps x rep_time
MAX_ROUTINE_SECONDS = 24 * 60 * 60  # the whole plan, every timed segment added up
MAX_SEGMENTS = 100_000  # the plan's length, every segment counted before rests are settled
MAX_NESTING = 32  # repeat blocks inside repeat blocks
