"""Apache Arrow at the edges of a batch: rows from Parquet files and in-memory
tables (pyarrow, pandas, polars); results as an Arrow table are
:mod:`engine.batch.arrow_results`.

pyarrow is imported only when one of these is used: it is an optional
dependency (``pip install 'scorecard[scale]'``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..base.errors import LoadError, UsageError
from ..base.files import opened_by_name
from ..base.i18n import _
from ..spec.model import Spec
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
    """A pyarrow Table from a pyarrow Table, a pandas or a polars DataFrame (or a
    polars LazyFrame, collected)."""
    pa = need_pyarrow(_("reading a data frame"))
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    module = type(data).__module__.split(".")[0]
    if module == "pandas":
        twice = [str(c) for c in data.columns[data.columns.duplicated()]]
        if twice:
            raise UsageError(
                _("column '{column}' is given twice in the data frame; keep one").format(
                    column=twice[0]
                )
            )
        try:
            return pa.Table.from_pandas(data, preserve_index=False)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column of mixed types
            return _mixed_frame(pa, data)
    if module == "polars":  # a LazyFrame is the query of one: run, as it is asked to be scored
        return (data.collect() if type(data).__name__ == "LazyFrame" else data).to_arrow()
    raise UsageError(
        _(
            "data of type {type}: give a path, a pyarrow Table, "
            "a pandas DataFrame or a polars DataFrame"
        ).format(type=type(data).__name__)
    )


def _mixed_frame(pa: Any, frame: Any) -> Any:
    """A pandas frame with a column Arrow cannot type (numbers and ``不适用`` in
    one column, as ``pd.read_excel`` gives them): such a column as the texts of
    its cells (a number as its shortest text, a missing value empty), read then
    as a CSV's cells are; the other columns as Arrow types them."""
    from .pyvalues import cell_text

    arrays = []
    for name in frame.columns:
        column = frame[name]
        try:
            arrays.append(pa.array(column, from_pandas=True))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            arrays.append(pa.array([cell_text(v) for v in column], type=pa.string()))
    return pa.Table.from_arrays(arrays, names=[str(n) for n in frame.columns])


def open_frame(data: Any, spec: Spec, name: str = "<data>") -> Table:
    """An in-memory table, mapped to the spec like a file's header."""
    table = arrow_table(data)
    header = [str(n).strip() for n in table.column_names]
    columns = _columns(header, spec, name)
    from .typed import PIECE_ROWS, TypedRows, arrow_pieces

    rows = TypedRows(arrow_pieces(iter(table.to_batches(max_chunksize=PIECE_ROWS))))
    return Table(name, columns, rows, "arrow", None, width=len(header), typed=True)


def parquet_rows(p: Path, path: str) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """The header and rows of a Parquet file. Text columns are read with their
    dictionaries kept, and every cell is checked before it becomes a Python value:
    a 5 KB file may repeat a 5 MB string a million times."""
    pa = need_pyarrow(_("reading {path}").format(path=path))
    import pyarrow.parquet as pq

    try:
        source: Any = p if opened_by_name(p) else open(p, "rb")  # noqa: SIM115 (Arrow closes it)
        metadata = pq.read_metadata(source)  # the footer, read once
        refuse_unpacked_size(metadata, path)
        schema = metadata.schema.to_arrow_schema()
        _refuse_nested(pa, schema, path)
        texts = [f.name for f in schema if _is_text(pa, f.type)]
        f = pq.ParquetFile(source, metadata=metadata, read_dictionary=texts)
    except (pa.ArrowException, OSError) as e:
        raise LoadError(
            _("{path}: not a readable Parquet file ({problem}); write it again").format(
                path=path, problem=str(e)[:120]
            )
        ) from None
    header = [str(n).strip() for n in f.schema_arrow.names]

    from .arrow_cells import checked_batches
    from .typed import PIECE_ROWS, TypedRows, arrow_pieces

    def pieces() -> Iterator[Any]:
        try:
            # one thread: threads read every column's pages at once (40 MB more at a
            # million rows) and were no faster here
            batches = f.iter_batches(batch_size=PIECE_ROWS, use_threads=False)
            yield from arrow_pieces(checked_batches(batches, path, header))
        except (pa.ArrowException, OSError) as e:  # pyarrow raises some as OSError
            raise LoadError(
                _("{path}: a damaged Parquet file ({problem})").format(
                    path=path, problem=str(e)[:120]
                )
            ) from None
        finally:
            f.close()

    return header, TypedRows(pieces())


def _refuse_nested(pa: Any, schema: Any, path: str) -> None:
    """Refuse a column of lists, structs, maps or an extension type (such as JSON):
    a table's cells are numbers or text, and only those are checked before they
    are read."""
    for j, f in enumerate(schema, start=1):
        kind = f.type
        if pa.types.is_dictionary(kind):
            kind = kind.value_type
        if pa.types.is_nested(kind) or isinstance(kind, pa.BaseExtensionType):
            raise LoadError(
                _(
                    "{path}:1:{col}: column '{name}' holds values of type {type}; a table's "
                    "cells are numbers or text: write the column as one of those"
                ).format(path=path, col=j, name=f.name, type=kind)
            )


#: Arrow's text and bytes types (string_view and binary_view from pyarrow 16)
_TEXT_TYPES = (
    "is_string",
    "is_large_string",
    "is_string_view",
    "is_binary",
    "is_large_binary",
    "is_binary_view",
)


def _is_text(pa: Any, kind: Any) -> bool:
    """Whether a column of ``kind`` holds text or bytes: a Parquet BYTE_ARRAY,
    whichever of Arrow's types the file's schema gives it."""
    return any(getattr(pa.types, name, lambda _: False)(kind) for name in _TEXT_TYPES)


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
