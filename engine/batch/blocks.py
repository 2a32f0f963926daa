"""A chunk of a batch scored column-wise: the fast path's results as a
:class:`Block` of integer columns, and the rows it leaves to the exact path."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import chain, zip_longest
from typing import Any

from ..spec.model import Spec
from .rows import RowResult, exact_row
from .tables import Table, UnsavedFormula, _text


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
    #: the note cells, column by column (one list per note column of the table)
    notes: list[list[str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def make_lean(self) -> None:
        """Keep only what counting needs (rows, grades, the fast positions and the
        other rows): a block whose ``text`` is written needs no more."""
        self.entities = self.periods = []
        self.units, self.totals, self.matrix, self.notes = [], [], None, []

    def results(self) -> Iterator[RowResult]:
        """Each row as a RowResult, in order."""
        value = Exact(self.scale).__getitem__
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
                notes=tuple(column[i] for column in self.notes),
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


def fast_block(
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
    if table.typed:  # an XLSX formula with no saved value fails its row, any column
        blocked = [
            b or any(isinstance(c, UnsavedFormula) for c in cells)
            for b, (_, cells) in zip(blocked, chunk, strict=True)
        ]
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
    plain = not table.typed  # CSV cells are text

    def texts(j: int, strip: bool) -> list[str]:
        cells: Sequence[Any] = by_column[j] if j < len(by_column) else nothing
        if plain and not (padded and None in cells):
            return list(map(str.strip, cells)) if strip else list(cells)
        return [_text(c) for c in cells]

    columns: dict[str, list[str]] = {}
    entities = periods = [""] * n
    notes: list[list[str]] = []
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
        elif col.kind == "note":
            notes.append(texts(j, strip=True))
    percent = frozenset(
        c.target
        for c in table.columns
        if c.kind == "value" and c.target in spec.by_id and spec.by_id[c.target].unit == "%"
    )
    parsed = parse_columns(columns, label_ids, n, percent)
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
        notes=notes,
    )


def _reads_as_float(text: str) -> bool:
    """Whether ``float`` takes the text once its spreadsheet forms are made plain
    (all the fast path can read as a number)."""
    from .cellforms import plain_cells

    try:
        float(plain_cells([text], True)[0])
    except ValueError:
        return False
    return True


class Exact(dict[int, Fraction]):
    """units → Fraction(units, scale), made on first use (``map`` calls it in C)."""

    def __init__(self, scale: int):
        super().__init__()
        self.scale = scale

    def __missing__(self, units: int) -> Fraction:
        value = self[units] = Fraction(units, self.scale)
        return value
