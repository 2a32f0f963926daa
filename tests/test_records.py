"""Records behave as the dataclasses they replace: equality, hash, repr, frozenness."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.base.records import record


@record(frozen=True)
class Point:
    """A frozen record."""

    x: int
    y: int = 0
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)


@dataclass(frozen=True)
class PointDC:
    """The same as a dataclass."""

    x: int
    y: int = 0
    note: str = field(default="", compare=False)
    secret: str = field(default="", repr=False)


@record
class Box:
    """A record that is not frozen."""

    items: list[int] = field(default_factory=list)


@record(frozen=True)
class One:
    """A record of one field."""

    value: object


@record(frozen=True)
class Empty:
    """A record of no field."""


@record(frozen=True)
class Shown:
    """A record that writes its own repr."""

    name: str

    def __repr__(self) -> str:
        return f"<{self.name}>"


@record(eq=False)
class Identity:
    """A record compared by identity."""

    name: str


values = st.integers(-3, 3)


@given(values, values, st.text(max_size=3), values, values, st.text(max_size=3))
def test_equality_and_hash_are_the_dataclass_s(x1, y1, n1, x2, y2, n2):
    a, b = Point(x1, y1, n1), Point(x2, y2, n2)
    da, db = PointDC(x1, y1, n1), PointDC(x2, y2, n2)
    assert (a == b) == (da == db)
    assert (a != b) == (da != db)
    assert hash(a) == hash(da)
    assert repr(a) == repr(da).replace("PointDC", "Point")


def test_a_record_is_not_equal_to_another_class_with_the_same_fields():
    assert Point(1, 2) != PointDC(1, 2)
    assert Point(1, 2).__eq__(PointDC(1, 2)) is NotImplemented


def test_frozen_records_refuse_assignment_and_deletion():
    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.x  # type: ignore[misc]


def test_a_record_that_is_not_frozen_is_unhashable_and_compares_its_fields():
    assert Box([1]) == Box([1]) and Box([1]) != Box([2])
    with pytest.raises(TypeError, match="unhashable"):
        hash(Box())


def test_records_of_one_field_and_of_none():
    assert One(1) == One(1) and One(1) != One(2) and hash(One(1)) == hash((1,))
    assert Empty() == Empty() and hash(Empty()) == hash(()) and repr(Empty()) == "Empty()"


def test_a_repr_the_class_writes_stands_and_a_cycle_shows_as_dots():
    assert repr(Shown("a")) == "<a>"
    box = Box()
    box.items.append(box)  # type: ignore[arg-type]
    assert repr(box) == "Box(items=[...])"


def test_eq_false_compares_by_identity_and_hashes_by_identity():
    a, b = Identity("a"), Identity("a")
    assert a != b and a == a and hash(a) == object.__hash__(a)


def test_fields_replace_copy_and_pickle_work_as_on_a_dataclass():
    p = Point(1, 2, "n", "s")
    assert [f.name for f in dataclasses.fields(p)] == ["x", "y", "note", "secret"]
    assert dataclasses.replace(p, x=5) == Point(5, 2, "other note", "s")
    assert dataclasses.asdict(p) == {"x": 1, "y": 2, "note": "n", "secret": "s"}
    assert copy.deepcopy(p) == p and pickle.loads(pickle.dumps(p)) == p
