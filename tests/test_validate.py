"""Every kind of bad routine file gets a clear `path:line:column: message`, never a traceback."""

from __future__ import annotations

import pytest

from limber.routine import RoutineError, load_routine
from limber.routine.loader import MAX_FILE_BYTES


def problems(path) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    return [str(p) for p in caught.value.problems]


def one_problem(path) -> str:
    found = problems(path)
    assert len(found) == 1, found
    return found[0]


GOOD = """
name: Test
steps:
  - name: Hold
    duration: 30
"""


def test_a_good_routine_loads(write):
    routine = load_routine(write(GOOD))
    assert routine.name == "Test"
    assert routine.steps[0].duration == 30


def test_yaml_1_1_numbers_mean_what_a_person_reads(write):
    path = write("""
        name: Sexagesimal
        defaults: {get_ready: 010}
        steps:
          - name: A
            duration: 1:30
          - name: B
            reps: 010
            rep_time: 1:05
    """)
    routine = load_routine(path)
    assert routine.steps[0].duration == 90
    assert routine.steps[1].reps == 10
    assert routine.steps[1].rep_time == 65
    assert routine.defaults.get_ready == 10


def test_underscore_numbers_are_errors(write):
    path = write("""
        name: X
        steps:
          - name: A
            duration: 1_0
    """)
    assert one_problem(path) == f"{path}:4:15: `duration`: '1_0' is not a duration: write seconds (30, 2.5), units (45s, 2m, 1m30s, 1h) or M:SS (1:30)"


def test_every_problem_is_reported_not_just_the_first(write):
    path = write("""
        name: Many
        steps:
          - name: A
            duration: soon
          - name: B
            reps: 0
          - name: C
          - nmae: D
            duration: 5
    """)
    found = problems(path)
    assert found == [
        f"{path}:4:15: `duration`: 'soon' is not a duration: write seconds (30, 2.5), units (45s, 2m, 1m30s, 1h) or M:SS (1:30)",
        f"{path}:6:11: `reps` must be at least 1, not 0",
        f"{path}:7:5: step `C` needs a `duration` (a hold) or `reps` (a count)",
        f"{path}:8:5: unknown key `nmae` in an exercise step; did you mean `name`?",
    ]


@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        ("name: X\nsteps:\n  - name: A\n    duraton: 5\n", "4:5: unknown key `duraton` in an exercise step; did you mean `duration`?"),
        ("name: X\nstep:\n  - name: A\n", "2:1: unknown key `step` in the routine; did you mean `steps`?"),
        ("name: X\nsteps:\n  - name: A\n    duration: 5\n    reps: 3\n", "5:5: a step has `duration` or `reps`, not both"),
        ("steps:\n  - name: A\n    duration: 5\n", "1:1: the routine has no `name`"),
        ("name: X\n", "1:1: the routine has no `steps`"),
        ("name: X\nsteps: []\n", "2:8: the routine's `steps` is empty; add at least one step"),
        ("name: X\nsteps:\n  - name: A\n    duration: 0\n", "4:15: `duration` must be longer than 0 seconds"),
        ("name: X\nsteps:\n  - name: A\n    duration: 25h\n", "4:15: `duration` is 25h; the longest allowed is 24 hours"),
        ("name: X\nsteps:\n  - name: A\n    reps: 2.5\n", "4:11: `reps` must be a whole number, not 2.5"),
        ("name: X\nsteps:\n  - name: A\n    reps: '3'\n", "4:11: `reps` is in quotes ('3'): write the number without them"),
        ("name: X\nsteps:\n  - name: A\n    duration: 5\n    sets: 0\n", "5:11: `sets` must be at least 1, not 0"),
        ("name: yes\nsteps:\n  - name: A\n    duration: 5\n",
         "1:7: `name` should be text, not `yes`, which YAML reads as true/false (put it in quotes if you mean the word)"),
        ("name: X\nsteps:\n  - name: A\n    duration: 5\n    sides: no\n",
         "5:12: `sides` should be a list, e.g. [left, right], not `no`, which YAML reads as true/false (put it in quotes if you mean the word)"),
        ("name: X\nsteps:\n  - name: A\n    duration: 5\n    sides: [left, left]\n", "5:12: `sides` lists the same side twice"),
        ("name: X\nsteps:\n  - name: A\n    duration: 5\n    targets: []\n", "5:14: `targets` is an empty list; give at least one, e.g. [neck, shoulders]"),
        ("name: X\nsteps:\n  - just text\n", "3:5: a step should be a mapping such as `name: ...` with `duration` or `reps`, not the text 'just text'"),
        ("name: X\nsteps:\n  - repeat: 2\n", "3:5: a repeat block needs `steps`"),
        ("name: X\nsteps:\n  - repeat: 2\n    steps:\n      - rest: 5\n    rest_betwen: 3\n",
         "6:5: unknown key `rest_betwen` in a repeat block; did you mean `rest_between`?"),
        ("name: X\nsteps:\n  - rest: soon\n", "3:11: `rest`: 'soon' is not a duration: write seconds (30, 2.5), units (45s, 2m, 1m30s, 1h) or M:SS (1:30)"),
        ("name: X\ndefaults:\n  rest_time: 5\nsteps:\n  - rest: 5\n", "3:3: unknown key `rest_time` in `defaults`; did you mean `rep_time`?"),
        ("name: X\ndefaults: 5\nsteps:\n  - rest: 5\n", "2:11: `defaults` should be a mapping of keys to values, not the number 5"),
        ("name: X\nsteps:\n  - name: A\n    duration: 5\n    rep_time: fast\n",
         "5:15: `rep_time`: 'fast' is not a duration: write seconds (30, 2.5), units (45s, 2m, 1m30s, 1h) or M:SS (1:30)"),
        ("name: X\nname: Y\nsteps:\n  - rest: 5\n", "2:1: duplicate key `name` (first given on line 1)"),
        ("- name: A\n  duration: 5\n", "1:1: a routine is a mapping with `name` and `steps`, but this file holds a list"),
        ("just words\n", "1:1: a routine is a mapping with `name` and `steps`, but this file holds the text 'just words'"),
        ("name: X\nsteps:\n  - name: A\n\tduration: 5\n", "4:1: YAML syntax: a tab character: YAML indents with spaces only"),
        ("name: X\nsteps: [\n", "3:1: YAML syntax: "),
        ("name: X\nsteps:\n  - *nothing\n", "3:5: YAML syntax: *nothing names no anchor (&nothing) defined before it"),
        ("", "1:1: the file is empty: a routine needs at least `name` and `steps`"),
        ("# only a comment\n\n", "1:1: the file is empty: a routine needs at least `name` and `steps`"),
    ],
)
def test_each_kind_of_error_with_its_position(write, yaml_text, expected):
    path = write(yaml_text)
    # Syntax errors are worded by PyYAML (C and Python loaders differ); the position is ours.
    assert any(p.split(f"{path}:", 1)[1].startswith(expected) for p in problems(path)), problems(path)


def test_a_misspelt_required_key_is_reported_once(write):
    path = write("nme: X\nsteps:\n  - name: A\n    duration: 5\n")
    assert problems(path) == [f"{path}:1:1: unknown key `nme` in the routine; did you mean `name`?"]


def test_x_keys_hold_anchors_and_merge_keys_fold_them_in(write):
    path = write("""
        name: Anchors
        x-hold: &hold
          duration: 20s
          sides: [left, right]
        steps:
          - <<: *hold
            name: Calf stretch
          - <<: *hold
            name: Quad stretch
            duration: 40s
    """)
    routine = load_routine(path)
    assert [(s.name, s.duration, s.sides) for s in routine.steps] == [
        ("Calf stretch", 20, ("left", "right")),
        ("Quad stretch", 40, ("left", "right")),
    ]


def test_an_alias_bomb_is_refused_quickly(write):
    # Each level repeats the one below twice, ten times over: 20**24 segments if expanded.
    lines = ["name: Bomb", "x-l0: &l0 {name: A, duration: 1}"]
    for level in range(1, 25):
        lines.append(f"x-l{level}: &l{level} {{repeat: 10, steps: [*l{level - 1}, *l{level - 1}]}}")
    lines.append("steps: [*l24]")
    path = write("\n".join(lines) + "\n")
    from limber.library import load

    with pytest.raises(RoutineError) as caught:
        load(path)
    # At the block the routine's steps name (the alias stands for the anchored block on line 26).
    assert str(caught.value) == f"{path}:26:8: this block takes the routine past 100,000 segments, the most a routine may have"


def test_a_block_that_contains_itself_is_an_error(write):
    path = write("name: Loop\nsteps:\n  - &loop\n    repeat: 2\n    steps:\n      - *loop\n")
    assert any("contains itself" in p for p in problems(path))


def test_billion_laughs_in_an_ignored_key_costs_nothing(write):
    lines = ["name: Laughs", 'x-0: &l0 "lol"']
    for n in range(1, 30):
        lines.append(f"x-{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * 9) + "]")
    lines.append("steps:\n  - name: A\n    duration: 5")
    assert load_routine(write("\n".join(lines) + "\n")).name == "Laughs"


def test_a_huge_file_is_refused(write):
    path = write("name: Big\n" + "#" * (MAX_FILE_BYTES + 10) + "\nsteps: []\n")
    assert one_problem(path) == f"{path}: file is {path.stat().st_size:,} bytes; routine files are limited to 1 MiB"


def test_binary_and_non_utf8_files(write):
    binary = write(b"name: X\n\x00\x01\x02", name="binary.yaml")
    assert one_problem(binary) == f"{binary}:2:1: binary data (a NUL byte): this is not a routine file"
    latin = write("name: Caf\xe9\nsteps: []\n".encode("latin-1"), name="latin.yaml")
    assert one_problem(latin) == f"{latin}:1:10: not UTF-8 text (byte 0xe9); save the file as UTF-8"


def test_a_utf8_bom_is_fine(write):
    path = write("\ufeff" + GOOD)
    assert load_routine(path).name == "Test"


def test_missing_file_and_folder(tmp_path):
    assert one_problem(tmp_path / "nope.yaml") == f"{tmp_path / 'nope.yaml'}: no such file"
    assert one_problem(tmp_path) == f"{tmp_path}: is a folder, not a routine file"


def test_rep_time_manual_and_defaults(write):
    path = write("""
        name: Reps
        defaults: {rep_time: 3s, rest: 10, switch_time: 0, get_ready: 0}
        steps:
          - name: A
            reps: 4
          - name: B
            reps: 4
            rep_time: manual
    """)
    routine = load_routine(path)
    assert routine.defaults.rep_time == 3
    assert routine.steps[1].rep_time == "manual"


def test_sounds_must_be_real_wav_files(write, tmp_path):
    import wave

    good = tmp_path / "beep.wav"
    with wave.open(str(good), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(44100)
        wav.writeframes(b"\x00\x00" * 100)
    (tmp_path / "fake.wav").write_text("not a wav")
    path = write("""
        name: Sounds
        sounds:
          go: beep.wav
          rest: fake.wav
          finish: missing.wav
          gong: beep.wav
        steps:
          - rest: 5
    """)
    found = problems(path)
    assert found[0].startswith(f"{path}:4:9: `sounds.rest`: fake.wav is not a PCM WAV file")
    assert found[1] == f"{path}:5:11: `sounds.finish`: no such file: {tmp_path / 'missing.wav'}"
    assert found[2].startswith(f"{path}:6:3: unknown key `gong` in `sounds`")
    good_only = write("name: S\nsounds: {go: beep.wav}\nsteps:\n  - rest: 5\n", name="good.yaml")
    assert load_routine(good_only).sounds == {"go": good}


# -- limits: what a routine may ask for -------------------------------------------------------
@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        ("name: X\nsteps:\n  - {name: A, reps: 1001}\n", "3:21: `reps` is too large: at most 1,000, not 1,001"),
        ("name: X\nsteps:\n  - {name: A, reps: 1" + "0" * 100 + "}\n", "3:21: `reps` is too large: at most 1,000"),  # 10**100
        ("name: X\nsteps:\n  - {name: A, duration: 5, sets: 101}\n", "3:34: `sets` is too large: at most 100, not 101"),
        ("name: X\nsteps:\n  - repeat: 1001\n    steps: [{rest: 1}]\n", "3:13: `repeat` is too large: at most 1,000, not 1,001"),
        ("name: X\nsteps:\n  - {name: A, reps: 10, rep_time: 0.0001s}\n",
         "3:35: `rep_time` must be at least 0.5 seconds, not 0.0001s: a faster rep cannot be counted"),
        ("name: X\ndefaults: {rep_time: 0.1}\nsteps:\n  - {name: A, reps: 10}\n",
         "2:22: `rep_time` must be at least 0.5 seconds, not 0.1: a faster rep cannot be counted"),
        ("name: X\nsteps:\n  - {name: A, reps: 10, rep_time: 0}\n",
         "3:35: `rep_time` must be at least 0.5 seconds, not 0: a faster rep cannot be counted"),
        # A rep step's time is reps x rep_time, the rep time from defaults included.
        ("name: X\ndefaults: {rep_time: 100}\nsteps:\n  - {name: A, reps: 1000}\n",
         "4:21: 1,000 reps of 100 seconds take 27:46:40; a step may take at most 24 hours"),
        ("name: X\nsteps:\n  - {name: A, reps: 900, rep_time: 2m}\n",
         "3:21: 900 reps of 120 seconds take 30:00:00; a step may take at most 24 hours"),
    ],
)
def test_each_limit_with_its_position(write, yaml_text, expected):
    path = write(yaml_text)
    assert problems(path) == [f"{path}:{expected}"]


def test_the_freezing_routine_is_refused_at_both_of_its_values(write):
    path = write("name: A\nsteps:\n  - {name: A, reps: 100000000, rep_time: 0.0001s}\n")
    assert problems(path) == [
        f"{path}:3:21: `reps` is too large: at most 1,000, not 100,000,000",
        f"{path}:3:42: `rep_time` must be at least 0.5 seconds, not 0.0001s: a faster rep cannot be counted",
    ]


@pytest.mark.parametrize("steps", [
    "[{name: A, reps: 1000, rep_time: 0.5, sets: 100}]",
    "[{name: A, reps: 1000, rep_time: 86.4}]",  # 24 hours to the second
    "[{repeat: 1000, steps: [{name: A, duration: 1}]}]",
])
def test_every_limit_at_its_largest_is_fine(write, steps):
    from limber.library import load

    load(write(f"name: Limits\ndefaults: {{get_ready: 0}}\nsteps: {steps}\n"))


def test_a_routine_of_more_than_24_hours_is_refused_at_the_block_that_passes_them(write):
    from limber.library import load

    path = write("""
        name: Long
        defaults: {get_ready: 5}
        steps:
          - {name: Warm up, duration: 10}
          - repeat: 30
            steps: [{name: A, duration: 1h}]
          - {name: Cool down, duration: 10}
    """)
    with pytest.raises(RoutineError) as caught:
        load(path)
    # The time the routine has come to by the end of the block: 5 s + 10 s + 30 hours.
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5:5: this block takes the routine to 30:00:15; a routine may take at most 24 hours"
    ]


def test_a_routine_of_exactly_24_hours_is_fine(write):
    from limber.library import load

    _routine, plan = load(write("""
        name: A day
        defaults: {get_ready: 0}
        steps:
          - repeat: 24
            steps: [{name: A, duration: 1h}]
    """))
    assert plan.total_seconds == 24 * 3600


def test_too_many_segments_is_located_at_the_block(write):
    from limber.library import load

    path = write("""
        name: Many
        steps:
          - {name: Warm up, duration: 10}
          - repeat: 1000
            steps:
              - repeat: 1000
                steps: [{rest: 0}]
    """)
    with pytest.raises(RoutineError) as caught:
        load(path)
    assert str(caught.value) == f"{path}:4:5: this block takes the routine past 100,000 segments, the most a routine may have"


# -- numbers longer than Python reads -----------------------------------------------------------
HUGE = "1" * 5000


@pytest.mark.parametrize(
    "field, expected",
    [
        (f"reps: {HUGE}", "4:11: `reps` is too large: at most 1,000"),
        (f"duration: {HUGE}", "4:15: `duration` is far too long; the longest allowed is 24 hours"),
        (f'duration: "{HUGE}:00"', "4:15: `duration` is far too long; the longest allowed is 24 hours"),
        (f"duration: {HUGE}:00:00", "4:15: `duration` is far too long; the longest allowed is 24 hours"),
        (f"duration: {HUGE}s", "4:15: `duration` is far too long; the longest allowed is 24 hours"),
        (f"duration: {HUGE}h", "4:15: `duration` is far too long; the longest allowed is 24 hours"),
        (f"duration: 5\n    sets: {HUGE}", "5:11: `sets` is too large: at most 100"),
    ],
    ids=["reps", "seconds", "M:SS", "H:MM:SS", "units s", "units h", "sets"],
)
def test_a_number_of_thousands_of_digits_is_a_located_problem(write, field, expected):
    path = write(f"name: X\nsteps:\n  - name: A\n    {field}\n")
    assert problems(path) == [f"{path}:{expected}"]


def test_a_config_number_of_thousands_of_digits_is_a_located_problem(tmp_path):
    from limber.config import ConfigError, read_settings

    path = tmp_path / "config.yaml"
    path.write_text(f"volume: {HUGE}\n")
    with pytest.raises(ConfigError) as caught:
        read_settings(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:1:9: `volume` is too large"]


# -- messages that say what is actually wrong -------------------------------------------------
@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        ("name: !foo T\nsteps: [{rest: 1}]\n", "1:7: `name` has a tag (!foo) limber does not read: remove it"),
        ("name: X\nsteps: [{name: A, duration: !!binary MTIz}]\n",
         "2:29: `duration` has a tag (!!binary) limber does not read: remove it"),
        ("name: X\nsteps: [{name: A, reps: !x 3}]\n", "2:25: `reps` has a tag (!x) limber does not read: remove it"),
        ("name: 2024-01-01\nsteps: [{rest: 1}]\n", "1:7: `name` is a date to YAML: put it in quotes"),
        ("name: X\nsteps: [{name: A, duration: 5, targets: [2024-01-01]}]\n",
         "2:42: `targets[0]` is a date to YAML: put it in quotes"),
        ("name: 5\nsteps: [{rest: 1}]\n", "1:7: `name` is a number to YAML (5): put it in quotes to use it as text"),
        ("name:\nsteps: [{rest: 1}]\n", "1:6: `name` is empty"),
        ("name: X\nnotice:\nsteps: [{rest: 1}]\n", "2:8: `notice` is empty: write some text, or leave it out"),
        ("name: X\nsteps: [{name: A, reps: -5}]\n", "2:25: `reps` must be at least 1, not -5"),
        ("name: X\nsteps: [{name: A, reps: 2.5}]\n", "2:25: `reps` must be a whole number, not 2.5"),
        ("name: X\nsteps: [{name: A, reps: 0x10}]\n",
         "2:25: `reps` must be a whole number written in digits 0-9, such as 3, not 0x10"),
        ("name: X\nsteps: [{name: A, reps: ３}]\n", "2:25: `reps` must be written in the digits 0-9, not '３'"),
        ("name: X\nsteps: [{name: A, reps: '3'}]\n", "2:25: `reps` is in quotes ('3'): write the number without them"),
        ("name: X\nsteps: [{name: A, reps: many}]\n", "2:25: `reps` should be a whole number, not the text 'many'"),
        ("name: X\nsteps: [{name: A, reps: }]\n", "2:25: `reps` is empty: give a whole number"),
        ("name: X\nsteps: [{name: A, duration: -5}]\n", "2:29: `duration` must be longer than 0 seconds, not -5"),
        ("name: X\nsteps: [{rest: -1m}]\n", "2:16: `rest` must be 0 or more, not -1m"),
        ("name: X\nsteps: [{rest: ３０}]\n",
         "2:16: `rest`: '３０' is not a duration: use the digits 0-9, as in 30, 45s or 1:30"),
        ("name: X\nsteps: [{rest: }]\n", "2:16: `rest` is empty: give a duration such as 30, 45s or 1:30"),
        ("name: X\ndefaults: !foo 5\nsteps: [{rest: 1}]\n",
         "2:11: `defaults` should be a mapping of keys to values, not a value tagged !foo"),
        ("name: X\n" + "k" * 300 + ": 1\nsteps: [{rest: 1}]\n",
         "2:1: unknown key `" + "k" * 23 + "…` in the routine; expected one of: name, description, notice, defaults, steps, sounds"),
    ],
)
def test_messages_say_what_is_actually_wrong(write, yaml_text, expected):
    path = write(yaml_text)
    assert problems(path) == [f"{path}:{expected}"]


def test_a_plus_sign_and_a_lone_equals_sign_read_as_a_person_reads_them(write):
    routine = load_routine(write("name: =\nsteps: [{name: A, reps: +5}]\n"))
    assert routine.name == "=" and routine.steps[0].reps == 5


# -- YAML syntax errors at the character ----------------------------------------------------------
SYNTAX = [
    # A control character YAML refuses: the error has a position but no mark.
    ("name: Café 😀\nsteps:\n  - name: A\x07\n", "3:12: a control character, U+0007 (BEL), that YAML does not allow in a file: remove it"),
    ("name: X\nnotice: é\x1b[2J\n", "2:10: a control character, U+001B (ESC), that YAML does not allow in a file: remove it"),
    ("name: é\nsteps: a\x9b\n", "2:9: a control character, U+009B (CSI), that YAML does not allow in a file: remove it"),
    ("name: X\r\nsteps:\r\n  - \x7f\r\n", "3:5: a control character, U+007F (DEL), that YAML does not allow in a file: remove it"),
    # Tabs where YAML wants indentation, whichever way each loader words it.
    ("name: X\nsteps:\n\t- name: A\n", "3:1: YAML syntax: a tab character: YAML indents with spaces only"),
    ("name: X\nsteps:\n  - name: Aé\n    \tduration: 5\n", "4:5: YAML syntax: a tab character: YAML indents with spaces only"),
    ("name: é😀\n\tsteps: 1\n", "2:1: YAML syntax: a tab character: YAML indents with spaces only"),
    # Other syntax errors, after wide characters on the same line.
    ("name: é😀é\n  steps: 1\n", "2:8: YAML syntax: mapping values are not allowed"),
    ("name: é😀: b\n", "1:9: YAML syntax: mapping values are not allowed"),
    ('name: "é\nsteps: 1\n', "3:1: YAML syntax: found unexpected end of stream"),
    ("name: X\nsteps: [\n", "3:1: YAML syntax: "),
]


@pytest.mark.parametrize("loader", ["C", "Python"])
@pytest.mark.parametrize("yaml_text, expected", SYNTAX)
def test_syntax_errors_point_at_their_line_and_column(write, monkeypatch, loader, yaml_text, expected):
    import yaml

    from limber.routine import loader as routine_loader

    if loader == "C" and not hasattr(yaml, "CSafeLoader"):
        pytest.skip("this PyYAML has no C loader")
    monkeypatch.setattr(routine_loader, "_Loader", yaml.CSafeLoader if loader == "C" else yaml.SafeLoader)
    path = write(yaml_text.encode("utf-8"))
    found = one_problem(path)
    assert found.startswith(f"{path}:{expected}"), found


# -- control characters in a routine's text -----------------------------------------------------
@pytest.mark.parametrize(
    "yaml_text, expected",
    [
        ('name: "\\e[?1049l"\nsteps: [{rest: 1}]\n', "1:7: `name` holds a control character, U+001B (ESC): remove it"),
        ('name: X\nnotice: "\\e]0;pwned\\a"\nsteps: [{rest: 1}]\n', "2:9: `notice` holds a control character, U+001B (ESC): remove it"),
        ('name: X\ndescription: "fine\\n\\x9b2J"\nsteps: [{rest: 1}]\n',
         "2:14: `description` holds a control character, U+009B (CSI): remove it"),
        ('name: X\nsteps:\n  - name: A\n    duration: 5\n    instructions: "\\e]52;c;cm0gLXJm\\a"\n',
         "5:19: `instructions` holds a control character, U+001B (ESC): remove it"),
        ('name: X\nsteps: [{name: A, duration: 5, targets: [neck, "\\u202eeci"]}]\n',
         "2:48: `targets[1]` holds a control character, U+202E: remove it"),
        ('name: X\nsteps: [{name: A, duration: 5, sides: ["\\x9b2J", right]}]\n',
         "2:40: `sides[0]` holds a control character, U+009B (CSI): remove it"),
        ('name: X\nsteps: [{rest: 5, name: "Re\\rst"}]\n', "2:25: `name` holds a control character, U+000D (CR): remove it"),
        ('"x-\\e[2J": 1\nname: X\nsteps: [{rest: 1}]\n', "1:1: a key in the routine holds a control character, U+001B (ESC): remove it"),
        ('name: X\nsounds: {go: "\\e[2J.wav"}\nsteps: [{rest: 1}]\n', "2:14: `sounds.go` holds a control character, U+001B (ESC): remove it"),
        # A line break is fine in instructions, notice and description; not in a one-line field.
        ('name: "Two\\nlines"\nsteps: [{rest: 1}]\n', "1:7: `name` holds a line break: remove it"),
        ('name: X\nsteps: [{name: A, duration: 5, sides: ["left\\nside", right]}]\n', "2:40: `sides[0]` holds a line break: remove it"),
    ],
)
def test_control_characters_in_text_are_located_problems(write, yaml_text, expected):
    path = write(yaml_text)
    found = problems(path)
    assert found == [f"{path}:{expected}"]
    assert "\x1b" not in found[0] and "\x9b" not in found[0]


def test_line_breaks_are_fine_where_text_runs_over_lines(write):
    routine = load_routine(write('name: X\nnotice: "a\\nb"\ndescription: "c\\nd"\nsteps:\n'
                                 '  - {name: A, duration: 5, instructions: "Sit.\\n\\tBreathe."}\n'))
    assert routine.notice == "a\nb" and routine.steps[0].instructions == "Sit.\n\tBreathe."


def test_no_problem_puts_a_control_character_on_the_terminal(tmp_path):
    from limber.printable import unsafe_character
    from limber.routine import Problem

    problem = Problem("evil\x1b]0;title\x07.yaml", 1, 2, "unknown key `\x9b2J`\nnext")
    assert str(problem) == "evil\\x1b]0;title\\x07.yaml:1:2: unknown key `\\x9b2J` next"
    # A real file whose name carries an escape: every problem comes out clean.
    path = tmp_path / "bad\x1b[2J.yaml"
    path.write_text("name: X\nsteps: [{name: A, reps: 0}]\n")
    found = problems(path)
    assert found and all(unsafe_character(p, newlines=False) is None for p in found)
    assert found[0].startswith(str(tmp_path) + "/bad\\x1b[2J.yaml:2:25: ")
