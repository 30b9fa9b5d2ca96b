"""The cue schedule: which sound each engine event calls for."""

from __future__ import annotations

import textwrap

import pytest

from limber.audio.cues import STALE_SECONDS, Cue, announce, cue_for, phrases_for, schedule
from limber.engine import Countdown, Engine, Finished, Halfway, Paused, Rep, SegmentEnded, SegmentStarted, Summary
from limber.engine import Outcome
from limber.routine import compile_plan, parse_routine

PLAN = compile_plan(parse_routine(textwrap.dedent("""
    name: Cues
    defaults: {get_ready: 5, rest: 10, switch_time: 5}
    steps:
      - {name: Posterior shoulder stretch, duration: 30, sides: [left, right]}
      - {name: Shoulder rolls, reps: 5, rep_time: 4, sides: [backward, forward]}
      - {name: Quick hold, duration: 10}
""").lstrip(), "cues.yaml"))
# 0 get ready, 1 work left, 2 switch, 3 work right, 4 rest, 5 rolls backward, 6 switch, 7 rolls forward, 8 rest, 9 quick


def started(index: int, at: float = 0.0) -> SegmentStarted:
    return SegmentStarted(at, index, PLAN.segments[index])


@pytest.mark.parametrize(
    "index, tone, phrase",
    [
        (0, "rest", "Get ready. First: Posterior shoulder stretch, left side, 30 seconds"),
        (1, "go", "Posterior shoulder stretch, left side, 30 seconds"),
        (2, "switch", "Switch sides"),
        (3, "go", "Posterior shoulder stretch, right side, 30 seconds"),
        (4, "rest", "Rest, next: Shoulder rolls"),
        (5, "go", "Shoulder rolls, backward, 5 reps"),
    ],
)
def test_each_segment_start_has_its_cue_and_phrase(index, tone, phrase):
    cue = cue_for(started(index), PLAN)
    assert cue == Cue(tone, phrase, announcement=True)


def test_countdown_halfway_and_finish():
    assert cue_for(Countdown(0, 1, 3), PLAN) == Cue("countdown", "3")
    assert cue_for(Halfway(0, 1), PLAN) == Cue("halfway", "Halfway")
    summary = Summary((Outcome.DONE,) * len(PLAN.segments), 100, 0, completed=True)
    assert cue_for(Finished(0, 9, summary), PLAN) == Cue("finish", "Well done. Routine complete.", announcement=True)


def test_the_finish_is_praised_only_when_every_step_was_played():
    skipped = Summary((Outcome.SKIPPED,) + (Outcome.DONE,) * (len(PLAN.segments) - 1), 100, 0, completed=True)
    assert cue_for(Finished(0, 9, skipped), PLAN) == Cue(
        "finish", "Routine finished, with some steps skipped.", announcement=True)
    stopped = Summary((Outcome.DONE,) + (None,) * (len(PLAN.segments) - 1), 10, 0, completed=False)
    assert cue_for(Finished(0, 9, stopped), PLAN) is None


def test_halfway_only_on_long_holds():
    assert cue_for(Halfway(0, 9), PLAN) is None  # a 10 s hold


def test_a_quit_session_ends_without_a_fanfare():
    summary = Summary((None,) * len(PLAN.segments), 5, 0, completed=False)
    assert cue_for(Finished(0, 1, summary), PLAN) is None


def test_rep_ticks_are_off_by_default_and_never_on_the_first_rep():
    assert cue_for(Rep(0, 5, 2, 5), PLAN) is None
    assert cue_for(Rep(0, 5, 2, 5), PLAN, rep_ticks=True) == Cue("rep")
    assert cue_for(Rep(0, 5, 1, 5), PLAN, rep_ticks=True) is None


def test_silent_events():
    assert cue_for(Paused(0, 1), PLAN) is None
    assert cue_for(SegmentEnded(0, 1, PLAN.segments[1], Outcome.DONE), PLAN) is None


def test_stale_cues_after_a_stall_are_dropped_but_the_newest_start_is_kept():
    events = [Countdown(2, 0, 3), Countdown(3, 0, 2), Countdown(4, 0, 1), started(1, at=5), Countdown(32, 1, 3),
              started(2, at=35)]
    now = 35.2
    cues = schedule(events, PLAN, now)
    assert [c.tone for c in cues] == ["switch"]
    fresh = schedule([Countdown(now - STALE_SECONDS + 0.1, 1, 1)], PLAN, now)
    assert [c.tone for c in fresh] == ["countdown"]


def test_a_real_session_schedule_in_order(clock):
    engine = Engine(PLAN, clock=clock)
    cues = schedule(engine.start(), PLAN, clock())
    for _ in range(80):
        clock.advance(0.5)
        cues += schedule(engine.tick(), PLAN, clock())
    assert [c.tone for c in cues][:12] == [
        "rest", "countdown", "countdown", "countdown",  # get ready
        "go", "halfway", "countdown", "countdown", "countdown",  # left side
        "switch", "countdown", "countdown",
    ]


def test_announce_words():
    assert announce(PLAN.segments[9]) == "Quick hold, 10 seconds"


def test_phrases_for_a_plan_cover_every_start():
    phrases = phrases_for(PLAN)
    for index in range(len(PLAN.segments)):
        assert cue_for(started(index), PLAN).phrase in phrases
    assert {"3", "2", "1", "Halfway"} <= set(phrases)
    assert len(phrases) == len(set(phrases))
