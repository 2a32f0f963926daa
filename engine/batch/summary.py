"""A batch's running figures: counts, grades, the ranking and per-indicator
statistics, row by row or a block at a time."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from fractions import Fraction
from typing import Any

from ..base.numbers import exact_keys
from ..base.records import record
from ..base.suspect import merged
from ..spec.model import Spec
from .blocks import Block, Exact
from .rows import RowResult


@record
class IndicatorStats:
    """One indicator's scores over a batch: count, sum, range, full marks."""

    id: str
    name: str
    count: int = 0
    total: Fraction = Fraction(0)
    low: Fraction | None = None
    high: Fraction | None = None
    at_full: int = 0
    #: over the units where its full marks are above 0: how many, the sum of
    #: score / full marks, and how many reached full marks (the pictures' shares)
    weighed: int = 0
    share: Fraction = Fraction(0)
    weighed_full: int = 0

    def add(self, score: Fraction, full: Fraction) -> None:
        self.count += 1
        self.total += score
        self.low = score if self.low is None else min(self.low, score)
        self.high = score if self.high is None else max(self.high, score)
        if score >= full:
            self.at_full += 1
        if full > 0:
            self.weighed += 1
            self.share += score / full
            self.weighed_full += score >= full

    def add_many(
        self,
        count: int,
        total: Fraction,
        low: Fraction,
        high: Fraction,
        at_full: int,
        full: Fraction,
    ) -> None:
        """Figures of ``count`` scores at once (their sum, least, greatest, and
        how many reached ``full``, the full marks they share)."""
        self.count += count
        self.total += total
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)
        self.at_full += at_full
        if full > 0:
            self.weighed += count
            self.share += total / full
            self.weighed_full += at_full

    @property
    def mean(self) -> Fraction | None:
        return self.total / self.count if self.count else None


@record
class Summary:
    """What a batch adds up as it goes: counts, failures, totals, grades, indicators."""

    spec: Spec
    scored: int = 0
    failed: list[RowResult] = field(default_factory=list)
    #: (total, row, entity, grade) for the ranking, in no particular order
    #: (:meth:`ranking` sorts them)
    totals: list[tuple[Fraction, int, str, str | None]] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)
    indicators: dict[str, IndicatorStats] = field(default_factory=dict)
    #: the ranking and per-indicator statistics (the terminal summary) need these;
    #: streamed outputs only count rows and grades
    keep_totals: bool = True
    #: values likely mistyped, by indicator and kind (:mod:`engine.batch.suspects`)
    suspects: dict[tuple[str, str], tuple[int, int, str]] = field(default_factory=dict)
    #: rows whose entity cell is empty
    unnamed: list[int] = field(default_factory=list)
    #: (row, earlier row, entity) of a row whose entity and period an earlier row has
    twice: list[tuple[int, int, str]] = field(default_factory=list)
    #: each (entity, period)'s first row
    firsts: dict[tuple[str, str], int] = field(default_factory=dict)

    def entities(
        self, rows: Sequence[int], entities: Sequence[str], periods: Sequence[str]
    ) -> None:
        """Rows that break one row per entity: an empty entity cell, or an entity
        (in the same period) an earlier row has. Found by hashing, as sets and
        dicts do in C; a row at a time only where a block holds such a row."""
        names = list(entities)
        keys = list(zip(names, periods, strict=True))
        here = dict(zip(reversed(keys), reversed(rows), strict=True))  # each key's first
        if "" in names:
            self.unnamed.extend(r for r, e in zip(rows, names, strict=True) if not e)
        if len(here) == len(keys) and self.firsts.keys().isdisjoint(here):
            self.firsts.update(here)
            return
        for key, row in zip(keys, rows, strict=True):
            first = self.firsts.setdefault(key, row)
            if first != row and key[0]:
                self.twice.append((row, first, key[0]))

    def __post_init__(self) -> None:
        self._ids = [ind.id for ind in self.spec.walk()]
        #: the last ranking made, with the list of totals it ranked and their number
        #: (totals are only added to, so the same list at the same length is the
        #: same ranking; a list put in its place is ranked anew)
        self._ranked: (
            tuple[list[Any], int, list[tuple[int, Fraction, int, str, str | None]]] | None
        ) = None
        for ind in self.spec.walk():
            self.indicators[ind.id] = IndicatorStats(ind.id, ind.name)

    def add(self, r: RowResult) -> None:
        self.entities((r.row,), (r.entity,), (r.period,))
        self._add(r)

    def _add(self, r: RowResult) -> None:
        if r.suspects:  # counted as a block's are
            merged(self.suspects, {(iid, kind): (1, r.row, text) for iid, kind, text in r.suspects})
        if not r.ok or r.total is None:
            self.failed.append(r)
            return
        self.scored += 1
        if self.keep_totals:
            self.totals.append((r.total, r.row, r.entity, r.grade))
        key = r.grade if r.grade is not None else "—"
        self.grades[key] = self.grades.get(key, 0) + 1
        if not self.keep_totals:
            return
        for iid, score, full in zip(self._ids, r.scores, r.fulls, strict=True):
            if score is not None:
                self.indicators[iid].add(score, full)

    def add_block(self, b: Block) -> None:
        """Every row of a block: its fast rows column by column, the others one by one."""
        merged(self.suspects, b.suspects)
        self.entities(b.rows, b.entities, b.periods)
        for other in b.others.values():
            self._add(other)
        if not b.fast:
            return
        if b.marked is not None and self.keep_totals:  # N/A marks: row by row
            for i in b.fast:
                self._add(b.result(i))
            return
        self.scored += len(b.fast)
        every = len(b.fast) == len(b.rows)  # no row left the fast path: all in order

        def fast(column: Sequence[Any]) -> Sequence[Any]:
            return column if every else [column[i] for i in b.fast]

        grades = fast(b.grades)
        for g, count in Counter(grades).items():  # in the order the grades first come
            key = g if g is not None else "—"
            self.grades[key] = self.grades.get(key, 0) + count
        if not self.keep_totals:
            return
        value = Exact(b.scale).__getitem__
        self.totals.extend(
            zip(map(value, fast(b.totals)), fast(b.rows), fast(b.entities), grades, strict=True)
        )
        sub = b.matrix[b.fast]
        count = len(b.fast)
        for j, (iid, full) in enumerate(zip(self._ids, b.fulls, strict=True)):
            col = sub[:, j]
            least_full = -((-full.numerator * b.scale) // full.denominator)  # ceil(full·scale)
            self.indicators[iid].add_many(
                count,
                Fraction(int(col.sum()), b.scale),
                value(int(col.min())),
                value(int(col.max())),
                int((col >= least_full).sum()),
                full,
            )

    def ranking(self) -> list[tuple[int, Fraction, int, str, str | None]]:
        """(rank, total, row, entity, grade), best first; ties share a rank."""
        totals = self.totals
        done = self._ranked
        if done is not None and done[0] is totals and done[1] == len(totals):
            return done[2]
        keys, _scale = exact_keys([t[0] for t in totals])
        order = sorted(
            zip([-k for k in keys], [t[1] for t in totals], range(len(totals)), strict=True)
        )
        out = []
        rank = 0
        previous: int | None = None
        for n, (key, _row, i) in enumerate(order, start=1):
            if key != previous:
                rank, previous = n, key
            out.append((rank, *totals[i]))
        self._ranked = (totals, len(totals), out)
        return out
