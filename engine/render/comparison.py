"""Rendering of a comparison of two specs on the same actuals."""

from __future__ import annotations

from fractions import Fraction

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..compare import Comparison
from ..result import Scorecard
from ._fmt import score_text


def _side(label: str, sc: Scorecard, sets: tuple[str, ...] = ()) -> Text:
    spec = sc.spec
    t = Text()
    t.append(f"{label}  ", style="bold")
    t.append(f"{spec.file} ({spec.id}" + (f" {spec.version}" if spec.version else "") + ")")
    if sets:
        t.append(" with " + " ".join(f"--set {s}" for s in sets))
    t.append("\n   total ")
    t.append(score_text(sc, sc.total), style="bold")
    t.append(f" / {score_text(sc, sc.full_marks)}")
    if sc.grade is not None:
        t.append(f"   grade {sc.grade}")
    return t


def _signed(x: Fraction, sc: Scorecard) -> str:
    text = score_text(sc, abs(x))
    return ("+" if x > 0 else "−" if x < 0 else "±") + text


def render(c: Comparison, b_sets: tuple[str, ...] = ()) -> RenderableType:
    parts: list[RenderableType] = [_side("A", c.a), _side("B", c.b, b_sets)]
    grade = ""
    if c.a.grade != c.b.grade:
        grade = f"   grade {c.a.grade} → {c.b.grade}"
    parts.append(Text(f"Δ total {_signed(c.total_delta, c.b)}{grade}", style="bold"))
    for ch in c.spec_changes:
        parts.append(Text(f"spec {ch.field}: {ch.a or '—'} → {ch.b or '—'}"))
    if not c.deltas:
        parts.append(Text("No indicator's score or rule differs."))
        return Group(*parts)
    parts.append(Text(""))
    parts.append(Text("Changed indicators, largest change first:", style="bold"))
    for d in c.deltas:
        line = Text()
        line.append(f"{_signed(d.delta, c.b):>8}  ", style="bold")
        line.append(f"{d.name} ({d.id})  ")
        a = "—" if d.a is None else score_text(c.a, d.a)
        b = "—" if d.b is None else score_text(c.b, d.b)
        line.append(f"{a} → {b}", style="dim")
        parts.append(line)
        for ch in d.changes:
            parts.append(
                Padding(
                    Text(f"{ch.field}: {ch.a or '—'} → {ch.b or '—'}", style="dim"), (0, 0, 0, 12)
                )
            )
    return Group(*parts)
