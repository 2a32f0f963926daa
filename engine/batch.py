"""Batch scoring: every row of a table, each entity on its own.

A row that fails is reported with its row number and reason; every other row
is still scored. Results stream out one row at a time; the summary keeps only
running figures per indicator (and the totals, for the ranking).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction

from .actuals import check_actuals
from .errors import ErrorList, ScorecardError
from .evaluate import evaluate
from .model import Spec
from .result import Scorecard
from .tables import NA_TOKENS, Table, row_document


@dataclass(frozen=True)
class RowResult:
    row: int
    entity: str
    period: str
    scorecard: Scorecard | None
    #: the error lines when the row could not be scored
    errors: tuple[str, ...] = ()


def score_rows(
    spec: Spec, table: Table, missing: str = "error", na_tokens: tuple[str, ...] = NA_TOKENS
) -> Iterator[RowResult]:
    for row, cells in table.rows:
        entity = period = ""
        for col in table.columns:
            if col.index - 1 < len(cells) and cells[col.index - 1] is not None:
                if col.kind == "entity":
                    entity = str(cells[col.index - 1]).strip()
                elif col.kind == "period":
                    period = str(cells[col.index - 1]).strip()
        try:
            doc = row_document(table, spec, row, cells, na_tokens)
            sc = evaluate(spec, check_actuals(doc, spec, missing, schema=False), trace=False)
        except ErrorList as e:
            yield RowResult(row, entity, period, None, tuple(str(x) for x in e.errors))
            continue
        except ScorecardError as e:
            yield RowResult(row, entity, period, None, (str(e),))
            continue
        yield RowResult(row, entity or sc.entity, period or sc.period, sc)


@dataclass
class IndicatorStats:
    id: str
    name: str
    count: int = 0
    total: Fraction = Fraction(0)
    low: Fraction | None = None
    high: Fraction | None = None
    at_full: int = 0

    def add(self, score: Fraction, full: Fraction) -> None:
        self.count += 1
        self.total += score
        self.low = score if self.low is None else min(self.low, score)
        self.high = score if self.high is None else max(self.high, score)
        if score >= full:
            self.at_full += 1

    @property
    def mean(self) -> Fraction | None:
        return self.total / self.count if self.count else None


@dataclass
class Summary:
    spec: Spec
    scored: int = 0
    failed: list[RowResult] = field(default_factory=list)
    #: (total, row, entity, grade) for the ranking
    totals: list[tuple[Fraction, int, str, str | None]] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, IndicatorStats] = field(default_factory=dict)
    keep_totals: bool = True

    def __post_init__(self) -> None:
        for ind in self.spec.walk():
            self.indicators[ind.id] = IndicatorStats(ind.id, ind.name)

    def add(self, r: RowResult) -> None:
        sc = r.scorecard
        if sc is None:
            self.failed.append(r)
            return
        self.scored += 1
        if self.keep_totals:
            self.totals.append((sc.total, r.row, r.entity, sc.grade))
        key = sc.grade if sc.grade is not None else "—"
        self.grades[key] = self.grades.get(key, 0) + 1
        for res in sc.walk():
            if res.score is not None:
                self.indicators[res.id].add(res.score, res.full)

    def ranking(self) -> list[tuple[int, Fraction, int, str, str | None]]:
        """(rank, total, row, entity, grade), best first; ties share a rank."""
        ordered = sorted(self.totals, key=lambda t: (-t[0], t[1]))
        out = []
        rank = 0
        previous: Fraction | None = None
        for n, (total, row, entity, grade) in enumerate(ordered, start=1):
            if total != previous:
                rank, previous = n, total
            out.append((rank, total, row, entity, grade))
        return out
