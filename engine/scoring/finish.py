"""The last steps of every indicator's score: clamp to its full marks, round, override."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..base.errors import Pos
from ..base.i18n import msg
from ..base.numbers import format_value
from ..base.trace import Step
from ..spec.model import Indicator
from .context import Evaluation
from .overrides import apply_override, not_above
from .result import Result


def finish(
    ev: Evaluation,
    ind: Indicator,
    weight: Fraction,
    full: Fraction,
    actual: Any,
    raw: Fraction,
    steps: list[Step],
    kids: Sequence[Result],
    band: int | None,
    sum_group: bool = False,
    clamp: bool = True,
) -> Result:
    """Clamp (leaves and formula groups; other groups leave the range only by the
    rounding of their children), round, and apply any override."""
    value, step = clamped(raw, full, ind.weight_pos) if clamp else (raw, None)
    capped = step is not None
    if step is not None:
        steps.append(step)
    if ev.round_each:
        rounded = ev.round(value)
        if ev.trace and (not sum_group or rounded != value):
            steps.append(ev.round_step(value, rounded))
        value, lifted = not_above(rounded, full, ind.weight_pos)
        if lifted is not None:  # rounding never lifts a score above its full marks
            steps.append(lifted)
            capped = capped or not sum_group  # a sum group only adds up its children
    rule_score = value
    value, status, reason = apply_override(ev, ind, weight, full, rule_score, steps)
    return Result(
        indicator=ind,
        weight=weight,
        full=full,
        actual=actual,
        score=value,
        rule_score=rule_score,
        status=status,
        steps=tuple(steps),
        children=tuple(kids),
        capped=capped,
        band=band,
        note=ev.a.notes.get(ind.id, ""),
        reason=reason,
        actual_at=ev.a.pos("values", ind.id) if ind.id in ev.a.values else None,
    )


def clamped(value: Fraction, full: Fraction, pos: Pos | None) -> tuple[Fraction, Step | None]:
    """``value`` within [0, full], and the visible step when that changed it."""
    if 0 <= value <= full:
        return value, None
    clamped = min(max(value, Fraction(0)), full)
    return clamped, Step(
        kind="clamp",
        label=msg("clamp to [0, {full}]", full=format_value(full)),
        value=clamped,
        lines=(f"{format_value(value)} → {format_value(clamped)}",),
        pos=pos,
        brief=msg("capped"),
    )
