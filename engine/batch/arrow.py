"""Apache Arrow at the edges of a batch: rows from Parquet files and in-memory
tables (pyarrow, pandas, polars), and results as an Arrow table (what
:func:`engine.score_table` returns and ``--format parquet`` writes).

pyarrow is imported only here, and only when one of these is used: it is an
optional dependency (``pip install 'scorecard[scale]'``).

Scores are exact decimals (``decimal128`` with the spec's places) built from the
fast path's integer units without a Python object per score; a spec that rounds
only its total writes them as text, as the CSV output does.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..base.errors import LoadError, UsageError
from ..base.i18n import _
from ..base.numbers import format_fixed, format_value
from ..spec.model import Spec
from .blocks import Block
from .rows import FIXED_COLUMNS, RowResult
from .tables import Table, _columns

#: rows converted from Arrow to Python at a time
BATCH = 4096


def need_pyarrow(what: str) -> Any:
    try:
        import pyarrow
    except ImportError:
        raise UsageError(
            _(
                "{what} needs pyarrow: pip install 'scorecard[scale]' (or pip install pyarrow)"
            ).format(what=what)
        ) from None
    return pyarrow


# -- in -------------------------------------------------------------------------------
def arrow_table(data: Any) -> Any:
    """A pyarrow Table from a pyarrow Table, a pandas or a polars DataFrame."""
    pa = need_pyarrow(_("reading a data frame"))
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    module = type(data).__module__.split(".")[0]
    if module == "pandas":
        return pa.Table.from_pandas(data, preserve_index=False)
    if module == "polars":
        return data.to_arrow()
    raise UsageError(
        _(
            "data of type {type}: give a path, a pyarrow Table, "
            "a pandas DataFrame or a polars DataFrame"
        ).format(type=type(data).__name__)
    )


def open_frame(data: Any, spec: Spec, name: str = "<data>") -> Table:
    """An in-memory table, mapped to the spec like a file's header."""
    table = arrow_table(data)
    header = [str(n).strip() for n in table.column_names]
    columns = _columns(header, spec, name)
    from .typed import PIECE_ROWS, TypedRows, arrow_pieces

    rows = TypedRows(arrow_pieces(iter(table.to_batches(max_chunksize=PIECE_ROWS))))
    return Table(name, columns, rows, "arrow", "", set(), len(header), typed=True)


def parquet_rows(p: Path, path: str) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """The header and rows of a Parquet file. Text columns are read with their
    dictionaries kept, and every cell is checked before it becomes a Python value:
    a 5 KB file may repeat a 5 MB string a million times."""
    pa = need_pyarrow(_("reading {path}").format(path=path))
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(p)
        texts = [f.name for f in schema if pa.types.is_string(f.type) or _is_bytes(pa, f.type)]
        f = pq.ParquetFile(p, read_dictionary=texts)
    except (pa.ArrowException, OSError) as e:
        raise LoadError(
            _("{path}: not a readable Parquet file ({problem}); write it again").format(
                path=path, problem=str(e)[:120]
            )
        ) from None
    refuse_unpacked_size(f.metadata, path)
    header = [str(n).strip() for n in f.schema_arrow.names]

    from .arrow_cells import checked_batches
    from .typed import PIECE_ROWS, TypedRows, arrow_pieces

    def pieces() -> Iterator[Any]:
        try:
            batches = f.iter_batches(batch_size=PIECE_ROWS)
            yield from arrow_pieces(checked_batches(batches, path, header))
        except pa.ArrowException as e:
            raise LoadError(
                _("{path}: a damaged Parquet file ({problem})").format(
                    path=path, problem=str(e)[:120]
                )
            ) from None
        finally:
            f.close()

    return header, TypedRows(pieces())


def _is_bytes(pa: Any, kind: Any) -> bool:
    return bool(pa.types.is_binary(kind) or pa.types.is_large_binary(kind))


def refuse_unpacked_size(metadata: Any, path: str) -> None:
    """Refuse a Parquet file whose data unpack to more than a table may hold."""
    from .tables import MAX_TABLE_BYTES

    size = sum(metadata.row_group(i).total_byte_size for i in range(metadata.num_row_groups))
    if size > MAX_TABLE_BYTES:
        raise LoadError(
            _(
                "{path}: its data unpack to {size} bytes; a table may hold {max} (as a CSV "
                "file may); split it"
            ).format(path=path, size=size, max=MAX_TABLE_BYTES)
        )


# -- out ------------------------------------------------------------------------------
def results_table(spec: Spec, items: Iterable[Block | RowResult], notes: Sequence[str] = ()) -> Any:
    """Every row's result as a pyarrow Table: row, entity, period, total,
    full_marks, grade, status, error, flags, one column per indicator (walk
    order), then ``notes.ID`` columns."""
    pa = need_pyarrow(_("an Arrow table of results"))
    out = _Columns(spec, len(notes))
    for item in items:
        if isinstance(item, Block):
            out.block(item)
        else:
            out.one(item)
    return out.table(pa, notes)


class _Columns:
    """The result columns, gathered chunk by chunk: text columns as lists, scores
    as integer units (rows × (total, every indicator)) with their validity."""

    def __init__(self, spec: Spec, notes: int):
        self.spec = spec
        self.ids = [i.id for i in spec.walk()]
        self.scale = 10**spec.rounding.places
        self.plain: dict[str, list[Any]] = {
            k: [] for k in ("row", "entity", "period", "full_marks", "grade", "status")
        }
        self.plain.update(error=[], flags=[])
        self.notes: list[list[str]] = [[] for _ in range(notes)]
        self.units: list[Any] = []
        self.valid: list[Any] = []
        #: scores that are not a whole number of units (a spec rounding only its
        #: total): by (first row of their chunk + row, column); all scores are then text
        self.odd: dict[tuple[int, int], Fraction] = {}
        self.rows = 0

    def _meta(self, r: RowResult) -> None:
        p = self.plain
        p["row"].append(r.row)
        p["entity"].append(r.entity)
        p["period"].append(r.period)
        p["full_marks"].append(format_value(r.full_marks) if r.ok and r.full_marks else None)
        p["grade"].append(r.grade if r.ok else None)
        p["status"].append("ok" if r.ok else "error")
        p["error"].append(" | ".join(r.errors) if r.errors else None)
        p["flags"].append(r.flags if r.ok else None)
        for column, note in zip(self.notes, r.notes, strict=False):
            column.append(note)

    def _fill(self, units: Any, valid: Any, i: int, r: RowResult) -> None:
        """Row ``i`` of a chunk from a RowResult (the exact path's rows)."""
        values = [r.total, *r.scores] if r.ok else [None] * (1 + len(self.ids))
        for j, x in enumerate(values):
            if x is None:
                valid[i, j] = False
                continue
            scaled = x * self.scale
            if scaled.denominator == 1 and abs(scaled.numerator) < 2**62:
                units[i, j] = scaled.numerator
            else:
                self.odd[(self.rows + i, j)] = x

    def one(self, r: RowResult) -> None:
        import numpy as np

        self._meta(r)
        units = np.zeros((1, 1 + len(self.ids)), dtype=np.int64)
        valid = np.ones((1, 1 + len(self.ids)), dtype=bool)
        self._fill(units, valid, 0, r)
        self._add(units, valid)

    def _add(self, units: Any, valid: Any) -> None:
        self.units.append(units)
        self.valid.append(valid)
        self.rows += len(units)

    def block(self, b: Block) -> None:
        import numpy as np

        n = len(b)
        if b.marked is not None:  # N/A marks: their flags, full marks, empty scores
            self._marked(b)
            return
        if b.others:
            for r in b.results():  # the metadata, row by row (text columns)
                self._meta(r)
        else:  # every row on the fast path: the block's own columns
            p = self.plain
            p["row"] += b.rows
            p["entity"] += b.entities
            p["period"] += b.periods
            p["full_marks"] += [format_value(b.full_marks)] * n
            p["grade"] += b.grades
            p["status"] += ["ok"] * n
            p["error"] += [None] * n
            p["flags"] += [""] * n
            for column, notes in zip(self.notes, b.notes, strict=False):
                column += notes
        units = np.zeros((n, 1 + len(self.ids)), dtype=np.int64)
        valid = np.ones((n, 1 + len(self.ids)), dtype=bool)
        if b.fast:
            fast = np.array(b.fast)
            units[fast, 0] = np.array(b.totals, dtype=np.int64)[fast]
            units[fast, 1:] = b.matrix[fast]
        for i, r in b.others.items():
            self._fill(units, valid, i, r)
        self._add(units, valid)

    def _marked(self, b: Block) -> None:
        """A block with N/A marks: the fast rows column-wise, with each row's full
        marks and flags, no score where not applicable, and a score that is its
        (not whole-unit) full marks kept exact."""
        import numpy as np

        m, n = b.marked, len(b)
        fast = np.zeros(n, dtype=bool)
        fast[b.fast] = True
        units = np.zeros((n, 1 + len(self.ids)), dtype=np.int64)
        valid = np.zeros((n, 1 + len(self.ids)), dtype=bool)
        units[:, 0] = np.array(b.totals, dtype=np.int64)
        units[:, 1:] = b.matrix
        valid[:, 0] = fast
        valid[:, 1:] = fast[:, None] & ~m.na
        for i, j in zip(*np.nonzero(m.full_cells & fast[:, None]), strict=True):
            self.odd[(self.rows + int(i), int(j) + 1)] = m.full(int(i), int(j))
        tops = m.fulls[:, list(m.top)].sum(axis=1).tolist()
        flags: dict[bytes, str] = {}
        p = self.plain
        for i in range(n):
            other = b.others.get(i)
            if other is not None:
                self._meta(other)
                self._fill(units, valid, i, other)
                continue
            key = m.na[i].tobytes()
            if key not in flags:
                marked = zip(m.ids, m.na[i].tolist(), strict=True)
                flags[key] = "; ".join(f"{iid}:not_applicable" for iid, x in marked if x)
            p["row"].append(b.rows[i])
            p["entity"].append(b.entities[i])
            p["period"].append(b.periods[i])
            p["full_marks"].append(format_value(Fraction(tops[i], int(m.denominators[i]))))
            p["grade"].append(b.grades[i])
            p["status"].append("ok")
            p["error"].append(None)
            p["flags"].append(flags[key])
            for column, notes in zip(self.notes, b.notes, strict=False):
                column.append(notes[i])
        self._add(units, valid)

    def table(self, pa: Any, notes: Sequence[str]) -> Any:
        import numpy as np

        width = 1 + len(self.ids)
        units = np.concatenate(self.units) if self.units else np.zeros((0, width), dtype=np.int64)
        valid = np.concatenate(self.valid) if self.valid else np.zeros((0, width), dtype=bool)
        numbers = [self._column(pa, units[:, j], valid[:, j], j) for j in range(width)]
        p = self.plain
        arrays = [
            pa.array(p["row"], pa.int64()),
            pa.array(p["entity"], pa.string()),
            pa.array(p["period"], pa.string()),
            numbers[0],
            pa.array(p["full_marks"], pa.string()),
            *[pa.array(p[k], pa.string()) for k in ("grade", "status", "error", "flags")],
            *numbers[1:],
            *[pa.array(c, pa.string()) for c in self.notes],
        ]
        names = [
            *FIXED_COLUMNS,
            *self.ids,
            *[f"notes.{n}" for n in notes],
        ]
        return pa.Table.from_arrays(arrays, names=names)

    def _column(self, pa: Any, units: Any, valid: Any, j: int) -> Any:
        r = self.spec.rounding
        if r.apply == "each" and not self.odd:
            return _decimals(pa, units, valid, r.places)
        shown: dict[int, str] = {}  # units → text: a column repeats its scores

        def text(i: int, u: int) -> str:
            odd = self.odd.get((i, j))
            if odd is not None:
                return _shown(odd, r.places, r.apply)
            if u not in shown:
                shown[u] = _shown(Fraction(u, self.scale), r.places, r.apply)
            return shown[u]

        texts = [
            text(i, u) if ok else None
            for i, (u, ok) in enumerate(zip(units.tolist(), valid.tolist(), strict=True))
        ]
        return pa.array(texts, pa.string())


def _shown(x: Fraction, places: int, apply: str) -> str:
    return format_fixed(x, places) if apply == "each" else format_value(x)


def _decimals(pa: Any, units: Any, valid: Any, places: int) -> Any:
    """decimal128(38, places) from integer units, exactly, without a Decimal each:
    each value's 128-bit two's complement, little-endian, from its 64-bit units."""
    import numpy as np

    n = len(units)
    low = np.ascontiguousarray(units, dtype=np.int64)
    words = np.empty(2 * n, dtype=np.int64)
    words[0::2] = low
    words[1::2] = np.where(low < 0, -1, 0)  # the sign, extended
    nulls = n - int(valid.sum())
    mask = pa.array(valid.astype(bool), pa.bool_()).buffers()[1] if nulls else None
    return pa.Array.from_buffers(
        pa.decimal128(38, places), n, [mask, pa.py_buffer(words.tobytes())], null_count=nulls
    )
