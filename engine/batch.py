"""Batch scoring: every row of a table, each entity on its own.

A row that fails is reported with its row number and reason; every other row
is still scored. Rows are read in chunks; where the spec allows, a chunk is
scored column-wise by :mod:`engine.fastpath`, and every row that path cannot
decide exactly is scored by the exact path (the same evaluation as `score`,
without the written arithmetic). Results stream out one row at a time; the
summary keeps running figures per indicator (and the totals, for the ranking).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import islice
from typing import Any

from .actuals import check_actuals
from .errors import ErrorList, ScorecardError
from .evaluate import evaluate
from .model import Spec
from .result import Scorecard
from .tables import NA_TOKENS, Table, _text, row_document

#: rows scored together by the fast path
CHUNK = 4096
#: rows sent to a worker process at a time with --jobs
PARALLEL_CHUNK = 1024


@dataclass(frozen=True)
class RowResult:
    row: int
    entity: str
    period: str
    total: Fraction | None = None
    full_marks: Fraction | None = None
    grade: str | None = None
    #: every indicator's score, in the spec's walk order (None: not applicable)
    scores: tuple[Fraction | None, ...] = ()
    #: every indicator's full marks here, same order
    fulls: tuple[Fraction, ...] = ()
    #: the error lines when the row could not be scored
    errors: tuple[str, ...] = ()
    #: indicators not scored by their rule: "id:missing; id:override; id:not_applicable"
    flags: str = ""
    #: fast-path rows: the scores and total as integers of 10^-places (for cheap output)
    units: tuple[int, ...] | None = field(default=None, compare=False)
    total_units: int | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @classmethod
    def of(cls, row: int, entity: str, period: str, sc: Scorecard) -> RowResult:
        results = list(sc.walk())
        return cls(
            row,
            entity or sc.entity,
            period or sc.period,
            sc.total,
            sc.full_marks,
            sc.grade,
            tuple(r.score for r in results),
            tuple(r.full for r in results),
            flags="; ".join(f"{r.id}:{r.status}" for r in results if r.status != "scored"),
        )


def score_rows(
    spec: Spec,
    table: Table,
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    fast: bool = True,
    jobs: int = 1,
) -> Iterator[RowResult]:
    """Every row's result, in the table's order. With ``jobs`` > 1, chunks are
    scored by that many processes; the results come back in the same order, so
    the output is byte for byte that of one process."""
    if jobs > 1:
        yield from _parallel(spec, table, missing, na_tokens, fast, jobs)
        return
    plan = None
    if fast:
        try:
            from .fastpath import make_plan
        except ImportError:  # numpy absent: the exact path does everything
            plan = None
        else:
            plan = make_plan(spec)
    rows = iter(table.rows)
    while True:
        chunk = list(islice(rows, CHUNK))
        if not chunk:
            return
        if plan is None:
            for row, cells in chunk:
                yield exact_row(spec, table, row, cells, missing, na_tokens)
        else:
            yield from _fast_chunk(plan, spec, table, chunk, missing, na_tokens)


def score_chunk_rows(
    spec: Spec,
    table: Table,
    chunk: list[tuple[int, list[Any]]],
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    fast: bool = True,
) -> list[RowResult]:
    """One chunk of rows, scored on its own: a pure function of its arguments (all
    picklable), so a chunk can be scored in another process or on another machine."""
    shell = replace(table, rows=iter(chunk))
    return list(score_rows(spec, shell, missing, na_tokens, fast))


_WORKER: dict[str, Any] = {}


def _init_worker(
    spec: Spec, table: Table, missing: str, na_tokens: tuple[str, ...], fast: bool
) -> None:
    _WORKER.update(spec=spec, table=table, missing=missing, na_tokens=na_tokens, fast=fast)


def _work(chunk: list[tuple[int, list[Any]]]) -> list[RowResult]:
    w = _WORKER
    return score_chunk_rows(w["spec"], w["table"], chunk, w["missing"], w["na_tokens"], w["fast"])


def _parallel(
    spec: Spec, table: Table, missing: str, na_tokens: tuple[str, ...], fast: bool, jobs: int
) -> Iterator[RowResult]:
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    shell = replace(table, rows=iter(()))  # the header only: rows travel chunk by chunk
    rows = iter(table.rows)
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_init_worker, initargs=(spec, shell, missing, na_tokens, fast)
    ) as pool:
        pending: deque[Future[list[RowResult]]] = deque()
        while True:
            while len(pending) < 2 * jobs:  # a bounded window: memory stays flat
                chunk = list(islice(rows, PARALLEL_CHUNK))
                if not chunk:
                    break
                pending.append(pool.submit(_work, chunk))
            if not pending:
                return
            yield from pending.popleft().result()


def _ident(table: Table, cells: list[Any]) -> tuple[str, str]:
    entity = period = ""
    for col in table.columns:
        if col.kind in ("entity", "period") and col.index - 1 < len(cells):
            text = _text(cells[col.index - 1])
            if col.kind == "entity":
                entity = text
            else:
                period = text
    return entity, period


def exact_row(
    spec: Spec,
    table: Table,
    row: int,
    cells: list[Any],
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
) -> RowResult:
    """One row through the exact path: the reference of truth."""
    entity, period = _ident(table, cells)
    try:
        doc = row_document(table, spec, row, cells, na_tokens)
        sc = evaluate(spec, check_actuals(doc, spec, missing, schema=False), trace=False)
    except ErrorList as e:
        return RowResult(
            row,
            entity,
            period,
            errors=tuple(
                _in_row(str(x), x, table, row, entity) for x in e.errors[: ErrorList.SHOWN]
            ),
        )
    except ScorecardError as e:
        return RowResult(row, entity, period, errors=(_in_row(str(e), e, table, row, entity),))
    return RowResult.of(row, entity, period, sc)


def _in_row(text: str, err: ScorecardError, table: Table, row: int, entity: str) -> str:
    """An error located outside the table (in the spec) still names its row."""
    if err.pos is not None and err.pos.file == table.file:
        return text
    where = f"row {row}" + (f" ({entity})" if entity else "") + f" of {table.file}"
    generic = f"check the actuals ({table.file})"
    if text.endswith(generic):
        return text[: -len(generic)] + f"check {where}"
    return f"{text} (in {where})"


def _fast_chunk(
    plan: Any,
    spec: Spec,
    table: Table,
    chunk: list[tuple[int, list[Any]]],
    missing: str,
    na_tokens: tuple[str, ...],
) -> Iterator[RowResult]:
    from .fastpath import parse_columns, score_chunk

    n = len(chunk)
    label_ids = {leaf.id for leaf in plan.leaves if leaf.kind == "grades"}
    columns: dict[str, list[str]] = {}
    blocked = [False] * n
    for col in table.columns:
        j = col.index - 1
        if col.kind in ("value", "input"):
            columns[col.target] = [
                (c if isinstance(c, str) else _text(c))
                if j < len(cells) and (c := cells[j]) is not None
                else ""
                for _, cells in chunk
            ]
            if col.index in table.percent_columns:
                blocked = [True] * n  # %-formatted cells: the exact path scales them
        elif col.kind in ("score", "na"):
            for i, (_, cells) in enumerate(chunk):
                if j < len(cells) and _text(cells[j]):
                    blocked[i] = True
    for i, (_, cells) in enumerate(chunk):
        if len(cells) > table.width:  # extra cells: the exact path says where
            blocked[i] = True
    parsed = parse_columns(columns, label_ids, n)
    for i, b in enumerate(blocked):
        if b:
            parsed.eligible[i] = False
    scores, exact = score_chunk(plan, parsed)
    scale = 10**plan.places
    fulls = plan.fulls
    table_of = scores.tolist()  # plain ints: far cheaper to read than numpy scalars
    fractions = _Exact(scale)  # a batch repeats the same few scores: make each once
    exact_value = fractions.__getitem__

    for i, (row, cells) in enumerate(chunk):
        if exact[i]:
            yield exact_row(spec, table, row, cells, missing, na_tokens)
            continue
        entity, period = _ident(table, cells)
        ints = table_of[i]
        total_int = sum(ints[t] for t in plan.top)
        grade = None
        for name, least in plan.grade_mins:
            if total_int >= least:
                grade = name
                break
        yield RowResult(
            row,
            entity,
            period,
            exact_value(total_int),
            spec.total,
            grade,
            tuple(map(exact_value, ints)),
            fulls,
            units=tuple(ints),
            total_units=total_int,
        )


class _Exact(dict[int, Fraction]):
    """units → Fraction(units, scale), made on first use (``map`` calls it in C)."""

    def __init__(self, scale: int):
        super().__init__()
        self.scale = scale

    def __missing__(self, units: int) -> Fraction:
        value = self[units] = Fraction(units, self.scale)
        return value


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
    #: the ranking and per-indicator statistics (the terminal summary) need these;
    #: streamed outputs only count rows and grades
    keep_totals: bool = True

    def __post_init__(self) -> None:
        self._ids = [ind.id for ind in self.spec.walk()]
        for ind in self.spec.walk():
            self.indicators[ind.id] = IndicatorStats(ind.id, ind.name)

    def add(self, r: RowResult) -> None:
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
