"""Rendering of what-if answers."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from ..base.numbers import format_fixed, format_value, round_fraction
from ..review.whatif import Need, WhatIf
from ._fmt import score_text, unit_suffix
from .text import hanging


def _value(x: Any, unit: str) -> str:
    if isinstance(x, Fraction):
        return format_value(x, max_places=4) + unit_suffix(unit)
    if isinstance(x, dict):
        return f"{x.get('grade')} ({format_value(x.get('score'))})"
    return str(x)


def _line(w: WhatIf, n: Need) -> Text:
    sc = w.scorecard
    t = Text(f"  {n.name} ({n.id}): ")
    now = f"{_value(n.actual, n.unit)} scores {score_text(sc, n.score)}"
    if n.needed is None:
        t.append(f"{now}; {n.how}", style="dim")
        return t
    mark = "≈ " if n.how == "approx" else ""
    earns = n.earns if n.earns is not None else n.goal
    places = sc.spec.rounding.places
    shown = format_fixed(round_fraction(earns, places, sc.spec.rounding.mode), places)
    t.append(f"{now}; {mark}{_value(n.needed, n.unit)} scores {shown}")
    return t


def render(w: WhatIf) -> RenderableType:
    sc = w.scorecard
    parts: list[RenderableType] = [
        Text(f"{sc.spec.title or sc.spec.id} · {sc.entity}".rstrip(" ·"), style="bold"),
        Text(
            f"Total {score_text(sc, sc.total)} / {score_text(sc, sc.full_marks)}"
            + (f"   grade {sc.grade}" if sc.grade else "")
        ),
        Text(""),
        Text("To gain a point (or reach full marks), each actual would need to be:", style="bold"),
    ]
    parts.extend(hanging([_line(w, n) for n in w.gains]))
    parts.append(Text(""))
    if w.next_grade is None or w.points_needed is None:
        parts.append(Text("No higher grade to reach." if sc.grade else "The spec has no grades."))
    else:
        parts.append(
            Text(
                f"To reach {w.next_grade}: {format_value(w.points_needed)} more points.",
                style="bold",
            )
        )
        if w.closers:
            parts.append(Text("Any one of these alone would do it:"))
            parts.extend(hanging([_line(w, n) for n in w.closers]))
        else:
            parts.append(Text("No single indicator can close the gap on its own."))
    parts.append(Text(""))
    parts.append(
        Text(
            "Each value is the nearest that reaches the goal (before rounding), "
            "shown with what it scores; ≈ marks one found only to 0.000001.",
            style="dim",
        )
    )
    return Group(*parts)
