"""What evaluation returns: plain frozen data, no display."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

from ..base.errors import Pos
from ..base.numbers import format_fixed, format_value
from ..base.records import record
from ..base.trace import Step
from ..spec.model import Indicator, Spec
from .model import Published

STATUSES = ("scored", "override", "not_applicable", "missing")


@record(frozen=True)
class Result:
    """One indicator's outcome and how it was reached."""

    indicator: Indicator
    #: weight after any redistribution (the indicator's own weight otherwise)
    weight: Fraction
    #: the most this indicator could score here (0 when not applicable)
    full: Fraction
    actual: Any
    #: the awarded score (None when not applicable)
    score: Fraction | None
    #: the rule's score, before any override
    rule_score: Fraction | None
    status: str
    steps: tuple[Step, ...]
    children: tuple[Result, ...] = ()
    capped: bool = False
    band: int | None = None
    note: str = ""
    #: why it is not applicable, or why it was overridden
    reason: str = ""
    #: where the actual value was given (its actuals line or table cell), when it was
    actual_at: Pos | None = None

    @property
    def id(self) -> str:
        return self.indicator.id

    def walk(self) -> Iterator[Result]:
        yield self
        for c in self.children:
            yield from c.walk()


@record(frozen=True)
class Scorecard:
    """One entity scored against one spec: every result, the total and the grade."""

    spec: Spec
    entity: str
    period: str
    results: tuple[Result, ...]
    total: Fraction
    full_marks: Fraction
    grade: str | None
    #: steps of the total: aggregation, rounding, grade
    steps: tuple[Step, ...]
    actuals_file: str
    actuals_sha256: str
    #: the total by the rules alone, when overrides changed it (None otherwise)
    rules_total: Fraction | None = None
    #: the published result the actuals name, for comparison
    published: Published | None = None
    #: how the entity's row was picked of a table given as its actuals (``--row``,
    #: ``--entity``, and how the table was read): pairs, empty for one entity's file
    actuals_pick: tuple[tuple[str, Any], ...] = ()

    def walk(self) -> Iterator[Result]:
        for r in self.results:
            yield from r.walk()

    def find(self, iid: str) -> Result | None:
        return next((r for r in self.walk() if r.id == iid), None)


def score_text(sc: Scorecard, x: Fraction | None, max_places: int = 10) -> str:
    """An indicator's score as shown: at the spec's places when they are applied to
    each score, else exact (cut at ``max_places`` with ``…`` where it does not end)."""
    if x is None:
        return "—"
    r = sc.spec.rounding
    if r.apply == "each":
        return format_fixed(x, r.places, max_places)
    return format_value(x, max_places)


def total_text(sc: Scorecard, x: Fraction | None) -> str:
    """A total (or full marks) as shown: at the spec's places whatever ``apply`` is,
    since the total is always rounded (``90.00``, not ``90``)."""
    return "—" if x is None else format_fixed(x, sc.spec.rounding.places)
