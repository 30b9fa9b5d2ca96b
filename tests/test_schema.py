"""The JSON Schema and the validator agree: over the same files, each accepts what the other accepts.

Here the schema is checked by Python's jsonschema over YAML read as an editor reads it;
tests/test_language_server.py checks it in the real yaml-language-server.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from limber import library
from limber.routine import DurationError, RoutineError, parse_duration, parse_routine
from limber.routine.durations import duration_pattern
from limber.routine.limits import MAX_STEP_SECONDS
from limber.routine.schema import BUNDLED_MODELINE, routine_schema, schema_text

from tests.conftest import REPO, ROUTINES
from tests.editor_gaps import DURATION_FIELDS, KNOWN_GAPS, NAME_TEXTS, duration_texts, name_routine
from tests.editor_gaps import parts_decide_alone, table_routine
from tests.yaml12 import load_as_editor

CASES = REPO / "tests" / "routines"
VALIDATOR = jsonschema.Draft202012Validator(routine_schema())
FILES = sorted(CASES.glob("*/*.yaml")) + sorted(ROUTINES.glob("*.yaml"))


def schema_accepts(path) -> bool:
    return VALIDATOR.is_valid(load_as_editor(path.read_text()))


def limber_accepts(path) -> bool:
    """What `limber validate` says: the validator, then the plan's limits."""
    try:
        library.load(path)
    except RoutineError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(routine_schema())


def test_every_known_gap_is_a_corpus_file():
    assert all((CASES / name).is_file() for name in KNOWN_GAPS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_schema_and_validator_agree(path):
    expected = path.parent.name != "invalid"
    assert limber_accepts(path) is expected
    gap = KNOWN_GAPS.get(f"{path.parent.name}/{path.name}")
    if gap:
        assert schema_accepts(path), f"the schema now flags this file; take it off the known gaps ({gap})"
    else:
        assert schema_accepts(path) is expected


def test_limber_schema_prints_it_and_the_docs_copy_is_current():
    result = subprocess.run([sys.executable, "-m", "limber", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.stdout == schema_text()
    assert (REPO / "docs" / "routine.schema.json").read_text() == schema_text(), "run: limber schema > docs/routine.schema.json"


@pytest.mark.parametrize("path", sorted(ROUTINES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_bundled_routines_name_the_schema_beside_them(path):
    # ../docs/ from routines/ here, and from limber/routines/ in the installed package (pyproject.toml).
    assert path.read_text().splitlines()[0] == BUNDLED_MODELINE
    assert (path.parent / BUNDLED_MODELINE.split("=", 1)[1]).resolve() == REPO / "docs" / "routine.schema.json"


# -- durations: the schema's patterns against the validator, over a table ----------------------


def _flagged_by_limber(text: str) -> set[int]:
    try:
        parse_routine(text, "table.yaml")
    except RoutineError as error:
        return {problem.line for problem in error.problems}
    return set()


def _flagged_by_schema(text: str) -> set[int]:
    # Steps are one to a line, the first on the line after `steps:`.
    first = text.splitlines().index("steps:") + 2
    return {first + error.absolute_path[1] for error in VALIDATOR.iter_errors(load_as_editor(text))
            if len(error.absolute_path) >= 2 and error.absolute_path[0] == "steps"}


def test_the_schema_takes_a_name_exactly_when_limber_does():
    text, where = name_routine(NAME_TEXTS)
    by_limber, by_schema = _flagged_by_limber(text), _flagged_by_schema(text)
    assert sorted(map(repr, (where[line] for line in by_limber ^ by_schema))) == []
    assert {where[line] for line in by_limber} >= {"", " ", "\u3000", "A\x1bB", "A\nB"}


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "plain"])
@pytest.mark.parametrize("field", DURATION_FIELDS)
def test_the_schema_takes_a_duration_exactly_when_limber_does(field, quoted):
    text, where = table_routine(field, duration_texts(), quoted=quoted)
    by_limber, by_schema = _flagged_by_limber(text), _flagged_by_schema(text)
    _, least, above = DURATION_FIELDS[field]
    differ = sorted(where[line] for line in (by_limber ^ by_schema) if parts_decide_alone(where[line], least, above))
    assert differ == [], f"{field}: the schema and limber part on these"
    sums = [text for text in where.values() if not parts_decide_alone(text, least, above)]
    assert sums, "the table holds durations whose parts add up past a limit"
    assert len(where) > 900 and 0 < len(by_limber) < len(where)


def _in_range(text: str, least: float, above: bool) -> bool:
    try:
        seconds = parse_duration(text)
    except DurationError:
        return False
    return seconds <= MAX_STEP_SECONDS and (seconds > least if above else seconds >= least)


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.:hmsHMS _-x")), min_size=1, max_size=10),
       st.sampled_from(list(DURATION_FIELDS.values())))
def test_duration_patterns_match_what_the_parser_reads_within_range(text, field):
    _, least, above = field
    if not parts_decide_alone(text, least, above):
        return
    assert bool(re.match(duration_pattern(least, above=above), text)) == _in_range(text, least, above), text
