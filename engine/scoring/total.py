"""The total: clamped when a formula makes it, rounded (never above its full marks),
and graded against the spec's bands."""

from __future__ import annotations

from fractions import Fraction

from ..base.i18n import msg
from ..base.numbers import format_value
from ..base.trace import Row, Step
from .context import Evaluation
from .finish import clamped
from .overrides import not_above


def settle_total(
    ev: Evaluation, total: Fraction, full: Fraction, steps: list[Step]
) -> tuple[Fraction, str | None, list[Step]]:
    """The rounded total, its grade, and the total's steps after the aggregation's ``steps``."""
    spec = ev.spec
    total_steps = list(steps)
    if spec.aggregate.kind == "formula":
        total, step = clamped(total, full, spec.pos)
        if step is not None:
            total_steps.append(step)
    rounded = ev.round(total)
    if rounded != total or not ev.round_each:
        total_steps.append(ev.round_step(total, rounded))
    rounded, lifted = not_above(rounded, full, spec.pos)
    if lifted is not None:  # as an indicator's: rounding never lifts it above its full marks
        total_steps.append(lifted)
    grade, grade_step = _grade(ev, rounded, full)
    if grade_step is not None:
        total_steps.append(grade_step)
    return rounded, grade, total_steps


def _grade(ev: Evaluation, total: Fraction, full: Fraction) -> tuple[str | None, Step | None]:
    """The first grade whose min the total reaches (rescaled to the spec's total
    when exclusions shrank the full marks), and the step that shows it."""
    grades = ev.spec.grades
    if not grades:
        return None, None
    basis = total
    lines: list[str] = []
    if full != ev.spec.total and full > 0:
        basis = total * ev.spec.total / full
        lines.append(
            msg(
                "full marks are {full} after exclusions: {total} × {spec_total} / {full} = {basis}",
                full=format_value(full),
                total=ev.fmt(total),
                spec_total=format_value(ev.spec.total),
                basis=format_value(basis),
            )
        )
    # the total as the scorecard shows it; a total rescaled after exclusions exactly
    shown = ev.fmt(basis) if basis == total else format_value(basis)
    chosen = next((g for g in grades if basis >= g.min), None)
    rows = tuple(
        Row(g.grade, msg("total ≥ {min}", min=format_value(g.min)), "", g is chosen) for g in grades
    )
    if chosen is not None:
        lines.append(f"{shown} ≥ {format_value(chosen.min)} → {chosen.grade}")
        return chosen.grade, Step(
            kind="grade_total",
            label=msg("grade {grade}", grade=chosen.grade),
            value=chosen.grade,
            lines=tuple(lines),
            pos=chosen.pos,
            rows=rows,
        )
    return None, Step(
        kind="grade_total",
        label=msg("no grade"),
        value=None,
        lines=(*lines, msg("{total} is below every grade", total=shown)),
        pos=grades[-1].pos,
        rows=rows,
    )
