"""The compiled spec: frozen, plain data with positions, built once per spec."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import field
from fractions import Fraction
from typing import TYPE_CHECKING

from ..base.errors import Pos
from ..base.records import record
from .formula import Formula

if TYPE_CHECKING:
    from .family import Effective
    from .methods import Method


@record(frozen=True)
class Rounding:
    """How scores and the total are rounded."""

    places: int = 2
    mode: str = "half_up"
    apply: str = "each"
    pos: Pos | None = None


@record(frozen=True)
class GradeBand:
    """One grade and the least total that earns it."""

    grade: str
    min: Fraction
    pos: Pos


@record(frozen=True)
class InputDef:
    """One named input the spec's formulas read."""

    id: str
    name: str
    unit: str
    pos: Pos


@record(frozen=True)
class Aggregation:
    """How a group's children make its score."""

    kind: str  # sum weighted_mean mean min geometric_mean formula
    formula: Formula | None = None
    pos: Pos | None = None


@record(frozen=True)
class Indicator:
    """One indicator of the spec, a leaf or a group, with its positions."""

    id: str
    name: str
    weight: Fraction
    pos: Pos
    weight_pos: Pos
    description: str = ""
    source: str = ""
    unit: str = ""
    direction: str | None = None
    target: Fraction | None = None
    #: a text target of a qualitative indicator (健全, 按时完成), shown as 年度指标值
    target_label: str = ""
    target_pos: Pos | None = None
    derive: Formula | None = None
    derive_pos: Pos | None = None
    method: Method | None = None
    children: tuple[Indicator, ...] = ()
    aggregate: Aggregation = field(default_factory=lambda: Aggregation("sum"))
    not_applicable: str | None = None
    #: the spec marks this indicator's weight or rule as assumed (``assumed:``): the
    #: reason it gives, "" for ``assumed: true``; None when not assumed
    assumed: str | None = None

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    @property
    def standard(self) -> Fraction | None:
        """The value the rule measures an actual against, for telling a likely
        slip (a percentage typed as a fraction): the target, or, for bands with
        none, the least value of the band that gives the most (95 in ``>= 95: 5
        points``); None when there is neither."""
        if self.target is not None:
            return self.target
        bands = getattr(self.method, "bands", None)
        if not bands:
            return None
        top = max(bands, key=lambda b: b.points if b.points is not None else b.fraction or 0)
        return top.min if top.min is not None and top.min > 0 else None

    def walk(self) -> Iterator[Indicator]:
        yield self
        for c in self.children:
            yield from c.walk()


@record(frozen=True)
class Spec:
    """A compiled spec: its indicators, grades, rounding, and where it came from."""

    id: str
    title: str
    version: str
    source: str
    total: Fraction
    rounding: Rounding
    grades: tuple[GradeBand, ...]
    inputs: Mapping[str, InputDef]
    not_applicable: str
    aggregate: Aggregation
    indicators: tuple[Indicator, ...]
    file: str
    sha256: str
    by_id: Mapping[str, Indicator]
    description: str = ""
    pos: Pos | None = None
    #: raw inline test cases (``tests:``), checked by the test runner
    tests: tuple[object, ...] = ()
    #: id → the id of its group (None at the top level)
    parents: Mapping[str, str | None] = field(default_factory=dict)
    #: the --set PATH=VALUE changes applied to the file, in order
    changes: tuple[str, ...] = ()
    #: (file, sha256) of every file a composed spec came from (extends, include), in order
    sources: tuple[tuple[str, str], ...] = ()
    #: the dates a fiscal-year version is in force (``effective:``), or None
    effective: Effective | None = None

    def ancestors(self, iid: str) -> list[str]:
        """The groups above ``iid``, nearest first."""
        out = []
        parent = self.parents.get(iid)
        while parent is not None:
            out.append(parent)
            parent = self.parents.get(parent)
        return out

    def walk(self) -> Iterator[Indicator]:
        for ind in self.indicators:
            yield from ind.walk()

    def leaves(self) -> Iterator[Indicator]:
        return (i for i in self.walk() if not i.is_group)
