"""Not-applicable indicators: found, shown with their reason, and their weight handed on.

``redistribute`` scales the applicable siblings' weights up so the group keeps
its full marks; ``exclude`` hands nothing on, so the group's full marks shrink
(its not-applicable children have full marks 0 and are left out of the sum).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from fractions import Fraction

from ..base.errors import Pos
from ..base.i18n import Listing, msg
from ..base.numbers import format_value
from ..base.records import record
from ..base.trace import Step
from ..spec.model import Indicator, Spec
from .context import Evaluation
from .result import Result

#: what a cell of a table holds to mark its indicator not applicable (``--na`` replaces them)
NA_TOKENS = ("N/A", "n/a", "NA", "不适用", "--")


def is_na(ev: Evaluation, ind: Indicator) -> bool:
    """Marked not applicable, or a group all of whose indicators are."""
    if ind.id in ev.a.not_applicable:
        return True
    return bool(ind.children) and all(is_na(ev, c) for c in ind.children)


def na_result(ev: Evaluation, ind: Indicator, marked: Indicator | None = None) -> Result:
    """The result of a not-applicable indicator (and of its children): no score.
    ``marked``: the group above marked not applicable, whose reason it takes."""
    if ind.id in ev.a.not_applicable:
        marked = ind
    # the reason given for it, or for the group above it marked so; empty when N/A
    # only because all its children are
    reason = ev.a.not_applicable.get(marked.id, "") if marked else ""
    kids = tuple(na_result(ev, c, marked) for c in ind.children)
    line: str
    if marked is None:
        line = msg("all its indicators are not applicable")
    elif marked is ind:
        line = reason or msg("marked not applicable")
    elif reason:  # under a group so marked: why is the group's
        line = msg("its group {group} is not applicable: {reason}", group=marked.id, reason=reason)
    else:
        line = msg("its group {group} is not applicable", group=marked.id)
    step = Step(
        kind="not_applicable",
        label=msg("not applicable"),
        value=None,
        lines=(line,),
        pos=ev.a.pos("not_applicable", (marked or ind).id),
    )
    return Result(
        indicator=ind,
        weight=ind.weight,
        full=Fraction(0),
        actual=None,
        score=None,
        rule_score=None,
        status="not_applicable",
        steps=(step,),
        children=kids,
        note=ev.a.notes.get(ind.id, ""),
        reason=ev.a.not_applicable.get(ind.id, ""),  # its own: a group's is said once
    )


@record(frozen=True)
class Redistribution:
    """The weight of not-applicable siblings, handed on to the applicable ones."""

    na: tuple[Indicator, ...]
    all_weights: Fraction
    applicable_weights: Fraction
    #: where the first not-applicable indicator is marked, for the trace
    pos: Pos | None

    @property
    def factor(self) -> Fraction:
        return self.all_weights / self.applicable_weights

    def step(self, ind: Indicator, scale: Fraction, weight: Fraction) -> Step:
        """The trace step of ``ind``'s weight (scaled by ``scale``) becoming ``weight``
        (its exact share, or that share rounded: :func:`shared_out`)."""
        exact = ind.weight * scale * self.factor
        return Step(
            kind="redistribute",
            label=msg(
                "weight redistributed from not-applicable {ids}",
                ids=Listing([n.id for n in self.na]),
            ),
            value=weight,
            formula=msg("weight × Σ all weights / Σ applicable weights"),
            lines=(
                f"{format_value(ind.weight * scale)} × {format_value(self.all_weights * scale)}"
                f" / {format_value(self.applicable_weights * scale)}",
                format_value(exact),
                *_rounded_line(exact, weight),
            ),
            pos=self.pos,
            brief=msg(
                "weight {weight} → {value}",
                weight=format_value(ind.weight),
                value=format_value(weight),
            ),
        )


def _rounded_line(exact: Fraction, weight: Fraction) -> tuple[str, ...]:
    """The line of a weight rounded as its share (:func:`shared_out`), if it was."""
    if weight == exact:
        return ()
    return (
        msg(
            "→ {weight}, rounded so that the weights handed on still add up",
            weight=format_value(weight),
        ),
    )


def scaled_step(
    ind: Indicator, own: Fraction, here: Fraction, weight: Fraction, group: str
) -> Step | None:
    """The trace step of a weight scaled with its group's (the group's weight
    ``own`` counting as ``here``: handed on from a sibling not applicable above
    it), and rounded as its share; None where the group's weight is its own
    (``group``: its id, whose own trace tells why). A
    leaf's full marks so changed are traced where they are shown."""
    exact = ind.weight * here / own
    if weight == exact == ind.weight:
        return None
    return Step(
        kind="redistribute",
        label=msg("weight scaled with its group's ({group})", group=group),
        value=weight,
        formula=msg("weight × group's weight here / group's weight"),
        lines=(
            f"{format_value(ind.weight)} × {format_value(here)} / {format_value(own)}",
            format_value(exact),
            *_rounded_line(exact, weight),
        ),
        pos=None,
        brief=msg(
            "weight {weight} → {value}", weight=format_value(ind.weight), value=format_value(weight)
        ),
    )


def shared_out(exact: Sequence[Fraction], places: int | None) -> list[Fraction]:
    """Weights handed on (``exact``: each sibling's exact share), each rounded to
    ``places`` so that they still add up to what they add up to exactly: every
    share rounded down, then a last unit to each of those that lost the most by
    it, the first in order where they lost alike (the largest remainder). Then
    an indicator that meets its target shows full marks of ``places`` decimals,
    and its group and the total their full marks (a unit meeting every target
    scored 9.99 of 10 where 3 × 3.333… rounded down). Exact where ``places`` is
    None (scores rounded only in the total), or where the shares do not add up
    to a whole number of units (weights written finer than the rounding)."""
    if places is None:
        return list(exact)
    unit = Fraction(1, 10**places)
    units = sum(exact, Fraction(0)) / unit
    if units.denominator != 1:
        return list(exact)
    floors = [math.floor(e / unit) for e in exact]
    left = units.numerator - sum(floors)
    lost = sorted(range(len(exact)), key=lambda k: (floors[k] - exact[k] / unit, k))
    for k in lost[:left]:
        floors[k] += 1
    return [f * unit for f in floors]


def redistribution(
    ev: Evaluation,
    children: Sequence[Indicator],
    na: Sequence[Indicator],
    applicable: Sequence[Indicator],
    na_mode: str,
) -> Redistribution | None:
    """How ``children``'s weights change under ``redistribute``; None when they do not."""
    if not (na and applicable and na_mode == "redistribute"):
        return None
    share = Redistribution(
        na=tuple(na),
        all_weights=sum((c.weight for c in children), Fraction(0)),
        applicable_weights=sum((c.weight for c in applicable), Fraction(0)),
        pos=next(
            (
                ev.a.pos("not_applicable", i.id)
                for n in na
                for i in n.walk()
                if ev.a.pos("not_applicable", i.id) is not None
            ),
            None,
        ),
    )
    return share if share.factor != 1 else None


def full_marks(spec: Spec, na: Collection[str]) -> dict[str, Fraction]:
    """Each applicable indicator's weight once those in ``na`` are not applicable,
    as the evaluation shares weights out (:func:`redistribution`)."""
    out: dict[str, Fraction] = {}

    def gone(c: Indicator) -> bool:
        return c.id in na or (bool(c.children) and all(gone(k) for k in c.children))

    r = spec.rounding
    places = r.places if r.apply == "each" else None

    def down(children: Sequence[Indicator], own: Fraction, eff: Fraction, mode: str) -> None:
        live = [c for c in children if not gone(c)]
        every = sum((c.weight for c in children), Fraction(0))
        alive = sum((c.weight for c in live), Fraction(0))
        shared = mode == "redistribute" and alive and len(live) < len(children)
        factor = every / alive if shared else Fraction(1)
        exact = [c.weight * eff / own * factor for c in live]
        handed = factor != 1 or eff != own
        for c, w in zip(live, shared_out(exact, places) if handed else exact, strict=True):
            out[c.id] = w
            if c.children:
                down(c.children, c.weight, out[c.id], c.not_applicable or spec.not_applicable)

    down(spec.indicators, spec.total, spec.total, spec.not_applicable)
    return out


def ceilings(spec: Spec) -> dict[str, Fraction]:
    """The most each indicator can be worth: its weight, or more where indicators
    marked not applicable may hand theirs on (``redistribute``: at most, every
    sibling's weight passes to it, and its group's own ceiling is shared out)."""
    out: dict[str, Fraction] = {}

    def down(children: Sequence[Indicator], own: Fraction, most: Fraction, mode: str) -> None:
        every = sum((c.weight for c in children), Fraction(0))
        for c in children:
            base = every if mode == "redistribute" else c.weight
            out[c.id] = max(c.weight, base * most / own) if own else c.weight
            if c.children:
                down(c.children, c.weight, out[c.id], c.not_applicable or spec.not_applicable)

    down(spec.indicators, spec.total, spec.total, spec.not_applicable)
    return out


def on_spec_scale(total: Fraction, full: Fraction | None, spec_total: Fraction) -> Fraction:
    """A total on the spec's scale, as it is ranked and graded: a total of full
    marks that exclusions shrank, times the spec's total over them (decisions §5)."""
    return total if not full or full == spec_total else total * spec_total / full
