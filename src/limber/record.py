"""`@record`: a frozen dataclass that costs nothing to define.

`@dataclass(frozen=True)` writes six methods for each class as source text and compiles them
while the module is imported: half a millisecond a class, and the player's first frame waits
for thirty of them (about 15 ms of its start-up, benchmarks/startup.py). A record is declared
the same way and behaves the same way -- fields with defaults and `field(...)`, `fields()`,
`replace()`, `asdict()`, equality and hashing by value (fields with `compare=False` left
out), a dataclass-style repr, no assignment after `__init__`, `order=True` -- but its methods
are the shared ones below, written once, so defining a record compiles nothing.

The price is a slower `__init__` (a loop over the fields rather than straight-line code):
a fraction of a microsecond a record, which only a plan of thousands of segments notices
(benchmarks/scale.py).
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, field, fields
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["field", "record"]

T = TypeVar("T", bound=type)
_set = object.__setattr__


@overload
def record(cls: T, /) -> T: ...
@overload
def record(*, order: bool = False) -> Any: ...


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: Any = None, /, *, order: bool = False) -> Any:
    """Make `cls` a frozen record (see the module's notes); `@record(order=True)` also orders
    records of one class by their fields, in the order they are declared."""
    if cls is None:
        return lambda cls: _make(cls, order)
    return _make(cls, order)


def _make(cls: Any, order: bool) -> Any:
    # Only the fields are worked out here: no method is generated, so nothing is compiled.
    dataclass(init=False, repr=False, eq=False)(cls)
    every = fields(cls)
    names = tuple(f.name for f in every)
    defaults = {f.name: f.default for f in every if f.default is not MISSING}
    factories = {f.name: f.default_factory for f in every if f.default_factory is not MISSING}
    cls._record_names = names
    cls._record_name_set = frozenset(names)
    cls._record_defaults = defaults
    cls._record_factories = factories
    cls._record_compared = tuple(f.name for f in every if f.compare)
    cls._record_shown = tuple(f.name for f in every if f.repr)
    cls._record_post_init = hasattr(cls, "__post_init__")
    for name, method in _METHODS.items():
        if name not in cls.__dict__:
            setattr(cls, name, method)
    if order:
        for name, method in _ORDER.items():
            setattr(cls, name, method)
    return cls


def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
    cls = type(self)
    names = cls._record_names
    if len(args) > len(names):
        raise TypeError(f"{cls.__name__}() takes {len(names)} arguments but {len(args)} were given")
    # Checked as whole sets (at C speed): a plan of thousands of segments makes thousands.
    if kwargs and (not cls._record_name_set.issuperset(kwargs) or not kwargs.keys().isdisjoint(names[:len(args)])):
        name = next(name for name in kwargs if name not in cls._record_name_set or name in names[:len(args)])
        given = "multiple values for argument" if name in names else "an unexpected keyword argument"
        raise TypeError(f"{cls.__name__}() got {given} {name!r}")
    if len(args) + len(kwargs) == len(names):
        values = kwargs
        values.update(zip(names, args))
    else:
        values = dict(cls._record_defaults)
        values.update(zip(names, args))
        values.update(kwargs)
        if len(values) < len(names):
            for name in names:
                if name not in values:
                    if name not in cls._record_factories:
                        raise TypeError(f"{cls.__name__}() missing argument: {name!r}")
                    values[name] = cls._record_factories[name]()
    # Set one by one in the declared order, past the __setattr__ that keeps it frozen: records
    # of a class then share one table of keys, as dataclasses do (filling `self.__dict__` in one
    # go would give every record a dict of its own: more memory, and more for the collector).
    for name in names:
        _set(self, name, values[name])
    if cls._record_post_init:
        self.__post_init__()


def _values(self: Any) -> tuple:
    return tuple(getattr(self, name) for name in self._record_compared)


def __eq__(self: Any, other: object) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def __hash__(self: Any) -> int:
    return hash(_values(self))


def __repr__(self: Any) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_shown)
    return f"{type(self).__qualname__}({shown})"


def __setattr__(self: Any, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def __delattr__(self: Any, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


_METHODS = {"__init__": __init__, "__eq__": __eq__, "__hash__": __hash__, "__repr__": __repr__,
            "__setattr__": __setattr__, "__delattr__": __delattr__}


def _compare(test: Any) -> Any:
    def method(self: Any, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return test(_values(self), _values(other))
    return method


_ORDER = {"__lt__": _compare(lambda a, b: a < b), "__le__": _compare(lambda a, b: a <= b),
          "__gt__": _compare(lambda a, b: a > b), "__ge__": _compare(lambda a, b: a >= b)}
