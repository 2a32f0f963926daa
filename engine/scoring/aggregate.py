"""A group's score from its children's results, by the group's aggregation."""

from __future__ import annotations

import decimal
import math
from fractions import Fraction

from ..base.errors import EvaluationError, FormulaError, Pos
from ..base.i18n import N_, _, msg, ngettext
from ..base.numbers import Value, format_value, irrational_context
from ..base.trace import Step
from ..spec.formula import Formula
from ..spec.functions import num
from ..spec.model import Aggregation, Indicator
from .context import Evaluation
from .result import Result

#: (weight, score / full) of each child that counts
Shares = list[tuple[Fraction, Fraction]]


def combine(
    ev: Evaluation,
    results: list[Result],
    weight: Fraction,
    agg: Aggregation,
    group: Indicator | None,
) -> tuple[Fraction, Fraction, list[Step]]:
    """The score and full marks of ``group`` (None: the total) out of ``weight``."""
    live = [r for r in results if r.score is not None and r.full > 0]
    if not live:
        return Fraction(0), Fraction(0), []
    pos = agg.pos or (group.pos if group else ev.spec.pos) or Pos(ev.spec.file, 1, 1)
    if agg.kind == "sum":
        return _sum(ev, live, pos)
    if agg.kind == "formula":
        assert agg.formula is not None
        return _formula(ev, results, weight, agg.formula, pos, group)
    shares = [(r.full, (r.score or Fraction(0)) / r.full) for r in live]
    frac, formula, detail = _MEANS.get(agg.kind, _geometric_mean)(shares, weight)
    score = weight * frac
    step = Step(
        kind="aggregate",
        label=msg(_WORDS[agg.kind]),
        value=score,
        formula=formula,
        lines=(detail, format_value(score)),
        pos=pos,
        brief=msg(_WORDS[agg.kind]),
    )
    return score, weight, [step]


def _sum(ev: Evaluation, live: list[Result], pos: Pos) -> tuple[Fraction, Fraction, list[Step]]:
    """The exact sum of the children's (rounded) scores; full marks add up too."""
    score = sum((r.score for r in live if r.score is not None), Fraction(0))
    full = sum((r.full for r in live), Fraction(0))
    lines = (" + ".join(ev.fmt(r.score) for r in live), ev.fmt(score))
    step = Step(
        kind="aggregate",
        label=msg("sum of the indicators"),
        value=score,
        formula=" + ".join(r.id for r in live),
        lines=lines[1:] if len(live) == 1 else lines,
        pos=pos,
        brief=msg("sum"),
    )
    return score, full, [step]


# -- means of the children's shares: (fraction of the weight, formula, arithmetic) --
def _weighted_mean(shares: Shares, weight: Fraction) -> tuple[Fraction, str, str]:
    wsum = sum((w for w, _ in shares), Fraction(0))
    frac = sum((w * f for w, f in shares), Fraction(0)) / wsum
    detail = " + ".join(f"{format_value(w)} × {format_value(f)}" for w, f in shares)
    detail = f"{format_value(weight)} × ({detail}) / {format_value(wsum)}"
    return frac, "weight × Σ(wᵢ × scoreᵢ/fullᵢ) / Σwᵢ", detail


def _mean(shares: Shares, weight: Fraction) -> tuple[Fraction, str, str]:
    frac = sum((f for _, f in shares), Fraction(0)) / len(shares)
    detail = (
        f"{format_value(weight)} × ("
        + " + ".join(format_value(f) for _, f in shares)
        + f") / {len(shares)}"
    )
    return frac, "weight × mean(scoreᵢ/fullᵢ)", detail


def _min(shares: Shares, weight: Fraction) -> tuple[Fraction, str, str]:
    frac = min(f for _, f in shares)
    detail = f"{format_value(weight)} × min(" + ", ".join(format_value(f) for _, f in shares) + ")"
    return frac, "weight × min(scoreᵢ/fullᵢ)", detail


def _geometric_mean(shares: Shares, weight: Fraction) -> tuple[Fraction, str, str]:
    """Weighted geometric mean, to the irrational context's precision."""
    wsum = sum((w for w, _ in shares), Fraction(0))
    frac = geometric(shares, wsum)
    detail = f"{format_value(weight)} × " + " × ".join(
        f"{format_value(f)}^({format_value(w)}/{format_value(wsum)})" for w, f in shares
    )
    return frac, "weight × Π(scoreᵢ/fullᵢ)^(wᵢ/Σw)", detail


#: the words of an aggregation, as the trace and the table show it
_WORDS = {
    "weighted_mean": N_("weighted mean"),
    "mean": N_("mean"),
    "min": N_("min"),
    "geometric_mean": N_("geometric mean"),
}
_MEANS = {"weighted_mean": _weighted_mean, "mean": _mean, "min": _min}


def geometric(shares: Shares, wsum: Fraction) -> Fraction:
    """The weighted geometric mean of the shares: exact where it is a rational
    number (equal shares, one share left, 0.25 and 1 at equal weights), else to the
    irrational context's precision. A rational mean computed through logarithms
    lands a hair below itself (8.9999… for 9), which rounding down would cut."""
    if any(f == 0 for _, f in shares):
        return Fraction(0)
    exact = _rational_mean(shares, wsum)
    if exact is not None:
        return exact
    with decimal.localcontext(irrational_context()):
        total = decimal.Decimal(0)
        for w, f in shares:
            d = decimal.Decimal(f.numerator) / decimal.Decimal(f.denominator)
            total += (decimal.Decimal(w.numerator) / decimal.Decimal(w.denominator)) * d.ln()
        total /= decimal.Decimal(wsum.numerator) / decimal.Decimal(wsum.denominator)
        return Fraction(total.exp())


#: the largest root and the largest power (in bits) tried for an exact geometric mean
_ROOT_AT_MOST = 1000
_BITS_AT_MOST = 200_000


def _rational_mean(shares: Shares, wsum: Fraction) -> Fraction | None:
    """Π fᵢ^(wᵢ/Σw) when it is rational: its D-th power (D the exponents' common
    denominator) is an exact fraction, whose numerator and denominator are then
    D-th powers of whole numbers; None when they are not (or too large to try)."""
    exponents = [(w / wsum, f) for w, f in shares]
    root = math.lcm(*(e.denominator for e, _ in exponents))
    if root > _ROOT_AT_MOST:
        return None
    bits = sum(
        int(e * root) * max(f.numerator.bit_length(), f.denominator.bit_length())
        for e, f in exponents
    )
    if bits > _BITS_AT_MOST:
        return None
    power = math.prod((f ** int(e * root) for e, f in exponents), start=Fraction(1))
    top, bottom = _whole_root(power.numerator, root), _whole_root(power.denominator, root)
    if top is None or bottom is None:
        return None
    return Fraction(top, bottom)


def _whole_root(n: int, k: int) -> int | None:
    """The whole number whose k-th power is ``n`` (n ≥ 0), or None."""
    if n < 2:
        return n
    x = 1 << -(-n.bit_length() // k)  # at or above the root
    while True:  # Newton's method on integers: falls to the root's floor
        y = ((k - 1) * x + n // x ** (k - 1)) // k
        if y >= x:
            break
        x = y
    return x if x**k == n else None


def _formula(
    ev: Evaluation,
    results: list[Result],
    weight: Fraction,
    formula: Formula,
    pos: Pos,
    group: Indicator | None,
) -> tuple[Fraction, Fraction, list[Step]]:
    """The spec's own aggregate formula over the children's scores and ``weight``."""
    where = group.id if group else _("the total")
    na = [r.id for r in results if r.status == "not_applicable" and r.id in formula.names]
    if na:
        ev.errors.append(
            EvaluationError(
                ngettext(
                    "{where}: the aggregate formula uses {list}, which is not applicable; a "
                    "formula cannot leave an indicator out: give a value, or aggregate with "
                    "weighted_mean or sum",
                    "{where}: the aggregate formula uses {list}, which are not applicable; a "
                    "formula cannot leave an indicator out: give a value, or aggregate with "
                    "weighted_mean or sum",
                    len(na),
                ).format(where=where, list=_(", ").join(na)),
                pos,
            )
        )
        return Fraction(0), weight, []
    # the formula is written for the spec's weights (a / 6): where weights were
    # redistributed (to the group, or among its children) it is worked on the spec's
    # scale, each child's score at its weight in the spec, and its result scaled to
    # the group's weight here, so the rates are what the formula gives
    own = group.weight if group else ev.spec.total
    factor = weight / own if own else Fraction(1)
    scales = {r.id: r.indicator.weight / r.full if r.full else Fraction(1) for r in results}
    names: dict[str, Value] = {r.id: (r.score or Fraction(0)) * scales[r.id] for r in results}
    names["weight"] = own
    try:
        value, record = formula.evaluate_traced(names)
        score = num(value) * factor
    except FormulaError as e:
        ev.errors.append(
            EvaluationError(
                _("{where}: aggregate formula failed: {message}; formula: {text}").format(
                    where=where, message=e.message, text=formula.text
                ),
                pos,
            )
        )
        return Fraction(0), weight, []
    lines = (*formula.reduction(names, record)[1:], *formula.untaken(names, record))
    moved = [r for r in results if scales[r.id] != 1 and r.id in formula.names]
    if factor != 1 or moved:
        scaled = _(", ").join(
            f"{r.id} {ev.fmt(r.score or Fraction(0))} × {format_value(r.indicator.weight)}"
            f"/{format_value(r.full)}"
            for r in moved
        )
        first = msg("worked on the spec's weights: weight {spec}", spec=format_value(own))
        if scaled:
            first = msg("worked on the spec's weights: {list}", list=scaled)
        last = f"{format_value(num(value))} × {format_value(weight)}/{format_value(own)}"
        lines = (
            first,
            *lines,
            *([f"{last} = {format_value(score)}"] if factor != 1 else []),
        )
    step = Step(
        kind="aggregate",
        label=msg("aggregate formula"),
        value=score,
        formula=formula.text,
        lines=lines,
        pos=pos,
        brief=msg("formula"),
    )
    return score, weight, [step]
