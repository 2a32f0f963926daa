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

import functools
from dataclasses import replace
from fractions import Fraction
from typing import Any

import numpy as np

from ..base.records import record
from ..scoring.not_applicable import shared_out
from ..spec.model import Spec
from .aggregates import GroupPlan, group_units, rounded
from .fastpath import LeafPlan, Plan, Unsupported, Weighted, _leaf, weight_columns

#: largest common denominator of a pattern's full marks worked in int64
_LARGEST = 10**9
#: the largest effective weight worked in int64 (its full marks × a denominator)
_HEAVIEST = 10**6
#: children of a group told apart by the bits of one integer (a larger group's
#: marked rows go the exact path)
_BITS = 62
#: effective weights and plans kept in ``plan.variants`` at most
_REMEMBERED = 100_000


def groups(plan: Plan) -> list[int]:
    """The positions (walk order) of the plan's groups, and -1 for the top level."""
    return [-1, *(i for i, kids in enumerate(plan.children) if kids)]


@record
class Marked:
    """A chunk with N/A marks, scored: units, rows left to the exact path, totals
    and grades, and what its rows show beyond a plain block's."""

    scores: Any
    exact: Any
    totals: Any
    grades: list[str | None]
    #: rows × indicators (walk order): not applicable
    na: Any
    #: rows × indicators: full marks × the row's denominator (0: not applicable)
    fulls: Any
    denominators: Any
    #: rows × indicators: the score is the indicator's full marks (not whole units)
    full_cells: Any
    #: the indicators' ids, walk order
    ids: tuple[str, ...] = ()
    #: the top level's indicators (positions)
    top: tuple[int, ...] = ()
    #: the chunk's distinct rows of marks (:class:`Kinds`)
    kinds: Kinds | None = None
    #: per kind, the full marks of the whole (× its denominator) and that denominator
    kind_fulls: Any = None
    kind_denominators: Any = None
    #: per kind, every indicator's full marks × its denominator (``fulls`` by kind)
    kind_cells: Any = None
    #: rows × indicators: a leaf without a value, scored 0 (``--missing zero``)
    gone: Any = None

    def flagged(self, i: int) -> bool:
        """Whether row ``i`` holds an N/A mark or a leaf without a value."""
        return self.flagged_in(i, i + 1)

    def flagged_in(self, a: int, b: int) -> bool:
        """Whether any of rows ``a`` to ``b`` is :meth:`flagged`."""
        return bool(self.na[a:b].any() or (self.gone is not None and self.gone[a:b].any()))

    def full(self, i: int, j: int) -> Fraction:
        return Fraction(int(self.fulls[i, j]), int(self.denominators[i]))

    @functools.cached_property
    def flag_texts(self) -> list[str]:
        """Each kind's flags (:func:`row_flags`), made from its marks alone, once
        for the block (it may be written in several runs)."""
        assert self.kinds is not None
        return kind_flags(self.ids, self.kinds.na, self.kinds.gone)

    def full_pairs(self, j: int, rows: Any) -> tuple[list[tuple[int, int]], Any]:
        """The distinct full marks of indicator ``j`` in ``rows`` (positions), as
        (numerator over the row's denominator, denominator), and each of those
        rows' position among them: found among the rows' kinds, which are fewer."""
        assert self.kinds is not None
        kinds = self.kinds.rows[rows]
        present = np.flatnonzero(np.bincount(kinds, minlength=len(self.kind_denominators)))
        pairs, at = distinct_pairs(self.kind_cells[present, j], self.kind_denominators[present])
        code = np.zeros(len(self.kind_denominators), dtype=np.int64)
        code[present] = at
        return pairs, code[kinds]

    @functools.cached_property
    def full_marks(self) -> tuple[list[tuple[int, int]], Any]:
        """The distinct full marks of the whole, as (numerator over the row's
        denominator, denominator), and each row's position among them."""
        assert self.kinds is not None
        pairs, at = distinct_pairs(self.kind_fulls, self.kind_denominators)
        return pairs, at[self.kinds.rows]


@record
class Kinds:
    """A chunk's rows by the marks they hold: the distinct rows of marks (kinds ×
    indicators, walk order: ``na``, a group marked where all its indicators
    are; ``gone``, leaves without a value under ``--missing zero``) and each
    row's kind. Weights, full marks, flags and grade bounds depend on the marks
    alone, so they are worked once per kind, not once per row."""

    na: Any
    rows: Any
    gone: Any = None

    @classmethod
    def of(
        cls, plan: Plan, marks: dict[str, Any], n: int, gaps: dict[str, Any] | None = None
    ) -> Kinds:
        position = {iid: i for i, iid in enumerate(plan.order)}
        width = len(plan.order)
        columns = [(position[iid], rows) for iid, rows in marks.items() if iid in position]
        columns += [(width + position[iid], rows) for iid, rows in (gaps or {}).items()]
        if not columns:
            return cls(np.zeros((1, width), dtype=bool), np.zeros(n, dtype=np.int64))
        marked = np.stack([rows for _, rows in columns], axis=1)
        if len(columns) < 63:  # each row's marks as the bits of one integer
            bits = marked.astype(np.int64) << np.arange(len(columns), dtype=np.int64)
            _, first, rows = np.unique(bits.sum(axis=1), return_index=True, return_inverse=True)
        else:
            _, first, rows = np.unique(marked, axis=0, return_index=True, return_inverse=True)
        both = np.zeros((len(first), 2 * width), dtype=bool)
        both[:, [at for at, _ in columns]] = marked[first]
        na, gone = both[:, :width], both[:, width:]
        for i in reversed(range(width)):
            if plan.children[i]:
                na[:, i] = na[:, list(plan.children[i])].all(axis=1)
        return cls(na, rows.reshape(-1), gone if gaps else None)


def score_marked(
    plan: Plan, spec: Spec, chunk: Any, marks: dict[str, Any], gaps: dict[str, Any] | None = None
) -> Marked:
    """Score a chunk whose rows hold N/A marks (``marks``: leaf id → rows marked)
    or leaves without a value, scored 0 (``gaps``, the same). A leaf's
    effective weight depends only on the sums of applicable weights in
    the groups above it: each row is scored at its own (:class:`Weighted`, the
    leaf's plan at each weight met); the groups and the total are then settled
    exactly (:func:`settle_rows`)."""
    from .fastpath import chunk_inputs, score_leaf

    n, width = chunk.n, len(plan.order)
    kinds = Kinds.of(plan, marks, n, gaps)
    places = groups(plan)
    # each group's applicable children per kind, as the bits of one integer: a
    # weight handed on is rounded against its siblings' (shared_out), so which of
    # them apply matters, not only what they weigh together
    wide = max(len(_kids(plan, g)) for g in places) > _BITS
    masks = np.stack([_applicable(kinds.na[:, _kids(plan, g)]) for g in places], axis=1)
    highest = [(1 << min(len(_kids(plan, g)), _BITS)) - 1 for g in places]
    modes = [spec.not_applicable] + [
        spec.by_id[plan.order[g]].not_applicable or spec.not_applicable for g in places[1:]
    ]
    chain = _chains(plan, places)
    position = {iid: i for i, iid in enumerate(plan.order)}
    chunk.na = dict(marks)  # the leaves not scored in each row: marked, or without a value
    for iid, rows in (gaps or {}).items():
        chunk.na[iid] = chunk.na[iid] | rows if iid in chunk.na else rows
    scores = np.zeros((n, width), dtype=np.int64, order="F")
    exact = ~chunk.eligible.copy()
    if wide:  # a group of more children than an integer has bits: the exact path
        exact[:] = True
    inputs = chunk_inputs(plan, chunk)
    #: (position, codes, weights) of every leaf and every group that is not a sum
    effective: list[tuple[int, Any, _Met]] = []
    grouped: dict[tuple[int, ...], tuple[Any, Any, list[Any]]] = {}
    remembered: dict[int, _Met] = plan.variants.setdefault("met", {})

    def weights_of(i: int) -> tuple[Any, _Met]:
        """Indicator ``i``'s effective weight per kind, as a code among those
        met (:class:`_Met`, kept in ``plan.variants``: chunks meet the same
        rows of sums again, and only a row of sums not met before is worked)."""
        if tuple(chain[i]) not in grouped:  # indicators of one group share their kinds'
            grouped[tuple(chain[i])] = _distinct(masks[:, chain[i]], [highest[c] for c in chain[i]])
        keys, inverse, hashed = grouped[tuple(chain[i])]
        met = remembered.get(i)
        if met is None or len(met.keys) > _REMEMBERED:  # very varied marks: start again
            met = remembered[i] = _Met()
        got = [met.keys.get(h) for h in hashed]
        if None in got:
            ups = chain[i]
            levels = [
                (places[c], modes[c], places[ups[k + 1]] if k + 1 < len(ups) else i)
                for k, c in enumerate(ups)
            ]
            for at, (h, key) in enumerate(zip(hashed, keys.tolist(), strict=True)):
                if got[at] is None:
                    w = _effective(plan, spec.total, i, key, levels)
                    got[at] = met.keys[h] = met.code(w)
        return np.asarray(got, dtype=np.int64)[inverse], met

    for i, g in enumerate(plan.groups):  # a group that is not a sum: its own full marks
        if g is not None:
            codes, met = weights_of(i)
            effective.append((i, np.where(kinds.na[:, i], -1, codes), met))
    for leaf in plan.leaves:
        i = position[leaf.id]
        codes, met = weights_of(i)
        weighted = met.weighted(spec, plan, leaf)
        if len(met.ws) > 1:
            weighted = replace(weighted, codes=codes[kinds.rows])
        for k in met.beyond:  # this weight is beyond the fast path: those rows go exactly
            exact |= (codes == k)[kinds.rows]
        got = score_leaf(plan, weighted, chunk, inputs, exact)
        if got is None:
            exact[:] = True
            got = 0
        scores[:, i] = got
        effective.append((i, np.where(kinds.na[:, i], -1, codes), met))
    return settle_rows(plan, spec, scores, exact, kinds, effective)


class _Met:
    """An indicator's effective weights met so far in a run (``ws``), the code
    of each row of its groups' sums met (``keys``: the row packed in one
    integer, or a tuple), and for a leaf its plan at every weight met; made
    again only when a weight not met before comes."""

    def __init__(self) -> None:
        self.ws: list[Fraction] = []
        self.keys: dict[Any, int] = {}
        self._codes: dict[Fraction, int] = {}
        self._weighted: Weighted | None = None
        self._units: tuple[Any, Any, Any] | None = None
        #: the codes of the weights beyond the fast path (known with ``weighted``)
        self.beyond: list[int] = []

    def code(self, w: Fraction) -> int:
        """Weight ``w``'s code, a new one when not met before."""
        at = self._codes.get(w)
        if at is None:
            at = self._codes[w] = len(self.ws)
            self.ws.append(w)
            self._weighted = self._units = None
        return at

    @property
    def units(self) -> tuple[Any, Any, Any]:
        """Per weight, whether it is worked exactly (:func:`_in_units`), and its
        denominator and numerator."""
        if self._units is None:
            big, dens, nums = zip(*map(_in_units, self.ws), strict=True)
            self._units = np.array(big), np.array(dens), np.array(nums)
        return self._units

    def weighted(self, spec: Spec, plan: Plan, leaf: LeafPlan) -> Weighted:
        """The leaf at every weight met (codes as in ``keys``), its plans made once."""
        if self._weighted is None:
            plans = [_leaf_plan(spec, plan, leaf, w) for w in self.ws]
            self.beyond = [k for k, one in enumerate(plans) if one is None]
            made = tuple(p or leaf for p in plans)
            self._weighted = Weighted(made, None, weight_columns(made, plan.places, plan.mode))
        return self._weighted


def _effective(
    plan: Plan, total: Fraction, i: int, key: list[int], levels: list[tuple[int, str, int]]
) -> Fraction:
    """The effective weight of indicator ``i`` where the groups above it
    (``levels``: each one's position, -1 for the top level, its rule for
    indicators not applicable, and its child on the way down to ``i``) have the
    children ``key`` says apply (the bits of :func:`_applicable`): as the
    evaluation hands weights on, level by level, each share rounded against its
    siblings' (:func:`engine.scoring.not_applicable.shared_out`)."""
    eff = total  # the top level's weight: the spec's total
    cache: dict[Any, tuple[dict[int, Fraction], Fraction]] = plan.variants.setdefault("shares", {})
    for (g, mode, down), mask in zip(levels, key, strict=True):
        at = (g, mode, mask, eff)
        got = cache.get(at)
        if got is None:
            if len(cache) > _REMEMBERED:  # very varied marks: start again
                cache.clear()
            got = cache[at] = _shares(plan, total, g, mode, mask, eff)
        shares, unused = got
        if down not in shares:  # not applicable here: its weight is never used
            return plan.fulls[i] * unused
        eff = shares[down]
    return eff


def _shares(
    plan: Plan, total: Fraction, g: int, mode: str, mask: int, eff: Fraction
) -> tuple[dict[int, Fraction], Fraction]:
    """Group ``g`` (-1: the top level) at effective weight ``eff``, with the
    children ``mask`` says apply: each applicable child's effective weight, and
    what a child that does not apply has its full marks multiplied by."""
    kids = _kids(plan, g)
    own = total if g < 0 else plan.fulls[g]
    live = [c for j, c in enumerate(kids) if mask >> j & 1]
    scale = eff / own
    alive = sum((plan.fulls[c] for c in live), Fraction(0))
    factor = Fraction(1)
    if mode == "redistribute" and alive and len(live) < len(kids):
        factor = sum((plan.fulls[c] for c in kids), Fraction(0)) / alive
    exact = [plan.fulls[c] * scale * factor for c in live]
    shares = shared_out(exact, plan.places) if factor != 1 or scale != 1 else exact
    return dict(zip(live, shares, strict=True)), scale * factor


def _applicable(na: Any) -> Any:
    """Per kind, which of a group's children apply (``na``: kinds × children), as
    the bits of one integer (the first :data:`_BITS` children)."""
    bits = (~na[:, :_BITS]).astype(np.int64) << np.arange(min(na.shape[1], _BITS), dtype=np.int64)
    return bits.sum(axis=1)


def _distinct(sums: Any, highest: list[int]) -> tuple[Any, Any, list[Any]]:
    """The distinct rows of ``sums`` (each column at most ``highest``), each
    row's position among them, and each distinct row as a key to remember it
    by: one integer where the row packs in one, otherwise a tuple."""
    span = 1
    for h in highest:
        span *= h + 1
    if span >= 2**62:
        keys, inverse = np.unique(sums, axis=0, return_inverse=True)
        return keys, inverse.reshape(-1), [tuple(k) for k in keys.tolist()]
    packed = np.zeros(len(sums), dtype=np.int64)
    for c, h in enumerate(highest):
        packed = packed * (h + 1) + sums[:, c]
    unique, inverse = np.unique(packed, return_inverse=True)
    first = np.zeros(len(unique), dtype=np.int64)
    first[inverse] = np.arange(len(sums))
    return sums[first], inverse.reshape(-1), unique.tolist()


def _leaf_plan(spec: Spec, plan: Plan, leaf: LeafPlan, weight: Fraction) -> LeafPlan | None:
    """The plan of one leaf at the effective ``weight`` (None: beyond the fast
    path), kept in ``plan.variants``."""
    if weight == leaf.weight:
        return leaf
    key = (leaf.id, weight)
    cache = plan.variants
    if key not in cache:
        if len(cache) > _REMEMBERED:  # very varied marks: start again
            cache.clear()
        memo = f"{leaf.id}@{weight}"
        if leaf.kind == "formula":  # the weight is the formula's to read: all that changes
            cache[key] = replace(leaf, weight=weight, memo=memo)
        else:
            ind = spec.by_id[leaf.id]
            try:
                made = _leaf(replace(ind, weight=weight), plan.places, plan.mode, ind.weight)
                cache[key] = replace(made, needs=leaf.needs, memo=memo)
            except Unsupported:
                cache[key] = None
    result: LeafPlan | None = cache[key]
    return result


def _chains(plan: Plan, places: list[int]) -> dict[int, list[int]]:
    """For every indicator, the positions in ``places`` of the groups above it
    (the top level first)."""
    at = {g: k for k, g in enumerate(places)}
    out: dict[int, list[int]] = {}

    def down(kids: tuple[int, ...], above: list[int]) -> None:
        for c in kids:
            out[c] = above
            if plan.children[c]:
                down(plan.children[c], [*above, at[c]])

    down(plan.top, [0])
    return out


def settle_rows(
    plan: Plan,
    spec: Spec,
    scores: Any,
    exact: Any,
    kinds: Kinds,
    effective: list[tuple[int, Any, _Met]],
) -> Marked:
    """Full marks kind by kind (:func:`_kind_fulls`), then the scores as the
    exact evaluation has them (:func:`_settle`), each row over the common
    denominator of its kind's full marks; the grade is read against the full
    marks left."""
    scale = 10**plan.places
    fulls, denominators, beyond = _kind_fulls(plan, effective, len(kinds.na))
    rows = kinds.rows
    exact |= beyond[rows]
    if plan.total is None:
        top = fulls[:, list(plan.top)].sum(axis=1)
    else:  # the total's full marks are the spec's, unless nothing is applicable
        top = np.where(
            kinds.na[:, list(plan.top)].all(axis=1),
            0,
            int(spec.total * scale) * (denominators // scale),
        )
    na, row_fulls, row_denominators = kinds.na[rows], fulls[rows], denominators[rows]
    k = row_denominators // scale
    # leaves whose full marks are not a whole number of units, kind by kind
    leaf = np.array([not kids for kids in plan.children], dtype=bool)
    odd = leaf & (fulls % (denominators // scale)[:, None] != 0)
    settled = _Settling(plan, row_fulls, na, k, rows, top[rows], odd[rows])
    scores, full_cells, totals = settled.settle(scores)
    exact |= settled.failed
    # a total rounded above its (not whole-unit) full marks is those: the exact way
    exact |= totals * k > top[rows]
    grades = _graded_rows(plan, spec, totals, top, denominators, rows)
    return Marked(
        scores,
        exact,
        totals,
        grades,
        na,
        row_fulls,
        row_denominators,
        full_cells,
        plan.order,
        plan.top,
        kinds,
        top,
        denominators,
        fulls,
        kinds.gone[rows] if kinds.gone is not None else None,
    )


def _kind_fulls(
    plan: Plan, effective: list[tuple[int, Any, _Met]], count: int
) -> tuple[Any, Any, Any]:
    """Each kind's full marks (kinds × indicators, groups the sums of their
    children) as whole multiples of one denominator per kind, that denominator,
    and the kinds whose rows go the exact way (a weight too fine or too large
    for int64, or a denominator beyond :data:`_LARGEST`). ``effective``: each
    leaf's position, its weight's code per kind (-1: not applicable), and the
    weights."""
    scale = 10**plan.places
    denominators = np.full(count, scale, dtype=np.int64)
    beyond = np.zeros(count, dtype=bool)
    parts = []
    for i, codes, made in effective:
        big, dens, nums = made.units
        at = np.where(codes >= 0, codes, 0)
        beyond |= (codes >= 0) & big[at]
        live = (codes >= 0) & ~big[at]
        dens, nums = np.where(live, dens[at], 1), nums[at]
        grow = np.flatnonzero(denominators % dens != 0)
        denominators[grow] = np.lcm(denominators[grow], dens[grow])
        huge = denominators > _LARGEST  # never beyond 10^18 in int64
        beyond |= huge
        denominators[huge] = scale
        parts.append((i, live, dens, nums))
    fulls = np.zeros((count, len(plan.order)), dtype=np.int64)
    for i, live, dens, nums in parts:
        fits = live & (denominators % dens == 0)
        fulls[:, i] = np.where(fits, denominators // dens * nums, 0)
    for i in reversed(range(len(plan.order))):
        if plan.children[i] and plan.groups[i] is None:  # a sum: its children's
            fulls[:, i] = fulls[:, list(plan.children[i])].sum(axis=1)
    return fulls, denominators, beyond


def _graded_rows(
    plan: Plan, spec: Spec, totals: Any, top: Any, denominators: Any, rows: Any
) -> list[str | None]:
    """Each row's grade, read against its kind's full marks left (``top`` over
    its ``denominators``, per kind; ``rows``: each row's kind): the grades' least
    totals made once per distinct full marks."""
    labels = [name for name, _ in plan.grade_mins] + [None]
    if not plan.grade_mins:
        return [None] * len(totals)
    pairs, inverse = distinct_pairs(top, denominators)
    least = [[m for _, m in _mins(plan, spec, Fraction(f, d))] for f, d in pairs]
    try:
        table = np.array(least, dtype=np.int64)
    except OverflowError:  # least totals beyond int64: compared as Python integers
        table, totals = np.array(least, dtype=object), totals.astype(object)
    per_row = table[inverse[rows]]
    choice = np.full(len(totals), len(plan.grade_mins))
    for k in reversed(range(len(plan.grade_mins))):
        choice[(totals >= per_row[:, k]).astype(bool)] = k
    return [labels[k] for k in choice.tolist()]


def distinct_pairs(a: Any, b: Any) -> tuple[list[tuple[int, int]], Any]:
    """The distinct pairs of two integer columns, and each row's position among
    them (sorted one column at a time: a sort of rows is much slower)."""
    ua, ia = np.unique(a, return_inverse=True)
    ub, ib = np.unique(b, return_inverse=True)
    keys, inverse = np.unique(ia.reshape(-1) * len(ub) + ib.reshape(-1), return_inverse=True)
    pairs = [(int(ua[k // len(ub)]), int(ub[k % len(ub)])) for k in keys.tolist()]
    return pairs, inverse.reshape(-1)


class _Settling:
    """Each row's full marks (groups' included) are whole multiples of
    1/(k·10^places) (``k``: one per row): a leaf rounded above its (not
    whole-unit) full marks is its full marks; a group is its children's exact
    sum, or their weighted mean, mean, min, geometric mean or aggregate formula
    (:mod:`engine.batch.aggregates`), rounded, never above its full marks; the
    total is rounded. A group worked by a formula the evaluation refuses (it
    names an indicator not applicable, or fails) leaves its rows in ``failed``."""

    def __init__(
        self, plan: Plan, fulls: Any, na: Any, k: Any, kinds: Any, top: Any, odd: Any
    ) -> None:
        self.plan, self.fulls, self.na, self.k, self.whole = plan, fulls, na, k, top
        self.failed = np.zeros(len(k), dtype=bool)
        self.row_kinds = kinds
        #: leaves whose full marks are not a whole number of units, row by row
        self.odd = odd

    @functools.cached_property
    def kinds(self) -> list[Any]:
        """Each kind's rows: a group that is not a sum (other than a weighted
        mean) is worked kind by kind; a spec of sums never asks."""
        order = np.argsort(self.row_kinds, kind="stable")
        cuts = np.flatnonzero(np.diff(self.row_kinds[order])) + 1
        return [part for part in np.split(order, cuts) if len(part)]

    def settle(self, scores: Any) -> tuple[Any, Any, Any]:
        plan, fulls, na, k = self.plan, self.fulls, self.na, self.k
        width = scores.shape[1]
        value = scores * k[:, None]  # the exact score × the row's denominator
        full_cells = (value > fulls) & self.odd  # a leaf rounded above its full marks
        np.copyto(value, fulls, where=full_cells)
        for i in reversed(range(width)):
            kids = list(plan.children[i])
            if not kids:
                continue
            group = plan.groups[i]
            if group is None:
                together = kids == list(range(kids[0], kids[-1] + 1))  # a view, not a copy
                taken = value[:, kids[0] : kids[-1] + 1] if together else value[:, kids]
                units = rounded(taken.sum(axis=1), k, plan.mode)
            else:
                units = self._aggregate(group, value, kids, fulls[:, i], na[:, i])
            high = units * k > fulls[:, i]
            scores[:, i] = units
            full_cells[:, i] = high & ~na[:, i]
            value[:, i] = np.where(high, fulls[:, i], units * k)
        top = list(plan.top)
        self.failed |= na[:, top].all(axis=1)  # nothing applicable: the exact path refuses it
        if plan.total is None:
            totals = rounded(value[:, top].sum(axis=1), k, plan.mode)
        else:
            totals = self._aggregate(plan.total, value, top, self.whole, na[:, top].all(axis=1))
        return scores, full_cells, totals

    def _aggregate(self, g: GroupPlan, value: Any, kids: list[int], full: Any, gone: Any) -> Any:
        """A group that is not a sum (its children ``kids``, its full marks and
        whether it is not applicable, per row), kind by kind of row: over its
        applicable children's full marks there."""
        if g.kind == "weighted_mean":
            return self._weighted_mean(value, kids, full, gone)
        plan, scale = self.plan, 10**self.plan.places
        units = np.zeros(len(value), dtype=np.int64)
        names = g.formula.names if g.formula is not None else ()
        for rows in self.kinds:
            r = rows[0]
            if gone[r]:
                continue
            den = scale * int(self.k[r])
            fulls = tuple(Fraction(int(self.fulls[r, c]), den) for c in kids)
            left = [i for c, i in zip(kids, g.ids, strict=True) if self.na[r, c]]
            if not any(f > 0 for f in fulls) or any(i in names for i in left):
                self.failed[rows] = True  # the exact path scores it, or says why not
                continue
            here = replace(g, fulls=fulls, weight=Fraction(int(full[r]), den))
            got, bad = group_units(
                here, value[rows][:, kids], plan.places, plan.mode, int(self.k[r])
            )
            units[rows] = got
            self.failed[rows] |= bad
        return units

    def _weighted_mean(self, value: Any, kids: list[int], full: Any, gone: Any) -> Any:
        """A weighted mean, every row at once: its full marks × the sum of its
        children's values over the row's k × the sum of their full marks (all
        over one denominator, so they cancel but k)."""
        fulls = self.fulls[:, kids].sum(axis=1)
        given = value[:, kids].sum(axis=1)
        empty = (fulls == 0) & ~gone  # no child with full marks left: the exact way
        self.failed |= empty
        live = ~gone & ~empty
        k, most = int(self.k.max(initial=1)), int(fulls.max(initial=0))
        if int(full.max(initial=0)) * most >= 2**62 or k * most >= 2**62:
            # beyond int64: Python integers (full marks a million times their finest part)
            full, fulls, given, k_row = (x.astype(object) for x in (full, fulls, given, self.k))
        else:
            k_row = self.k
        over = k_row * np.where(live, fulls, 1)
        units = rounded(np.where(live, full * given, 0), over, self.plan.mode)
        return np.asarray(units, dtype=np.int64)


@functools.lru_cache(maxsize=4096)
def _in_units(w: Fraction) -> tuple[bool, int, int]:
    """Whether an effective weight is too fine or too large to be worked in
    int64 (its full marks times a denominator: those rows go exactly), and
    otherwise its denominator and numerator."""
    if w.denominator > _LARGEST or w > _HEAVIEST:
        return True, 1, 0
    return False, w.denominator, w.numerator


def _mins(plan: Plan, spec: Spec, top: Fraction) -> tuple[tuple[str, int], ...]:
    """The grades' least totals in units when the full marks are ``top`` (the
    total is rescaled when exclusions shrank them)."""
    if top in (spec.total, 0):
        return plan.grade_mins
    scale = 10**plan.places
    mins = []
    for g in spec.grades:
        basis = g.min * top / spec.total * scale
        mins.append((g.grade, -((-basis.numerator) // basis.denominator)))
    return tuple(mins)


def _kids(plan: Plan, g: int) -> list[int]:
    return list(plan.top if g < 0 else plan.children[g])


def graded(plan: Plan, totals: Any) -> list[str | None]:
    """The first grade whose least total (units) each total reaches, as the spec
    lists them."""
    labels = [name for name, _ in plan.grade_mins] + [None]
    choice = np.full(len(totals), len(plan.grade_mins))
    for k in reversed(range(len(plan.grade_mins))):
        choice[totals >= plan.grade_mins[k][1]] = k
    return [labels[k] for k in choice.tolist()]


def na_flag(iid: str) -> str:
    """The flag of an indicator marked not applicable in a row."""
    return f"{iid}:not_applicable"


def missing_flag(iid: str) -> str:
    """The flag of a leaf without a value, scored 0 (``--missing zero``)."""
    return f"{iid}:missing"


def row_flags(ids: tuple[str, ...], row: Any, gone: Any = None) -> str:
    """A row's flags: every indicator marked not applicable in it (``row``: one
    boolean per indicator, walk order) or without a value (``gone``, the same)."""
    if gone is None:
        gone = [False] * len(ids)
    return "; ".join(
        na_flag(i) if x else missing_flag(i)
        for i, x, g in zip(ids, row, gone, strict=True)
        if x or g
    )


def kind_flags(ids: tuple[str, ...], na: Any, gone: Any = None) -> list[str]:
    """The flags of each row of ``na`` (kinds × indicators, walk order; ``gone``:
    leaves without a value, the same), made from the marks it holds (a few a
    row) rather than from every indicator."""
    texts = [""] * len(na)
    flagged = na if gone is None else na | gone
    kind, at = np.nonzero(flagged)
    if not len(kind):
        return texts
    tokens = [na_flag(i) for i in ids] + [missing_flag(i) for i in ids]
    if gone is not None:  # a leaf without a value: its token is the second
        at = at + len(ids) * gone[kind, at]
    starts = np.flatnonzero(np.diff(kind, prepend=-1)).tolist()
    ends = [*starts[1:], len(kind)]
    kinds, positions = kind.tolist(), at.tolist()
    for a, b in zip(starts, ends, strict=True):
        texts[kinds[a]] = "; ".join(tokens[j] for j in positions[a:b])
    return texts
