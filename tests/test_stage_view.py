"""The stage's view model without Textual: what each moment of a session shows, from the engine and a fake clock."""

from __future__ import annotations

from pathlib import Path

import pytest

from limber.engine import Engine
from limber.routine import Problem, compile_plan, parse_routine
from limber.ui.stage_view import big_time, home_relative, problems_banner, stage_view, then_line

ROUTINE = """
name: View test
notice: Stop if anything hurts.
defaults: {get_ready: 5, rest: 10, switch_time: 5}
steps:
  - name: Hip stretch
    duration: 30
    sides: [right, left]
    targets: [hips, lower back]
    instructions: Hinge forward from the hips.
  - name: Push-ups
    reps: 10
    instructions: Chest to the floor.
  - name: Shrugs
    reps: 4
    rep_time: 5
    targets: [neck, shoulders]
"""


@pytest.fixture
def engine(clock):
    engine = Engine(compile_plan(parse_routine(ROUTINE, "view.yaml")), clock)
    engine.start()
    return engine


def at(engine: Engine, index: int) -> None:
    while engine.index < index:
        engine.skip()


@pytest.mark.parametrize("seconds, shown", [(18, "18"), (17.2, "18"), (0.4, "1"), (59.5, "1:00"), (65, "1:05"),
                                            (0, "0"), (3725, "1:02:05")])
def test_the_big_number_is_seconds_alone_under_a_minute(seconds, shown):
    assert big_time(seconds) == shown


def test_get_ready_names_the_next_step_with_its_side_and_keeps_the_notice(engine, clock):
    clock.advance(1.5)
    view = stage_view(engine)
    assert (view.phase, view.band, view.big) == ("get-ready", "GET READY", "4")
    assert view.title == "Next: Hip stretch" and view.detail == "right side"
    assert view.notes_label == "Next" and view.notes == "Hinge forward from the hips."
    assert view.notice == "Stop if anything hurts."
    assert view.targets == "hips, lower back", "what the next step works"
    assert view.then == "" and not view.paused and not view.last_seconds
    assert view.fraction == pytest.approx(0.3)


def test_work_shows_the_step_its_side_what_comes_then_and_its_targets(engine, clock):
    at(engine, 1)
    clock.advance(12.3)
    view = stage_view(engine)
    assert (view.phase, view.band, view.title, view.detail) == ("work", "WORK", "Hip stretch", "right side")
    assert view.big == "18"
    assert view.then == "then: switch to left side"
    assert view.notes == "Hinge forward from the hips." and view.notes_label == ""
    assert view.notice == ""
    assert view.targets == "hips, lower back"
    assert "GET READY" not in view.title and view.band.lower() != view.title.lower()


def test_the_last_seconds_are_marked_and_keep_the_phase(engine, clock):
    at(engine, 1)
    clock.advance(27.5)
    view = stage_view(engine)
    assert view.last_seconds and view.phase == "work" and view.big == "3"
    engine.pause()
    paused = stage_view(engine)
    assert paused.paused and not paused.last_seconds, "paused is its own look, not the last seconds'"
    assert paused.band == "PAUSED  ·  space to resume" and paused.phase == "work"


def test_switch_says_the_side_in_words(engine, clock):
    at(engine, 2)
    view = stage_view(engine)
    assert view.phase == "switch" and view.band == "SWITCH SIDES"
    assert view.title == "Next: Hip stretch" and view.detail == "left side"
    assert view.notes_label == "Next"


def test_rest_names_the_next_step_with_its_reps(engine):
    at(engine, 4)
    view = stage_view(engine)
    assert view.phase == "rest" and view.band == "REST"
    assert view.title == "Next: Push-ups x 10"
    assert view.notes_label == "Next" and view.notes == "Chest to the floor."


def test_a_named_rest_says_its_name_on_the_band(clock):
    plan = compile_plan(parse_routine("name: R\ndefaults: {get_ready: 0}\nsteps:\n  - {name: A, duration: 5}\n"
                                      "  - {rest: 20, name: Water break}\n  - {name: B, duration: 5}\n", "r.yaml"))
    engine = Engine(plan, clock)
    engine.start()
    engine.skip()
    assert stage_view(engine).band == "REST  ·  Water break"


def test_an_untimed_rep_step_makes_the_reps_the_big_number(engine, clock):
    at(engine, 5)
    clock.advance(20)
    view = stage_view(engine)
    assert view.untimed and view.big == "10"
    assert view.caption == "reps  ·  0:20 so far"
    assert view.prompt == "Press Enter when done"
    assert view.then == "then: rest 0:10, Shrugs x 4"
    assert view.fraction == 0


def test_a_timed_rep_step_shows_the_rep_under_way_big_and_the_time_smaller(engine, clock):
    at(engine, 7)
    clock.advance(11)
    view = stage_view(engine, rep=3)
    assert view.big == "3" and view.caption == "rep 3 of 4  ·  0:09 left"
    assert view.detail == "", "the reps are the big number, not repeated beside the name"
    assert view.then == "then: the end"
    assert view.targets == "neck, shoulders"


def test_then_line_for_each_kind_of_following_segment(engine):
    plan = engine.plan
    assert then_line(plan, 1) == "then: switch to left side"
    assert then_line(plan, 3) == "then: rest 0:10, Push-ups x 10"
    assert then_line(plan, 0) == "then: Hip stretch (right side)"


def test_equal_moments_make_equal_views(engine, clock):
    clock.advance(1.2)
    first = stage_view(engine)
    clock.advance(0.1)
    assert stage_view(engine).big == first.big
    assert stage_view(engine) != first, "the bar moved"


def test_the_problems_banner_counts_and_names_the_first_with_its_line(tmp_path):
    home = tmp_path
    path = home / "routines" / "mine.yaml"
    problems = [Problem(str(path), 4, 11, "duration: not a time"), Problem(str(path), 9, 3, "reps: not a number")]
    head, first = problems_banner(problems, path, home=home)
    assert head == "2 problems  ·  press E to fix  ·  ~/routines/mine.yaml"
    assert first.startswith("line 4: duration: not a time")
    one_head, _ = problems_banner(problems[:1], Path("/mnt/elsewhere/x.yaml"), home=home)
    assert one_head == "1 problem  ·  press E to fix  ·  …/x.yaml"


def test_home_relative_leaves_other_paths_as_they_are(tmp_path):
    assert home_relative(tmp_path / "a" / "b.yaml", home=tmp_path) == "~/a/b.yaml"
    assert home_relative("/etc/limber.yaml", home=tmp_path) == "/etc/limber.yaml"
    assert home_relative("/mnt/share/routines/b.yaml", home=tmp_path) == "…/b.yaml"


def test_the_view_model_imports_no_textual():
    import subprocess
    import sys

    code = ("import sys, limber.ui.stage_view; "
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich', 'simpleaudio'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"the view model pulls in {result.stdout.strip()}"
