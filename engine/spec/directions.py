"""Bands that reward the other way than their indicator's ``direction``:
``validate`` says so.

A ``bands`` method scores by its bands alone; ``direction`` does not enter its
arithmetic. Others read the direction, though: ``whatif`` searches the way it
says is better, the 自评表 form prints it for the unit filling it in, and a
reader of the spec trusts it. Bands copied from a "higher is better"
indicator into a "lower is better" one (or the reverse) give full marks to the
worst actuals and the spec is still valid, so this is a note, not an error. Only
bands that rise the other way all along are noted: bands with their best in
the middle (a budget executed at 95 to 105%) have no direction to contradict.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

from ..base.i18n import _
from .methods import Band, BandsMethod
from .model import Indicator, Spec


def direction_notes(spec: Spec) -> list[str]:
    """A located note for each leaf whose bands reward the other way than its direction."""
    out = []
    for leaf in spec.leaves():
        method = leaf.method
        if not isinstance(method, BandsMethod) or leaf.direction not in ("higher", "lower"):
            continue
        awards = _awards(method.bands, leaf.weight)
        if leaf.direction == "lower":
            awards.reverse()
        if _falls(awards):
            out.append(_note(leaf, method))
    return out


def zero_target_notes(spec: Spec) -> list[str]:
    """A located note for each leaf that every actual of 0 or more meets: a
    ``ratio`` or ``threshold`` where higher is better, against a target of 0 (a
    target left at 0 by mistake gives full marks to every unit)."""
    return [
        _(
            "{pos}: note: indicator '{id}' is scored by {method} where higher is better, "
            "against a target of 0: every actual of 0 or more gets full marks; give the "
            "target meant"
        ).format(pos=leaf.pos, id=leaf.id, method=leaf.method.name)
        for leaf in spec.leaves()
        if leaf.method is not None
        and leaf.method.name in ("ratio", "threshold")
        and leaf.direction == "higher"
        and leaf.target == 0
    ]


def _note(leaf: Indicator, method: BandsMethod) -> str:
    if leaf.direction == "higher":
        text = _(
            "{pos}: note: indicator '{id}' has direction 'higher', but its bands give more "
            "points the lower the actual; give it direction 'lower', or reorder the bands' "
            "points"
        )
    else:
        text = _(
            "{pos}: note: indicator '{id}' has direction 'lower', but its bands give more "
            "points the higher the actual; give it direction 'higher', or reorder the bands' "
            "points"
        )
    return text.format(pos=method.pos or leaf.pos, id=leaf.id)


def _awards(bands: tuple[Band, ...], weight: Fraction) -> list[Fraction]:
    """What the bands award from the lowest actual to the highest: one value for
    each bound, each stretch between bounds, and below and above them all (the
    bands are constant on each), runs of one value kept once."""
    bounds = sorted({b for band in bands for b in (band.min, band.max) if b is not None})
    if not bounds:
        return []
    probes = [bounds[0] - 1]
    for low, high in pairwise(bounds):
        probes += [low, (low + high) / 2]
    probes += [bounds[-1], bounds[-1] + 1]
    out: list[Fraction] = []
    for x in probes:
        band = next(b for b in bands if b.matches(x))  # the last band matches all
        award = band.points if band.points is not None else weight * (band.fraction or 0)
        if not out or out[-1] != award:
            out.append(award)
    return out


def _falls(awards: list[Fraction]) -> bool:
    """Whether the awards, in order, fall at least once and never rise."""
    return len(awards) > 1 and all(a > b for a, b in pairwise(awards))
