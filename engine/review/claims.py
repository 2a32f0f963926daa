"""Claimed scores (自评得分) against the rules' scores (复核).

A submission (an actuals file, or a filled 自评表 form) may carry ``claimed: {ID:
score}`` and ``claimed_total``. Each claim is compared with the score the
scorecard gives that indicator: the deviation (claimed − scored), and whether it
is over- or under-claimed beyond a tolerance. A group without a claim of its own
is claimed as the sum of its children's claims when it adds up its children and
every applicable child is claimed; the total likewise. A group's (or the
total's) own claim that is not that sum is noted on its line: the form's
arithmetic does not hold, whatever the rules give.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field, replace
from fractions import Fraction
from pathlib import Path

from ..base.errors import ErrorList, ScorecardError
from ..base.i18n import _, option
from ..base.numbers import format_value, has_places, round_fraction
from ..base.records import record
from ..scoring.actuals import Actuals
from ..scoring.result import Result, Scorecard, score_text
from ..spec.load import Document, load_file
from ..spec.model import Spec

VERDICTS = ("over", "under", "agrees", "unclaimed", "not_applicable")


@record(frozen=True)
class Claims:
    """The scores a submission claims (checked with its actuals)."""

    scores: dict[str, Fraction] = field(default_factory=dict)
    total: Fraction | None = None


def read_submission(path: str, spec: Spec) -> Document:
    """One submission as read, not yet checked: an actuals file (YAML/JSON) or a
    filled 自评表 form, with the notes reading it found (a form written for other
    rules), to be said whether or not its check then fails."""
    from .form import is_form, read_form

    return read_form(path, spec) if is_form(path) else load_file(Path(path))


def claims_of(actuals: Actuals) -> Claims:
    """The claims a checked submission carries (``claimed`` and ``claimed_total``)."""
    return Claims(dict(actuals.claimed), actuals.claimed_total)


@record(frozen=True)
class Line:
    """One indicator (or the total): claimed against scored."""

    id: str
    name: str
    depth: int
    full: Fraction
    claimed: Fraction | None
    scored: Fraction | None
    verdict: str
    #: the reason the entity gave (its note), or why the indicator is not applicable
    reason: str = ""
    #: whether the claim was derived from the children's claims
    summed: bool = False

    @property
    def deviation(self) -> Fraction | None:
        if self.claimed is None or self.scored is None:
            return None
        return self.claimed - self.scored


@record(frozen=True)
class EntityReview:
    """One submission's claims against its scorecard."""

    entity: str
    period: str
    file: str
    lines: tuple[Line, ...]
    total: Line
    scorecard: Scorecard
    #: the notes said of the submission as it was read and scored, each with the id
    #: of the indicator it is of ("" for the submission): kept in the 复核表's files
    notes: tuple[tuple[str, str], ...] = ()

    def beyond(self) -> list[Line]:
        """The claims beyond the tolerance, either way (a group claimed only through its
        children is not a claim of its own)."""
        lines = (*self.lines, self.total)
        return [x for x in lines if x.verdict in ("over", "under") and not x.summed]


@record(frozen=True)
class Unreviewed:
    """A submission that could not be reviewed (a file, or a table's row): its
    unit where it is known, and why, as told on standard error."""

    entity: str
    period: str
    file: str
    errors: tuple[ScorecardError, ...]
    #: the notes said of it as it was read (a row of the form deleted)
    notes: tuple[str, ...] = ()

    @staticmethod
    def of(
        e: ScorecardError,
        file: str,
        entity: str = "",
        period: str = "",
        notes: Sequence[str] = (),
    ) -> Unreviewed:
        """The submission ``e`` (one error, or a list of them) stopped."""
        return Unreviewed(
            entity,
            period,
            file,
            tuple(e.errors if isinstance(e, ErrorList) else [e]),
            tuple(notes),
        )


def review(sc: Scorecard, claims: Claims, tolerance: Fraction, file: str) -> EntityReview:
    """Compare ``claims`` with ``sc``, indicator by indicator and in total."""
    lines: list[Line] = []
    # claims at the places add up only where each score is rounded (under apply:
    # total, a group's 3.33 is not its children's 1.67 + 1.67)
    each = sc.spec.rounding.apply == "each"

    def walk(r: Result, depth: int) -> Fraction | None:
        child_claims = [walk(c, depth + 1) for c in r.children]
        own = claims.scores.get(r.id)
        applicable = [
            x for x, c in zip(child_claims, r.children, strict=True) if c.score is not None
        ]
        adds_up = r.indicator.aggregate.kind == "sum" and bool(applicable)
        added = (
            sum((x for x in applicable if x is not None), Fraction(0))
            if adds_up and all(x is not None for x in applicable)
            else None
        )
        summed = own is None and added is not None
        own = added if summed else own
        line = _line(r, depth, own, tolerance, summed, sc)
        if own is not None and added is not None and own != added and each:
            found = _("the claim is not the sum of its children's claims ({added})").format(
                added=format_value(added)
            )
            line = replace(line, reason=_("; ").join(x for x in (line.reason, found) if x))
        lines.append(line)
        return own

    tops = [walk(r, 0) for r in sc.results]
    # each group's line comes before its children: walk appended them after
    ordered = _preorder(sc, lines)
    total_claim, summed = claims.total, False
    applicable = [x for x, r in zip(tops, sc.results, strict=True) if r.score is not None]
    added = (
        sum((x for x in applicable if x is not None), Fraction(0))
        if applicable and all(x is not None for x in applicable)
        else None
    )
    if total_claim is None and added is not None:
        total_claim, summed = added, True
    reason = ""
    if each and sc.spec.aggregate.kind == "sum" and added is not None and total_claim != added:
        reason = _("the claimed total is not the sum of the claims above ({added})").format(
            added=format_value(added)
        )
    total = Line(
        "",
        "合计",
        0,
        sc.full_marks,
        total_claim,
        sc.total,
        _verdict(total_claim, sc.total, tolerance),
        reason,
        summed=summed,
    )
    return EntityReview(sc.entity, sc.period, file, tuple(ordered), total, sc)


def _preorder(sc: Scorecard, lines: list[Line]) -> list[Line]:
    by_id = {x.id: x for x in lines}
    return [by_id[r.id] for r in sc.walk()]


def _line(
    r: Result,
    depth: int,
    claimed: Fraction | None,
    tolerance: Fraction,
    summed: bool,
    sc: Scorecard,
) -> Line:
    scored = _at_places(sc, r.score)
    if r.status == "not_applicable":
        verdict = "not_applicable"
    else:
        verdict = _verdict(claimed, scored, tolerance)
    return Line(
        r.id, r.indicator.name, depth, r.full, claimed, scored, verdict, _reason(r, sc), summed
    )


def _reason(r: Result, sc: Scorecard) -> str:
    """What the line says beside its numbers: why it is not applicable; else
    how its score was not the rule's (overridden, from the rule's score and with
    its reason; scored 0 for want of a value), then the entity's note."""
    if r.status == "not_applicable":
        return r.reason
    parts = []
    if r.status == "missing":  # (and overridden, if it has a reason)
        parts.append(
            _("no value given: scored 0 under {zero}").format(zero=option("missing", "zero"))
        )
    if r.status == "override" or (r.status == "missing" and r.reason):
        parts.append(
            _("override {rule} → {score}: {reason}").format(
                rule=score_text(sc, r.rule_score), score=score_text(sc, r.score), reason=r.reason
            )
        )
    if r.note:
        parts.append(r.note)
    return _("; ").join(parts)


def _at_places(sc: Scorecard, x: Fraction | None) -> Fraction | None:
    """A score as the scorecard's table gives it, at the spec's places: one kept
    whole (full marks of 200/3 after a redistribution) is claimed as 66.67, and
    compared so, not as over-claimed by 1/300."""
    r = sc.spec.rounding
    if x is None or has_places(x, r.places):
        return x
    return round_fraction(x, r.places, r.mode)


def _verdict(claimed: Fraction | None, scored: Fraction | None, tolerance: Fraction) -> str:
    if claimed is None or scored is None:
        return "unclaimed"
    if claimed - scored > tolerance:
        return "over"
    if scored - claimed > tolerance:
        return "under"
    return "agrees"
