"""Rows of the batch CSV made column-wise with Apache Arrow.

A run of rows the fast path scored (:class:`engine.batch.blocks.Block`) is
written as columns: each score column's integer units become their decimal text
through a table of the few values it holds, and the columns become lines by
Arrow's CSV writer without quotes (or, for a run with note cells, Arrow's join
kernels), without a Python string per cell. The text is the
same, byte for byte, as :class:`engine.render.batch_view.CsvRows` writes row by
row; it is used only for runs whose text cells need no quoting or defusing (the
caller checks), and only where pyarrow is already imported (large tables).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..base.records import record
from ..batch.arrowbuf import integers, joined, string_buffers, strings, text
from ..batch.patterns import missing_flag, na_flag
from ._fmt import FORMULA_START, QUOTED_CHARACTERS

#: CSV lines as the batch writes them: no header, no quotes, a line feed after each
#: (Arrow's default end of line; its ``eol`` option is newer than pyarrow 14)
_NO_QUOTES = pacsv.WriteOptions(include_header=False, delimiter=",", quoting_style="none")


#: widest range of units in a column written through a table of their texts
_SPAN = 1 << 16


def fast_lines(
    block: Any,
    a: int,
    b: int,
    how: Texts,
    tails: Sequence[str] | None,
) -> bytes | None:
    """Rows ``a`` to ``b`` of the block as CSV lines, UTF-8 (``tails``: each row's note
    cells, already quoted, each after a comma; None without notes), or None when
    a score column spans too many values for a table of texts."""
    totals = _texts(np.asarray(block.totals[a:b], dtype=np.int64), how.unit)
    matrix = block.matrix[a:b]
    marked = _Marked(block.marked, a, b, how) if block.marked is not None else None
    scores = [
        _texts(matrix[:, j], how.unit, marked.cells(j) if marked else None)
        for j in range(matrix.shape[1])
    ]
    if totals is None or any(s is None for s in scores):
        return None
    columns: list[Any] = [
        *([how.lead[:-1]] if how.lead else []),  # the file: one text for every row
        pc.cast(integers(block.rows[a:b]), pa.string()),
        strings(block.entities[a:b]),
        strings(block.periods[a:b]),
        totals,
        marked.full_marks() if marked else how.full,
        strings([g or "" for g in block.grades[a:b]]),
        "ok",  # status
        "",  # error
        marked.flags() if marked else "",
        *scores,
    ]
    if tails is None:
        with contextlib.suppress(pa.ArrowInvalid):  # a cell that needs quotes: joined
            return _written(columns, b - a)
    return _joined(columns, tails)


def _joined(columns: list[Any], tails: Sequence[str] | None) -> bytes:
    """Rows of ``columns`` (string arrays, or one text for every row) as CSV lines
    joined cell by cell, each row's ``tails`` after it: any cell, as it is."""
    lines = pc.binary_join_element_wise(
        *(text(c) if isinstance(c, str) else c for c in columns), text(",")
    )
    ends = text("\n") if tails is None else strings([f"{t}\n" for t in tails])
    return joined(pc.binary_join_element_wise(lines, ends, text("")))


def _written(columns: list[Any], n: int) -> bytes:
    """``n`` rows of ``columns`` (string arrays, or one text for every row) as CSV
    lines by Arrow's CSV writer, with no quotes: about 40% quicker than joining
    them cell by cell. Arrow refuses (``ArrowInvalid``) a cell holding a comma, a
    quote or a line end, which would need quotes."""
    zeros = pa.Array.from_buffers(pa.int8(), n, [None, pa.py_buffer(np.zeros(n, np.int8))])
    arrays = [
        pa.DictionaryArray.from_arrays(zeros, strings([c])) if isinstance(c, str) else c
        for c in columns
    ]
    table = pa.Table.from_arrays(arrays, names=[f"c{j}" for j in range(len(arrays))])
    sink = pa.BufferOutputStream()
    pacsv.write_csv(table, sink, _NO_QUOTES)
    return sink.getvalue().to_pybytes()  # type: ignore[no-any-return]


#: bytes that make a cell need quotes (a comma, a quote, a line end)
_QUOTED = np.array([ord(c) for c in QUOTED_CHARACTERS], dtype=np.uint8)
#: first bytes of a cell that a spreadsheet would read as a formula
_FORMULA = np.array([ord(c) for c in FORMULA_START], dtype=np.uint8)


def as_they_are(array: Any) -> bool:
    """Whether every cell of a string array is written as it is, looked at in its
    bytes: none holds a comma, a quote or a line end, and none starts as a
    formula would (:data:`engine.render._fmt.FORMULA_START`, characters of one
    byte each)."""
    offsets, codes = string_buffers(array)
    if not len(codes):
        return True
    if np.isin(codes, _QUOTED).any():
        return False
    starts = (offsets[:-1] - offsets[0])[np.diff(offsets) > 0]  # of the cells not empty
    return not bool(np.isin(codes[starts], _FORMULA).any())


@record(frozen=True)
class Texts:
    """How the batch CSV writes its cells: units of a score, the full marks of a
    plain row, a score or full marks that is any fraction, a text cell."""

    unit: Callable[[int], str]
    full: str
    score: Callable[[Fraction], str]
    number: Callable[[Fraction], str]
    field: Callable[[str], str]
    #: the file cell (already quoted where it must be) and its comma, first in every
    #: row of a batch of many files; empty otherwise
    lead: str = ""


class _Marked:
    """Rows ``a`` to ``b`` of a block's N/A marks, as text columns."""

    def __init__(self, marked: Any, a: int, b: int, text: Texts):
        self.m, self.a, self.b, self.text = marked, a, b, text
        self.na = marked.na[a:b]

    def full_marks(self) -> Any:
        pairs, codes = self.m.full_marks
        texts = [self.text.number(Fraction(value, d)) for value, d in pairs]
        return strings(texts).take(integers(codes[self.a : self.b]))

    def flags(self) -> Any:
        """Each row's flags: ``ID:not_applicable`` of every indicator marked, made
        once per kind of row (:class:`engine.batch.patterns.Kinds`)."""
        texts = self.m.flag_texts
        # each flag written as it is (ids are letters, digits and _): so are the
        # flags joined by "; ", which neither quotes nor starts a formula
        tokens = [f(i) for i in self.m.ids for f in (na_flag, missing_flag)]
        if any(self.text.field(t) != t or t.startswith(FORMULA_START) for t in tokens):
            texts = [self.text.field(t) for t in texts]
        return strings(texts).take(integers(self.m.kinds.rows[self.a : self.b]))

    def cells(self, j: int) -> tuple[Any, Any, tuple[list[str], Any] | None]:
        """Column ``j``: rows not applicable, rows at their full marks, and the
        texts of those rows' full marks with each row's among them (None when
        there are none)."""
        full = self.m.full_cells[self.a : self.b, j]
        if not full.any():
            return self.na[:, j], full, None
        pairs, codes = self.m.full_pairs(j, self.a + np.flatnonzero(full))
        return self.na[:, j], full, ([self.text.score(Fraction(v, d)) for v, d in pairs], codes)


def _texts(units: Any, unit_text: Callable[[int], str], marked: Any = None) -> Any:
    """A column of units as their texts (an Arrow string array), or None;
    ``marked``: rows not applicable (an empty cell), rows at their full marks,
    and those full marks' texts (:meth:`_Marked.cells`). Every cell is taken
    from one list of texts, each made once."""

    if not len(units):
        return strings([])
    low, high = int(units.min()), int(units.max())
    if high - low >= _SPAN:
        return None
    index = units - low
    present = np.flatnonzero(np.bincount(index, minlength=high - low + 1)).tolist()
    texts = [""] * (high - low + 1)
    for k in present:
        texts[k] = unit_text(low + k)
    if marked is not None:
        na, full, made = marked
        if made is not None:
            full_texts, codes = made
            index[full] = len(texts) + codes
            texts += full_texts
        if na.any():
            index[na] = len(texts)
            texts.append("")
    return strings(texts).take(integers(index))
