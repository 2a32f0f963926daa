"""What-if: how far each actual must move to gain a point, and what it takes to
reach the next grade.

For a numeric indicator the score is a function of its actual. The search
brackets the point where the score (before rounding) reaches the goal, then
narrows it: where the method is linear there it solves exactly; at a band edge
the edge itself is the answer; otherwise it bisects to a fine resolution and
says so.
"""

from __future__ import annotations

import math
from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..base.errors import FormulaError, Pos
from ..base.i18n import msg
from ..base.numbers import has_places, round_fraction
from ..base.records import record
from ..scoring.actuals import Actuals
from ..scoring.evaluate import evaluate
from ..scoring.model import Override
from ..scoring.result import Result, Scorecard
from ..spec.functions import num
from ..spec.methods import BandsMethod, GradesMethod, compared_labels

#: finest resolution of a bisected answer
RESOLUTION = Fraction(1, 10**6)
#: how close below an answer the goal must still be missed for it to count as exact
EPSILON = Fraction(1, 10**9)


@record(frozen=True)
class Need:
    """What one indicator's actual must be to reach a goal score."""

    id: str
    name: str
    unit: str
    actual: Any
    score: Fraction
    goal: Fraction
    #: the actual that reaches the goal; None when it cannot be reached
    needed: Any
    #: "exact", "approx" (bisected), or why there is no answer
    how: str
    #: what the needed actual scores (unrounded; may exceed the goal, e.g. a band);
    #: for a grade with a range, the most it allows
    earns: Fraction | None = None
    #: for a grade with a range, the least it allows (the evaluator chooses within)
    least: Fraction | None = None


@record(frozen=True)
class WhatIf:
    """The gains open to an entity, and what the next grade needs."""

    scorecard: Scorecard
    gains: tuple[Need, ...]
    next_grade: str | None
    #: points the total lacks for the next grade (after any exclusion scaling)
    points_needed: Fraction | None
    #: indicators that alone could close that gap, and how
    closers: tuple[Need, ...]


def whatif(sc: Scorecard, actuals: Actuals) -> WhatIf:
    leaves = [r for r in sc.walk() if not r.indicator.is_group]
    gains = []
    against = {r.id for r in leaves if _against(sc, actuals, r)}
    for r in leaves:
        if r.status != "scored" or r.score is None:
            continue
        top = _top(sc, r)
        if r.id in against:  # a point of the total is a point less of it
            gains.append(_need_lower(r, max(r.score - 1, Fraction(0)), actuals))
            continue
        gains.append(_need(r, min(r.score + 1, top), actuals, top))
    next_grade, points = _next_grade(sc)
    closers = []
    if next_grade is not None and points is not None:
        by_id = {x.id: x for x in sc.walk()}
        # full marks between units (3.75 × 100/90) leave the total to its rounding
        unit = Fraction(1, 10**sc.spec.rounding.places)
        whole = all((x.full / unit).denominator == 1 for x in by_id.values())
        slack = Fraction(0) if whole else unit
        for r in leaves:
            if r.id in against and r.status == "scored" and r.score:
                most = _most_closing(sc, actuals, r, next_grade)
                if most is not None:
                    closers.append(_need_lower(r, most, actuals))
                continue
            if r.status != "scored" or r.score is None or r.score >= _top(sc, r):
                continue
            if whole and _summed(sc, r):  # a point of it is a point of the total
                least = r.score + points if r.weight - r.score >= points else None
            elif _headroom(sc, by_id, r) + slack < points:  # not even its top-level group
                least = None
            else:
                least = _least_closing(sc, actuals, r, next_grade)
            if least is not None:
                closers.append(_need(r, least, actuals))
    # only what an actual can do: a score no actual gives is no way to the grade
    closers = [c for c in closers if c.needed is not None]
    return WhatIf(sc, tuple(gains), next_grade, points, tuple(closers))


def _against(sc: Scorecard, actuals: Actuals, r: Result) -> bool:
    """Whether more points of ``r`` lower the total: a formula above it (the
    total's, or a group's) subtracts it, as a group of deductions (扣分项) is: such
    a leaf is searched downwards (:func:`_need_lower`, :func:`_most_closing`).
    Without a formula above it, a point more never lowers the total."""
    spec = sc.spec
    chain = [spec.by_id[g].aggregate.kind for g in spec.ancestors(r.id)]
    if r.status != "scored" or "formula" not in (*chain, spec.aggregate.kind):
        return False
    return _rescored(sc, actuals, r, r.weight).total < _rescored(sc, actuals, r, Fraction(0)).total


def _rescored(sc: Scorecard, actuals: Actuals, r: Result, score: Fraction) -> Scorecard:
    """The scorecard scored again with ``r`` at ``score`` (an override, on the spec's
    weight: scaled to ``r``'s weight here)."""
    given = score * r.indicator.weight / r.weight
    changed = {**actuals.overrides, r.id: Override(given, "what-if", Pos(actuals.file, 0, 0))}
    return evaluate(sc.spec, replace(actuals, overrides=changed), trace=False)


def _headroom(sc: Scorecard, by_id: dict[str, Result], r: Result) -> Fraction:
    """The most the total can gain through ``r``: what its top-level group (or ``r``,
    at the top) lacks of its full marks, where the total adds those up; without
    that bound, the most there is (the search decides)."""
    chain = sc.spec.ancestors(r.id)
    top = by_id[chain[-1]] if chain else r
    if sc.spec.aggregate.kind != "sum" or top.score is None:
        return sc.spec.total
    return top.full - top.score


def _summed(sc: Scorecard, r: Result) -> bool:
    """Whether every level above ``r`` adds up its children's rounded scores (each
    rounded, then added): then a point of ``r`` is a point of the total."""
    spec = sc.spec
    if spec.rounding.apply != "each" or spec.aggregate.kind != "sum":
        return False
    return all(spec.by_id[g].aggregate.kind == "sum" for g in spec.ancestors(r.id))


def _reaches(sc: Scorecard, actuals: Actuals, r: Result, grade: str) -> Any:
    """Whether the scorecard, scored again with ``r`` at a score, reaches ``grade``
    or better (a function of the score)."""
    spec = sc.spec
    names = [g.grade for g in spec.grades]
    rank = names.index(grade)

    def reaches(score: Fraction) -> bool:
        again = _rescored(sc, actuals, r, score)
        return again.grade is not None and names.index(again.grade) <= rank

    return reaches


def _most_closing(sc: Scorecard, actuals: Actuals, r: Result, grade: str) -> Fraction | None:
    """For a leaf whose points count against the total: the most it may score (a
    multiple of the spec's last place) with the scorecard reaching ``grade`` or
    better; None when even 0 does not."""
    reaches = _reaches(sc, actuals, r, grade)
    if not reaches(Fraction(0)):
        return None
    unit = Fraction(1, 10**sc.spec.rounding.places)
    low = 0  # reaches
    high = math.ceil((r.score or Fraction(0)) / unit)  # does not (the grade is not reached now)
    while high - low > 1:
        mid = (low + high) // 2
        if reaches(mid * unit):
            low = mid
        else:
            high = mid
    return low * unit


def _least_closing(sc: Scorecard, actuals: Actuals, r: Result, grade: str) -> Fraction | None:
    """The least score of ``r`` (a multiple of the spec's last place) with which the
    scorecard, scored again, reaches ``grade`` or better; None when even its full
    weight does not. Scored again, not added to the total: a group's mean, its
    rounding or its cap may count a point of ``r`` as more or less than a point
    (where every level is a sum, :func:`_summed` says it is one point)."""
    spec = sc.spec
    reaches = _reaches(sc, actuals, r, grade)
    if not reaches(r.weight):
        return None
    unit = Fraction(1, 10**spec.rounding.places)
    low = math.floor((r.score or Fraction(0)) / unit)  # does not reach
    high = math.ceil(r.weight / unit)  # reaches (capped at the weight)
    while high - low > 1:
        mid = (low + high) // 2
        if reaches(min(mid * unit, r.weight)):
            high = mid
        else:
            low = mid
    return min(high * unit, r.weight)


def _next_grade(sc: Scorecard) -> tuple[str | None, Fraction | None]:
    grades = sc.spec.grades
    if not grades or sc.grade is None:
        return None, None
    names = [g.grade for g in grades]
    i = names.index(sc.grade)
    if i == 0:
        return None, None
    target = grades[i - 1]
    scale = sc.full_marks / sc.spec.total if sc.full_marks else Fraction(1)
    return target.grade, target.min * scale - sc.total


def _top(sc: Scorecard, r: Result) -> Fraction:
    """The most ``r`` can score as the scorecard shows it: its full marks, or, where
    they have more places than the rounding keeps (4 × 40/38 = 4.2105…), their
    rounding down (4.21): a score is never rounded above its full marks."""
    r_ = sc.spec.rounding
    if r_.apply != "each" or has_places(r.weight, r_.places):
        return r.weight
    return min(round_fraction(r.weight, r_.places, r_.mode), r.weight)


def _need(r: Result, goal: Fraction, actuals: Actuals, top: Fraction | None = None) -> Need:
    ind = r.indicator
    base = dict(
        id=r.id, name=ind.name, unit=ind.unit, actual=r.actual, score=r.score or 0, goal=goal
    )
    if r.score is not None and r.score >= (r.weight if top is None else top):
        return Need(**base, needed=None, how=msg("full marks already"))
    method = ind.method
    assert method is not None
    if isinstance(method, GradesMethod):
        # the grade with the lowest top that still allows the goal
        fits = [(hi, label) for label, (_, hi) in method.grades.items() if r.weight * hi >= goal]
        if not fits:
            return Need(**base, needed=None, how=msg("no grade reaches it"))
        top, label = min(fits)
        low = method.grades[label][0]
        return Need(**base, needed=label, how="grade", earns=r.weight * top, least=r.weight * low)
    return _searched(base, r, goal, actuals, down=False)


def _need_lower(r: Result, goal: Fraction, actuals: Actuals) -> Need:
    """What the actual of a leaf whose points count against the total must be for
    its score to fall to ``goal``: the search of :func:`_need` on the points lost,
    in the direction the score falls (found from the method, whatever the
    indicator's direction says of its actual)."""
    ind = r.indicator
    base = dict(
        id=r.id, name=ind.name, unit=ind.unit, actual=r.actual, score=r.score or 0, goal=goal
    )
    method = ind.method
    assert method is not None
    if isinstance(method, GradesMethod):
        fits = [(lo, label) for label, (lo, _) in method.grades.items() if r.weight * lo <= goal]
        if not fits:
            return Need(**base, needed=None, how=msg("no grade gives so few points"))
        bottom, label = max(fits)
        return Need(**base, needed=label, how="grade", earns=r.weight * bottom)
    return _searched(base, r, goal, actuals, down=True)


def _searched(
    base: dict[str, Any], r: Result, goal: Fraction, actuals: Actuals, down: bool
) -> Need:
    """The actual of a numeric leaf whose score reaches ``goal``: rising to it, or,
    ``down``, falling to it (a leaf whose points count against the total: the
    search runs on the points lost, the way the method's score falls, whatever
    the indicator's direction says of its actual)."""
    ind = r.indicator
    method = ind.method
    assert method is not None
    if not isinstance(r.actual, Fraction):
        labels = sorted(compared_labels(method))
        if isinstance(r.actual, str) and labels:  # a label its formula compares: try the others
            return _labelled(base, r, labels, goal, actuals, down)
        return Need(**base, needed=None, how=msg("not a number"))

    def raw(x: Fraction) -> Fraction:
        value, _, _ = method.score(r.weight, ind.target, x, actuals.inputs, ind.weight)
        return min(max(num(value), Fraction(0)), r.weight)

    def sought(x: Fraction) -> Fraction:
        return -raw(x) if down else raw(x)

    try:
        rises = _direction(raw, r.actual) if down else ind.direction or _direction(raw, r.actual)
        if rises is None:
            return Need(**base, needed=None, how=msg("the score does not change with the actual"))
        sign = (1 if rises == "higher" else -1) * (-1 if down else 1)
        target = -goal if down else goal
        if isinstance(method, BandsMethod):
            need = _bands(base, method, sought, r.actual, target, sign)
        else:
            need = _solve(base, sought, r.actual, target, sign)
        if isinstance(need.needed, Fraction):
            if _counted(ind.unit) and r.actual.denominator == 1 and need.needed.denominator != 1:
                # counts stay counts: the whole number at or past the answer
                whole = Fraction(math.ceil(need.needed) if sign > 0 else math.floor(need.needed))
                need = replace(need, needed=whole, how="exact")
            need = replace(need, earns=raw(need.needed))
        return need
    except FormulaError as e:
        return Need(**base, needed=None, how=msg("cannot evaluate: {error}", error=e.message))


def _labelled(
    base: dict[str, Any],
    r: Result,
    labels: list[str],
    goal: Fraction,
    actuals: Actuals,
    down: bool,
) -> Need:
    """The label (of those the formula compares) whose score comes nearest to
    ``goal`` and reaches it: rising to it, or, ``down``, falling to it."""
    ind = r.indicator
    method = ind.method
    assert method is not None
    scored = []
    for label in labels:
        if label == r.actual:
            continue
        try:
            value, _, _ = method.score(r.weight, ind.target, label, actuals.inputs, ind.weight)
        except FormulaError:
            continue
        points = min(max(num(value), Fraction(0)), r.weight)
        if (points <= goal) if down else (points >= goal):
            scored.append((-points if down else points, label, points))
    if not scored:
        return Need(**base, needed=None, how=msg("no label reaches it"))
    _key, label, points = min(scored)
    return Need(**base, needed=label, how="grade", earns=points)


def _counted(unit: str) -> bool:
    """Things counted one by one: the answer is then a whole number."""
    from ..base.suspect import COUNT_UNITS

    return unit.strip() in COUNT_UNITS


def _direction(raw: Any, x: Fraction) -> str | None:
    step = max(abs(x), Fraction(1)) * 10
    here = raw(x)
    if raw(x + step) > here:
        return "higher"
    if raw(x - step) > here:
        return "lower"
    return None


def _bands(
    base: dict[str, Any], method: BandsMethod, raw: Any, x: Fraction, goal: Fraction, sign: int
) -> Need:
    bounds = sorted(
        {b for band in method.bands for b in (band.min, band.max) if b is not None},
        key=lambda b: sign * b,
    )
    for b in bounds:
        if sign * (b - x) > 0 and raw(b) >= goal:
            return Need(**base, needed=b, how="exact")
    return Need(**base, needed=None, how=msg("no band gives that much"))


def _solve(base: dict[str, Any], raw: Any, x: Fraction, goal: Fraction, sign: int) -> Need:
    step = max(abs(x), Fraction(1))
    far = x
    for _ in range(80):
        far = x + sign * step
        if raw(far) >= goal:
            break
        step *= 2
    else:
        return Need(**base, needed=None, how=msg("not reachable by moving the actual"))
    near = x
    for _ in range(200):
        # extend the line through ``near`` (its local slope) to the goal: exact
        # wherever the score is a straight line from here to the goal
        probe = near + (far - near) / 1024
        slope_rise = raw(probe) - raw(near)
        if slope_rise > 0:
            guess = near + (goal - raw(near)) * (probe - near) / slope_rise
            if (
                sign * (guess - near) > 0
                and sign * (far - guess) >= 0
                and raw(guess) == goal
                and raw(guess - sign * EPSILON) < goal
                and raw((near + guess) / 2) == (raw(near) + goal) / 2
            ):
                return Need(**base, needed=guess, how="exact")
        if abs(far - near) <= RESOLUTION:
            break
        mid = (near + far) / 2
        if raw(mid) >= goal:
            far = mid
        else:
            near = mid
    # a jump (e.g. a threshold): the smallest short decimal past ``near`` that reaches it
    for places in range(0, 7):
        scale = Fraction(10) ** places
        candidate = (_ceil(near * scale) if sign > 0 else _floor(near * scale)) / scale
        if candidate == near:
            candidate += sign / scale
        if sign * (far - candidate) >= 0 and raw(candidate) >= goal:
            return Need(**base, needed=candidate, how="exact")
    return Need(**base, needed=far, how="approx")


def _ceil(x: Fraction) -> Fraction:
    return Fraction(-(-x.numerator // x.denominator))


def _floor(x: Fraction) -> Fraction:
    return Fraction(x.numerator // x.denominator)
