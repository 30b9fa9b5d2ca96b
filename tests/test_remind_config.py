"""The `remind:` settings: every one read, each wrong one reported where it stands and replaced by its default."""

from __future__ import annotations

import textwrap

import pytest

from limber.cli import main
from limber.config import config_path, load_settings
from limber.remind.config import load_remind, parse_days
from limber.remind.settings import DAY_MINUTES, Hours, RemindSettings


def write_config(text: str):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def test_no_config_and_no_section_mean_defaults():
    assert load_remind() == (RemindSettings(), [])
    write_config("volume: 40\n")
    assert load_remind() == (RemindSettings(), [])
    write_config("remind:\n")
    assert load_remind() == (RemindSettings(), [])


def test_every_setting():
    write_config("""
        volume: 30
        remind:
          every: 20m
          routines: [desk-back-stretches, desk]
          hours:
            mon-fri: 9:00-17:30
            sat: 10:00-12:00
            sun: off
          snooze: 2m30s
          max_snoozes: 0
          strict: true
          popup: no
          hold_at_most: 30m
          notify: false
          terminal: gnome-terminal --wait --
    """)
    settings, problems = load_remind()
    assert problems == []
    work = (9 * 60, 17 * 60 + 30)
    assert settings == RemindSettings(every=1200, routines=("desk-back-stretches", "desk"),
                                      hours=Hours((work,) * 5 + ((600, 720), None)), snooze=150, max_snoozes=0,
                                      strict=True, popup=False, hold_at_most=1800, notify=False,
                                      terminal="gnome-terminal --wait --")
    assert load_settings().volume == 30  # the rest of the config reads as before, `remind` and all


def test_hold_at_most_zero_never_holds_a_break():
    write_config("remind:\n  hold_at_most: 0\n")
    assert load_remind() == (RemindSettings(hold_at_most=0), [])


def test_seconds_are_allowed_for_short_schedules():
    write_config("remind:\n  every: 5s\n  routine: desk-back-stretches\n")
    assert load_remind()[0].every == 5


@pytest.mark.parametrize("text, where, message", [
    ("remind:\n  every: soon\n", "2:10", "`remind.every`: 'soon' is not a duration"),
    ("remind:\n  every: 0\n", "2:10", "`remind.every` must be longer than 0 seconds"),
    ("remind:\n  snooze: 25h\n", "2:11", "`remind.snooze` is 25h; the longest allowed is 24 hours"),
    ("remind:\n  max_snoozes: -1\n", "2:16", "`remind.max_snoozes` must be at least 0"),
    ("remind:\n  strict: maybe\n", "2:11", "`remind.strict` should be true or false"),
    ("remind:\n  evry: 5m\n", "2:3", "unknown key `evry` in `remind`; did you mean `every`?"),
    ("remind:\n  routine: nowhere-at-all\n", "2:12", "no routine called 'nowhere-at-all'"),
    ("remind:\n  routine: desk\n  routines: [desk]\n", "3:3", "give `routine` or `routines`"),
    ("remind:\n  hours:\n    mon-fry: 9:00-17:00\n", "3:5", "`mon-fry` is not a day"),
    ("remind:\n  hours:\n    mon: 9-17\n", "3:10", "`remind.hours.mon`: write a day or days and a span"),
    ("remind:\n  hours:\n    mon: 17:00-9:00\n", "3:10", "`remind.hours.mon`: the end comes before the start"),
    ("remind:\n  hours:\n    mon: 9:00-24:30\n", "3:10", "`remind.hours.mon`: a time of day is from 0:00 to 24:00"),
    ("remind: 5m\n", "1:9", "`remind` should be a mapping"),
    ("remind:\n  hold_at_most: a while\n", "2:17", "`remind.hold_at_most`: 'a while' is not a duration"),
    ("remind:\n  notify: sometimes\n", "2:11", "`remind.notify` should be true or false"),
    ("remind:\n  terminal: \"xterm -e 'x\"\n", "2:13", "`remind.terminal`: No closing quotation"),
    ("remind:\n  terminal: 42\n", "2:13", "`remind.terminal` is a number to YAML"),
    ("remind:\n  terminal: ''\n", "2:13", "`remind.terminal` is empty"),
])
def test_a_wrong_setting_is_located_and_its_default_used(text, where, message):
    path = write_config(text + "volume: 20\n")
    settings, problems = load_remind()
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:{where}: {message}")
    assert settings == RemindSettings()
    assert load_settings().volume == 20  # the player's settings are not lost to a reminder typo


def test_only_the_wrong_setting_falls_back():
    write_config("remind:\n  every: 20m\n  snooze: never\n  strict: true\n")
    settings, problems = load_remind()
    assert len(problems) == 1
    assert (settings.every, settings.snooze, settings.strict) == (1200, RemindSettings().snooze, True)


def test_a_broken_file_gives_defaults_and_the_yaml_problem():
    path = write_config("remind:\n  every: [20m\n")
    settings, problems = load_remind()
    assert settings == RemindSettings() and problems and str(problems[0]).startswith(str(path))


@pytest.mark.parametrize("text, days", [
    ("mon", [0]), ("mon-fri", [0, 1, 2, 3, 4]), ("sat,sun", [5, 6]), ("fri-mon", [4, 5, 6, 0]),
    ("Mon - Wed", [0, 1, 2]), ("monday", None), ("mon-", None),
])
def test_days(text, days):
    assert parse_days(text) == days


def test_hours_to_midnight():
    write_config("remind:\n  hours:\n    mon-sun: 0:00-24:00\n")
    assert load_remind()[0].hours == Hours(((0, DAY_MINUTES),) * 7)


def test_remind_problems_are_printed_and_a_bad_option_refused(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["remind", "--every", "soon"])
    assert caught.value.code == 2
    assert "'soon' is not a duration" in capsys.readouterr().err
