"""Overrides: the evaluator's awarded score replaces the rule's, visibly and with a reason."""

from __future__ import annotations

from fractions import Fraction

from ..base.errors import EvaluationError
from ..base.i18n import _, msg
from ..base.numbers import format_value
from ..base.trace import Step
from ..spec.model import Indicator
from .context import Evaluation


def apply_override(
    ev: Evaluation,
    ind: Indicator,
    weight: Fraction,
    full: Fraction,
    rule_score: Fraction,
    steps: list[Step],
) -> tuple[Fraction, str, str]:
    """The awarded score of ``ind``, its status and the reason; with an override,
    scaled to a redistributed ``weight`` and traced in ``steps``."""
    override = ev.a.overrides.get(ind.id)
    if override is None:
        return rule_score, "scored", ""
    if override.score > full:
        ev.errors.append(
            EvaluationError(
                _(
                    "override score {score} for '{id}' is above its full marks here ({full}, "
                    "after not-applicable indicators were excluded)"
                ).format(score=format_value(override.score), id=ind.id, full=format_value(full)),
                override.pos,
            )
        )
    value = override.score
    lines = [f"rule's score {ev.fmt(rule_score)} → awarded {format_value(override.score)}"]
    if weight != ind.weight:
        value = override.score * weight / ind.weight
        lines.append(
            f"scaled to the redistributed weight: {format_value(override.score)}"
            f" × {format_value(weight)} / {format_value(ind.weight)} = "
            f"{format_value(value)}"
        )
        if ev.round_each:
            value = ev.round(value)
    lines.append(f"reason: {override.reason}")
    steps.append(
        Step(
            kind="override",
            label=msg("override by the evaluator"),
            value=value,
            lines=tuple(lines),
            pos=override.pos,
            brief=msg("override"),
        )
    )
    return value, "override", override.reason
