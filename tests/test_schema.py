"""The JSON Schema and the validator agree: over the same files, each accepts what the other accepts."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from limber.routine import DurationError, RoutineError, load_routine, parse_duration
from limber.routine.schema import DURATION_PATTERN, routine_schema, schema_text

from tests.conftest import REPO, ROUTINES
from tests.yaml12 import load_as_editor

CASES = REPO / "tests" / "routines"
VALIDATOR = jsonschema.Draft202012Validator(routine_schema())
FILES = sorted(CASES.glob("*/*.yaml")) + sorted(ROUTINES.glob("*.yaml"))


def schema_accepts(path) -> bool:
    return VALIDATOR.is_valid(load_as_editor(path.read_text()))


def limber_accepts(path) -> bool:
    try:
        load_routine(path)
    except RoutineError:
        return False
    return True


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(routine_schema())


@pytest.mark.parametrize("path", FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_schema_and_validator_agree(path):
    expected = path.parent.name != "invalid"
    assert limber_accepts(path) is expected
    assert schema_accepts(path) is expected


def test_limber_schema_prints_it_and_the_docs_copy_is_current():
    result = subprocess.run([sys.executable, "-m", "limber", "schema"], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert result.stdout == schema_text()
    assert (REPO / "docs" / "routine.schema.json").read_text() == schema_text(), "run: limber schema > docs/routine.schema.json"


def _parses(text: str) -> bool:
    try:
        parse_duration(text)
    except DurationError:
        return False
    return True


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.:hmsHMS _-x")), min_size=1, max_size=10))
def test_duration_pattern_matches_what_the_parser_reads(text):
    assert bool(re.match(DURATION_PATTERN, text)) == _parses(text), text
