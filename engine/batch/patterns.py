"""N/A marks on the fast path: rows grouped by their pattern of marks.

A cell holding an N/A mark makes its indicator not applicable in that row, and
the spec's rule then changes the other indicators' weights (``redistribute``:
the applicable siblings share the weight; ``exclude``: full marks shrink). A
chunk holds few distinct patterns of marks, so each pattern gets its own plan
(:func:`variant`: the effective weight of every applicable indicator, as the
exact evaluation computes it) and the fast path scores that pattern's rows once.

An effective weight need not be a whole number of units (3.75 × 100 / 96.25):
a score rounded above its full marks is then its full marks, as the exact
evaluation has it, and the sums above it are made exactly in integers over a
common denominator (:func:`settle`); such a cell is marked in ``full_cells``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from math import lcm
from typing import Any

import numpy as np

from ..spec.model import Indicator, Spec
from .fastpath import Plan, Unsupported, _leaf

#: largest common denominator of a pattern's full marks worked in int64
_LARGEST = 10**9


@dataclass(frozen=True)
class Variant:
    """Rows whose applicable weights add up alike in every group: their plan (the
    effective weight of every leaf, as the exact evaluation computes it for an
    applicable leaf) and their indicators' full marks."""

    plan: Plan
    #: every indicator's full marks, walk order, where applicable
    fulls: tuple[Fraction, ...]
    full_marks: Fraction
    #: the common denominator of the fulls and of 10^-places
    denominator: int
    #: whether a score can be its (non-whole-unit) full marks: :func:`settle` needed
    odd: bool


def groups(plan: Plan) -> list[int]:
    """The positions (walk order) of the plan's groups, and -1 for the top level."""
    return [-1, *(i for i, kids in enumerate(plan.children) if kids)]


def variant(spec: Spec, plan: Plan, applicable: dict[int, Fraction]) -> Variant | None:
    """The plan for rows whose applicable weights add up to ``applicable`` in each
    group (position → sum; -1 the top level), or None when the fast path cannot
    score them (they then go the exact way)."""
    effective: dict[str, Fraction] = {}
    fulls = [Fraction(0)] * len(plan.order)
    position = {iid: i for i, iid in enumerate(plan.order)}

    def walk(
        at: int, children: tuple[Indicator, ...], own: Fraction, weight: Fraction, mode: str
    ) -> Fraction:
        scale = weight / own
        every = sum((c.weight for c in children), Fraction(0))
        live = applicable[at]
        factor = every / live if live and mode == "redistribute" else Fraction(1)
        full = Fraction(0)
        for c in children:
            i = position[c.id]
            effective[c.id] = c.weight * scale * factor
            if c.children:  # an all not-applicable group: weights only, no full marks
                mode_c = c.not_applicable or spec.not_applicable
                inner = walk(i, c.children, c.weight, effective[c.id], mode_c)
                fulls[i] = inner if applicable[i] else Fraction(0)
                full += fulls[i]
            else:
                fulls[i] = effective[c.id]
        leaves_live = live - sum(
            (c.weight for c in children if c.children and applicable[position[c.id]]), Fraction(0)
        )
        return full + leaves_live * scale * factor

    top = walk(-1, spec.indicators, spec.total, spec.total, spec.not_applicable)
    try:
        leaves = tuple(
            replace(
                _leaf(
                    replace(spec.by_id[p.id], weight=effective[p.id]),
                    plan.places,
                    plan.mode,
                    spec.by_id[p.id].weight,
                ),
                needs=p.needs,
                memo=f"{p.id}@{effective[p.id]}",
            )
            for p in plan.leaves
        )
    except Unsupported:
        return None
    scale = 10**plan.places
    denominator = lcm(scale, *(f.denominator for f in fulls))
    if denominator > _LARGEST:
        return None
    mins = []
    for grade, least in plan.grade_mins:  # the total is rescaled when exclusions shrank it
        if top in (spec.total, 0):
            mins.append((grade, least))
            continue
        least_of = next(g.min for g in spec.grades if g.grade == grade)
        basis = least_of * top / spec.total * scale
        mins.append((grade, -((-basis.numerator) // basis.denominator)))
    return Variant(
        replace(plan, leaves=leaves, fulls=tuple(fulls), grade_mins=tuple(mins)),
        tuple(fulls),
        top,
        denominator,
        denominator != scale,
    )


def settle(v: Variant, scores: Any, na: Any) -> tuple[Any, Any, Any]:
    """A pattern's scores as the exact evaluation has them: a leaf rounded above
    its full marks is its full marks; a group is its children's exact sum,
    rounded, and never above its full marks; the total is rounded. Returns the
    units (a full-marks cell keeps the units it rounded to), the full-marks
    cells, and the total in units."""
    plan = v.plan
    scale = 10**plan.places
    k = v.denominator // scale
    n = len(scores)
    full_cells = np.zeros(scores.shape, dtype=bool)
    exact = np.zeros(scores.shape, dtype=np.int64)  # value × denominator
    for i, kids in enumerate(plan.children):
        if kids:
            continue
        exact[:, i] = scores[:, i] * k
        full = int(v.fulls[i] * v.denominator)
        if full % k:  # full marks that are not a whole number of units
            above = (scores[:, i] * k > full) & ~na[:, i]
            full_cells[:, i] = above
            exact[:, i] = np.where(above, full, exact[:, i])
    for i in reversed(range(len(plan.order))):
        kids = plan.children[i]
        if not kids:
            continue
        total = exact[:, list(kids)].sum(axis=1)
        units = _rounded(total, k, plan.mode)
        full = int(v.fulls[i] * v.denominator)
        above = (units * k > full) & ~na[:, i]
        scores[:, i] = units
        full_cells[:, i] = above
        exact[:, i] = np.where(above, full, units * k)
    top = exact[:, list(plan.top)].sum(axis=1) if n else np.zeros(0, dtype=np.int64)
    return scores, full_cells, _rounded(top, k, plan.mode)


def _rounded(values: Any, k: int, mode: str) -> Any:
    """values / k rounded to a whole number by the spec's mode (values ≥ 0)."""
    q, r = np.divmod(values, k)
    if mode == "half_up":
        return q + (2 * r >= k)
    if mode == "half_even":
        return q + ((2 * r > k) | ((2 * r == k) & (q % 2 == 1)))
    return q


@dataclass
class Marked:
    """A chunk with N/A marks, scored: units, rows left to the exact path, totals
    and grades, and what its rows show beyond a plain block's."""

    scores: Any
    exact: Any
    totals: Any
    grades: list[str | None]
    #: rows × indicators (walk order): not applicable
    na: Any
    #: per row, its variant's position in ``variants``
    pattern: Any
    variants: list[Variant | None]
    #: rows × indicators: the score is the indicator's full marks (not whole units)
    full_cells: Any
    #: the indicators' ids, walk order
    ids: tuple[str, ...] = ()

    def flagged(self, i: int) -> bool:
        """Whether row ``i`` holds an N/A mark."""
        return bool(self.na[i].any())


def score_marked(plan: Plan, spec: Spec, chunk: Any, marks: dict[str, Any]) -> Marked:
    """Score a chunk whose rows hold N/A marks (``marks``: leaf id → rows marked):
    rows grouped by the sums of their applicable weights, each group with its own
    plan; rows of a group the fast path cannot score are left to the exact path."""
    from .fastpath import score_chunk

    n = chunk.n
    na = np.zeros((n, len(plan.order)), dtype=bool)
    for i, iid in enumerate(plan.order):
        if iid in marks:
            na[:, i] = marks[iid]
    for i in reversed(range(len(plan.order))):
        if plan.children[i]:
            na[:, i] = na[:, list(plan.children[i])].all(axis=1)
    places = groups(plan)
    weights, d = _weights(plan)
    sums = np.stack(
        [((~na[:, _kids(plan, g)]) * weights[_kids(plan, g)]).sum(axis=1) for g in places], axis=1
    )
    keys, pattern = np.unique(sums, axis=0, return_inverse=True)
    pattern = pattern.reshape(-1)
    plain = [sum(weights[_kids(plan, g)]) for g in places]
    scores = np.zeros((n, len(plan.order)), dtype=np.int64)
    exact = np.zeros(n, dtype=bool)
    totals = np.zeros(n, dtype=np.int64)
    full_cells = np.zeros((n, len(plan.order)), dtype=bool)
    grades: list[str | None] = [None] * n
    variants: list[Variant | None] = []
    chunk.na = marks
    for p, key in enumerate(keys.tolist()):
        rows = np.flatnonzero(pattern == p)
        v = _variant(spec, plan, places, key, plain, d)
        variants.append(v)
        if v is None:
            exact[rows] = True
            continue
        s, e = score_chunk(v.plan, chunk.take(rows))
        if v.odd:
            s, cells, t = settle(v, s, na[rows])
            full_cells[rows] = cells
        else:
            t = s[:, list(plan.top)].sum(axis=1)
        scores[rows], exact[rows], totals[rows] = s, e, t
        for i, g in zip(rows.tolist(), graded(v.plan, t), strict=True):
            grades[i] = g
    return Marked(scores, exact, totals, grades, na, pattern, variants, full_cells, plan.order)


def _kids(plan: Plan, g: int) -> list[int]:
    return list(plan.top if g < 0 else plan.children[g])


def _weights(plan: Plan) -> tuple[Any, int]:
    """Every indicator's weight (walk order) in whole units of a common
    denominator, and that denominator."""
    denominator = lcm(*(w.denominator for w in plan.fulls))
    return np.array([int(w * denominator) for w in plan.fulls], dtype=np.int64), denominator


def _variant(
    spec: Spec, plan: Plan, places: list[int], key: list[int], plain: list[int], d: int
) -> Variant | None:
    cache = plan.variants
    signature = tuple(key)
    if signature not in cache:
        if list(key) == [int(x) for x in plain]:
            cache[signature] = Variant(plan, plan.fulls, spec.total, 10**plan.places, False)
        else:
            applicable = {g: Fraction(int(s), d) for g, s in zip(places, key, strict=True)}
            cache[signature] = variant(spec, plan, applicable)
    result: Variant | None = cache[signature]
    return result


def graded(plan: Plan, totals: Any) -> list[str | None]:
    """The first grade whose least total (units) each total reaches, as the spec
    lists them."""
    labels = [name for name, _ in plan.grade_mins] + [None]
    choice = np.full(len(totals), len(plan.grade_mins))
    for k in reversed(range(len(plan.grade_mins))):
        choice[totals >= plan.grade_mins[k][1]] = k
    return [labels[k] for k in choice.tolist()]
