"""Whatever YAML a person writes, limber either accepts it or explains the problem: never a traceback."""

from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from limber.printable import unsafe_character
from limber.routine import RoutineError, compile_plan, parse_routine
from limber.routine.plan import RoutineError as PlanError

KEYS = st.sampled_from([
    "name", "steps", "defaults", "duration", "reps", "rep_time", "sides", "sets", "rest", "repeat",
    "rest_after", "rest_between", "rest_between_sets", "get_ready", "switch_time", "instructions",
    "targets", "notice", "x-anchor", "nmae", "<<",
])
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 100), st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["30s", "1:30", "010", "1_0", "yes", "manual", "", "left", "2m", "-1", "1e3", "~",
                     "2024-01-01", "1" * 5000, "1" * 4400 + ":00", "\x1b[2J", "\x9b", "a\nb", "1001", "0.1"]),
    st.text(max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(KEYS, children, max_size=5)),
    max_leaves=25,
)


def _check(text: str) -> None:
    try:
        routine = parse_routine(text, "fuzz.yaml")
    except RoutineError as error:
        assert error.problems, "an error always says what is wrong"
        for problem in error.problems:
            assert problem.path == "fuzz.yaml"
            assert problem.message and "\n" not in str(problem).strip("\n")
            assert unsafe_character(str(problem), newlines=False) is None, str(problem)
            assert problem.line >= 0 and problem.column >= 0
        return
    try:
        plan = compile_plan(routine)
    except PlanError:
        return
    assert plan.total_seconds >= 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(KEYS, VALUES, max_size=6))
def test_arbitrary_documents_validate_or_give_clean_errors(document):
    _check(yaml.safe_dump(document, sort_keys=False))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("name: steps-[]{}&*!|>'\"#\n\t 0123:abc,?%@`\\\x07\x9be")), max_size=80))
def test_arbitrary_text_never_raises(text):
    _check(text)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(KEYS, VALUES, max_size=4), st.sampled_from(["name", "duration", "reps", "steps"]))
def test_valid_shapes_with_one_field_mutated(document, field):
    base = {"name": "R", "steps": [{"name": "A", "duration": 5}]}
    base["steps"][0].update({k: v for k, v in document.items() if k not in ("<<",)})
    _check(yaml.safe_dump(base, sort_keys=False))
