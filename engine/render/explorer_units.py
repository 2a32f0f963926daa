"""The entities of a table as the explorer lists them: scored, ranked, and sortable
by any column with exact integer keys (:func:`engine.base.numbers.exact_keys`: a
sort of 100,000 Fractions compares them two million times, integers many times
faster).

The rows the batch's fast path scored stay in its blocks (columns of integers):
a unit's scores are made when its line is drawn, and a column's when it is
sorted, not every score of every row before the first screen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, overload

from ..base.numbers import exact_keys
from ..base.records import record
from ..scoring.model import Actuals
from ..scoring.result import Scorecard
from ..spec.model import Spec
from .safe_text import cell_len

if TYPE_CHECKING:
    from ..batch.blocks import Block
    from ..batch.rows import RowResult


@record(frozen=True)
class Unit:
    """One entity of a table: its row, rank and results (or its errors)."""

    row: int
    entity: str
    rank: int | None
    total: Fraction | None
    grade: str | None
    #: the scores, when the unit is not a plain row of a block
    known: tuple[Fraction | None, ...] = ()
    errors: tuple[str, ...] = ()
    #: the fast path's block that holds the scores, and the row's place in it
    block: Block | None = None
    index: int = 0

    @cached_property
    def scores(self) -> tuple[Fraction | None, ...]:
        """Every indicator's score, in the spec's walk order (empty: it failed)."""
        return self.known if self.block is None else self.block.result(self.index).scores


#: row → its scorecard with derivation and its checked actuals (None: it failed)
Opener = Callable[[int], tuple[Scorecard, Actuals] | None]

#: a sort key: int, str or Fraction, one kind per column; None where there is no value
Key = Any


def sort_keys(values: Sequence[Fraction | None]) -> list[int | None]:
    """Integers ordered as ``values`` are (None stays None: no value)."""
    keys = iter(exact_keys([v for v in values if v is not None])[0])
    return [None if v is None else next(keys) for v in values]


class Units(Sequence[Unit]):
    """The units of a table in its order, with each column's sort keys (made
    when the column is first sorted) and the names in lower case (for filters)."""

    #: the fixed columns, as :data:`engine.render.explorer_table.FIXED` shows them
    FIXED = 5

    def __init__(self, units: Sequence[Unit], spec: Spec):
        self.units = list(units)
        self.grade_order = {g.grade: n for n, g in enumerate(spec.grades)}
        self._keys: dict[int, Sequence[Key]] = {}
        self._names: list[str] | None = None

    @overload
    def __getitem__(self, i: int) -> Unit: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Unit]: ...
    def __getitem__(self, i: int | slice) -> Unit | Sequence[Unit]:
        return self.units[i]

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self) -> Iterator[Unit]:
        return iter(self.units)

    @cached_property
    def widths(self) -> tuple[int, int]:
        """The widest entity name (in display cells) and row number."""
        names = max((cell_len(u.entity) for u in self.units), default=1)
        return names, max((len(str(u.row)) for u in self.units), default=1)

    def casefolded(self) -> list[str]:
        if self._names is None:
            self._names = [u.entity.casefold() for u in self.units]
        return self._names

    def keys(self, column: int) -> Sequence[Key]:
        """Each unit's sort key in ``column`` (None: no value, listed last)."""
        if column not in self._keys:
            self._keys[column] = self._column_keys(column)
        return self._keys[column]

    def _column_keys(self, column: int) -> Sequence[Key]:
        units, order = self.units, self.grade_order
        if column == 0:
            return [u.rank for u in units]
        if column == 1:
            return sort_keys([u.total for u in units])
        if column == 2:
            return [order.get(u.grade, len(order)) if u.grade else None for u in units]
        if column == 3:
            return [u.entity for u in units]
        if column == 4:
            return [u.row for u in units]
        j = column - self.FIXED
        blocks: dict[int, list[Fraction]] = {}  # a block's column j, made once
        values: list[Fraction | None] = []
        for u in units:
            b = u.block
            if b is None:
                values.append(u.known[j] if u.known else None)
                continue
            if id(b) not in blocks:
                blocks[id(b)] = block_column(b, j)
            values.append(blocks[id(b)][u.index])
        return sort_keys(values)


def block_column(b: Block, j: int) -> list[Fraction]:
    """Indicator ``j``'s score on every row of a block, from its integer units
    (right for the plain rows, which are the only ones read from it)."""
    from ..batch.blocks import Exact

    units = [r[j] for r in b.units] if b.units else b.matrix[:, j].tolist()
    return list(map(Exact(b.scale).__getitem__, units))


Pending = tuple[
    int,
    str,
    Fraction | None,
    str | None,
    tuple[str, ...],
    "Block | None",
    int,
    tuple[Fraction | None, ...],
]


def _pending(items: Iterator[Block | RowResult]) -> Iterator[Pending]:
    """(row, entity, total, grade, errors, block, index, scores) per row: a plain
    row of a block keeps its place there, any other row its scores."""
    from ..batch.blocks import Block, Exact

    for item in items:
        if not isinstance(item, Block):
            yield item.row, item.entity, item.total, item.grade, item.errors, None, 0, item.scores
            continue
        b, value = item, Exact(item.scale).__getitem__
        for i in range(len(b)):
            if i in b.others or (b.marked is not None and b.marked.flagged(i)):
                r = b.result(i)
                yield r.row, r.entity, r.total, r.grade, r.errors, None, 0, r.scores
            else:
                yield b.rows[i], b.entities[i], value(b.totals[i]), b.grades[i], (), b, i, ()


#: units opened again (their rows read and traced once more) kept at hand
_OPENED = 32


def units_of(
    spec: Spec, path: str, missing: str = "error", encoding: str = "auto", sheet: str | None = None
) -> tuple[list[Unit], Opener]:
    """Every row of a table as a unit, scored and ranked; and how to open one
    (its row read again and scored with the derivation)."""
    from ..batch.runner import Summary, score_blocks
    from ..batch.tables import NA_TOKENS, open_table
    from .distribution import traced

    table = open_table(path, spec, encoding, sheet, NA_TOKENS)
    rows = list(_pending(score_blocks(spec, table, missing)))
    summary = Summary(spec)  # the ranking only: no statistics per indicator
    summary.totals = [(t, row, e, g) for row, e, t, g, bad, *_ in rows if not bad and t is not None]
    ranked = {row: rank for rank, _t, row, _e, _g in summary.ranking()}
    units = [
        Unit(row, e, ranked.get(row), t, g, known, bad, b, i)
        for row, e, t, g, bad, b, i, known in rows
    ]

    @lru_cache(maxsize=_OPENED)
    def opener(row: int) -> tuple[Scorecard, Actuals] | None:
        kept: dict[int, Actuals] = {}
        table = open_table(path, spec, encoding, sheet, NA_TOKENS)
        card = traced(spec, table, missing, NA_TOKENS, kept, only=row).get(row)
        return None if card is None else (card, kept[row])

    return units, opener
