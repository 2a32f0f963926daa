"""Overrides: the evaluator's awarded score replaces the rule's, visibly and with a reason."""

from __future__ import annotations

from fractions import Fraction

from ..base.errors import EvaluationError, Pos
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
    lines: list[str] = [
        msg(
            "rule's score {rule} → awarded {awarded}",
            rule=ev.fmt(rule_score),
            awarded=format_value(override.score),
        )
    ]
    if weight != ind.weight:
        value = override.score * weight / ind.weight
        lines.append(
            msg(
                "scaled to the redistributed weight: {score} × {weight} / {full} = {value}",
                score=format_value(override.score),
                weight=format_value(weight),
                full=format_value(ind.weight),
                value=format_value(value),
            )
        )
        if ev.round_each:  # as a rule's score: never lifted above its full marks
            value, lifted = not_above(ev.round(value), full, None)
            if lifted is not None:
                lines.extend(lifted.lines)
    lines.append(msg("reason: {reason}", reason=override.reason))
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


def not_above(rounded: Fraction, full: Fraction, pos: Pos | None) -> tuple[Fraction, Step | None]:
    """A rounded score above its full marks (a weight with more decimals than the
    rounding keeps, or a redistributed one) clamped back to them, visibly."""
    if rounded <= full:
        return rounded, None
    return full, Step(
        kind="clamp",
        label=msg("clamp to [0, {full}] after rounding", full=format_value(full)),
        value=full,
        lines=(
            msg(
                "{rounded} → {full} (rounding lifted it above the full marks)",
                rounded=format_value(rounded),
                full=format_value(full),
            ),
        ),
        pos=pos,
        brief="capped",
    )
