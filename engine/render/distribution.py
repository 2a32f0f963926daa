"""A batch's figures as data for pictures: every unit's scorecard with its
derivation, the totals in bars of a twentieth of full marks (cut at the grade
bounds), and each indicator's share of its weight achieved across the units.
Exact (Fractions); no display here."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from ..base.errors import ErrorList, ScorecardError
from ..base.numbers import exact_keys
from ..base.records import record
from ..batch.summary import Summary
from ..batch.tables import NA_TOKENS, Table, row_document
from ..scoring.actuals import check_actuals
from ..scoring.evaluate import evaluate
from ..scoring.model import Actuals
from ..scoring.result import Scorecard
from ..spec.model import Spec


@record(frozen=True)
class Bin:
    """A bar of the histogram of totals: [low, high) (the last includes high)."""

    low: Fraction
    high: Fraction
    grade: str
    count: int


@record(frozen=True)
class IndicatorShare:
    """An indicator across the units that it applies to (``count`` of them)."""

    id: str
    name: str
    count: int
    mean: Fraction
    at_full: Fraction


def traced(
    spec: Spec,
    table: Table,
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    kept: dict[int, Actuals] | None = None,
    only: int | set[int] | None = None,
) -> dict[int, Scorecard]:
    """Row → its scorecard with the full derivation, for every row that scores
    (a failing row is reported by the batch itself), or for the row or rows
    ``only``. With ``kept``, each row's checked actuals are kept there too (its
    cells' positions, its claims)."""
    out: dict[int, Scorecard] = {}
    wanted = {only} if isinstance(only, int) else only
    left = None if wanted is None else set(wanted)  # the rows wanted not yet read
    for row, cells in table.rows:
        if left is not None:
            if not left:  # every row wanted is read: the rest of the table is not
                _close(table.rows)
                break
            if row not in left:
                continue
            left.discard(row)
        try:
            doc = row_document(table, spec, row, cells, na_tokens)
            actuals = check_actuals(doc, spec, missing, schema=False)
            out[row] = evaluate(spec, actuals)
        except (ErrorList, ScorecardError):
            continue
        if kept is not None:
            kept[row] = actuals
    return out


def _close(rows: Any) -> None:
    close = getattr(rows, "close", None)
    if close is not None:
        close()


def edges(spec: Spec) -> list[Fraction]:
    """The bars' bounds: every twentieth of full marks, and every grade's lower bound."""
    full = spec.total
    return sorted(
        {full * i / 20 for i in range(21)} | {g.min for g in spec.grades if 0 < g.min < full}
    )


def bar_indexes(cuts: Sequence[Fraction], totals: Sequence[Fraction]) -> list[int]:
    """Each total's bar among ``cuts`` (bar k is [cuts[k], cuts[k + 1]); a total
    below the first is in the first bar, one from the last cut on in the last).
    Compared as integers (:func:`exact_keys`): a whole number is below a cut
    exactly when it is below the cut rounded up."""
    keys, scale = exact_keys(totals)
    bounds = [math.ceil(c * scale) for c in cuts[1:]]
    last = max(len(cuts) - 2, 0)
    return [min(bisect_right(bounds, k), last) for k in keys]


def bins(spec: Spec, totals: Iterable[tuple[Fraction, str | None]]) -> list[Bin]:
    """The totals counted in bars of a twentieth of full marks, cut again at every
    grade's lower bound, one series of bars per grade; only bars with units."""
    cuts = edges(spec)
    pairs = list(totals)
    counts: dict[tuple[int, str], int] = {}
    for i, (_total, grade) in zip(bar_indexes(cuts, [t for t, _ in pairs]), pairs, strict=True):
        key = (i, grade or "—")
        counts[key] = counts.get(key, 0) + 1
    return [Bin(cuts[i], cuts[i + 1], grade, n) for (i, grade), n in sorted(counts.items())]


def summary_shares(s: Summary) -> list[IndicatorShare]:
    """:func:`shares` of every unit of a batch, from its running figures (no
    scorecard kept per unit): the same numbers, in the same order."""
    leaves = [i for i in s.spec.walk() if not i.is_group]
    out = [
        IndicatorShare(
            i.id,
            i.name,
            st.weighed,
            st.share / st.weighed,
            Fraction(st.weighed_full, st.weighed),
        )
        for i in leaves
        if (st := s.indicators[i.id]).weighed
    ]
    order = {i.id: n for n, i in enumerate(leaves)}
    return sorted(out, key=lambda x: (x.mean, x.at_full, order[x.id]))


def shares(spec: Spec, cards: Iterable[Scorecard]) -> list[IndicatorShare]:
    """Each leaf indicator's mean share of its weight achieved and share of units at
    full marks, over the units where it applies; weakest first (then spec order)."""
    leaves = [i for i in spec.walk() if not i.is_group]
    count = dict.fromkeys((i.id for i in leaves), 0)
    achieved = dict.fromkeys(count, Fraction(0))
    full = dict.fromkeys(count, 0)
    for sc in cards:
        for r in sc.walk():
            if r.id not in count or r.score is None or r.full <= 0:
                continue
            count[r.id] += 1
            achieved[r.id] += r.score / r.full
            full[r.id] += r.score >= r.full
    out = [
        IndicatorShare(
            i.id,
            i.name,
            count[i.id],
            achieved[i.id] / count[i.id],
            Fraction(full[i.id], count[i.id]),
        )
        for i in leaves
        if count[i.id]
    ]
    order = {i.id: n for n, i in enumerate(leaves)}
    return sorted(out, key=lambda s: (s.mean, s.at_full, order[s.id]))
