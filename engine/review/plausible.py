"""Values that are accepted but likely mistyped, said as notes (never errors): a
percentage typed as a fraction (0.9893 where 98.93% was meant scores 1% of the
marks, and nothing else would show it)."""

from __future__ import annotations

from fractions import Fraction

from ..base.i18n import _
from ..base.numbers import format_value
from ..scoring.result import Scorecard

#: a target at least this many percent makes an actual of 1% or less suspect
SUSPECT_FROM = Fraction(10)


def fraction_notes(sc: Scorecard) -> list[str]:
    """A located note for each indicator in percent whose actual lies above 0 and at
    most 1 while its target is 10% or more: most likely a fraction (0.9893) typed
    for a percentage (98.93)."""
    notes = []
    for r in sc.walk():
        ind = r.indicator
        a, target = r.actual, ind.target
        if ind.unit != "%" or not isinstance(a, Fraction) or target is None:
            continue
        if 0 < a <= 1 and target >= SUSPECT_FROM:
            where = f"{r.actual_at}: " if r.actual_at is not None else ""
            notes.append(
                where
                + _(
                    "note: {name} ({id}) is {actual}% against a target of {target}%; if "
                    "{meant}% was meant, write {meant} (a percentage, not a fraction)"
                ).format(
                    name=ind.name,
                    id=ind.id,
                    actual=format_value(a),
                    target=format_value(target),
                    meant=format_value(a * 100),
                )
            )
    return notes
