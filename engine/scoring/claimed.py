"""``claimed:`` and ``claimed_total`` in an actuals file: the scores the entity
awarded itself (自评得分), checked here and compared with the rules' by ``review``."""

from __future__ import annotations

from fractions import Fraction

from ..base.errors import did_you_mean
from ..base.i18n import _
from ..base.numbers import format_value, rounded_up
from .not_applicable import full_marks
from .sections import ActualsCheck


def check_claimed(c: ActualsCheck) -> tuple[dict[str, Fraction], Fraction | None]:
    """The claimed scores (known ids, 0 to the weight) and the claimed total."""
    claimed: dict[str, Fraction] = {}
    section = c.section("claimed")
    worth = full_marks(c.spec, c.not_applicable) if section else {}
    for key, score in section.items():
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
        if not isinstance(score, Fraction) or ("claimed", key) in c.schema_refused:
            continue  # the schema has said what it must be
        most = worth.get(key)  # none: not applicable, or a group all of whose are
        if most is None:
            c.p.add(
                ("claimed", key),
                _("claimed: '{key}' is not applicable; it cannot also be claimed a score").format(
                    key=key
                ),
                at_key=True,
            )
            continue
        # full marks kept whole (200/3) may be claimed as the table shows them (66.67)
        shown = rounded_up(most, c.spec.rounding.places)
        if not 0 <= score <= shown and not _kept(
            c, ("claimed", key), _outside(score, key, weight, shown)
        ):
            continue
        claimed[key] = score
        c.positions[("claimed", key)] = c.doc.pos(("claimed", key))
    total = c.data.get("claimed_total")
    if not isinstance(total, Fraction):
        return claimed, None
    if total > c.spec.total:
        above = _("claimed_total {total} is above the spec's total {spec_total}").format(
            total=format_value(total), spec_total=format_value(c.spec.total)
        )
        _kept(c, ("claimed_total",), above)
    return claimed, total


def _kept(c: ActualsCheck, path: tuple[str, ...], problem: str) -> bool:
    """A claim beyond what it may be: refused (False), or, where ``review`` reads
    the claims (:attr:`ActualsCheck.keep_claims`), kept as it is with a located
    note (True)."""
    if not c.keep_claims:
        c.p.add(path, problem)
        return False
    c.claim_notes.append(
        _("{pos}: note: {problem}; compared with the rules' score as it is").format(
            pos=c.doc.pos(path), problem=problem
        )
    )
    return True


def _outside(score: Fraction, key: str, weight: Fraction, most: Fraction) -> str:
    """A claim beyond what the indicator is worth (``most``: its weight, or more
    where the weights of indicators marked not applicable pass to it)."""
    if most == weight and score > weight:  # the weight of one not applicable, not marked?
        return _(
            "claimed score {score} for '{key}' lies outside 0 to its weight {weight} (a claim "
            "above the weight stands only where an indicator beside it is marked not "
            "applicable and hands its weight on)"
        ).format(score=format_value(score), key=key, weight=format_value(weight))
    if most == weight:
        return _("claimed score {score} for '{key}' lies outside 0 to its weight {weight}").format(
            score=format_value(score), key=key, weight=format_value(weight)
        )
    return _(
        "claimed score {score} for '{key}' lies outside 0 to {most}, its weight once the "
        "indicators marked not applicable hand theirs on"
    ).format(score=format_value(score), key=key, most=format_value(most))
