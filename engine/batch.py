"""Batch scoring: every row of a table, each entity on its own.

A row that fails is reported with its row number and reason; every other row
is still scored. Rows are read in chunks; where the spec allows, a chunk is
scored column-wise by :mod:`engine.fastpath`, and every row that path cannot
decide exactly is scored by the exact path (the same evaluation as `score`,
without the written arithmetic). Results stream out one row at a time; the
summary keeps running figures per indicator (and the totals, for the ranking).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from functools import partial
from itertools import chain, islice, zip_longest
from typing import Any

from .actuals import check_actuals
from .errors import ErrorList, ScorecardError
from .evaluate import evaluate
from .model import Spec
from .result import Scorecard
from .tables import (
    NA_TOKENS,
    CsvLines,
    Table,
    _text,
    csv_pieces,
    line_source,
    piece_records,
    row_document,
)

#: rows scored together by the fast path
CHUNK = 4096
#: with ``fast=None`` (the default), tables with fewer rows skip the fast path:
#: importing numpy would take longer than scoring them the exact way
SMALL = 200
#: most exact scores of undecided cells kept for reuse
MEMO = 200_000
#: rows sent to a worker process at a time with --jobs
PARALLEL_CHUNK = 2048


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
    fast: bool | None = None,
    jobs: int = 1,
) -> Iterator[RowResult]:
    """Every row's result, in the table's order. With ``jobs`` > 1, chunks are
    scored by that many processes; the results come back in the same order, so
    the output is byte for byte that of one process. ``fast``: True uses the fast
    path wherever the spec allows, False never, None (the default) from ``SMALL``
    rows on; the results are the same either way."""
    for item in score_blocks(spec, table, missing, na_tokens, fast, jobs):
        if isinstance(item, Block):
            yield from item.results()
        else:
            yield item


def score_blocks(
    spec: Spec,
    table: Table,
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    fast: bool | None = None,
    jobs: int = 1,
    render: Callable[[Spec], Any] | None = None,
    lean: bool = False,
) -> Iterator[Block | RowResult]:
    """The results as :func:`score_rows` gives them, but a chunk the fast path
    scored comes as one :class:`Block` (columns of integers) rather than a
    RowResult per row: what the streamed outputs and the summary read cheaply.

    With ``jobs`` > 1, ``render(spec)`` is made in each worker and its ``text(block)``
    stored in ``block.text`` (the output is made in parallel too); with ``lean``,
    rendered blocks come back without their scores (enough for counting)."""
    if jobs > 1:
        yield from _parallel(spec, table, missing, na_tokens, fast, jobs, render, lean)
    else:
        yield from _chunks(spec, table, missing, na_tokens, fast, {})


def _chunks(
    spec: Spec,
    table: Table,
    missing: str,
    na_tokens: tuple[str, ...],
    fast: bool | None,
    memo: dict[tuple[str, ...], int | None],
) -> Iterator[Block | RowResult]:
    """The table's rows in chunks, in this process; ``memo`` keeps undecided
    cells' exact scores by their inputs (a batch repeats values)."""
    rows = iter(table.rows)
    chunk = list(islice(rows, CHUNK))
    # a small table is scored sooner than numpy is imported
    plan = _plan(spec) if fast or (fast is None and len(chunk) >= SMALL) else None
    while chunk:
        if plan is None:
            for row, cells in chunk:
                yield exact_row(spec, table, row, cells, missing, na_tokens)
        else:
            if len(memo) > MEMO:
                memo.clear()
            yield _fast_chunk(plan, spec, table, chunk, missing, na_tokens, memo)
        chunk = list(islice(rows, CHUNK))


def _plan(spec: Spec) -> Any:
    try:
        from .fastpath import make_plan
    except ImportError:  # numpy absent: the exact path does everything
        return None
    return make_plan(spec)


def score_chunk_rows(
    spec: Spec,
    table: Table,
    chunk: list[tuple[int, list[Any]]],
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    fast: bool | None = None,
) -> list[RowResult]:
    """One chunk of rows, scored on its own: a pure function of its arguments (all
    picklable), so a chunk can be scored in another process or on another machine."""
    shell = replace(table, rows=iter(chunk))
    return list(score_rows(spec, shell, missing, na_tokens, fast))


_WORKER: dict[str, Any] = {}


def _init_worker(
    spec: Spec,
    table: Table,
    missing: str,
    na_tokens: tuple[str, ...],
    fast: bool | None,
    render: Callable[[Spec], Any] | None,
    lean: bool,
    lines: CsvLines | None,
) -> None:
    _WORKER.update(
        spec=spec,
        table=table,
        missing=missing,
        na_tokens=na_tokens,
        fast=fast,
        render=render(spec) if render is not None else None,
        lean=lean,
        memo={},
        lines=lines,
    )


def _work(chunk: list[tuple[int, list[Any]]]) -> list[Block | RowResult]:
    w = _WORKER
    shell = replace(w["table"], rows=iter(chunk))
    items = list(_chunks(w["spec"], shell, w["missing"], w["na_tokens"], w["fast"], w["memo"]))
    if w["render"] is not None:
        for item in items:
            if isinstance(item, Block):
                item.text = w["render"].text(item)
                if w["lean"]:  # rendered, and the summary only counts: send less back
                    item.make_lean()
    return items


def _work_piece(before: int, lines: list[str]) -> list[Block | RowResult]:
    """A piece of a quote-free CSV's lines: parsed, scored (and rendered) here."""
    return _work(list(piece_records(_WORKER["lines"], before, lines)))


def _parallel(
    spec: Spec,
    table: Table,
    missing: str,
    na_tokens: tuple[str, ...],
    fast: bool | None,
    jobs: int,
    render: Callable[[Spec], Any] | None = None,
    lean: bool = False,
) -> Iterator[Block | RowResult]:
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    shell = replace(table, rows=iter(()))  # the header only: rows travel chunk by chunk
    if fast is None:  # decided once for the whole table, not piece by piece
        fast = True
    if fast:
        _plan(spec)  # imports numpy once, here, before the workers start (they fork)
    source = line_source(table)
    with ProcessPoolExecutor(
        max_workers=jobs,
        initializer=_init_worker,
        initargs=(spec, shell, missing, na_tokens, fast, render, lean, source),
    ) as pool:
        # a quote-free CSV goes out as lines, parsed by the workers; any other
        # table is read here and goes out as rows
        work: Iterator[Callable[[], Future[list[Block | RowResult]]]]
        if source is not None:
            work = (
                partial(pool.submit, _work_piece, before, lines)
                for before, lines in csv_pieces(source, PARALLEL_CHUNK)
            )
        else:
            rows = iter(table.rows)
            work = (
                partial(pool.submit, _work, chunk)
                for chunk in iter(lambda: list(islice(rows, PARALLEL_CHUNK)), [])
            )
        pending: deque[Future[list[Block | RowResult]]] = deque()
        while True:
            for submit in islice(work, 2 * jobs - len(pending)):  # a bounded window
                pending.append(submit())
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


@dataclass
class Block:
    """One chunk's results, in table order. Rows the fast path scored stay as
    columns of integers (units of 10^-places); every other row is a RowResult
    in ``others``, by its position in the block."""

    scale: int
    full_marks: Fraction
    fulls: tuple[Fraction, ...]
    rows: list[int]
    entities: list[str]
    periods: list[str]
    #: row by row, every indicator's units in walk order (rows in ``others``: unused)
    units: list[list[int]]
    totals: list[int]
    grades: list[str | None]
    others: dict[int, RowResult]
    #: positions of the fast rows, in order
    fast: list[int]
    #: ``units`` as a numpy array (for column statistics)
    matrix: Any = None
    #: the block's output, when it was rendered where it was scored (--jobs)
    text: str | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def make_lean(self) -> None:
        """Keep only what counting needs (rows, grades, the fast positions and the
        other rows): a block whose ``text`` is written needs no more."""
        self.entities = self.periods = []
        self.units, self.totals, self.matrix = [], [], None

    def results(self) -> Iterator[RowResult]:
        """Each row as a RowResult, in order."""
        value = _Exact(self.scale).__getitem__
        for i, row in enumerate(self.rows):
            other = self.others.get(i)
            if other is not None:
                yield other
                continue
            yield RowResult(
                row,
                self.entities[i],
                self.periods[i],
                value(self.totals[i]),
                self.full_marks,
                self.grades[i],
                tuple(map(value, self.units[i])),
                self.fulls,
            )

    def runs(self) -> Iterator[tuple[int, int] | RowResult]:
        """The block as runs of fast rows, (start, stop), and the other rows."""
        start = 0
        for i in sorted(self.others):
            if i > start:
                yield start, i
            yield self.others[i]
            start = i + 1
        if start < len(self.rows):
            yield start, len(self.rows)


def _fast_chunk(
    plan: Any,
    spec: Spec,
    table: Table,
    chunk: list[tuple[int, list[Any]]],
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Block:
    import numpy as np

    from .fastpath import parse_columns, score_chunk

    n = len(chunk)
    label_ids = {leaf.id for leaf in plan.leaves if leaf.kind == "grades"}
    blocked = [len(cells) > table.width for _, cells in chunk]  # extra cells: exact path
    # the chunk column by column
    lines = [cells for _, cells in chunk]
    width = table.width
    by_column: list[Sequence[Any]]
    if set(map(len, lines)) == {width}:  # the usual case: slices of all cells in a row
        flat = list(chain.from_iterable(lines))
        by_column = [flat[j::width] for j in range(width)]
        padded = False
    else:  # short rows padded with None
        by_column = list(zip_longest(*lines, fillvalue=None))
        padded = True
    nothing = (None,) * n
    plain = table.encoding != "xlsx"  # CSV cells are text

    def texts(j: int, strip: bool) -> list[str]:
        cells: Sequence[Any] = by_column[j] if j < len(by_column) else nothing
        if plain and not (padded and None in cells):
            return list(map(str.strip, cells)) if strip else list(cells)
        return [_text(c) for c in cells]

    columns: dict[str, list[str]] = {}
    entities = periods = [""] * n
    # N/A marks that would read as numbers (--na 0): rows holding one go the exact way
    numeric_marks = {t for t in na_tokens if _reads_as_float(t)}
    for col in table.columns:
        j = col.index - 1
        if col.kind in ("value", "input"):
            columns[col.target] = texts(j, strip=False)
            if col.index in table.percent_columns:
                blocked = [True] * n  # %-formatted cells: the exact path scales them
            if numeric_marks and col.kind == "value":
                marked = [t.strip() in numeric_marks for t in columns[col.target]]
                blocked = [b or m for b, m in zip(blocked, marked, strict=True)]
        elif col.kind in ("score", "na"):
            blocked = [b or bool(t) for b, t in zip(blocked, texts(j, strip=True), strict=True)]
        elif col.kind == "entity":
            entities = texts(j, strip=True)
        elif col.kind == "period":
            periods = texts(j, strip=True)
    parsed = parse_columns(columns, label_ids, n)
    parsed.scored = memo
    for i, b in enumerate(blocked):
        if b:
            parsed.eligible[i] = False
    scores, exact = score_chunk(plan, parsed)
    units = scores.tolist()  # plain ints: far cheaper to read than numpy scalars
    total_column = scores[:, list(plan.top)].sum(axis=1)
    totals = total_column.tolist()
    # the first grade whose least total is reached, as the spec lists them
    labels = [name for name, _ in plan.grade_mins] + [None]
    choice = np.full(n, len(plan.grade_mins))
    for k in reversed(range(len(plan.grade_mins))):
        choice[total_column >= plan.grade_mins[k][1]] = k
    grades: list[str | None] = [labels[k] for k in choice.tolist()]
    rows = [row for row, _ in chunk]
    others = {
        i: exact_row(spec, table, rows[i], chunk[i][1], missing, na_tokens)
        for i in exact.nonzero()[0].tolist()
    }
    return Block(
        10**plan.places,
        spec.total,
        plan.fulls,
        rows,
        entities,
        periods,
        units,
        totals,
        grades,
        others,
        (~exact).nonzero()[0].tolist(),
        scores,
    )


def _reads_as_float(text: str) -> bool:
    """Whether ``float`` takes the text (all the fast path can read as a number)."""
    try:
        float(text)
    except ValueError:
        return False
    return True


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

    def add_many(
        self, count: int, total: Fraction, low: Fraction, high: Fraction, at_full: int
    ) -> None:
        """Figures of ``count`` scores at once (their sum, least, greatest, and
        how many reached full marks)."""
        self.count += count
        self.total += total
        self.low = low if self.low is None else min(self.low, low)
        self.high = high if self.high is None else max(self.high, high)
        self.at_full += at_full

    @property
    def mean(self) -> Fraction | None:
        return self.total / self.count if self.count else None


@dataclass
class Summary:
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

    def add_block(self, b: Block) -> None:
        """Every row of a block: its fast rows column by column, the others one by one."""
        for other in b.others.values():
            self.add(other)
        if not b.fast:
            return
        self.scored += len(b.fast)
        grades = [b.grades[i] for i in b.fast]
        for g in grades:
            key = g if g is not None else "—"
            self.grades[key] = self.grades.get(key, 0) + 1
        if not self.keep_totals:
            return
        value = _Exact(b.scale).__getitem__
        for i, g in zip(b.fast, grades, strict=True):
            self.totals.append((value(b.totals[i]), b.rows[i], b.entities[i], g))
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
            )

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
