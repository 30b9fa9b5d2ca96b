"""`@record` behaves as `@dataclass(frozen=True)` does, for everything limber relies on."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, asdict, dataclass, fields, replace

import pytest

from limber.record import field, record


@record
class Step:
    """A step."""

    name: str
    seconds: float | None
    side: str | None = None
    targets: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    generated: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class StepAsDataclass:
    """The same, as a dataclass."""

    name: str
    seconds: float | None
    side: str | None = None
    targets: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    generated: bool = field(default=False, compare=False)


@record
class Event:
    """A base with fields of its own."""

    at: float


@record
class Counted(Event):
    """A subclass adding one."""

    number: int


class Paused(Event):
    """A plain subclass: inherits everything."""


@record(order=True)
class Place:
    """Ordered by line, then column."""

    line: int
    column: int
    message: str = field(default="", compare=True)


def test_construction_matches_a_dataclass():
    for args, kwargs in [(("Neck", 30.0), {}), (("Neck",), {"seconds": None, "side": "left"}),
                         ((), {"name": "Neck", "seconds": 1.0, "targets": ("neck",), "generated": True})]:
        made, expected = Step(*args, **kwargs), StepAsDataclass(*args, **kwargs)
        assert asdict(made) == asdict(expected)
        assert repr(made) == repr(expected).replace("StepAsDataclass", "Step")


def test_wrong_arguments_are_refused_as_a_dataclass_refuses_them():
    with pytest.raises(TypeError, match="missing argument: 'seconds'"):
        Step("Neck")
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        Step("Neck", 1.0, colour="red")
    with pytest.raises(TypeError, match="multiple values for argument 'name'"):
        Step("Neck", 1.0, name="Back")
    with pytest.raises(TypeError, match="takes 6 arguments but 7 were given"):
        Step("Neck", 1.0, None, (), [], False, "one too many")


def test_default_factories_give_each_record_its_own_value():
    first, second = Step("a", 1.0), Step("b", 1.0)
    first.notes.append("x")
    assert second.notes == []


def test_equality_and_hash_by_value_leaving_out_uncompared_fields():
    assert Step("Neck", 30.0) == Step("Neck", 30.0, generated=True)
    assert hash(Place(1, 2, "a")) == hash(Place(1, 2, "a")) != hash(Place(1, 2, "b"))
    with pytest.raises(TypeError, match="unhashable"):  # as a dataclass holding a list
        hash(Step("Neck", 30.0))
    assert Step("Neck", 30.0) != Step("Neck", 31.0)
    assert Step("Neck", 30.0) != StepAsDataclass("Neck", 30.0)  # another class is never equal
    assert len({Counted(1.0, 2), Counted(1.0, 2), Counted(1.0, 3)}) == 2


def test_frozen():
    step = Step("Neck", 30.0)
    with pytest.raises(FrozenInstanceError):
        step.name = "Back"  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del step.name  # type: ignore[misc]
    assert step.name == "Neck"


def test_fields_replace_and_asdict_work():
    step = Step("Neck", 30.0, side="left")
    assert [f.name for f in fields(step)] == ["name", "seconds", "side", "targets", "notes", "generated"]
    moved = replace(step, side="right")
    assert (moved.name, moved.side, step.side) == ("Neck", "right", "left")
    assert asdict(step)["side"] == "left"


def test_inheritance():
    counted = Counted(1.5, 3)
    assert (counted.at, counted.number) == (1.5, 3)
    assert repr(counted) == "Counted(at=1.5, number=3)"
    assert Paused(2.0) == Paused(2.0)
    assert Paused(2.0) != Event(2.0)  # same fields, another kind of event
    assert repr(Paused(2.0)) == "Paused(at=2.0)"
    with pytest.raises(FrozenInstanceError):
        counted.number = 4  # type: ignore[misc]


def test_order():
    places = [Place(3, 1), Place(1, 9), Place(1, 2, "b"), Place(1, 2, "a")]
    assert sorted(places) == [Place(1, 2, "a"), Place(1, 2, "b"), Place(1, 9), Place(3, 1)]
    assert Place(1, 1) < Place(1, 2) <= Place(1, 2) and Place(2, 0) > Place(1, 5) >= Place(1, 5)
    with pytest.raises(TypeError):
        assert Place(1, 1) < Counted(1.0, 1)  # type: ignore[operator]


def test_defining_a_record_compiles_nothing():
    # The point of a record: no method source is compiled when the class is defined.
    compiled = []
    import builtins

    real_exec = builtins.exec

    def watching_exec(*args, **kwargs):
        compiled.append(args[0])
        return real_exec(*args, **kwargs)

    builtins.exec = watching_exec
    try:
        @record
        class Fresh:
            """Made while exec is watched."""

            a: int
            b: str = ""
    finally:
        builtins.exec = real_exec
    assert compiled == []
    assert Fresh(1) == Fresh(1, "")



def test_a_record_sets_its_fields_in_their_declared_order_whatever_the_call():
    # So records of a class share one table of keys, as dataclasses do; filled in another order
    # (or all at once through `__dict__`), each would keep a dict of its own: more memory, and
    # more for the cycle collector (benchmarks/scale.py showed a fifth more of its passes).
    for made in (Step("a", 1.0), Step(generated=True, seconds=None, name="c"), Step("b", side="l", seconds=2.0)):
        assert list(vars(made)) == [f.name for f in fields(Step)]
