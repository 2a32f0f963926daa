"""Rows of the batch workbook's results sheet made column-wise with Apache Arrow.

A run of rows the fast path scored (:class:`engine.batch.blocks.Block`, no N/A
mark) is written as columns, as :mod:`engine.render.csv_columns` does for CSV:
each score column's integer units become their cells through a table of the
few values it holds, and Arrow's kernels join the cells, with their references,
into rows. The text is the same, byte for byte, as
:class:`engine.render.batch_xlsx.ResultRows` writes row by row; it is used only
where pyarrow is already imported (large tables).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..batch.arrowbuf import integers, string_buffers, strings, text
from ..batch.xlsx_survey import column_letters
from .xlsx_stream import EMPTY

#: widest range of units in a column written through a table of their cells
_SPAN = 1 << 16


def fast_rows(
    block: Any,
    a: int,
    b: int,
    first: int,
    cells: Callable[[int], str],
    fixed: Sequence[Sequence[str] | str],
    lead: Sequence[str] = (),
) -> bytes | None:
    """Rows ``a`` to ``b`` of the block as sheet rows (UTF-8) numbered from ``first``, or
    None when a score column spans too many values for a table of cells.
    ``cells(units)``: a score's cell; ``fixed``: the cells of the columns before
    the scores (row, entity, period, total, full marks, grade, status, error,
    flags) after the total's place is taken by None, then the note columns, each
    a list of the run's cells or one cell for every row; ``lead``: cells before
    all of those, one for every row (the file of a batch of many files)."""
    units = np.column_stack([np.asarray(block.totals[a:b], dtype=np.int64), block.matrix[a:b]])
    made = _cells(units, cells)
    if made is None:
        return None
    totals, *scores = made
    n = b - a
    numbers = pc.cast(integers(np.arange(first, first + n, dtype=np.int64)), pa.string())
    quoted = pc.binary_join_element_wise(numbers, text('"'), text(""))  # 12"
    head = list(fixed)
    columns: list[Any] = [*(text(c) for c in lead), *(_column(c, n) for c in head[:3])]
    columns += [totals, *(_column(c, n) for c in head[4:9]), *scores]
    columns += [_column(c, n) for c in head[9:]]
    pieces: list[Any] = [text('<row r="'), quoted, text(">")]
    for j, column in enumerate(columns, start=1):
        pieces += [text(f'<c r="{column_letters(j)}'), quoted, column]
    pieces.append(text("</row>"))
    return _data(pc.binary_join_element_wise(*pieces, text("")))


def _column(cells: Sequence[str] | str, n: int) -> Any:
    if isinstance(cells, str):
        return text(cells)
    assert len(cells) == n
    return strings(cells)


def _cells(units: Any, cell: Callable[[int], str]) -> list[Any] | None:
    """Each column of a matrix of units as their cells (Arrow string arrays),
    through one table of the cells of the values present; None when the values
    span too much for a table."""
    low, high = int(units.min()), int(units.max())
    if high - low >= _SPAN:
        return None
    index = np.ascontiguousarray((units - low).T)
    present = np.flatnonzero(np.bincount(index.reshape(-1), minlength=high - low + 1)).tolist()
    table = [EMPTY] * (high - low + 1)
    for k in present:
        table[k] = cell(low + k)
    cells = strings(table)
    return [cells.take(integers(column)) for column in index]


def _data(rows: Any) -> bytes:
    """A string array's cells as one UTF-8 text (its data buffer, without a copy
    into a Python string)."""
    offsets, _codes = string_buffers(rows)
    data = rows.buffers()[2]
    return b"" if data is None else bytes(memoryview(data)[int(offsets[0]) : int(offsets[-1])])
