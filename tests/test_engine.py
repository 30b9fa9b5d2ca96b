"""The engine against a fake clock: every command in every state, irregular ticks, stalls."""

from __future__ import annotations

import textwrap

import pytest

from limber.engine import (
    TRANSITIONS, Command, Countdown, Engine, Finished, Outcome, Paused, Rep, Resumed,
    SegmentEnded, SegmentStarted, State,
)
from limber.routine import compile_plan, parse_routine


def make_plan(text: str):
    return compile_plan(parse_routine(textwrap.dedent(text), "t.yaml"))


# get ready 5, A 10 (left), switch 5, A 10 (right), rest 5, B untimed reps, rest 5, C 4 (4 reps of 1 s)
PLAN = make_plan("""
    name: Engine test
    defaults: {get_ready: 5, rest: 5, switch_time: 5}
    steps:
      - {name: A, duration: 10, sides: [left, right]}
      - {name: B, reps: 8}
      - {name: C, reps: 4, rep_time: 1}
""")


def names(events) -> list[str]:
    out = []
    for e in events:
        label = type(e).__name__
        if isinstance(e, (SegmentStarted, SegmentEnded)):
            label += f"({e.index}" + (f",{e.outcome.value}" if isinstance(e, SegmentEnded) else "") + ")"
        elif isinstance(e, Countdown):
            label += f"({e.seconds_left})"
        elif isinstance(e, Rep):
            label += f"({e.number}/{e.of})"
        out.append(label)
    return out


@pytest.fixture
def engine(clock):
    return Engine(PLAN, clock=clock)


def test_a_fresh_engine_is_ready_and_waits_for_start(engine, clock):
    assert engine.state is State.READY
    clock.advance(100)
    assert engine.tick() == []
    assert engine.remaining() == 5


def test_start_emits_the_first_segment(engine, clock):
    events = engine.start()
    assert names(events) == ["SegmentStarted(0)"]
    assert engine.state is State.RUNNING
    assert engine.remaining() == 5


def test_events_fire_once_each_with_frequent_ticks(engine, clock):
    engine.start()
    seen = []
    for _ in range(50):  # 5 s of get ready then into A, ticking every 0.1 s
        clock.advance(0.1)
        seen += engine.tick()
    assert names(seen) == ["Countdown(3)", "Countdown(2)", "Countdown(1)", "SegmentEnded(0,done)", "SegmentStarted(1)"]
    assert seen[3].at == pytest.approx(1005.0)  # stamped when due, not when seen


def test_irregular_ticks_give_the_same_events_as_regular_ones(clock):
    def run(steps):
        c = type(clock)(1000.0)
        e = Engine(PLAN, clock=c)
        out = e.start()
        for step in steps:
            c.advance(step)
            out += e.tick()
        return [(type(x).__name__, x.index, round(x.at, 6)) for x in out]

    regular = run([0.25] * 200)
    irregular = run([0.01, 0.7, 0.05, 3.3, 0.2, 0.02, 1.9, 2.9, 0.6, 0.32] * 5)
    total_regular = 0.25 * 200
    total_irregular = sum([0.01, 0.7, 0.05, 3.3, 0.2, 0.02, 1.9, 2.9, 0.6, 0.32] * 5)
    assert total_regular == pytest.approx(total_irregular)
    assert regular == irregular


def test_a_stall_walks_through_every_segment_it_covered(engine, clock):
    engine.start()
    clock.advance(5 + 10 + 5 + 10 + 5 + 1)  # lands one second into B (untimed)
    events = engine.tick()
    assert names(events) == [
        "Countdown(3)", "Countdown(2)", "Countdown(1)", "SegmentEnded(0,done)",
        "SegmentStarted(1)", "Halfway", "Countdown(3)", "Countdown(2)", "Countdown(1)", "SegmentEnded(1,done)",
        "SegmentStarted(2)", "Countdown(3)", "Countdown(2)", "Countdown(1)", "SegmentEnded(2,done)",
        "SegmentStarted(3)", "Halfway", "Countdown(3)", "Countdown(2)", "Countdown(1)", "SegmentEnded(3,done)",
        "SegmentStarted(4)", "Countdown(3)", "Countdown(2)", "Countdown(1)", "SegmentEnded(4,done)",
        "SegmentStarted(5)",
    ]
    assert [e.at for e in events if isinstance(e, SegmentStarted)] == [1005, 1015, 1020, 1030, 1035]
    assert engine.state is State.WAITING
    clock.advance(60)
    assert engine.tick() == []  # an untimed step waits, however long


def test_no_drift_segment_starts_land_on_the_plan(engine, clock):
    engine.start()
    starts = []
    for _ in range(3000):
        clock.advance(0.0137)  # an awkward tick that never lines up with a second
        starts += [e.at for e in engine.tick() if isinstance(e, SegmentStarted)]
    assert starts[:4] == [pytest.approx(1005), pytest.approx(1015), pytest.approx(1020), pytest.approx(1030)]


def test_untimed_step_waits_for_done_then_timed_reps_tick(engine, clock):
    engine.start()
    clock.advance(35)
    engine.tick()
    assert engine.waiting and engine.remaining() is None
    clock.advance(12)
    events = engine.done()
    assert names(events) == ["SegmentEnded(5,done)", "SegmentStarted(6)"]
    clock.advance(5)
    events = engine.tick()
    assert names(events) == ["Countdown(3)", "Countdown(2)", "Countdown(1)", "SegmentEnded(6,done)", "SegmentStarted(7)", "Rep(1/4)"]
    seen = []
    for _ in range(4):
        clock.advance(1)
        seen.append(names(engine.tick()))
    # Cues due at the same moment come in a fixed order: rep, halfway, countdown.
    assert seen == [["Rep(2/4)", "Countdown(3)"], ["Rep(3/4)", "Halfway", "Countdown(2)"], ["Rep(4/4)", "Countdown(1)"],
                    ["SegmentEnded(7,done)", "Finished"]]
    summary = engine.summary
    assert summary.completed and summary.done == 8 and summary.skipped == 0
    assert summary.active_seconds == pytest.approx(56)


def test_pause_freezes_the_countdown_and_resume_carries_on(engine, clock):
    engine.start()
    clock.advance(1.5)
    assert names(engine.pause()) == ["Paused"]
    clock.advance(100)
    assert engine.tick() == []
    assert engine.remaining() == pytest.approx(3.5)
    assert names(engine.resume()) == ["Resumed"]
    clock.advance(3.5)
    assert "SegmentStarted(1)" in names(engine.tick())
    engine.quit()
    assert engine.summary.paused_seconds == pytest.approx(100)
    assert engine.summary.active_seconds == pytest.approx(5)
    assert not engine.summary.completed


def test_toggle_starts_pauses_and_resumes(engine, clock):
    assert names(engine.toggle()) == ["SegmentStarted(0)"]
    assert names(engine.toggle()) == ["Paused"]
    assert names(engine.toggle()) == ["Resumed"]
    assert engine.state is State.RUNNING


def test_skip_marks_skipped_and_skip_while_paused_stays_paused(engine, clock):
    engine.start()
    clock.advance(1)
    assert names(engine.skip()) == ["SegmentEnded(0,skipped)", "SegmentStarted(1)"]
    engine.pause()
    clock.advance(7)
    assert names(engine.skip()) == ["SegmentEnded(1,skipped)", "SegmentStarted(2)"]
    assert engine.state is State.PAUSED
    assert engine.remaining() == 5
    clock.advance(4)
    engine.resume()
    assert engine.state is State.RUNNING
    assert engine.remaining() == 5
    engine.quit()
    assert engine.summary.paused_seconds == pytest.approx(11)
    assert engine.outcomes[:3] == [Outcome.SKIPPED, Outcome.SKIPPED, None]


def test_back_early_goes_to_the_previous_segment_later_restarts(engine, clock):
    engine.start()
    clock.advance(6)
    engine.tick()
    assert engine.index == 1
    clock.advance(0.5)  # 1.5 s into A: still within the grace
    assert names(engine.back()) == ["SegmentStarted(0)"]
    assert engine.index == 0 and engine.remaining() == 5
    assert engine.outcomes[0] is None
    clock.advance(3)
    events = engine.back()
    assert names(events)[-1] == "SegmentStarted(0)" and events[-1].restarted
    assert engine.remaining() == 5


def test_back_on_the_first_segment_restarts_it(engine, clock):
    engine.start()
    clock.advance(1)
    engine.back()
    assert engine.index == 0 and engine.elapsed() == 0


def test_restart_starts_the_segment_again_and_its_cues_fire_again(engine, clock):
    engine.start()
    clock.advance(4.5)
    assert names(engine.tick()) == ["Countdown(3)", "Countdown(2)", "Countdown(1)"]
    assert names(engine.restart()) == ["SegmentStarted(0)"]
    clock.advance(4.5)
    assert names(engine.tick()) == ["Countdown(3)", "Countdown(2)", "Countdown(1)"]


def test_extend_adds_and_takes_time(engine, clock):
    engine.start()
    clock.advance(2.5)
    assert names(engine.tick()) == ["Countdown(3)"]
    engine.extend(10)
    assert engine.remaining() == pytest.approx(12.5)
    clock.advance(9.5)
    assert names(engine.tick()) == ["Countdown(3)"]  # heard again: it lies ahead once more
    engine.extend(-100)  # never shorter than what has passed: ends now
    assert engine.index == 1
    assert engine.outcomes[0] is Outcome.DONE


def test_extend_does_nothing_on_an_untimed_step(engine, clock):
    engine.start()
    clock.advance(35)
    engine.tick()
    assert not engine.accepts(Command.EXTEND)
    assert engine.extend(10) == []


def test_extend_while_paused_keeps_it_paused():
    from tests.conftest import FakeClock

    c = FakeClock()
    e = Engine(PLAN, clock=c)
    e.start()
    e.pause()
    e.extend(10)
    assert e.state is State.PAUSED and e.remaining() == 15


def test_skip_on_the_last_segment_finishes(engine, clock):
    engine.start()
    for _ in range(7):
        engine.skip()
    events = engine.skip()
    assert names(events)[-2:] == ["SegmentEnded(7,skipped)", "Finished"]
    assert engine.state is State.FINISHED
    assert engine.summary.completed and engine.summary.skipped == 8
    assert engine.remaining_total() == 0


def test_remaining_total_counts_timed_segments_from_now(engine, clock):
    assert engine.remaining_total() == pytest.approx(5 + 10 + 5 + 10 + 5 + 5 + 4)
    engine.start()
    clock.advance(2)
    assert engine.remaining_total() == pytest.approx(3 + 10 + 5 + 10 + 5 + 5 + 4)


def test_a_command_first_catches_up_with_time(engine, clock):
    engine.start()
    clock.advance(6)
    events = engine.pause()  # the get-ready ended a second ago; the pause lands in A
    assert names(events)[-3:] == ["SegmentEnded(0,done)", "SegmentStarted(1)", "Paused"]
    assert engine.index == 1 and engine.remaining() == pytest.approx(9)


ALL_STATES_ENGINE = {
    State.READY: lambda e, c: None,
    State.RUNNING: lambda e, c: e.start(),
    State.WAITING: lambda e, c: (e.start(), c.advance(35), e.tick()),
    State.PAUSED: lambda e, c: (e.start(), e.pause()),
    State.FINISHED: lambda e, c: (e.start(), e.quit()),
}


@pytest.mark.parametrize("state", list(State))
@pytest.mark.parametrize("command", list(Command))
def test_every_command_in_every_state(state, command, clock):
    engine = Engine(PLAN, clock=clock)
    ALL_STATES_ENGINE[state](engine, clock)
    assert engine.state is state
    before = (engine.index, engine.elapsed())
    events = engine.command(command, 10)
    accepted = (state, command) in TRANSITIONS and not (command is Command.EXTEND and state is State.WAITING)
    if not accepted:
        assert events == [], f"{command} should do nothing while {state}"
        assert (engine.index, engine.elapsed()) == before
        return
    expected = {
        Command.START: (State.RUNNING, SegmentStarted),
        Command.PAUSE: (State.PAUSED, Paused),
        Command.RESUME: (State.RUNNING, Resumed),
        Command.SKIP: (state, SegmentStarted),
        Command.BACK: (state, SegmentStarted),
        Command.RESTART: (state, SegmentStarted),
        Command.DONE: (State.RUNNING, SegmentStarted),
        Command.QUIT: (State.FINISHED, Finished),
    }
    if command is Command.TOGGLE:
        wanted = {State.READY: State.RUNNING, State.RUNNING: State.PAUSED, State.WAITING: State.PAUSED, State.PAUSED: State.WAITING}
        assert engine.state is wanted[state] or (state is State.PAUSED and engine.state is State.RUNNING)
        assert events
    elif command is Command.EXTEND:
        assert engine.state is state
        assert engine.remaining() == pytest.approx(15)
    else:
        wanted_state, wanted_event = expected[command]
        if command in (Command.SKIP, Command.BACK, Command.RESTART) and state is not State.PAUSED:
            wanted_state = State.RUNNING if engine.segment.timed else State.WAITING
        assert engine.state is wanted_state
        assert isinstance(events[-1], wanted_event)


def test_the_transition_table_covers_every_state():
    states = {state for state, _ in TRANSITIONS}
    assert states == {State.READY, State.RUNNING, State.WAITING, State.PAUSED}
    assert not any(state is State.FINISHED for state, _ in TRANSITIONS)


def test_a_waiting_step_can_be_paused_and_resumes_waiting(engine, clock):
    engine.start()
    clock.advance(35)
    engine.tick()
    engine.pause()
    clock.advance(10)
    engine.resume()
    assert engine.state is State.WAITING


def test_an_edited_plan_keeps_the_place_and_the_time_left(clock):
    engine = Engine(PLAN, clock=clock)
    engine.start()
    clock.advance(5 + 10 + 5 + 4)  # 4 s into A's right side: 6 s left
    engine.tick()
    assert engine.index == 3 and engine.remaining() == pytest.approx(6)
    edited = make_plan("""
        name: Engine test
        defaults: {get_ready: 5, rest: 5, switch_time: 5}
        steps:
          - {name: Warm up, duration: 20}
          - {name: A, duration: 30, sides: [left, right]}
          - {name: B, reps: 8}
    """)
    engine.replace_plan(edited)
    assert engine.segment.name == "A" and engine.segment.side == "right"
    assert engine.remaining() == pytest.approx(6), "the same time left, though the hold is now longer"
    assert engine.outcomes[:engine.index] == [Outcome.DONE, None, None, Outcome.DONE, Outcome.DONE]
    assert engine.remaining_total() == pytest.approx(6 + 5)
    clock.advance(6)
    assert names(engine.tick())[-2:] == ["SegmentEnded(5,done)", "SegmentStarted(6)"]


def test_an_edit_that_removes_the_current_step_goes_to_the_same_position(clock):
    engine = Engine(PLAN, clock=clock)
    engine.start()
    engine.skip()
    engine.pause()
    engine.replace_plan(make_plan("""
        name: Engine test
        steps: [{name: Z, duration: 10}, {name: Y, duration: 10}]
    """))
    assert engine.index == 1 and engine.segment.name == "Z"
    assert engine.state is State.PAUSED and engine.remaining() == 10


# -- reps cost the same however many there are -----------------------------------------------------
MANY_REPS = make_plan("""
    name: Many reps
    defaults: {get_ready: 0}
    steps: [{name: Squats, reps: 1000, rep_time: 0.5}]
""")
TWO_REPS = make_plan("""
    name: Two reps
    defaults: {get_ready: 0}
    steps: [{name: Squats, reps: 2, rep_time: 250}]
""")


def test_a_segment_of_the_most_reps_costs_what_one_of_two_reps_costs():
    """The same 500 s segment, in 1,000 reps or in 2: the engine's memory does not grow with the count."""
    import tracemalloc

    from tests.conftest import FakeClock

    def peak(plan) -> int:
        clock = FakeClock()
        tracemalloc.start()
        try:
            engine = Engine(plan, clock=clock)
            engine.start()
            for step in (0.1, 250.1, 0.6, 100.0):  # ticks, and stalls across hundreds of reps
                clock.advance(step)
                engine.tick()
                engine.next_due()
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    few = peak(TWO_REPS)
    assert peak(MANY_REPS) < few + 4096, "a mark (or an event) made for every rep"


def test_a_stall_across_many_reps_emits_only_the_latest(clock):
    engine = Engine(MANY_REPS, clock=clock)
    assert names(engine.start() + engine.tick()) == ["SegmentStarted(0)", "Rep(1/1000)"]
    clock.advance(250.2)
    events = engine.tick()
    # Rep 501 is due at 250 s, with halfway: the rep first, as when both come due at once.
    assert names(events) == ["Rep(501/1000)", "Halfway"]
    assert events[0].at == pytest.approx(1250.0)  # stamped when due, not when seen
    clock.advance(0.3)
    assert names(engine.tick()) == ["Rep(502/1000)"]
    assert engine.tick() == []  # each once


def test_frequent_ticks_hear_every_rep_once_in_order(clock):
    engine = Engine(MANY_REPS, clock=clock)
    seen = [e for e in engine.start() if isinstance(e, Rep)]
    for _ in range(5001):
        clock.advance(0.1)
        seen += [e for e in engine.tick() if isinstance(e, Rep)]
    assert [e.number for e in seen] == list(range(1, 1001))
    assert [e.at for e in seen] == [pytest.approx(1000 + 0.5 * n) for n in range(1000)]
    assert engine.state is State.FINISHED


def test_next_due_is_the_next_rep(clock):
    engine = Engine(MANY_REPS, clock=clock)
    engine.start()
    assert engine.next_due() == pytest.approx(1000.0)  # the first rep, due as the segment starts
    assert names(engine.tick()) == ["Rep(1/1000)"]
    assert engine.next_due() == pytest.approx(1000.5)
    clock.advance(10.2)
    engine.tick()
    assert engine.next_due() == pytest.approx(1010.5)
    engine.pause()
    clock.advance(30)
    engine.resume()
    assert engine.next_due() == pytest.approx(1040.5)  # the pause moved it on, and no rep was missed
    clock.advance(0.3)
    assert names(engine.tick()) == ["Rep(22/1000)"]


def test_an_edit_keeps_the_reps_already_heard(clock):
    engine = Engine(MANY_REPS, clock=clock)
    engine.start()
    clock.advance(10.2)
    assert names(engine.tick()) == ["Rep(21/1000)"]
    engine.replace_plan(make_plan("""
        name: Many reps, renamed
        defaults: {get_ready: 0}
        steps: [{name: Squats, reps: 1000, rep_time: 0.5}]
    """))
    assert engine.tick() == []  # no rep heard again
    assert engine.next_due() == pytest.approx(1010.5)
    clock.advance(0.3)
    assert names(engine.tick()) == ["Rep(22/1000)"]


REPS_OF_FIVE = make_plan("""
    name: Paced reps
    defaults: {get_ready: 0}
    steps:
      - {name: Shrugs, reps: 4, rep_time: 5}
""")


def rep_times(engine, clock, until: float) -> list[tuple[int, float]]:
    """Tick every 0.1 s up to `until` seconds from now; (rep number, clock time it fell due)."""
    heard = []
    for _ in range(round(until * 10)):
        clock.advance(0.1)
        heard += [(e.number, round(e.at - 1000, 3)) for e in engine.tick() if isinstance(e, Rep)]
    return heard


def test_time_added_to_a_timed_rep_step_is_shared_out_over_its_reps(clock):
    engine = Engine(REPS_OF_FIVE, clock=clock)
    assert names(engine.start() + engine.tick()) == ["SegmentStarted(0)", "Rep(1/4)"]
    clock.advance(2)
    engine.tick()
    engine.extend(10)  # 20 s becomes 30 s: each rep now takes 7.5 s
    assert engine.length == 30
    heard = rep_times(engine, clock, 28)
    assert heard == [(2, 7.5), (3, 15.0), (4, 22.5)]
    assert engine.index == 0 and engine.state is State.RUNNING  # the last rep ends with the step


def test_time_taken_from_a_timed_rep_step_quickens_its_reps(clock):
    engine = Engine(REPS_OF_FIVE, clock=clock)
    engine.start()
    engine.tick()
    engine.extend(-8)  # 20 s becomes 12 s: 3 s a rep
    assert rep_times(engine, clock, 11.95) == [(2, 3.0), (3, 6.0), (4, 9.0)]


def test_taking_all_the_time_from_a_rep_step_ends_it_without_a_rep_more(clock):
    engine = Engine(REPS_OF_FIVE, clock=clock)
    engine.start()
    engine.tick()
    events = engine.extend(-100)
    assert not [e for e in events if isinstance(e, Rep)]
    assert engine.state is State.FINISHED


def test_untimed_left_counts_the_steps_done_at_ones_own_pace(engine, clock):
    assert engine.untimed_left() == 1  # B, 8 reps with no rep time
    engine.start()
    for _ in range(5):
        engine.skip()
    assert engine.segment.name == "B" and engine.untimed_left() == 1  # under way, still to finish
    engine.done()
    assert engine.untimed_left() == 0
    engine.back()
    assert engine.untimed_left() == 1  # back on it: it is to do again
