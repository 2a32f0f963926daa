"""``claimed:`` and ``claimed_total`` in an actuals file: the scores the entity
awarded itself (自评得分), checked here and compared with the rules' by ``review``."""

from __future__ import annotations

from fractions import Fraction

from ..base.errors import did_you_mean
from ..base.i18n import _
from ..base.numbers import format_value
from .sections import ActualsCheck


def check_claimed(c: ActualsCheck) -> tuple[dict[str, Fraction], Fraction | None]:
    """The claimed scores (known ids, 0 to the weight) and the claimed total."""
    claimed: dict[str, Fraction] = {}
    for key, score in c.section("claimed").items():
        if key not in c.everything:
            c.p.add(
                ("claimed", key),
                _(
                    "claimed: unknown indicator id '{key}'{hint}; claim scores for the spec's "
                    "indicators or groups"
                ).format(key=key, hint=did_you_mean(key, c.everything)),
                at_key=True,
            )
            continue
        weight = c.everything[key].weight
        if not isinstance(score, Fraction):
            continue  # the schema has said what it must be
        if not 0 <= score <= weight:
            c.p.add(
                ("claimed", key),
                _("claimed score {score} for '{key}' lies outside 0 to its weight {weight}").format(
                    score=format_value(score), key=key, weight=format_value(weight)
                ),
            )
            continue
        claimed[key] = score
        c.positions[("claimed", key)] = c.doc.pos(("claimed", key))
    total = c.data.get("claimed_total")
    if not isinstance(total, Fraction):
        return claimed, None
    if total > c.spec.total:
        c.p.add(
            ("claimed_total",),
            _("claimed_total {total} is above the spec's total {spec_total}").format(
                total=format_value(total), spec_total=format_value(c.spec.total)
            ),
        )
    return claimed, total
