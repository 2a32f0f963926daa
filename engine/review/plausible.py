"""Values that are accepted but likely mistyped, said as notes (never errors): a
percentage typed as a fraction (0.9893 where 98.93% was meant scores 1% of the
marks, and nothing else would show it), or a hundred times over (9000% in a cell
formatted as a percentage where 90 was typed; 1000% or more where the indicator
has no target), and a count below 0 (which a
lower-is-better rule scores at full marks)."""

from __future__ import annotations

from fractions import Fraction

from ..base.i18n import _
from ..base.numbers import format_value
from ..base.suspect import suspect
from ..scoring.result import Scorecard
from ..spec.model import Indicator

__all__ = ["fraction_notes"]


def fraction_notes(sc: Scorecard) -> list[str]:
    """A located note for each actual likely mistyped (:func:`engine.base.suspect.suspect`)."""
    return [text for _id, text in noted_fractions(sc)]


def noted_fractions(sc: Scorecard) -> list[tuple[str, str]]:
    """:func:`fraction_notes`, each with the id of its indicator."""
    notes = []
    for r in sc.walk():
        ind = r.indicator
        a, target = r.actual, ind.standard
        if not isinstance(a, Fraction):
            continue
        kind = suspect(a, ind.unit, target, ind.direction)
        if kind is None:
            continue
        where = f"{r.actual_at}: " if r.actual_at is not None else ""
        notes.append((ind.id, where + _note(kind, ind, a, target)))
    return notes


def standard_text(ind: Indicator) -> str:
    """What a likely slip is set against: the indicator's target, or, for bands
    with none, where its top band starts (:attr:`Indicator.standard`)."""
    standard = format_value(ind.standard) if ind.standard is not None else ""
    if ind.target is not None:
        return _("a target of {target}%").format(target=standard)
    return _("{start}%, where its top band starts").format(start=standard)


def _note(kind: str, ind: Indicator, a: Fraction, target: Fraction | None) -> str:
    """What a note says of one value, by the kind of its likely slip."""
    name, iid, unit = ind.name, ind.id, ind.unit.strip()
    actual = format_value(a)
    if kind == "negative":
        return _("note: {name} ({id}) is {actual} {unit}, a count below 0; check the value").format(
            name=name, id=iid, actual=actual, unit=unit
        )
    if target is None:  # bands or grades by the value: no target
        return _(
            "note: {name} ({id}) is {actual}%; if {meant}% was meant, write {meant}, or "
            "{meant}% in a cell formatted as a percentage (where a 90 pasted or written by a "
            "program shows as 9000%)"
        ).format(name=name, id=iid, actual=actual, meant=format_value(a / 100))
    if kind == "hundredfold":
        said = _(
            "note: {name} ({id}) is {actual}% against {standard}; if {meant}% was meant, "
            "write {meant}, or {meant}% in a cell formatted as a percentage (where a 90 "
            "pasted or written by a program shows as 9000%)"
        )
        meant = a / 100
    else:
        said = _(
            "note: {name} ({id}) is {actual}% against {standard}; if {meant}% was meant, "
            "write {meant} (a percentage, not a fraction)"
        )
        meant = a * 100
    return said.format(
        name=name, id=iid, actual=actual, standard=standard_text(ind), meant=format_value(meant)
    )
