"""Which sound each engine event calls for: a tone, a spoken phrase, or nothing. No sound is played here."""

from __future__ import annotations


from ..record import record
from ..engine import Countdown, Event, Finished, Halfway, Rep, SegmentStarted
from ..routine import Kind, Plan, Segment, describe_duration, segment_words

# Halfway is only worth hearing on a hold long enough to lose track in.
HALFWAY_MIN_SECONDS = 20.0
# A cue more overdue than this (the machine stalled) is dropped: a burst of old ticks helps no one.
STALE_SECONDS = 1.5


@record
class Cue:
    """A sound to play for an engine event: a tone, or the coach's words for it."""

    tone: str  # a cue name: countdown, go, rest, switch, halfway, rep, finish
    phrase: str | None = None  # what the coach says instead, when the voice is on
    announcement: bool = False  # a name being said: nothing may cut it off


def announce(segment: Segment) -> str:
    """What the coach says as a work segment starts: "Posterior shoulder stretch, right side, 30 seconds"."""
    parts = [segment.name, *segment_words(segment)]
    if not segment.reps and segment.seconds is not None:
        parts.append(describe_duration(segment.seconds))
    return ", ".join(parts)


def next_work(plan: Plan, index: int) -> Segment | None:
    for segment in plan.segments[index + 1:]:
        if segment.kind is Kind.WORK:
            return segment
    return None


def cue_for(event: Event, plan: Plan, *, rep_ticks: bool = False) -> Cue | None:
    if isinstance(event, SegmentStarted):
        segment = event.segment
        if segment.kind is Kind.WORK:
            return Cue("go", announce(segment), announcement=True)
        if segment.kind is Kind.SWITCH:
            return Cue("switch", "Switch sides", announcement=True)
        upcoming = next_work(plan, event.index)
        if segment.kind is Kind.GET_READY:
            phrase = f"Get ready. First: {announce(upcoming)}" if upcoming else "Get ready"
        else:
            phrase = f"Rest, next: {upcoming.name}" if upcoming else "Rest"
        return Cue("rest", phrase, announcement=True)
    if isinstance(event, Countdown):
        return Cue("countdown", str(event.seconds_left))
    if isinstance(event, Halfway):
        segment = plan.segments[event.index]
        if segment.seconds is not None and segment.seconds >= HALFWAY_MIN_SECONDS:
            return Cue("halfway", "Halfway")
        return None
    if isinstance(event, Rep):
        # The first rep starts with the segment's own cue.
        if rep_ticks and event.number > 1:
            return Cue("rep")
        return None
    if isinstance(event, Finished):
        # The coach says what the finish screen says: praise only for a routine played through.
        if event.summary.completed and not event.summary.skipped:
            return Cue("finish", ALL_DONE, announcement=True)
        if event.summary.completed:
            return Cue("finish", FINISHED_WITH_SKIPS, announcement=True)
        return None
    return None


def schedule(events: list[Event], plan: Plan, now: float, *, rep_ticks: bool = False) -> list[Cue]:
    """The cues for a batch of events, stale ones dropped (the newest segment start is always kept)."""
    cues = []
    starts = [e for e in events if isinstance(e, SegmentStarted)]
    latest_start = starts[-1] if starts else None
    for event in events:
        if now - event.at > STALE_SECONDS and event is not latest_start and not isinstance(event, Finished):
            continue
        cue = cue_for(event, plan, rep_ticks=rep_ticks)
        if cue is not None:
            cues.append(cue)
    return cues


ALL_DONE = "Well done. Routine complete."
FINISHED_WITH_SKIPS = "Routine finished, with some steps skipped."
FIXED_PHRASES = ("3", "2", "1", "Halfway", ALL_DONE, FINISHED_WITH_SKIPS)


def phrases_for(plan: Plan) -> list[str]:
    """Every phrase a session of this plan may say, so they can be made before they are needed."""
    starts = (cue_for(SegmentStarted(0.0, i, segment), plan) for i, segment in enumerate(plan.segments))
    return list(dict.fromkeys([c.phrase for c in starts if c and c.phrase] + list(FIXED_PHRASES)))
