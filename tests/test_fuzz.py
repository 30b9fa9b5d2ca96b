"""Seeded fuzzing of the routine reader: mutated routines and the YAML test suite's cases through
the loader, the validator and the plan, where only limber's own RoutineError may come out.

Each batch runs in one forked child (tests/hostile/isolate.py) with a wall, CPU and memory
limit, so a hang or a blow-up fails the test instead of stalling the suite. A failing
mutation is named by its number: `mutate(source, Random(SEED + number))` makes it again.
"""

from __future__ import annotations

import json
import random
import re
import time
import traceback
from pathlib import Path


import limber.routine.validate  # noqa: F401  (loaded here once, not in every child)
from limber.cli import plan_table
from limber.routine import RoutineError, compile_plan
from limber.routine.validate import load_routine_bytes

from tests.conftest import REPO, ROUTINES
from tests.hostile.isolate import run_isolated

SEED = 20240611
MUTANTS = 3000
CASE_CPU_LIMIT = 1.0  # seconds of CPU for any one document
CORPUS = Path(__file__).resolve().parent / "corpus"
SOURCES = sorted(ROUTINES.glob("*.yaml")) + sorted((REPO / "tests" / "routines" / "valid").glob("*.yaml"))

# What a number in a routine may become: the edges a hand or a tool could write.
EXTREMES = [
    "0", "-0", "-1", "1", "0.0000001", "1e400", "-1e400", ".inf", "-.inf", ".nan", "1" + "0" * 100,
    "0x7fffffffffffffff", "0o777", "1_000", "99:99:99", "0:00:00", "1:" * 50 + "00",
    "100000000000000000000s", "1e-400", "18446744073709551617", "~", "[]", "{}", "''",
]
# Past Python's 4,300-digit limit on turning text into an int: kept apart (see the test below).
HUGE = "9" * 5000
NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
KEY = re.compile(rb"^(\s*(?:-\s+)?)([A-Za-z_]+):", re.MULTILINE)


def read_through(data: bytes, name: str) -> list[str]:
    """The document read, checked and laid out as `limber plan` does; its problems if it has any."""
    try:
        routine = load_routine_bytes(data, name)
        plan = compile_plan(routine, path=name)
        plan_table(plan)
        json.dumps(plan.to_json())
    except RoutineError as error:
        return [str(problem) for problem in error.problems]
    return []


# -- mutations -------------------------------------------------------------------------------------
def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] ^= rng.randint(1, 255)
    return bytes(out)


def delete_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_line(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    at = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[at])
    return b"\n".join(lines)


def extreme_number(data: bytes, rng: random.Random, extremes: list[str] = EXTREMES) -> bytes:
    found = list(NUMBER.finditer(data))
    if not found:
        return flip_bytes(data, rng)
    match = rng.choice(found)
    return data[:match.start()] + rng.choice(extremes).encode() + data[match.end():]


def swap_keys(data: bytes, rng: random.Random) -> bytes:
    """One key renamed to another key of the format (`duration` becomes `reps`, `steps` becomes `name`...)."""
    found = list(KEY.finditer(data))
    if len(found) < 2:
        return duplicate_line(data, rng)
    match = rng.choice(found)
    other = rng.choice(found).group(2)
    return data[:match.start(2)] + other + data[match.end(2):]


MUTATIONS = [flip_bytes, delete_line, duplicate_line, extreme_number, swap_keys]


def mutate(source: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    data, done = source, []
    for _ in range(rng.randint(1, 3)):
        mutation = rng.choice(MUTATIONS)
        data = mutation(data, rng)
        done.append(mutation.__name__)
    return data, done


# -- running a batch in a child ------------------------------------------------------------------------
def run_batch(documents: list[tuple[str, bytes]]) -> list[str]:
    """In a child: every document through `read_through`; what went wrong with each, if anything."""
    faults = []
    for name, data in documents:
        before = time.process_time()
        try:
            problems = read_through(data, name)
        except Exception:
            faults.append(f"{name}: an exception escaped:\n{traceback.format_exc()[-1500:]}"
                          f"\ndocument: {data[:400]!r}")
            continue
        spent = time.process_time() - before
        if spent >= CASE_CPU_LIMIT:
            faults.append(f"{name}: {spent:.2f} s of CPU")
        for line in problems:
            if not line.startswith(name + ":") or "Traceback" in line:
                faults.append(f"{name}: not a problem line: {line[:300]!r}")
            if "\x1b" in line or "\x9b" in line:
                faults.append(f"{name}: an escape in a problem: {line[:300]!r}")
    return faults


def mutants() -> list[tuple[str, bytes]]:
    sources = [(path.name, path.read_bytes()) for path in SOURCES]
    documents = []
    for number in range(MUTANTS):
        rng = random.Random(SEED + number)
        source_name, source = sources[number % len(sources)]
        data, done = mutate(source, rng)
        documents.append((f"mutant-{number}-{source_name}-{'+'.join(done)}.yaml", data))
    return documents


def huge_mutants(count: int = 200) -> list[tuple[str, bytes]]:
    """Each source with one of its numbers made 5,000 digits long."""
    sources = [(path.name, path.read_bytes()) for path in SOURCES]
    documents = []
    for number in range(count):
        rng = random.Random(SEED - 1 - number)
        source_name, source = sources[number % len(sources)]
        documents.append((f"huge-{number}-{source_name}.yaml", extreme_number(source, rng, [HUGE])))
    return documents


def test_the_sources_are_valid_to_begin_with():
    assert len(SOURCES) >= 5
    for path in SOURCES:
        assert read_through(path.read_bytes(), path.name) == [], path


def test_mutations_change_the_documents():
    documents = mutants()
    sources = {path.read_bytes() for path in SOURCES}
    changed = sum(data not in sources for _name, data in documents)
    assert changed > MUTANTS * 0.95
    assert len({data for _name, data in documents}) > MUTANTS * 0.8  # small sources repeat a little
    for mutation in MUTATIONS:  # every kind of mutation is in the mix
        assert any(mutation.__name__ in name for name, _data in documents), mutation.__name__


def test_mutated_routines_give_problems_never_a_crash():
    documents = mutants()
    report = run_isolated(run_batch, documents, wall_limit=60, cpu=40)
    assert report.problem() is None, report.problem()
    faults = report.value
    assert not faults, f"{len(faults)} of {len(documents)} mutants went wrong:\n" + "\n\n".join(faults[:10])
    assert report.cpu < 20, f"the fuzzing took {report.cpu:.1f} s of CPU"


def test_numbers_of_5000_digits_give_problems_never_a_crash():
    documents = huge_mutants()
    assert sum(HUGE.encode() in data for _name, data in documents) == len(documents)
    report = run_isolated(run_batch, documents, wall_limit=60, cpu=20)
    assert report.problem() is None, report.problem()
    assert not report.value, f"{len(report.value)} of {len(documents)} went wrong:\n" + "\n\n".join(report.value[:5])


# -- the YAML test suite --------------------------------------------------------------------------------
def yaml_test_suite() -> list[tuple[str, bytes]]:
    suite = json.loads((CORPUS / "yaml-test-suite.json").read_text(encoding="utf-8"))
    return [(f"yts-{case['id']}.yaml", case["yaml"].encode("utf-8", "surrogatepass")) for case in suite["cases"]]


def test_the_yaml_test_suite_is_all_there():
    cases = yaml_test_suite()
    assert len(cases) >= 400
    assert (CORPUS / "yaml-test-suite.LICENSE").read_text().startswith("MIT License")
    # The cases that matter most here are in it: tags, anchors and aliases, directives.
    texts = b"\n".join(data for _name, data in cases)
    for needle in (b"!!", b"&", b"*", b"%YAML", b"!<tag:"):
        assert needle in texts, needle


def test_every_yaml_test_suite_case_gives_problems_never_a_crash():
    cases = yaml_test_suite()
    report = run_isolated(run_batch, cases, wall_limit=60, cpu=30)
    assert report.problem() is None, report.problem()
    assert not report.value, f"{len(report.value)} cases went wrong:\n" + "\n\n".join(report.value[:10])
