"""What the player's stage shows: a pure function of the engine's state and the time, no Textual in it."""

from __future__ import annotations

import math
from pathlib import Path

from ..record import record
from ..engine import Engine, State
from ..routine import Kind, Plan, Problem, Segment, format_duration, segment_words, side_words
from ..words import counted

# The last seconds of a timed segment are marked (the cue counts them down too).
LAST_SECONDS = 3

BAND = {Kind.GET_READY: "GET READY", Kind.WORK: "WORK", Kind.REST: "REST", Kind.SWITCH: "SWITCH SIDES"}
PHASE = {Kind.GET_READY: "get-ready", Kind.WORK: "work", Kind.REST: "rest", Kind.SWITCH: "switch"}


@record
class StageView:
    """Every text and state of the stage at one moment. Equal views draw the same screen."""

    phase: str  # "work", "rest", "switch", "get-ready": the colour, unless paused
    paused: bool
    last_seconds: bool  # a timed segment in its last seconds, running
    untimed: bool  # waits for Enter
    band: str  # the phase in a word or two, on the coloured band
    targets: str  # "neck, shoulders": what the step works, at the band's right end
    title: str  # the step under way, or "Next: Push-ups x 10" between steps
    detail: str  # "right side · set 1 of 2"
    big: str  # the big number: time left ("18", "1:05"), or the rep count on a rep step
    caption: str  # under the big number: "rep 2 of 4 · 0:13 left", "reps · 0:20 so far"
    prompt: str  # "Press Enter when done" on an untimed step
    fraction: float  # of the segment gone, for its bar
    then: str  # during work: what follows, in one line
    notes_label: str  # "Next" when the notes are the next step's
    notes: str  # instructions
    notice: str  # the routine's safety notice, while getting ready


def big_time(seconds: float) -> str:
    """Time left as the big number shows it: whole seconds rounded up, "18" under a minute, "1:05" above."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return str(whole) if whole < 60 else format_duration(whole)


def name_and_reps(segment: Segment) -> str:
    """"Push-ups x 10", or the name alone."""
    return f"{segment.name} x {segment.reps}" if segment.reps else segment.name


def following_work(plan: Plan) -> list[int | None]:
    """For each segment, the index of the first work segment after it (what "Next" names)."""
    following: list[int | None] = [None] * len(plan.segments)
    upcoming = None
    for i in range(len(plan.segments) - 1, -1, -1):
        following[i] = upcoming
        if plan.segments[i].kind is Kind.WORK:
            upcoming = i
    return following


def then_line(plan: Plan, index: int) -> str:
    """During work, what follows it: "then: rest 0:10, Push-ups x 10", "then: switch to left side"."""
    segments = plan.segments
    after = segments[index + 1] if index + 1 < len(segments) else None
    if after is None:
        return "then: the end"
    if after.kind is Kind.SWITCH:
        return f"then: switch to {side_words(after.side)}" if after.side else "then: switch sides"
    if after.kind is Kind.REST:
        beyond = segments[index + 2] if index + 2 < len(segments) else None
        rest = f"then: rest {format_duration(after.seconds)}" if after.seconds is not None else "then: rest"
        return f"{rest}, {name_and_reps(beyond)}" if beyond is not None and beyond.kind is Kind.WORK else rest
    side = f" ({side_words(after.side)})" if after.side else ""
    return f"then: {name_and_reps(after)}{side}"


def stage_view(engine: Engine, rep: int | None = None, following: list[int | None] | None = None) -> StageView:
    """The stage for the engine as it stands now (it reads its clock). `rep` is the rep under way on
    a timed rep step, as the engine last said; `following` is `following_work(plan)`, kept by the caller."""
    plan = engine.plan
    index = min(engine.index, len(plan.segments) - 1)
    segment = plan.segments[index]
    following = following if following is not None else following_work(plan)
    paused = engine.state is State.PAUSED
    remaining = engine.remaining()
    length = engine.length
    elapsed = engine.elapsed()
    fraction = 1 - remaining / length if remaining is not None and length else 0.0
    untimed = not segment.timed
    targets = ", ".join(segment.targets)
    caption = prompt = then = notes_label = notice = ""
    band = BAND[segment.kind]
    if segment.kind is Kind.REST and segment.name != "Rest":
        band = f"{band}  ·  {segment.name}"  # a rest the routine named ("Water break") says so
    big = big_time(remaining) if remaining is not None else ""

    if segment.kind is Kind.WORK:
        title = segment.name
        words = segment_words(segment)
        if segment.reps:
            words = words[:-1]  # the reps are the big number
        detail = "  ·  ".join(words)
        notes = segment.instructions
        then = then_line(plan, index)
        if untimed:
            big = str(segment.reps) if segment.reps else format_duration(elapsed)
            caption = f"reps  ·  {format_duration(elapsed)} so far" if segment.reps else "so far"
            prompt = "Press Enter when done"
        elif segment.reps:
            number = rep or 1
            big = str(number)
            caption = f"rep {number} of {segment.reps}  ·  {format_duration(remaining)} left"
    else:
        upcoming = following[index] if segment.kind is not Kind.SWITCH else index + 1
        next_segment = plan.segments[upcoming] if upcoming is not None and upcoming < len(plan.segments) else None
        if segment.kind is Kind.SWITCH:
            title = f"Next: {name_and_reps(segment)}"
            detail = side_words(segment.side) if segment.side else "the other side"
            notes = segment.instructions or (next_segment.instructions if next_segment else "")
        elif next_segment is not None:
            title = f"Next: {name_and_reps(next_segment)}"
            words = segment_words(next_segment)
            detail = "  ·  ".join(words[:-1] if next_segment.reps else words)  # the reps are in the title
            notes = next_segment.instructions
            if not targets:
                targets = ", ".join(next_segment.targets)
        else:
            title, detail, notes = "Last one done", "nearly there", ""
        notes_label = "Next" if notes else ""
        if segment.kind is Kind.GET_READY:
            notice = plan.notice

    return StageView(
        phase=PHASE[segment.kind],
        paused=paused,
        last_seconds=remaining is not None and remaining <= LAST_SECONDS and not paused,
        untimed=untimed,
        band="PAUSED  ·  space to resume" if paused else band,
        targets=targets,
        title=title,
        detail=detail,
        big=big,
        caption=caption,
        prompt=prompt,
        fraction=min(1.0, max(0.0, fraction)),
        then=then,
        notes_label=notes_label,
        notes=notes,
        notice=notice,
    )


def home_relative(path: str | Path, home: Path | None = None) -> str:
    """A path as short as it is clear on one line: "~/routines/x.yaml" under the home folder;
    elsewhere (a temporary folder, a mount) the file's name, "…/x.yaml"."""
    home = home if home is not None else Path.home()
    path = Path(path)
    try:
        return "~/" + str(path.relative_to(home))
    except ValueError:
        return f"…/{path.name}" if len(path.parts) > 3 else str(path)


def problems_banner(problems: list[Problem], path: str | Path, home: Path | None = None) -> tuple[str, str]:
    """Two lines for a routine file that no longer reads: how many problems, where, and what to do;
    then the first one with its line. The full list is the edit screen's."""
    count = len(problems)
    # What to do comes before the path, so a narrow screen cuts the path rather than the way out.
    head = f"{counted(count, 'problem')}  ·  press E to fix  ·  {home_relative(path, home)}"
    if not problems:
        return head, ""
    first = problems[0]
    where = f"line {first.line}: " if first.line > 0 else ""
    return head, f"{where}{first.message}  (still playing the last good version)"
