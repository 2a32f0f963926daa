"""Indicators left out under ``exclude`` below a formula aggregation: ``validate``
says that the formula counts them back.

A formula aggregation (``aggregate: {formula: …}``) is written for the spec's
weights, so it is worked on them: a child whose full marks shrank because
indicators under it are not applicable and left out (``not_applicable: exclude``)
enters the formula scaled to its weight in the spec, which is what
``redistribute`` gives, and the formula's result keeps the group's full marks.
The trace says so at the formula ("worked on the spec's weights"); a designer
who chose ``exclude`` expects the full marks to shrink, so ``validate`` notes
the combination. The spec is valid (a formula cannot leave an indicator out:
there is no other way to work it), so this is a note, not an error.
"""

from __future__ import annotations

from ..base.i18n import _
from .model import Indicator, Spec


def exclusion_notes(spec: Spec) -> list[str]:
    """A located note for each formula aggregation with a group below it whose
    not-applicable indicators are left out (``exclude``)."""
    out = []
    tops: list[tuple[Indicator | None, tuple[Indicator, ...]]] = [(None, spec.indicators)]
    tops += [(g, g.children) for g in spec.walk() if g.is_group]
    for group, children in tops:
        agg = group.aggregate if group is not None else spec.aggregate
        if agg.formula is None:
            continue
        below = [
            d
            for c in children
            for d in c.walk()
            if d.is_group and (d.not_applicable or spec.not_applicable) == "exclude"
        ]
        if below:
            what = _("group '{id}'").format(id=group.id) if group is not None else _("the total")
            out.append(
                _(
                    "{pos}: note: the aggregate formula of {what} works on the spec's weights: "
                    "where indicators under '{id}' are not applicable and left out (exclude), "
                    "'{id}' enters it scaled to its weight in the spec, as under redistribute, "
                    "and the full marks do not shrink; to leave them out, aggregate with sum "
                    "or weighted_mean"
                ).format(
                    pos=agg.pos or (group.pos if group is not None else spec.pos),
                    what=what,
                    id=below[0].id,
                )
            )
    return out
