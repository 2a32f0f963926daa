"""Records: dataclasses whose ``__eq__``, ``__hash__`` and ``__repr__`` are shared
functions rather than code compiled for each class.

Python 3.11 writes each method a dataclass generates as source text and compiles
it on its own, about a tenth of a millisecond each: six methods for a frozen
class, three for another. ``score`` imports some thirty records, and compiling
their methods was a twentieth of its start-up. :func:`record` lets
:func:`dataclasses.dataclass` generate only what must be compiled (``__init__``,
and a frozen class's ``__setattr__`` and ``__delattr__``) and gives every class
the same comparison, hash and repr, reading the fields with one
:func:`operator.attrgetter` (C code, as fast as the generated methods).

The semantics are the dataclass's: equal when of the same class and the compared
fields are equal as a tuple; a frozen record hashes its compared fields (or
those with ``hash=True``), another is unhashable; the repr lists the fields with
``repr=True`` (a record met again inside itself shows as ``...``); a method the
class writes itself is kept. ``dataclasses.fields``, ``replace`` and ``asdict``
work as on any dataclass.
"""

from __future__ import annotations

import dataclasses
import reprlib
from collections.abc import Callable
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["record"]

T = TypeVar("T")


@overload
def record(cls: type[T], /) -> type[T]: ...


@overload
def record(*, frozen: bool = False, eq: bool = True) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def record(
    cls: type[T] | None = None, /, *, frozen: bool = False, eq: bool = True
) -> type[T] | Callable[[type[T]], type[T]]:
    """:func:`dataclasses.dataclass` with shared comparison, hash and repr (module doc)."""

    def wrap(c: type[T]) -> type[T]:
        return _made(c, frozen=frozen, eq=eq)

    return wrap if cls is None else wrap(cls)


def _made(cls: type[T], *, frozen: bool, eq: bool) -> type[T]:
    own = dict(cls.__dict__)
    made = dataclasses.dataclass(frozen=frozen, eq=False, repr=False)(cls)
    fields = dataclasses.fields(made)  # type: ignore[arg-type]
    if "__repr__" not in own:
        made.__repr__ = _repr(tuple(f.name for f in fields if f.repr))  # type: ignore[method-assign]
    if not eq:
        return made
    if "__eq__" not in own:
        made.__eq__ = _eq(_values(f.name for f in fields if f.compare))  # type: ignore[method-assign]
    # as dataclass: a class's own __hash__ stands, unless Python set it to None for its own __eq__
    if "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own):
        return made
    if frozen:
        hashed = (f.name for f in fields if (f.compare if f.hash is None else f.hash))
        made.__hash__ = _hash(_values(hashed))  # type: ignore[assignment]
    else:
        made.__hash__ = None  # type: ignore[assignment]
    return made


def _values(names: Any) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's values of ``names`` as a tuple."""
    names = tuple(names)
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, Any], Any]:
    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr(names: tuple[str, ...]) -> Callable[[Any], str]:
    @reprlib.recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__
