"""Typed tables scored column-wise: Parquet files, in-memory tables (pyarrow,
pandas, polars) and XLSX workbooks go, in pieces of rows, through the block
path a large CSV takes (:func:`engine.batch.columnar.scored_piece`).

A typed table's cells are numbers, text and other values. Each column of a
piece is read by what it holds:

- numbers only (integers, floats of any width; empty cells: null, NaN, an
  empty workbook cell): their values directly. The row reader takes a float
  exactly from its shortest decimal text (``repr``), which converts back to the
  same double, so the double is within |x|·2⁻⁵³ of that exact value (and is it,
  for a whole number below 2⁵³). An infinite cell, or one beyond the exact
  reader's range, goes the exact way, which says why.
- anything else (text, decimals, booleans, dates, numbers mixed with text):
  each cell's text as the row reader makes it, read as a CSV's text cells are
  (spreadsheet forms, N/A marks).

Rows the fast path leaves go the exact way with their cells as the row reader
gives them, so results and messages are the row-by-row reader's; blank rows are
skipped and counted in the row numbers, as there. A table's rows stay an
iterator of (row, cells) for every other reader (:class:`TypedRows`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from itertools import chain, zip_longest
from typing import Any

import numpy as np

from ..spec.methods import GradesMethod, compared_labels
from ..spec.model import Spec
from .arrowbuf import flags, integers, strings
from .arrowbuf import to_numpy as _numpy
from .arrowforms import WHITESPACE as _WHITESPACE
from .blocks import Block
from .columnar import MEMO, _Piece, scored_piece
from .fastpath import _MAX, _TINY, Chunk, Labels, Plan, U
from .rational import from_doubles
from .rows import RowResult
from .spreadsheet_digits import spreadsheet_numbers
from .tables import Table, _text

#: rows of a typed table scored together
PIECE_ROWS = 16_384
#: whole numbers below this are exact as doubles
_EXACT_WHOLE = 2.0**53


class TypedRows:
    """A typed table's rows: (row, cells) one at a time, as any table's rows are
    read; or, while none has been read, its pieces of columns
    (:func:`typed_pieces`)."""

    def __init__(self, pieces: Iterator[Any]):
        self._pieces = pieces
        self._rows: Iterator[tuple[int, list[Any]]] = iter(())
        self.started = False

    def __iter__(self) -> TypedRows:
        return self

    def __next__(self) -> tuple[int, list[Any]]:
        if not self.started:
            self.started = True
            self._rows = chain.from_iterable(p.row_items() for p in self._pieces)
        return next(self._rows)

    def pieces(self) -> Iterator[Any] | None:
        """The pieces, if no row has been read yet (then they are taken)."""
        if self.started:
            return None
        self.started = True
        return self._pieces


def typed_pieces(table: Table) -> Iterator[Any] | None:
    """The pieces of a typed table whose rows are still untouched."""
    rows = table.rows
    return rows.pieces() if isinstance(rows, TypedRows) else None


def typed_items(
    plan: Plan,
    spec: Spec,
    table: Table,
    pieces: Iterator[Any],
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Iterator[Block | RowResult]:
    """Every row of the pieces, scored column-wise, in order."""
    for piece in pieces:
        if len(memo) > MEMO:
            memo.clear()
        block = piece_block(plan, spec, table, piece, missing, na_tokens, memo)
        if block is not None:
            yield block


def piece_block(
    plan: Plan,
    spec: Spec,
    table: Table,
    piece: Any,
    missing: str,
    na_tokens: tuple[str, ...],
    memo: dict[tuple[str, ...], int | None],
) -> Block | None:
    """One piece's rows, scored (None when every row is blank): a pure function
    of its arguments, so a piece can be scored in another process."""
    columns = piece.columns(table)
    filled = np.zeros(piece.n, dtype=bool)
    for column in columns:
        filled |= column.filled
    keep = np.flatnonzero(filled)
    if not len(keep):
        return None
    if len(keep) < piece.n:
        columns = [column.take(keep) for column in columns]
    blocked = piece.blocked(keep)
    for column in columns[table.width :]:  # cells beyond the header's columns: the row fails
        blocked = column.filled if blocked is None else blocked | column.filled
    if table.plain_cells:  # a number shown otherwise among percentages: the exact path's
        plain = np.fromiter((row for row, _col in table.plain_cells), dtype=np.int64)
        mixed = np.isin(piece.first + keep, plain)
        blocked = mixed if blocked is None else blocked | mixed
    columns, scaled = _percent_columns(spec, table, columns, na_tokens)
    if not scaled:  # %-formatted cells this path cannot read: the exact path scales them
        blocked = np.ones(len(keep), dtype=bool)
    typed = _TypedPiece(columns, (piece.first + keep).tolist(), lambda i: piece.cells(int(keep[i])))
    typed.blocked = blocked
    return scored_piece(plan, spec, table, typed, missing, na_tokens, memo)


def _percent_columns(
    spec: Spec, table: Table, columns: list[Numbers | Texts], na_tokens: tuple[str, ...]
) -> tuple[list[Numbers | Texts], bool]:
    """The piece's columns with those a workbook formats as percentages read as
    it shows them (0.9893 as 98.93: :meth:`Numbers.hundredfold`), and whether
    every such column could be: a column of numbers only, of an indicator whose
    unit is a percentage (any other is the exact path's to scale or refuse),
    with no N/A mark that reads as a number (matched against the value stored)."""
    from ..base.text import is_percent
    from .blocks import reads_as_float

    columns = list(columns)
    formatted = [
        c
        for c in table.columns
        if c.kind in ("value", "input") and c.index in table.percent_columns
    ]
    if formatted and any(reads_as_float(t) for t in na_tokens):
        return columns, False
    for c in formatted:
        column = columns[c.index - 1]
        ind = spec.by_id.get(c.target) if c.kind == "value" else None
        if ind is None or not is_percent(ind.unit) or not isinstance(column, Numbers):
            return columns, False
        if column.ints is not None:  # (a workbook's numbers are doubles)
            return columns, False
        if isinstance(ind.method, GradesMethod):
            continue  # a grade's label is the cell's text, never scaled
        if ind.children or ind.method is None or compared_labels(ind.method):
            return columns, False
        columns[c.index - 1] = Hundredfold(column.values, column.filled, column.whole)
    return columns, True


# -- columns --------------------------------------------------------------------------
class Numbers:
    """A column of numbers: float values, which cells are filled, and how each
    cell's text reads (``whole``: a whole float is written as an integer, as the
    workbook reader gives it)."""

    def __init__(self, values: Any, filled: Any, ints: Any = None, whole: bool = False):
        self.values = values
        self.filled = filled
        self.ints = ints
        self.whole = whole

    def take(self, keep: Any) -> Numbers:
        ints = None if self.ints is None else self.ints[keep]
        return Numbers(self.values[keep], self.filled[keep], ints, self.whole)

    def texts(self) -> list[str]:
        """Each cell's text as the row reader writes it ("" for an empty cell)."""
        if self.ints is not None:
            cells: list[Any] = self.ints.tolist()
        else:
            cells = self.values.tolist()
            if self.whole:
                cells = [int(x) if x.is_integer() and abs(x) < _EXACT_WHOLE else x for x in cells]
        return [_text(c) if ok else "" for c, ok in zip(cells, self.filled.tolist(), strict=True)]

    def among(self, tokens: list[str]) -> Any:
        """Per cell, whether its text is one of ``tokens``."""
        found = np.zeros(len(self.values), dtype=bool)
        for token in tokens:
            found |= self._is(token)
        return found & self.filled

    def _is(self, token: str) -> Any:
        """Per cell, whether its text is ``token`` (each value has one text)."""
        if self.ints is not None:
            try:
                whole = int(token)
            except ValueError:
                return np.zeros(len(self.values), dtype=bool)
            fits = str(whole) == token and abs(whole) < 2**63
            return self.ints == whole if fits else np.zeros(len(self.values), dtype=bool)
        try:
            x = float(token)
        except ValueError:
            return np.zeros(len(self.values), dtype=bool)
        if self.whole and x.is_integer() and abs(x) < _EXACT_WHOLE:
            return (self.values == x) if str(int(x)) == token else np.zeros(len(self.values), bool)
        if repr(x) != token:
            return np.zeros(len(self.values), dtype=bool)
        return (self.values == x) & (np.signbit(self.values) == np.signbit(x))

    def read(self, chunk: Chunk, key: str, marks: dict[str, Any]) -> None:
        """The cells as the fast path's numbers with their bounds."""
        v = self.values
        size = np.abs(v)
        with np.errstate(invalid="ignore"):
            good = self.filled & np.isfinite(v) & (size < _MAX) & ((size >= _TINY) | (v == 0))
        chunk.eligible &= good if key not in marks else good | marks[key]
        v = np.where(good, v, 0.0)
        size = np.abs(v)
        if self.ints is not None:
            exact = np.abs(self.ints) <= 2**53
        else:
            exact = (v == np.floor(v)) & (size < _EXACT_WHOLE)
        chunk.numbers[key] = (v, np.where(exact, 0.0, size * U))
        # a whole number as its integer; a double as its shortest text (repr)
        chunk.short[key] = good & exact if self.ints is not None else good
        chunk.texts[key] = _Texts(self)


class Hundredfold(Numbers):
    """A column of numbers a workbook formats as percentages, read as it shows
    them: each cell a hundredfold (0.9893, shown as 98.93%, reads 98.93), as the
    row reader reads it: the exact decimal of the double's shortest text, times
    100. Read for the fast path from the values (:meth:`read`); the texts are
    made only for the cells asked for."""

    def __init__(self, values: Any, filled: Any, whole: bool = False):
        super().__init__(values, filled, None, whole)

    def take(self, keep: Any) -> Hundredfold:
        return Hundredfold(self.values[keep], self.filled[keep], self.whole)

    def texts(self) -> list[str]:
        """Each cell's text a hundredfold (0.9893 → 98.93; "" for an empty
        cell). A value the exact reader refuses before it scales it (below
        10⁻²¹ but not 0, or not finite) is ``?``, filled but no number: its row
        goes the exact way, which says why."""
        import pyarrow as pa
        import pyarrow.compute as pc

        with np.errstate(invalid="ignore"):
            tiny = (np.abs(self.values) < _TINY) & (self.values != 0)
            odd = ~np.isfinite(self.values)
        # Arrow writes a double's shortest decimal, as repr does (or 1e+15)
        shown = pc.cast(pa.array(np.where(odd, 0.0, self.values)), pa.string())
        moved = pc.if_else(flags(self.filled & (tiny | odd)), "?", _moved(shown))
        texts: list[str] = pc.if_else(flags(~self.filled), "", moved).to_pylist()
        return texts

    def read(self, chunk: Chunk, key: str, marks: dict[str, Any]) -> None:
        """The cells a hundredfold as the fast path's numbers with their bounds.
        Where the double's exact decimal D is found (:func:`from_doubles`: its
        shortest text has at most 15 digits), the number is the double nearest
        100·D, made by one correctly rounded operation of exact operands, and
        as close to it as any number read from a text (its exact decimal is then
        known, though :mod:`.rational` finds none for 100·D of 10¹⁵ or more, and
        leaves it to the exact path); elsewhere it is the double v times 100,
        within 2·|100v|·2⁻⁵³ of 100·D (D within half a unit in the last place of
        v, and the product rounded once), which the bound 3·|x|·2⁻⁵³ covers."""
        v = self.values
        with np.errstate(invalid="ignore", over="ignore"):
            shown = v * 100.0
            size = np.abs(shown)
            good = (
                self.filled
                & np.isfinite(shown)
                & (size < _MAX)
                & ((size >= _TINY) | (v == 0))
                & ((np.abs(v) >= _TINY) | (v == 0))
            )
        chunk.eligible &= good if key not in marks else good | marks[key]
        exact = from_doubles(np.where(good, v, 0.0), good)
        common = np.gcd(exact.d, 100)
        top, bottom = exact.n * (100 // common), exact.d // common  # |n| < 10¹⁵
        known = exact.ok & (np.abs(top) < 2**53)
        x = np.where(known, top.astype(np.float64) / bottom, np.where(good, shown, 0.0))
        size = np.abs(x)
        whole = known & (bottom == 1)
        bound = np.where(whole, 0.0, np.where(known, size * U, 3 * size * U))
        chunk.numbers[key] = (x, bound)
        chunk.short[key] = known
        chunk.texts[key] = _Texts(self)


def _moved(shown: Any) -> Any:
    """Decimal texts (an Arrow string array: ``-0.9893``, ``7``, ``1e+15``) a
    hundredfold, by moving their point two places, with Arrow's kernels: a point
    and two zeros added, the point moved past two digits, leading zeros and a
    fraction's trailing ones dropped. A text with an exponent (``1.5e-07``,
    beyond 10¹⁵ or below 10⁻⁴: few) has its exponent raised by two instead."""
    import pyarrow.compute as pc

    t = pc.replace_substring_regex(shown, r"^(-?[0-9]+)$", r"\1.")
    t = pc.binary_join_element_wise(t, "00", "")
    t = pc.replace_substring_regex(t, r"^(-?)([0-9]*)\.([0-9][0-9])", r"\1\2\3.")
    t = pc.replace_substring_regex(t, r"^(-?)0+([0-9])", r"\1\2")
    t = pc.replace_substring_regex(t, r"\.?0*$", "")
    exponent = _numpy(pc.match_substring(shown, "e"))
    if exponent.any():
        moved = [_raised(x) for x in shown.filter(flags(exponent)).to_pylist()]
        t = pc.replace_with_mask(t, flags(exponent), strings(moved))
    return t


def _raised(text: str) -> str:
    """A number's text with an exponent a hundredfold: 1.5e-07 → 1.5e-5."""
    mantissa, _, exponent = text.partition("e")
    return f"{mantissa}e{int(exponent) + 2}"


class _Texts:
    """A numbers column's texts, made only for the rows asked for (the exact
    scores of undecided cells): what :attr:`Chunk.texts` holds for a column."""

    def __init__(self, column: Numbers):
        self.column = column

    def take(self, rows: Any) -> _Texts:
        """The texts of ``rows`` (positions: numpy, or an Arrow array of them)."""
        if not isinstance(rows, np.ndarray):
            rows = _numpy(rows)
        return _Texts(self.column.take(rows))

    def to_pylist(self) -> list[str]:
        return self.column.texts()

    def __getitem__(self, i: int) -> str:
        """Cell ``i``'s text (a likely slip's example, in a batch's notes)."""
        return self.column.take(np.array([i])).texts()[0]

    def distinct(self, rows: Any) -> tuple[list[str], Any]:
        """The distinct texts of ``rows``, each made once, and each row's
        position among them: values are told apart by their bits (0.0 and -0.0
        read alike but are written apart)."""
        column = self.take(rows).column
        keys = column.ints if column.ints is not None else column.values.view(np.int64)
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        unique = column.take(first)
        unique.filled = np.ones(len(first), dtype=bool)
        texts = unique.texts()
        inverse = inverse.reshape(-1)
        if not column.filled.all():
            inverse = np.where(column.filled, inverse, len(texts))
            texts.append("")
        return texts, inverse


class Texts:
    """A column read as text: an Arrow string array of the cells' texts, and
    which cells are filled (a cell may be filled and have no text: a formula with
    no saved value)."""

    def __init__(self, texts: Any, filled: Any):
        self.texts = texts
        self.filled = filled

    def take(self, keep: Any) -> Texts:
        return Texts(self.texts.take(integers(keep)), self.filled[keep])


class _TypedPiece(_Piece):
    """A typed piece's columns as :func:`engine.batch.columnar.scored_piece` reads
    them: text columns as a CSV piece's, number columns by their values."""

    #: a text column's texts are not always its cells (a number, a logical value)
    cells_are_texts = False

    def __init__(
        self, columns: list[Numbers | Texts], rows: list[int], cells: Callable[[int], list[Any]]
    ):
        super().__init__([c.texts if isinstance(c, Texts) else None for c in columns], len(rows))
        self.columns = columns
        self.rows = rows
        self._cells = cells

    def cells(self, i: int) -> list[Any]:
        return self._cells(i)

    def trimmed(self, j: int) -> Any:
        column = self._column(j)
        if isinstance(column, Texts):
            return super().trimmed(j)
        return strings(column.texts())

    def texts(self, j: int) -> Sequence[str]:
        column = self._column(j)
        if isinstance(column, Texts):
            return super().texts(j)
        return column.texts()

    def labels(self, j: int) -> Labels:
        column = self._column(j)
        if isinstance(column, Texts):
            return super().labels(j)
        index: dict[str, int] = {}
        codes = [index.setdefault(t, len(index)) for t in column.texts()]
        return Labels(list(index), np.array(codes, dtype=np.int64))

    def among(self, j: int, tokens: list[str]) -> Any:
        column = self._column(j)
        if isinstance(column, Texts):
            return super().among(j, tokens)
        return column.among(tokens)

    def filled(self, j: int) -> Any:
        column = self._column(j)
        if isinstance(column, Texts):
            return super().filled(j)
        return column.filled.copy()

    def read_numbers(
        self, chunk: Chunk, key: str, j: int, percent: bool, marks: dict[str, Any]
    ) -> None:
        column = self._column(j)
        if isinstance(column, Texts):
            super().read_numbers(chunk, key, j, percent, marks)
        else:
            column.read(chunk, key, marks)

    def _column(self, j: int) -> Numbers | Texts:
        if j < len(self.columns):
            return self.columns[j]
        empty = np.zeros(self.n, dtype=bool)
        return Texts(strings([""] * self.n), empty)


# -- Arrow record batches ---------------------------------------------------------------
class ArrowPiece:
    """Rows of an Arrow table (a record batch); ``first``: the first one's row number."""

    def __init__(self, first: int, arrays: list[Any]):
        self.first = first
        self.arrays = arrays
        self.n = len(arrays[0]) if arrays else 0

    def columns(self, table: Table) -> list[Numbers | Texts]:
        return [arrow_column(a) for a in self.arrays]

    def blocked(self, keep: Any) -> Any:
        return None

    def cells(self, i: int) -> list[Any]:
        return _cells([a[i].as_py() for a in self.arrays])

    def row_items(self) -> Iterator[tuple[int, list[Any]]]:
        """(row, cells) of the rows that are not blank, as the row reader reads them."""
        columns = [_column_cells(a.to_pylist()) for a in self.arrays]
        for k, cells in enumerate(zip(*columns, strict=True)):
            if any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
                yield self.first + k, list(cells)


def _cells(values: list[Any]) -> list[Any]:
    """A float NaN (pandas' missing value) is an empty cell."""
    return [None if isinstance(v, float) and v != v else v for v in values]


def _column_cells(values: list[Any]) -> list[Any]:
    if any(isinstance(v, float) and v != v for v in values):
        return _cells(values)
    return values


def arrow_pieces(batches: Iterator[Any], start: int = 2) -> Iterator[ArrowPiece]:
    """Arrow record batches as pieces of about :data:`PIECE_ROWS` rows (small
    batches, as a CSV reader makes them, are joined: a piece's work is mostly
    per column, whatever its rows); row numbers count the header as row 1."""
    row = start
    for columns, rows in _joined(batches):
        yield ArrowPiece(row, columns)
        row += rows


def _joined(batches: Iterator[Any]) -> Iterator[tuple[list[Any], int]]:
    import pyarrow as pa

    held: list[Any] = []
    rows = 0
    for batch in chain(batches, [None]):
        if batch is not None and (not held or rows + batch.num_rows <= PIECE_ROWS):
            held.append(batch)
            rows += batch.num_rows
            continue
        if len(held) == 1:
            yield list(held[0].columns), rows
        elif held:
            yield (
                [_concat(pa, [b.column(j) for b in held]) for j in range(held[0].num_columns)],
                rows,
            )
        held, rows = ([batch], batch.num_rows) if batch is not None else ([], 0)


def _concat(pa: Any, arrays: list[Any]) -> Any:
    """One array of a column's arrays (dictionaries decoded: batches may have
    their own)."""
    if pa.types.is_dictionary(arrays[0].type):
        arrays = [a.dictionary_decode() for a in arrays]
    return pa.concat_arrays(arrays)


def arrow_column(array: Any) -> Numbers | Texts:
    """An Arrow array read as numbers (integers, floats) or as text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = array.type
    if pa.types.is_dictionary(kind):
        array = array.dictionary_decode()
        kind = array.type
    valid = _valid(array)
    if pa.types.is_floating(kind):
        values = _numpy(pc.cast(array, pa.float64()))
        return Numbers(values, valid & ~np.isnan(values))
    if pa.types.is_integer(kind):
        ints = _numpy(pc.cast(array, pa.int64())) if kind != pa.uint64() else None
        if ints is None:  # beyond int64: read as text
            return _python_texts(array)
        return Numbers(ints.astype(np.float64), valid, ints)
    view = getattr(pa.types, "is_string_view", lambda _: False)  # pyarrow 16 and later
    if pa.types.is_string(kind) or pa.types.is_large_string(kind) or view(kind):
        texts = pc.cast(array, pa.string())
        if texts.null_count:
            texts = pc.coalesce(texts, strings([""] * len(texts)))  # empty cells: ""
        trimmed = pc.utf8_trim(texts, characters=_WHITESPACE)
        return Texts(texts, _numpy(pc.binary_length(trimmed)) > 0)
    return _python_texts(array)


def _valid(array: Any) -> Any:
    if not array.null_count:
        return np.ones(len(array), dtype=bool)
    import pyarrow.compute as pc

    return _numpy(pc.is_valid(array))


def _python_texts(array: Any) -> Texts:
    """Any other column: each cell's text as the row reader writes it."""
    return python_texts(_cells(array.to_pylist()))


def python_texts(cells: list[Any]) -> Texts:
    """Cells as the row reader gives them, read as text."""
    texts = [_text(c) for c in cells]
    filled = [c is not None and (not isinstance(c, str) or bool(c.strip())) for c in cells]
    return Texts(strings(texts), np.array(filled, dtype=bool))


# -- workbook rows ----------------------------------------------------------------------
class SheetPiece:
    """Rows of a workbook's sheet as its reader gives them (``""`` for an empty
    cell), with the formulas that have no saved value by row number; ``first``:
    the first one's row number."""

    def __init__(self, first: int, rows: list[list[Any]], unsaved: dict[int, list[Any]]):
        self.first = first
        self.rows = rows
        self.n = len(rows)
        self.unsaved = unsaved

    def columns(self, table: Table) -> list[Numbers | Texts]:
        rows = self.rows
        if len(set(map(len, rows))) == 1:
            by_column: list[Any] = list(zip(*rows, strict=True))
        else:
            by_column = list(zip_longest(*rows, fillvalue=""))
        return self._overlaid(by_column)

    def _overlaid(self, by_column: list[Any]) -> list[Numbers | Texts]:
        """The columns' cells with the formulas that have no saved value in
        their places, each column read (:func:`sheet_column`)."""
        columns: dict[int, Any] = {}
        for row, formulas in self.unsaved.items():
            for col, formula in formulas:
                while col > len(by_column):
                    by_column.append(("",) * self.n)
                cells = columns.setdefault(col - 1, list(by_column[col - 1]))
                cells[row - self.first] = formula
        by_column = [columns.get(j, c) for j, c in enumerate(by_column)]
        return [sheet_column(c) for c in by_column]

    def blocked(self, keep: Any) -> Any:
        """The kept rows holding a formula with no saved value (they fail)."""
        if not self.unsaved:
            return None
        rows = np.array(sorted(self.unsaved), dtype=np.int64) - self.first
        flags = np.zeros(self.n, dtype=bool)
        flags[rows] = True
        return flags[keep]

    def row(self, i: int) -> list[Any]:
        """Row ``i`` of the piece as the reader gives it."""
        return self.rows[i]

    def cells(self, i: int) -> list[Any]:
        from .xlsx import _cell

        cells = [None if c == "" else _cell(c) for c in self.row(i)]
        for col, formula in self.unsaved.get(self.first + i, ()):
            cells.extend([None] * (col - len(cells)))
            cells[col - 1] = formula
        return cells

    def row_items(self) -> Iterator[tuple[int, list[Any]]]:
        for i in range(self.n):
            cells = self.cells(i)
            if any(c is not None and (not isinstance(c, str) or c.strip()) for c in cells):
                yield self.first + i, cells


def sheet_column(cells: Any) -> Numbers | Texts:
    """A workbook column's cells: numbers (floats, empty cells) read directly,
    as the reader gives them (a whole float is an integer), or else as text."""
    kinds = set(map(type, cells))
    if kinds == {str}:  # text: stripped as the row reader strips it
        texts = list(map(str.strip, cells))
        return Texts(strings(texts), np.array(list(map(bool, texts)), dtype=bool))
    if kinds == {float}:  # at the 15 significant digits the spreadsheet keeps
        return Numbers(spreadsheet_numbers(cells), np.ones(len(cells), bool), whole=True)
    if kinds <= {float, str}:
        objects = np.array(cells, dtype=object)
        empty = objects == ""
        if float in kinds and set(map(type, objects[~empty])) == {float}:
            objects[empty] = 0.0
            return Numbers(spreadsheet_numbers(objects.astype(np.float64)), ~empty, whole=True)
    from .xlsx import _cell

    return python_texts([None if c == "" else _cell(c) for c in cells])


#: what a row of a sheet already read is left as (one list for them all)
_READ: list[Any] = []


def sheet_pieces(values: list[list[Any]], unsaved: dict[int, list[Any]]) -> Iterator[SheetPiece]:
    """A sheet's rows after its header (``values[0]``) in pieces; each piece's
    rows are let go once it is made (the sheet is read once)."""
    size = PIECE_ROWS
    for start in range(1, len(values), size):
        rows = values[start : start + size]
        values[start : start + size] = [_READ] * len(rows)
        first = start + 1
        formulas = {r: f for r, f in unsaved.items() if first <= r < first + len(rows)}
        yield SheetPiece(first, rows, formulas)


class GridPiece(SheetPiece):
    """Rows of a sheet read with its survey (:class:`engine.batch.xlsx_values.Grid`):
    the same columns, cells and rows as :class:`SheetPiece` gives for the values
    calamine reads, made from arrays. A column of numbers (and empty cells) is
    read from them directly; a column of text is made of its texts, as then."""

    def __init__(self, first: int, n: int, grid: Any, unsaved: dict[int, list[Any]]):
        super().__init__(first, [], unsaved)
        self.n = n
        self.kinds, self.values = grid.rows(first, n)
        # the piece keeps only its own texts (it may go to another process)
        texts = self.kinds == 2
        used, local = np.unique(self.values[texts].astype(np.int64), return_inverse=True)
        self.values[texts] = local.reshape(-1)
        self.strings: list[str] = [*(grid.strings[k] for k in used.tolist()), ""]

    def row(self, i: int) -> list[Any]:
        return self._python(self.kinds[i], self.values[i])

    def _python(self, kinds: Any, values: Any) -> list[Any]:
        """Cells as the reader gives them: a float, a text, or ``""``."""
        from .xlsx_values import python_cells

        return python_cells(kinds, values, self.strings)

    def columns(self, table: Table) -> list[Numbers | Texts]:
        width = self.kinds.shape[1]
        by_column = [(self.kinds[:, j], self.values[:, j]) for j in range(width)]
        if self.unsaved:  # formulas in their places: the cells, as SheetPiece reads them
            return self._overlaid([self._python(k, v) for k, v in by_column])
        out: list[Numbers | Texts] = []
        for kinds, values in by_column:
            numbers = kinds == 1
            if not numbers.any() or (kinds == 2).any():  # text, or numbers and text
                out.append(sheet_column(self._python(kinds, values)))
            else:  # numbers and empty cells, as sheet_column reads them
                out.append(Numbers(np.where(numbers, values, 0.0), numbers, whole=True))
        return out


def grid_pieces(grid: Any, unsaved: dict[int, list[Any]]) -> Iterator[GridPiece]:
    """:func:`sheet_pieces` of a sheet read with its survey."""
    size = PIECE_ROWS
    for start in range(1, grid.height, size):
        first = start + 1
        n = min(size, grid.height - start)
        formulas = {r: f for r, f in unsaved.items() if first <= r < first + n}
        yield GridPiece(first, n, grid, formulas)
