"""Values that are accepted but likely mistyped, by the one rule every reader
uses: a percentage typed as a fraction (0.9893 where 98.93% was meant, which
scores 1% of the marks and nothing else would show), a hundred times over (9000%
in a cell formatted as a percentage where 90 was typed; 1000% or more where the
indicator has no target), and a count below 0 (which a lower-is-better rule
scores at full marks). ``score`` and ``review`` say them per value
(:mod:`engine.review.plausible`), ``batch`` per column (:mod:`engine.batch.suspects`)."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from .text import is_percent

#: a target at least this many percent makes a small actual suspect (:func:`fraction_top`)
SUSPECT_FROM = Fraction(10)
#: the same where lower is better: a small rate is then the aim, not a slip
SUSPECT_FROM_LOWER = Fraction(50)
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

Kind = Literal["negative", "fraction", "hundredfold"]
#: (indicator id, kind of slip) → (rows, the first row's number, its value as written)
Suspects = dict[tuple[str, str], tuple[int, int, str]]


def is_count(unit: str) -> bool:
    return unit.strip() in COUNT_UNITS


def hundredfold_from(unit: str, target: Fraction | None) -> Fraction | None:
    """The least value a hundred times over for a percentage (None: not one)."""
    if not is_percent(unit):
        return None
    if target is None:
        return SUSPECT_ABOVE
    if 0 < target <= 100:
        return max(SUSPECT_ABOVE, 10 * target)
    return None


def fraction_top(
    unit: str, target: Fraction | None, direction: str | None = None
) -> Fraction | None:
    """The largest value above 0 that is suspect as a percentage typed as a
    fraction (None: none is): for a percentage whose target is
    :data:`SUSPECT_FROM` or more, 1, or the fraction of 1.5 times the target if
    more (1.5 for a target of 100%: 1.05 typed for a control rate of 105%). Where
    lower is better, a small rate is what the rule asks for (a carryover of 0.41%
    under a target of at most 10%): suspect only under a target of
    :data:`SUSPECT_FROM_LOWER` or more (a control rate of at most 100%)."""
    least = SUSPECT_FROM_LOWER if direction == "lower" else SUSPECT_FROM
    if not is_percent(unit) or target is None or target < least:
        return None
    return max(Fraction(1), target * Fraction(3, 200))


def suspect(
    actual: Fraction, unit: str, target: Fraction | None, direction: str | None = None
) -> Kind | None:
    """How ``actual`` is likely mistyped, or None (``direction``: the indicator's)."""
    if actual < 0 and is_count(unit):
        return "negative"
    high = hundredfold_from(unit, target)
    if high is not None and actual >= high:
        return "hundredfold"
    top = fraction_top(unit, target, direction)
    if top is not None and 0 < actual <= top:
        return "fraction"
    return None


def merged(into: Suspects, more: Suspects) -> None:
    """``more`` counted into ``into``, the first row kept the one of least number
    (a chunk's exact rows are counted apart from its fast rows)."""
    for key, (count, row, text) in more.items():
        before = into.get(key)
        if before is None:
            into[key] = (count, row, text)
        else:
            first = min((before[1], before[2]), (row, text))
            into[key] = (before[0] + count, *first)
