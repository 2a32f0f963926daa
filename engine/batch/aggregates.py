"""Groups that do not simply add up, on the fast path: weighted means, means and
weakest links in exact integer arithmetic over whole columns; geometric means
and aggregate formulas once per distinct row of their children's scores.

A child's score on the fast path is a whole number of units (10^-places). A
weighted mean, a mean or a min of such scores is a rational number: written as
the children's units times whole coefficients over one common denominator, it
is rounded by integer division, exactly as the exact evaluation rounds the
Fraction (:func:`engine.scoring.aggregate.combine`, then
:func:`engine.scoring.finish.finish`). A geometric mean is irrational and an
aggregate formula is the designer's own: both are worked by the exact code, once
for each distinct combination of the children's scores in a chunk.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np

from ..base.records import record
from ..spec.formula import Formula

#: coefficients × units from this on are worked as Python integers (int64 holds
#: less than 2**63: a sum of two such would overflow)
_WIDE = 2**62
#: the kinds worked column-wise in integers
_LINEAR = ("weighted_mean", "mean", "min")


@record(frozen=True)
class GroupPlan:
    """How a group (or the spec's total) aggregates its children."""

    kind: str
    #: the children's ids and full marks
    ids: tuple[str, ...]
    fulls: tuple[Fraction, ...]
    #: the group's own full marks (its weight; the spec's total for the top level)
    weight: Fraction
    formula: Formula | None = None
    #: its weight and its children's in the spec (``weight`` and ``fulls`` may be
    #: weights redistributed)
    spec_weight: Fraction | None = None
    spec_fulls: tuple[Fraction, ...] = ()


def group_plan(kind: str, kids: list[Any], weight: Fraction, formula: Formula | None) -> GroupPlan:
    """The plan of a group that aggregates ``kids`` (indicators) by ``kind``."""
    ids, fulls = tuple(c.id for c in kids), tuple(c.weight for c in kids)
    return GroupPlan(kind, ids, fulls, weight, formula, weight, fulls)


def scaled(x: Fraction, places: int, mode: str) -> int:
    """The exact rounded value of ``x`` (≥ 0 here, or any sign), times 10^places,
    in integer arithmetic: the same result as :func:`round_fraction`."""
    n: int = x.numerator * 10**places
    d: int = x.denominator
    units, rest = divmod(abs(n), d)
    if mode == "half_up":
        units += int(2 * rest >= d)
    elif mode == "half_even":
        units += int(2 * rest > d or (2 * rest == d and units % 2 == 1))
    return -units if n < 0 else units


def clamp(value: Fraction, weight: Fraction) -> Fraction:
    """A score held to [0, ``weight``], as the evaluation finishes a leaf's or an
    aggregate formula's."""
    return min(max(value, Fraction(0)), weight)


def full_units(weight: Fraction, places: int) -> int:
    """Full marks in units (whole: the plan holds only such weights)."""
    return int(weight * 10**places)


def group_units(g: GroupPlan, kids: Any, places: int, mode: str, k: int = 1) -> tuple[Any, Any]:
    """The group's rounded score in units for every row (``kids``: rows × the
    group's children, in units of 1/(10^places · k)), before it is held to its
    full marks, and the rows it could not score (a formula that fails there:
    the exact path says why)."""
    n = len(kids)
    live = [j for j, full in enumerate(g.fulls) if full > 0]
    if g.kind in _LINEAR:
        return _linear(g, kids, live, places, mode, k), np.zeros(n, dtype=bool)
    return _by_distinct_rows(g, kids, live, places, mode, k)


def capped(g: GroupPlan, kids: Any, places: int, mode: str) -> tuple[Any, Any]:
    """:func:`group_units` of children in whole units, never above the group's
    (whole-unit) full marks: what the evaluation's rounding leaves."""
    units, failed = group_units(g, kids, places, mode)
    return np.minimum(units, full_units(g.weight, places)), failed


def _linear(g: GroupPlan, kids: Any, live: list[int], places: int, mode: str, k: int) -> Any:
    """Weighted mean, mean or min: the children's values × coefficients summed (or
    the least), over a common denominator, rounded."""
    fulls = [g.fulls[j] for j in live]
    if g.kind == "weighted_mean":  # weight × Σ scoreᵢ / Σ fullᵢ
        coefficients = [g.weight / (k * sum(fulls, Fraction(0)))] * len(live)
    elif g.kind == "mean":  # weight × Σ (scoreᵢ / fullᵢ) / n
        coefficients = [g.weight / (k * len(live) * f) for f in fulls]
    else:  # weight × min (scoreᵢ / fullᵢ)
        coefficients = [g.weight / (k * f) for f in fulls]
    denominator = lcm(*(c.denominator for c in coefficients))
    factors = [int(c * denominator) for c in coefficients]
    scale = 10**places
    highest = sum(int(f * scale * k) * m for f, m in zip(fulls, factors, strict=True))
    terms = kids[:, live]
    if highest >= _WIDE or denominator >= _WIDE:
        terms = terms.astype(object)
    terms = terms * np.array(factors, dtype=terms.dtype)
    numerators = terms.sum(axis=1) if g.kind != "min" else terms.min(axis=1)
    return rounded(numerators, denominator, mode).astype(np.int64)


def rounded(values: Any, k: Any, mode: str) -> Any:
    """values / k rounded to a whole number by the spec's mode (values ≥ 0; int64
    arrays, or arrays of Python integers where int64 would overflow: numpy's
    divmod takes only the former, // and % both)."""
    q, r = values // k, values % k
    if mode == "half_up":
        return q + (2 * r >= k)
    if mode == "half_even":
        return q + ((2 * r > k) | ((2 * r == k) & (q % 2 == 1)))
    return q


def _by_distinct_rows(
    g: GroupPlan, kids: Any, live: list[int], places: int, mode: str, k: int
) -> tuple[Any, Any]:
    """A geometric mean or an aggregate formula, by the exact code, once per
    distinct row of the children's values."""
    n = len(kids)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=bool)
    distinct, inverse = np.unique(kids, axis=0, return_inverse=True)
    units = np.zeros(len(distinct), dtype=np.int64)
    failed = np.zeros(len(distinct), dtype=bool)
    scale = 10**places * k
    for at, row in enumerate(distinct.tolist()):
        value = _exact(g, [Fraction(u, scale) for u in row], live)
        if value is None:
            failed[at] = True
        else:
            units[at] = scaled(value, places, mode)
    inverse = inverse.reshape(-1)
    return units[inverse], failed[inverse]


def _exact(g: GroupPlan, scores: list[Fraction], live: list[int]) -> Fraction | None:
    """The group's score before rounding, as the exact evaluation computes it
    (None: the formula fails; the exact path reports it)."""
    from ..base.errors import FormulaError
    from ..scoring.aggregate import geometric
    from ..spec.functions import num

    if g.kind == "geometric_mean":
        shares = [(g.fulls[j], scores[j] / g.fulls[j]) for j in live]
        return g.weight * geometric(shares, sum((w for w, _ in shares), Fraction(0)))
    assert g.formula is not None
    # worked on the spec's weights, then scaled, as scoring.aggregate does
    own = g.spec_weight or g.weight
    spec = g.spec_fulls or g.fulls
    names: dict[str, Any] = {
        i: x * s / f if f else x for i, x, s, f in zip(g.ids, scores, spec, g.fulls, strict=True)
    }
    names["weight"] = own
    factor = g.weight / own
    try:
        value = num(g.formula.evaluate(names)) * factor
    except FormulaError:
        return None
    return clamp(value, g.weight)
