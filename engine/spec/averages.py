"""A spec's groups that average children rounded first: where a child's rounding
counts more in the group's score than in a sum, ``validate`` says so.

With ``rounding.apply: each`` every child's score is rounded before its group is
worked (decisions §6). A sum carries each child's rounding into the group once.
A mean scales it: a ``weighted_mean`` by the group's weight over its children's
weights added up, a ``mean`` or ``geometric_mean`` by the group's weight over
the number of children times the child's weight. Children weighing 2, 1 and 1 in
a group of 30 make each rounding count 7.5 times; at ``places: 0`` the group's
score can then be 30 where its children's exact scores make it 19.7. The spec
is valid (only its children's weights' ratios matter to a mean), so this is a
note, not an error.
"""

from __future__ import annotations

from fractions import Fraction

from ..base.i18n import ngettext
from ..base.numbers import format_value
from .model import Indicator, Spec

#: how many times one child's rounding may count in its group's score unsaid
AT_MOST = Fraction(1)


def averaging_notes(spec: Spec) -> list[str]:
    """A located note for each group that averages children rounded first, where
    one child's rounding counts more than once in the group's score."""
    if spec.rounding.apply != "each":
        return []
    out = []
    for group in spec.walk():
        factor = _magnified(group)
        if factor is None or factor <= AT_MOST:
            continue
        pos = group.aggregate.pos or group.pos
        out.append(
            ngettext(
                "{pos}: note: group '{id}' ({kind}) averages its children's scores each "
                "rounded to {places} place first: a child's rounding moves the group's score "
                "up to {factor} times as much (its children weigh {added} in all, it weighs "
                "{weight}); give the children weights that add up to the group's, or round "
                "to more places",
                "{pos}: note: group '{id}' ({kind}) averages its children's scores each "
                "rounded to {places} places first: a child's rounding moves the group's score "
                "up to {factor} times as much (its children weigh {added} in all, it weighs "
                "{weight}); give the children weights that add up to the group's, or round "
                "to more places",
                spec.rounding.places,
            ).format(
                pos=pos,
                id=group.id,
                kind=group.aggregate.kind,
                places=spec.rounding.places,
                factor=format_value(round(factor, 2)),
                added=format_value(sum((c.weight for c in group.children), Fraction(0))),
                weight=format_value(group.weight),
            )
        )
    return out


def _magnified(group: Indicator) -> Fraction | None:
    """The most one child's rounding counts in the group's score (None: not an average)."""
    kids = group.children
    kind = group.aggregate.kind
    if not kids or kind not in ("weighted_mean", "mean", "geometric_mean"):
        return None
    if kind == "weighted_mean":
        return group.weight / sum((c.weight for c in kids), Fraction(0))
    return max(group.weight / (len(kids) * c.weight) for c in kids)
