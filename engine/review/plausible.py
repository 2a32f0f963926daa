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
from ..base.text import is_percent
from ..scoring.result import Scorecard

#: a target at least this many percent makes an actual of 1% or less suspect
SUSPECT_FROM = Fraction(10)
#: a rate this high (and ten times its target of at most 100%) is suspect too
SUSPECT_ABOVE = Fraction(1000)


#: units of things counted one by one: never below 0
COUNT_UNITS = frozenset(
    (
        "次",
        "项",
        "家",
        "个",
        "座",
        "天",
        "人",
        "件",
        "场",
        "篇",
        "户",
        "人次",
        "所",
        "条",
        "份",
        "起",
    )
)


def fraction_notes(sc: Scorecard) -> list[str]:
    """A located note for each indicator in percent whose actual lies above 0 and at
    most 1 while its target is 10% or more: most likely a fraction (0.9893) typed
    for a percentage (98.93)."""
    notes = []
    for r in sc.walk():
        ind = r.indicator
        a, target = r.actual, ind.target
        if not isinstance(a, Fraction):
            continue
        where = f"{r.actual_at}: " if r.actual_at is not None else ""
        if a < 0 and ind.unit.strip() in COUNT_UNITS:
            notes.append(
                where
                + _(
                    "note: {name} ({id}) is {actual} {unit}, a count below 0; check the value"
                ).format(name=ind.name, id=ind.id, actual=format_value(a), unit=ind.unit.strip())
            )
            continue
        if not is_percent(ind.unit):
            continue
        if target is None and a >= SUSPECT_ABOVE:  # bands or grades by the value: no target
            notes.append(
                where
                + _(
                    "note: {name} ({id}) is {actual}%; if {meant}% was meant, write {meant} "
                    "(a cell formatted as a percentage shows 90 as 9000%)"
                ).format(
                    name=ind.name, id=ind.id, actual=format_value(a), meant=format_value(a / 100)
                )
            )
            continue
        if target is None:
            continue
        if 0 < target <= 100 and a >= max(SUSPECT_ABOVE, 10 * target):
            notes.append(
                where
                + _(
                    "note: {name} ({id}) is {actual}% against a target of {target}%; if "
                    "{meant}% was meant, write {meant} (a cell formatted as a percentage "
                    "shows 90 as 9000%)"
                ).format(
                    name=ind.name,
                    id=ind.id,
                    actual=format_value(a),
                    target=format_value(target),
                    meant=format_value(a / 100),
                )
            )
            continue
        if 0 < a <= 1 and target >= SUSPECT_FROM:
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
