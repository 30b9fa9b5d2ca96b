"""Each rule of the plan, one test a rule."""

from __future__ import annotations

import textwrap

from limber.routine import Kind, compile_plan, parse_routine


def plan_of(text: str):
    return compile_plan(parse_routine(textwrap.dedent(text), "t.yaml"))


def shape(plan) -> list[tuple]:
    return [(s.kind.value, s.name, s.seconds, s.side) for s in plan.segments]


def test_rule_1_get_ready_first_unless_zero():
    with_get_ready = plan_of("""
        name: R
        defaults: {get_ready: 7}
        steps: [{name: A, duration: 10}]
    """)
    assert shape(with_get_ready) == [("get_ready", "Get ready", 7, None), ("work", "A", 10, None)]
    without = plan_of("""
        name: R
        defaults: {get_ready: 0}
        steps: [{name: A, duration: 10}]
    """)
    assert shape(without) == [("work", "A", 10, None)]


def test_default_get_ready_is_five_seconds_and_switch_five():
    plan = plan_of("""
        name: R
        steps: [{name: A, duration: 10, sides: [left, right]}]
    """)
    assert shape(plan) == [
        ("get_ready", "Get ready", 5, None), ("work", "A", 10, "left"),
        ("switch", "A", 5, "right"), ("work", "A", 10, "right"),
    ]


def test_rule_2_sets_run_every_side_with_switches_and_rests_between_sets():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, switch_time: 3, rest: 20}
        steps:
          - name: Lunge
            duration: 30
            sides: [left, right]
            sets: 2
            rest_between_sets: 15
    """)
    assert [(s.kind.value, s.seconds, s.side, s.set, s.sets) for s in plan.segments] == [
        ("work", 30, "left", 1, 2), ("switch", 3, "right", 1, 2), ("work", 30, "right", 1, 2),
        ("rest", 15, None, None, None),
        ("work", 30, "left", 2, 2), ("switch", 3, "right", 2, 2), ("work", 30, "right", 2, 2),
    ]


def test_rest_between_sets_defaults_to_the_routine_rest():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, rest: 12}
        steps: [{name: A, duration: 5, sets: 3}]
    """)
    assert [s.seconds for s in plan.segments] == [5, 12, 5, 12, 5]


def test_rule_3_rest_between_items_uses_rest_after_else_the_default():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, rest: 10}
        steps:
          - {name: A, duration: 5, rest_after: 30}
          - {name: B, duration: 5}
          - {name: C, duration: 5}
    """)
    assert shape(plan) == [
        ("work", "A", 5, None), ("rest", "Rest", 30, None),
        ("work", "B", 5, None), ("rest", "Rest", 10, None), ("work", "C", 5, None),
    ]


def test_rule_4_blocks_repeat_with_rest_between_rounds_and_carry_the_round():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, rest: 0}
        steps:
          - repeat: 3
            name: Circuit
            rest_between: 45
            steps:
              - {name: A, duration: 5}
              - {name: B, duration: 5}
    """)
    assert [(s.kind.value, s.name, s.seconds, s.round, s.rounds, s.step) for s in plan.segments] == [
        ("work", "A", 5, 1, 3, "steps[0].steps[0]"), ("work", "B", 5, 1, 3, "steps[0].steps[1]"),
        ("rest", "Rest", 45, 1, 3, None),
        ("work", "A", 5, 2, 3, "steps[0].steps[0]"), ("work", "B", 5, 2, 3, "steps[0].steps[1]"),
        ("rest", "Rest", 45, 2, 3, None),
        ("work", "A", 5, 3, 3, "steps[0].steps[0]"), ("work", "B", 5, 3, 3, "steps[0].steps[1]"),
    ]


def test_nested_blocks_report_the_innermost_round():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0}
        steps:
          - repeat: 2
            steps:
              - repeat: 2
                steps: [{name: A, duration: 1}]
    """)
    where = "steps[0].steps[0].steps[0]"
    assert [(s.round, s.rounds, s.step) for s in plan.segments] == [(1, 2, where), (2, 2, where)] * 2


def test_rule_5_an_explicit_rest_wins_over_generated_ones():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, rest: 10}
        steps:
          - {name: A, duration: 5}
          - rest: 60s
            name: Water break
          - {name: B, duration: 5}
    """)
    assert shape(plan) == [("work", "A", 5, None), ("rest", "Water break", 60, None), ("work", "B", 5, None)]


def test_rule_5_rests_never_pile_up_after_a_block():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, rest: 10}
        steps:
          - repeat: 2
            steps:
              - {name: A, duration: 5}
              - rest: 30
          - {name: B, duration: 5}
    """)
    assert shape(plan) == [
        ("work", "A", 5, None), ("rest", "Rest", 30, None),
        ("work", "A", 5, None), ("rest", "Rest", 30, None),
        ("work", "B", 5, None),
    ]


def test_rule_5_never_ends_on_a_generated_rest_and_drops_zero_lengths():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, rest: 0, switch_time: 0}
        steps:
          - {name: A, duration: 5, sides: [l, r], rest_after: 20}
          - {name: B, duration: 5, rest_after: 20}
    """)
    assert shape(plan) == [("work", "A", 5, "l"), ("work", "A", 5, "r"), ("rest", "Rest", 20, None), ("work", "B", 5, None)]


def test_timed_and_untimed_rep_steps():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0, rep_time: 3}
        steps:
          - {name: Squats, reps: 10}
          - {name: Pushups, reps: 8, rep_time: manual}
          - {name: Curls, reps: 5, rep_time: 2}
    """)
    assert [(s.name, s.seconds, s.reps, s.rep_time) for s in plan.segments if s.kind is Kind.WORK] == [
        ("Squats", 30, 10, 3), ("Pushups", None, 8, None), ("Curls", 10, 5, 2),
    ]
    assert plan.untimed_segments == 1
    assert plan.total_seconds == 40


def test_rep_step_without_rep_time_is_untimed():
    plan = plan_of("""
        name: R
        defaults: {get_ready: 0}
        steps: [{name: Pushups, reps: 8}]
    """)
    assert plan.segments[0].seconds is None


def test_json_has_the_documented_fields():
    plan = plan_of("""
        name: R
        steps: [{name: A, duration: 10, instructions: "Breathe."}]
    """)
    data = plan.to_json()
    assert data["name"] == "R"
    assert data["total_seconds"] == 15
    assert data["untimed_segments"] == 0
    assert {"kind", "name", "seconds", "side", "set", "sets", "round", "rounds", "reps", "rep_time", "instructions", "step"} <= set(
        data["segments"][1]
    )
    assert data["segments"][1]["step"] == "steps[0]"
    assert data["segments"][1]["instructions"] == "Breathe."


def _refusal(text: str) -> str:
    import pytest

    from limber.routine import RoutineError

    with pytest.raises(RoutineError) as caught:
        compile_plan(parse_routine(textwrap.dedent(text).lstrip("\n"), "t.yaml"), path="t.yaml")
    assert len(caught.value.problems) == 1
    return str(caught.value.problems[0])


def test_a_plan_past_24_hours_is_refused_at_the_step_that_takes_it_past():
    # Two 20-hour holds: the second passes 24 hours, and the message gives where the routine
    # stands by its end and the rest after it (its own, as rest_after would be).
    assert _refusal("""
        name: R
        defaults: {get_ready: 0, rest: 30}
        steps:
          - {name: A, duration: 20h}
          - {name: B, duration: 20h}
          - {name: C, duration: 10}
    """) == "t.yaml:5:5: this step takes the routine to 40:01:00; a routine may take at most 24 hours"


def test_the_rests_between_rounds_count_towards_the_24_hours():
    # 25 rounds of 1 s are nothing; the hour of rest between them is what passes the limit.
    assert _refusal("""
        name: R
        defaults: {get_ready: 0}
        steps:
          - rest: 1
          - repeat: 25
            rest_between: 1h
            steps: [{name: A, duration: 1}]
    """) == "t.yaml:5:5: this block takes the routine to 24:00:26; a routine may take at most 24 hours"


def test_a_plan_past_the_segment_limit_is_refused_at_the_block():
    assert _refusal("""
        name: R
        steps:
          - {name: A, duration: 1}
          - repeat: 400
            steps:
              - {name: B, duration: 1, sides: [left, right], sets: 100}
    """) == "t.yaml:4:5: this block takes the routine past 100,000 segments, the most a routine may have"


def test_a_routine_made_in_code_is_refused_for_the_file_as_a_whole():
    import pytest

    from limber.routine import Exercise, Repeat, Routine, RoutineError

    routine = Routine(name="R", steps=(Repeat(times=30, steps=(Exercise(name="A", duration=3600.0),)),))
    with pytest.raises(RoutineError) as caught:
        compile_plan(routine, path="made.yaml")
    assert str(caught.value) == "made.yaml: this block takes the routine to 30:00:05; a routine may take at most 24 hours"
