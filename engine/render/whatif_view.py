"""Rendering of what-if answers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from rich.console import Group, RenderableType

from ..base.i18n import _, tr
from ..base.numbers import format_fixed, format_value, round_fraction
from ..review.whatif import Need, WhatIf
from ._fmt import score_text, total_text, unit_suffix
from .safe_text import Text
from .text import hanging


def _value(x: Any, unit: str) -> str:
    if isinstance(x, Fraction):
        return format_value(x, max_places=4) + unit_suffix(unit)
    if isinstance(x, dict):
        return f"{x.get('grade')} ({format_value(x.get('score'))})"
    return str(x)


def _line(w: WhatIf, n: Need) -> Text:
    sc = w.scorecard
    t = Text("  " + _("{name} ({id}): ").format(name=n.name, id=n.id))
    now = _("{value} scores {score}").format(
        value=_value(n.actual, n.unit), score=score_text(sc, n.score)
    )
    if n.needed is None:
        t.append(_("{now}; {then}").format(now=now, then=tr(n.how)), style="dim")
        return t
    mark = "≈ " if n.how == "approx" else ""
    earns = n.earns if n.earns is not None else n.goal
    places = sc.spec.rounding.places

    def fixed(x: Fraction) -> str:
        return format_fixed(round_fraction(x, places, sc.spec.rounding.mode), places)

    then = _("{value} scores {score}").format(value=_value(n.needed, n.unit), score=fixed(earns))
    if n.least is not None and n.least < earns:  # a grade's range: the evaluator chooses
        then = _chosen(w, n, max(n.goal, n.least), n.least, earns) or _(
            "{value} with a chosen score of at least {goal} (the grade gives {low} to {high})"
        ).format(
            value=_value(n.needed, n.unit),
            goal=fixed(max(n.goal, n.least)),
            low=fixed(n.least),
            high=fixed(earns),
        )
    t.append(_("{now}; {then}").format(now=now, then=mark + then))
    return t


def _chosen(w: WhatIf, n: Need, goal: Fraction, low: Fraction, high: Fraction) -> str | None:
    """A grade's chosen score to write, where the indicator is scored at another
    weight than the spec's (a sibling not applicable): a chosen score is written on
    the spec's weight (3.2 to 4 of 4 points), and scaled to the weight it has here
    (5.33 to 6.67); None where the two are one."""
    sc = w.scorecard
    r, ind = sc.find(n.id), sc.spec.by_id.get(n.id)
    if r is None or ind is None or ind.weight is None or not r.weight or ind.weight == r.weight:
        return None
    places, mode = sc.spec.rounding.places, sc.spec.rounding.mode
    scale = ind.weight / r.weight
    step = Fraction(1, 10**places)
    least = -((-goal * scale) // step) * step  # written at the places, at least the goal

    def shown(x: Fraction) -> str:
        return format_fixed(round_fraction(x, places, mode), places)

    return _(
        "{value} with a chosen score of at least {goal} of its {weight} points (the grade "
        "gives {low} to {high}; scored at its weight here, {weight_here}: {goal_here})"
    ).format(
        value=_value(n.needed, n.unit),
        goal=format_fixed(least, places),
        weight=format_value(ind.weight),
        low=shown(low * scale),
        high=shown(high * scale),
        weight_here=shown(r.weight),
        goal_here=shown(least / scale),
    )


def render(w: WhatIf) -> RenderableType:
    sc = w.scorecard
    parts: list[RenderableType] = [
        Text(f"{sc.spec.title or sc.spec.id} · {sc.entity}".rstrip(" ·"), style="bold"),
        Text(
            _("Total {total} / {full}").format(
                total=total_text(sc, sc.total), full=total_text(sc, sc.full_marks)
            )
            + ("   " + _("grade {grade}").format(grade=sc.grade) if sc.grade else "")
        ),
        Text(""),
        Text(
            _("To gain a point (or reach full marks), each actual would need to be:"),
            style="bold",
        ),
    ]
    parts.extend(hanging([_line(w, n) for n in w.gains], more=2))
    parts.append(Text(""))
    if w.next_grade is None or w.points_needed is None:
        parts.append(
            Text(_("No higher grade to reach.") if sc.grade else _("The spec has no grades."))
        )
    else:
        parts.append(
            Text(
                _("To reach {grade}: {points} more points.").format(
                    grade=w.next_grade, points=score_text(sc, w.points_needed)
                ),
                style="bold",
            )
        )
        if w.closers:
            parts.append(Text(_("Any one of these alone would do it:")))
            parts.extend(hanging([_line(w, n) for n in w.closers], more=2))
        else:
            parts.append(Text(_("No single indicator can close the gap on its own.")))
    parts.append(Text(""))
    parts.append(
        Text(
            _(
                "Each value is the nearest that reaches the goal (before rounding), "
                "shown with what it scores; ≈ marks one found only to 0.000001."
            ),
            style="dim",
        )
    )
    return Group(*parts)
