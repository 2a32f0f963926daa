"""A group scored: its children (leaves and groups, some not applicable), then aggregated."""

from __future__ import annotations

from fractions import Fraction

from ..base.trace import Step
from ..spec.model import Aggregation, Indicator
from .aggregate import combine
from .context import Evaluation
from .finish import finish
from .leaf import score_leaf
from .not_applicable import is_na, na_result, redistribution, scaled_step, shared_out
from .result import Result


def score_children(
    ev: Evaluation,
    children: tuple[Indicator, ...],
    own_weight: Fraction,
    eff_weight: Fraction,
    agg: Aggregation,
    na_mode: str,
    group: Indicator | None,
) -> tuple[list[Result], Fraction, Fraction, list[Step]]:
    """Score ``children`` of a group (None: the spec's top level) whose weight
    ``own_weight`` now counts as ``eff_weight``; return their results, the
    group's score, its full marks and the aggregation's steps."""
    scale = eff_weight / own_weight
    na = [c for c in children if is_na(ev, c)]
    applicable = [c for c in children if not is_na(ev, c)]
    share = redistribution(ev, children, na, applicable, na_mode)
    factor = share.factor if share is not None else Fraction(1)
    exact = [c.weight * scale * factor for c in applicable]
    weights = dict(zip([c.id for c in applicable], exact, strict=True))
    r = ev.spec.rounding
    if factor != 1 or scale != 1:  # weights handed on: each to the places scores keep
        rounded = shared_out(exact, r.places if r.apply == "each" else None)
        weights = dict(zip(weights, rounded, strict=True))
    results: list[Result] = []
    for c in children:
        if c in na:
            results.append(na_result(ev, c))
            continue
        w = weights[c.id]
        pre = (
            share.step(c, scale, w)
            if share is not None
            else scaled_step(c, own_weight, eff_weight, w, group.id if group else ev.spec.id)
        )
        results.append(score_indicator(ev, c, w, pre))
    score, full, steps = combine(ev, results, eff_weight, agg, group)
    return results, score, full, steps


def score_indicator(ev: Evaluation, ind: Indicator, weight: Fraction, pre: Step | None) -> Result:
    """Score ``ind``, leaf or group, out of ``weight``; ``pre`` is a step shown first."""
    if not ind.is_group:
        return score_leaf(ev, ind, weight, pre)
    steps: list[Step] = [pre] if pre else []
    na_mode = ind.not_applicable or ev.spec.not_applicable
    kids, raw, full, agg_steps = score_children(
        ev, ind.children, ind.weight, weight, ind.aggregate, na_mode, ind
    )
    steps.extend(agg_steps)
    return finish(
        ev,
        ind,
        weight,
        full,
        None,
        raw,
        steps,
        kids,
        None,
        sum_group=ind.aggregate.kind == "sum",
        clamp=ind.aggregate.kind == "formula",
    )
