"""The bundled routines hold the seed article's facts: its stretches, order, counts, holds and sides."""

from __future__ import annotations

import pytest

from limber.library import load
from limber.routine import Kind

from tests.conftest import ROUTINES


def work_by_step(plan) -> dict[str, list]:
    steps: dict[str, list] = {}
    for segment in plan.segments:
        if segment.kind is Kind.WORK:
            steps.setdefault(segment.name, []).append(segment)
    return steps


def test_desk_back_stretches_has_all_eight_in_the_articles_order():
    routine, plan = load(ROUTINES / "desk-back-stretches.yaml")
    assert [s.name for s in routine.steps] == [
        "Neck rolls", "Shoulder shrugs", "Shoulder rolls", "Butterfly wings",
        "Seated spinal rotation", "Posterior shoulder stretch", "Sitting back extensions", "Deep hip muscle stretch",
    ]
    assert plan.untimed_segments == 0, "the bundled routines play hands-free"


def test_desk_back_stretches_counts_holds_and_sides_match_the_article():
    _, plan = load(ROUTINES / "desk-back-stretches.yaml")
    work = work_by_step(plan)
    # Neck rolls: 5 to 10 each direction. Shrugs: 8 to 10. Shoulder rolls: 5 each direction.
    assert [(s.side, s.reps) for s in work["Neck rolls"]] == [("clockwise", 5), ("counter-clockwise", 5)]
    assert 8 <= work["Shoulder shrugs"][0].reps <= 10
    assert [(s.side, s.reps) for s in work["Shoulder rolls"]] == [("backward", 5), ("forward", 5)]
    # Spinal rotation: 3 to 5 turns, held 3 to 5 s. Back extensions: 3 to 5 times.
    assert all(3 <= s.reps <= 5 and s.rep_time >= 5 for s in work["Seated spinal rotation"])
    assert 3 <= work["Sitting back extensions"][0].reps <= 5
    # The two held stretches: 30 s on each side.
    assert [(s.side, s.seconds) for s in work["Posterior shoulder stretch"]] == [("left", 30), ("right", 30)]
    assert [(s.side, s.seconds) for s in work["Deep hip muscle stretch"]] == [("right", 30), ("left", 30)]


def test_desk_back_stretches_carries_the_safety_advice_and_targets():
    routine, plan = load(ROUTINES / "desk-back-stretches.yaml")
    notice = routine.notice.lower()
    assert "pain" in notice and ("doctor" in notice or "physiotherapist" in notice)
    targets = {step.name: step.targets for step in routine.steps}
    assert targets["Neck rolls"] == ("neck",)
    assert "rhomboids" in targets["Butterfly wings"]
    assert "lower back" in targets["Seated spinal rotation"]
    assert "hips" in targets["Deep hip muscle stretch"]
    assert all(step.instructions for step in routine.steps)


def test_upper_back_quick_is_the_four_crucial_ones():
    routine, plan = load(ROUTINES / "upper-back-quick.yaml")
    assert [s.name for s in routine.steps] == ["Neck rolls", "Shoulder shrugs", "Shoulder rolls", "Butterfly wings"]
    assert plan.untimed_segments == 0


@pytest.mark.parametrize("path", sorted(ROUTINES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_routine_is_valid_and_names_the_schema(path):
    routine, plan = load(path)
    assert plan.segments
    assert path.read_text().startswith("# yaml-language-server: $schema=")
