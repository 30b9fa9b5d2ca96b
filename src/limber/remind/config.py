"""The `remind:` section of config.yaml, each setting checked on its own.

    remind:
      every: 50m                  # how long at the desk between breaks
      routine: desk-back-stretches  # or a rotation: routines: [neck, upper, legs]
      hours:                      # no reminders outside these; days left out have none
        mon-fri: 9:00-17:30
        sat: 10:00-12:00
      snooze: 5m
      max_snoozes: 3              # snoozes in a row before only start or skip is offered
      strict: false               # true: no snooze and no skip
      popup: true                 # inside tmux, open the break in a popup (default: yes)
      hold_at_most: 2h            # the longest do-not-disturb holds a due break
      notify: true                # desktop notifications with Start, Snooze and Skip
      terminal: foot              # a new window for Start when no screen shows the reminder

A wrong setting is reported (path:line:column) and its default used: a typo in `snooze`
never stops the reminders.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ..routine.problems import Problem, RoutineError
from .settings import DAY_MINUTES, WEEKDAYS, Hours, RemindSettings, Span

REMIND_KEYS = ("every", "routine", "routines", "hours", "snooze", "max_snoozes", "strict", "popup", "hold_at_most",
               "notify", "terminal")
_SPAN = re.compile(r"^\s*([0-9]{1,2}):([0-5][0-9])\s*-\s*([0-9]{1,2}):([0-5][0-9])\s*$")
HOURS_HINT = "write a day or days and a span, e.g. `mon-fri: 9:00-17:30` or `sat: off`"


def load_remind(path: Path | None = None) -> tuple[RemindSettings, list[Problem]]:
    """The reminder's settings from the config file, and what was wrong in them (defaults used there)."""
    from ..config import config_path

    path = path or config_path()
    try:
        if not path.exists():
            return RemindSettings(), []
    except OSError as error:
        return RemindSettings(), [Problem(str(path), 0, 0, str(error.strerror or error))]
    from ..routine.loader import compose, read_text
    from ..routine.validate import NodeReader

    try:
        text = read_text(path)
        if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
            return RemindSettings(), []
        root = compose(text, str(path))
    except RoutineError as error:
        return RemindSettings(), list(error.problems)
    reader = NodeReader(str(path), path.parent)
    keys = reader.mapping(root, "the config file")
    if keys is None or "remind" not in keys:
        return RemindSettings(), []  # the rest of the file is the config's own to report on
    return read_remind(reader, keys["remind"][1])


def read_remind(reader, node) -> tuple[RemindSettings, list[Problem]]:
    import yaml

    settings = RemindSettings()
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null") and not node.value:
        return settings, []  # `remind:` alone: all defaults
    keys = reader.mapping(node, "`remind`")
    if keys is None:
        return settings, reader.problems
    reader.unknown_keys(keys, REMIND_KEYS, "`remind`")
    if "every" in keys:
        seconds = reader.duration(keys["every"][1], "remind.every", allow_zero=False)
        if seconds is not None:
            settings = replace(settings, every=seconds)
    if "snooze" in keys:
        seconds = reader.duration(keys["snooze"][1], "remind.snooze", allow_zero=False)
        if seconds is not None:
            settings = replace(settings, snooze=seconds)
    if "max_snoozes" in keys:
        number = reader.whole_number(keys["max_snoozes"][1], "remind.max_snoozes", minimum=0, maximum=100)
        if number is not None:
            settings = replace(settings, max_snoozes=number)
    if "hold_at_most" in keys:
        seconds = reader.duration(keys["hold_at_most"][1], "remind.hold_at_most", allow_zero=True)
        if seconds is not None:
            settings = replace(settings, hold_at_most=seconds)
    for name in ("strict", "popup", "notify"):
        if name in keys:
            flag = _flag(reader, keys[name][1], f"remind.{name}")
            if flag is not None:
                settings = (replace(settings, strict=flag) if name == "strict" else replace(settings, popup=flag)
                            if name == "popup" else replace(settings, notify=flag))
    if "terminal" in keys:
        command = _command(reader, keys["terminal"][1], "remind.terminal")
        if command is not None:
            settings = replace(settings, terminal=command)
    if "routine" in keys and "routines" in keys:
        reader.problem(keys["routines"][0], "give `routine` or `routines` in `remind`, not both")
    elif "routine" in keys:
        name = reader.text(keys["routine"][1], "remind.routine", required=True)
        if name is not None and _routine_exists(reader, keys["routine"][1], name):
            settings = replace(settings, routines=(name,))
    elif "routines" in keys:
        names = reader.text_list(keys["routines"][1], "remind.routines", "[neck, upper]")
        if names is not None and all(_routine_exists(reader, item, name)
                                     for item, name in zip(keys["routines"][1].value, names)):
            settings = replace(settings, routines=names)
    if "hours" in keys:
        hours = read_hours(reader, keys["hours"][1])
        if hours is not None:
            settings = replace(settings, hours=hours)
    return settings, reader.problems


def _routine_exists(reader, node, name: str) -> bool:
    from .. import library

    try:
        if library.find(name).exists():
            return True
    except (library.LookupProblem, OSError) as problem:
        reader.problem(node, str(problem))
        return False
    reader.problem(node, f"no routine named `{name}` (`limber list` shows them)")
    return False


def _command(reader, node, field: str) -> str | None:
    """A command line, split as a shell would (quotes kept together), naming a program."""
    import shlex

    text = reader.text(node, field, required=True)
    if text is None:
        return None
    try:
        words = shlex.split(text)
    except ValueError as error:
        reader.problem(node, f"`{field}`: {error} (write it as you would in a shell, e.g. `xterm -e`)")
        return None
    if not words:
        reader.problem(node, f"`{field}` is empty")
        return None
    return text


def _flag(reader, node, field: str) -> bool | None:
    import yaml

    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return str(node.value).lower() in ("true", "yes", "on", "y")
    reader.problem(node, f"`{field}` should be true or false")
    return None


def read_hours(reader, node) -> Hours | None:
    """Working hours by weekday: days named, in ranges (`mon-fri`) or lists (`sat,sun`); the rest off."""
    keys = reader.mapping(node, "`remind.hours`")
    if keys is None:
        return None
    days: list[Span | None] = [None] * 7
    seen = len(reader.problems)
    for key, (key_node, value_node) in keys.items():
        weekdays = parse_days(key)
        if weekdays is None:
            reader.problem(key_node, f"`{key}` is not a day: use mon, tue, ... sun, a range (mon-fri) "
                                     "or a list (sat,sun)")
            continue
        span = _span(reader, value_node, key)
        if span is False:
            continue
        for day in weekdays:
            days[day] = span  # type: ignore[assignment]
    if len(reader.problems) > seen:
        return None
    return Hours(tuple(days))


def parse_days(text: str) -> list[int] | None:
    found: list[int] = []
    for part in text.lower().replace(" ", "").split(","):
        first, dash, last = part.partition("-")
        if first not in WEEKDAYS or (dash and not last) or (last and last not in WEEKDAYS):
            return None
        start, end = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
        found += [(start + offset) % 7 for offset in range((end - start) % 7 + 1)]
    return found


def _span(reader, node, day: str) -> Span | None | bool:
    """(start, end) minutes; None for a day off; False when the value is wrong (reported)."""
    import yaml

    said_off = isinstance(node, yaml.ScalarNode) and node.value.lower() in ("off", "no", "false")
    if said_off and node.tag.endswith(":bool"):
        return None
    text = str(node.value) if isinstance(node, yaml.ScalarNode) else ""
    match = _SPAN.match(text)
    if not match:
        reader.problem(node, f"`remind.hours.{day}`: {HOURS_HINT}")
        return False
    start_h, start_m, end_h, end_m = (int(group) for group in match.groups())
    start, end = start_h * 60 + start_m, end_h * 60 + end_m
    if start_h > 23 or end > DAY_MINUTES:
        reader.problem(node, f"`remind.hours.{day}`: a time of day is from 0:00 to 24:00")
        return False
    if end <= start:
        reader.problem(node, f"`remind.hours.{day}`: the end comes before the start (hours past midnight "
                             "go on the next day's line)")
        return False
    return (start, end)
