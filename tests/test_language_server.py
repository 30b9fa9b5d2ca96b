"""Editors agree with limber: the real yaml-language-server, driven as an editor drives it.

Every routine in the corpora, the bundled routines as installed from a wheel and a `limber new`
routine are opened in the server; it must flag a file exactly when `limber validate` does, and
on the same lines, but for the known gaps (tests/editor_gaps.py, docs/routine-format.md).
Completion and hover are checked for the keys people type.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from limber import library
from limber.routine import RoutineError, parse_routine
from limber.routine.schema import BUNDLED_MODELINE, routine_schema

from tests.conftest import REPO, ROUTINES
from tests.editor_gaps import DURATION_FIELDS, KNOWN_GAPS, NAME_TEXTS, duration_texts, name_routine
from tests.editor_gaps import parts_decide_alone, table_routine
from tests.language_server import LanguageServer, server_command

CASES = REPO / "tests" / "routines"
CORPUS = sorted(CASES.glob("*/*.yaml"))
SCHEMA = REPO / "docs" / "routine.schema.json"
# Documents that exist only in the editor (never written) sit here, where the settings give them the schema.
UNSAVED = CASES / "unsaved"

pytestmark = pytest.mark.editor


@pytest.fixture(scope="module")
def server():
    command, why = server_command()
    if command is None:
        pytest.skip(why)
    language_server = LanguageServer(command, REPO)
    # As a person would set it up: the schema for the corpora; bundled routines carry their own line.
    language_server.configure({SCHEMA.as_uri(): ["tests/routines/**/*.yaml"]})
    yield language_server
    language_server.shutdown()


def limber_lines(path: Path) -> set[int]:
    """The lines `limber validate` reports a problem on; empty when it takes the file."""
    try:
        library.load(path)
    except RoutineError as error:
        return {problem.line for problem in error.problems}
    return set()


def editor_lines(diagnostics: list[dict]) -> set[int]:
    return {d["range"]["start"]["line"] + 1 for d in diagnostics}


@pytest.fixture(scope="module")
def corpus_diagnostics(server) -> dict[Path, list[dict]]:
    """Every corpus file opened at once, as a person opening a folder would, and what the server says."""
    uris = {path: server.open(path) for path in CORPUS}
    found = {path: server.diagnostics(uri) for path, uri in uris.items()}
    for uri in uris.values():
        server.close(uri)
    return found


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_editor_flags_a_routine_exactly_when_limber_does_and_on_the_same_lines(path, corpus_diagnostics):
    diagnostics = corpus_diagnostics[path]
    expected = limber_lines(path)
    assert bool(expected) is (path.parent.name == "invalid")
    gap = KNOWN_GAPS.get(f"{path.parent.name}/{path.name}")
    if gap:
        assert diagnostics == [], f"the editor now flags this file; take it off the known gaps ({gap})"
        return
    assert editor_lines(diagnostics) == expected, [d["message"] for d in diagnostics]


def test_a_duration_the_editor_refuses_says_what_a_duration_looks_like(corpus_diagnostics):
    [diagnostic] = corpus_diagnostics[CASES / "invalid" / "bad-unit.yaml"]
    assert "units (45s, 2m, 1m30s, 1h) or M:SS (1:30)" in diagnostic["message"]
    assert "at most 24 hours" in diagnostic["message"]
    [diagnostic] = corpus_diagnostics[CASES / "invalid" / "blank-name.yaml"]
    assert "not blank" in diagnostic["message"]


# -- durations: the patterns as JavaScript reads them ------------------------------------------


@pytest.mark.parametrize("quoted", [True, False], ids=["quoted", "plain"])
@pytest.mark.parametrize("field", DURATION_FIELDS)
def test_the_editor_takes_a_duration_exactly_when_limber_does(server, field, quoted):
    text, where = table_routine(field, duration_texts(), quoted=quoted)
    try:
        parse_routine(text, "table.yaml")
        by_limber: set[int] = set()
    except RoutineError as error:
        by_limber = {problem.line for problem in error.problems}
    uri = server.open(UNSAVED / f"{field}-{'quoted' if quoted else 'plain'}.yaml", text)
    by_editor = editor_lines(server.diagnostics(uri))
    server.close(uri)
    _, least, above = DURATION_FIELDS[field]
    differ = sorted(where[line] for line in by_limber ^ by_editor if parts_decide_alone(where[line], least, above))
    assert differ == [], f"{field}: the editor and limber part on these"
    assert 0 < len(by_limber) < len(where)


def test_the_editor_takes_a_name_exactly_when_limber_does(server):
    text, where = name_routine(NAME_TEXTS)
    try:
        parse_routine(text, "names.yaml")
        by_limber: set[int] = set()
    except RoutineError as error:
        by_limber = {problem.line for problem in error.problems}
    uri = server.open(UNSAVED / "names.yaml", text)
    by_editor = editor_lines(server.diagnostics(uri))
    server.close(uri)
    assert sorted(map(repr, (where[line] for line in by_limber ^ by_editor))) == []
    assert by_limber


# -- the bundled routines as installed, and a new routine ---------------------------------------


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """limber installed from a wheel into a folder of its own: its package folder."""
    base = tmp_path_factory.mktemp("installed")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "wheel"), str(REPO)],
                           capture_output=True, text=True, timeout=300, check=False)
    if build.returncode != 0:
        pytest.skip(f"could not build a wheel here: {build.stderr[-300:]}")
    wheel = next((base / "wheel").glob("limber-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(base / "site"), str(wheel)],
                   check=True, timeout=300)
    return base / "site" / "limber"


def test_the_installed_bundled_routines_find_their_schema_and_are_clean(server, installed):
    routines = sorted((installed / "routines").glob("*.yaml"))
    assert [p.name for p in routines] == [p.name for p in sorted(ROUTINES.glob("*.yaml"))]
    for path in routines:
        assert path.read_text().splitlines()[0] == BUNDLED_MODELINE
        uri = server.open(path)
        assert server.diagnostics(uri) == [], path.name  # "Unable to load schema" would be one
        server.close(uri)
    # The schema is really read: the same routine with a mistake in it is flagged where limber flags it.
    broken = routines[0].read_text().replace("steps:\n", "steps:\n  - {name: Oops, duration: 30x}\n", 1)
    line = broken.splitlines().index("  - {name: Oops, duration: 30x}") + 1
    uri = server.open(routines[0].with_name("broken.yaml"), broken)
    assert editor_lines(server.diagnostics(uri)) == {line}
    server.close(uri)
    with pytest.raises(RoutineError) as error:
        parse_routine(broken, "broken.yaml", base_dir=routines[0].parent)
    assert {problem.line for problem in error.value.problems} == {line}


def test_a_new_routine_is_clean_in_the_editor(server):
    path = library.new_routine("Lunch stretch")
    assert path.read_text().startswith("# yaml-language-server: $schema=../routine.schema.json")
    uri = server.open(path)
    assert server.diagnostics(uri) == []
    server.close(uri)


# -- completion and hover ------------------------------------------------------------------------

# Where a person types a new key, marked |, in each kind of mapping.
CONTEXTS = {
    "top": "|\nsteps:\n  - {name: A, duration: 5}\n",
    "defaults": "name: X\ndefaults:\n  |\nsteps:\n  - {name: A, duration: 5}\n",
    "exercise": "name: X\nsteps:\n  - name: A\n    |\n",
    "rest": "name: X\nsteps:\n  - {name: A, duration: 5}\n  - rest: 5\n    |\n",
    "repeat": "name: X\nsteps:\n  - repeat: 2\n    steps: [{rest: 1}]\n    |\n",
}


def _expand(snippet: str) -> str:
    """A snippet as inserted when the person takes every placeholder's suggestion."""
    snippet = re.sub(r"\$\{\d+\|([^,|]*)[^}]*\}", r"\1", snippet)  # a choice: the first
    snippet = re.sub(r"\$\{\d+:([^}]*)\}", r"\1", snippet)
    return re.sub(r"\$\d+", "", snippet)


def _complete(server, name: str, text: str) -> tuple[str, int, list[dict]]:
    before, after = text.split("|")
    line = before.count("\n")
    column = len(before) - before.rfind("\n") - 1
    uri = server.open(UNSAVED / f"complete-{name}.yaml", before + after)
    server.diagnostics(uri)
    items = server.completion(uri, line, column)
    server.close(uri)
    return before + after, line, items


@pytest.mark.parametrize("context", CONTEXTS)
def test_completion_inserts_only_values_the_schema_takes(server, context):
    text, line, items = _complete(server, context, CONTEXTS[context])
    filled = [item for item in items if re.search(r"\$\{\d+[:|][^}]", item.get("insertText", ""))]
    assert filled, "some completion here suggests a value"
    for item in filled:
        inserted = _expand(item["textEdit"]["newText"] if "textEdit" in item else item["insertText"])
        lines = text.splitlines()
        indent = lines[line]
        inserted = inserted.replace("\n", "\n" + indent)
        lines[line] = indent + inserted
        uri = server.open(UNSAVED / f"inserted-{context}-{item['label']}.yaml", "\n".join(lines) + "\n")
        flagged = [d for d in server.diagnostics(uri)
                   if line <= d["range"]["start"]["line"] <= line + inserted.count("\n")]
        server.close(uri)
        assert flagged == [], f"{item['label']}: inserts {inserted.strip()!r}, which the schema refuses"


def test_the_counts_suggest_a_count_the_schema_takes(server):
    _, _, items = _complete(server, "counts", CONTEXTS["exercise"])
    _, _, block = _complete(server, "block", "name: X\nsteps:\n  - steps: [{rest: 1}]\n    |\n")
    inserts = {item["label"]: _expand(item["insertText"]) for item in items + block}
    assert inserts["reps"] == "reps: 10"
    assert inserts["sets"] == "sets: 1"
    assert inserts["repeat"] == "repeat: 3"


def test_completion_offers_every_key_with_its_description(server):
    _, _, items = _complete(server, "exercise-keys", CONTEXTS["exercise"])
    offered = {item["label"]: item.get("documentation") for item in items}
    exercise = routine_schema()["$defs"]["exercise"]["properties"]
    for key, schema in exercise.items():
        if key == "name":
            continue  # already written
        documentation = offered[key]
        text = documentation["value"] if isinstance(documentation, dict) else documentation
        assert schema["description"] in text, key


HOVERED = """\
name: Lunch
description: Away from the keyboard.
defaults:
  rest: 10s
steps:
  - name: Squats
    reps: 10
    sets: 2
  - repeat: 2
    steps:
      - {name: Plank, duration: 30s}
"""


@pytest.mark.parametrize("key, line, words", [
    ("name", 0, "The routine's name."),
    ("description", 1, "What the routine is for"),
    ("defaults", 2, "Lengths used wherever a step does not give its own."),
    ("rest", 3, "Rest put between consecutive steps."),
    ("steps", 4, "What the routine does, in order"),
    ("reps", 6, "How many repetitions."),
    ("sets", 7, "How many times to do it"),
    ("repeat", 8, "How many rounds."),
])
def test_hover_describes_each_key(server, key, line, words):
    uri = server.open(UNSAVED / f"hover-{key}.yaml", HOVERED)
    server.diagnostics(uri)
    column = HOVERED.splitlines()[line].index(key) + 1
    shown = server.hover(uri, line, column)
    server.close(uri)
    assert words in shown, shown
