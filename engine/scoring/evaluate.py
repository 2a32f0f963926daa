"""Evaluation: a compiled spec and checked actuals in, a :class:`Scorecard` out.

Pure: no printing, no I/O. Every number is exact (Fraction); rounding happens
once per indicator score, after clamping, by the spec's rule; a ``sum`` group is
the exact sum of its children's rounded scores. Not-applicable indicators are
handled before scoring: ``redistribute`` scales the applicable siblings' weights
up so the group keeps its full marks; ``exclude`` drops them and the full marks
shrink.

The steps, one module each: :mod:`.group` (children, then aggregated by
:mod:`.aggregate`), :mod:`.leaf`, :mod:`.not_applicable`, :mod:`.finish` (clamp,
round, then :mod:`.overrides`) and :mod:`.total` (rounding and grade).
"""

from __future__ import annotations

from dataclasses import replace

from ..base.errors import ErrorList, EvaluationError
from ..base.i18n import _
from ..spec.model import Spec
from .context import Evaluation
from .group import score_children
from .model import Actuals
from .result import Scorecard
from .total import settle_total


def evaluate(spec: Spec, actuals: Actuals, trace: bool = True) -> Scorecard:
    """Score ``actuals`` against ``spec``; raise ErrorList for evaluation errors.

    With ``trace=False`` the scores are the same but formula steps carry no
    arithmetic (no reductions are written): the batch path."""
    ev = Evaluation(spec, actuals, trace)
    results, total, full, steps = score_children(
        ev, spec.indicators, spec.total, spec.total, spec.aggregate, spec.not_applicable, None
    )
    if not full and not ev.errors:  # every indicator not applicable: 0 of 0 is no score
        marked = next(iter(actuals.not_applicable), "")
        ev.errors.append(
            EvaluationError(
                _(
                    "every indicator is marked not applicable, so nothing is left to score "
                    "(a total of 0 of 0 has no grade); give the values of those that apply, "
                    "or leave this entity out"
                ),
                actuals.pos("not_applicable", marked),
            )
        )
    if ev.errors:
        raise ErrorList(ev.errors)
    rounded, grade, total_steps = settle_total(ev, total, full, steps)
    rules_total = None
    if actuals.overrides:  # what the rules alone give, for the summary line
        rules_total = evaluate(spec, replace(actuals, overrides={}), trace=False).total
    return Scorecard(
        spec=spec,
        entity=actuals.entity,
        period=actuals.period,
        results=tuple(results),
        total=rounded,
        full_marks=full,
        grade=grade,
        steps=tuple(total_steps),
        actuals_file=actuals.file,
        actuals_sha256=actuals.sha256,
        rules_total=rules_total if rules_total != rounded else None,
        published=actuals.published,
    )
