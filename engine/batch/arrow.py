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
        refuse_unpacked_size(pq.read_metadata(p), path)
        texts = [f.name for f in schema if pa.types.is_string(f.type) or _is_bytes(pa, f.type)]
        f = pq.ParquetFile(p, read_dictionary=_kept_as_dictionaries(pq, p, texts))
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
        except pa.ArrowException as e:
            raise LoadError(
                _("{path}: a damaged Parquet file ({problem})").format(
                    path=path, problem=str(e)[:120]
                )
            ) from None
        finally:
            f.close()

    return header, TypedRows(pieces())


#: the most bytes a piece's text columns read as plain text may take per row, counting
#: each column's longest dictionary entry (16 MB a piece at 16,384 rows)
PLAIN_ROW_BYTES = 1024


def _kept_as_dictionaries(pq: Any, p: Path, texts: list[str]) -> list[str]:
    """The text columns to read with their dictionaries kept: those whose longest
    dictionary entry could make a piece's copies large. Keeping a dictionary costs
    a hash of every distinct value of a row group (a column of a million names,
    75 MB), so columns whose entries are short are read as plain text: a row can
    then hold at most their sum."""
    import pyarrow as pa
    import pyarrow.compute as pc

    texts = list(dict.fromkeys(texts))
    longest = dict.fromkeys(texts, 0)
    if not texts:
        return []
    f = pq.ParquetFile(p, read_dictionary=texts)
    try:
        # every row group's first row: a chunk's dictionary page comes first and is
        # read whole (the metadata's word that a chunk has one is not relied on)
        for group in range(f.metadata.num_row_groups):
            if f.metadata.row_group(group).num_rows == 0:
                continue
            first = next(f.iter_batches(batch_size=1, row_groups=[group], columns=texts))
            for name, col in zip(first.schema.names, first.columns, strict=True):
                if pa.types.is_dictionary(col.type) and len(col.dictionary):
                    size = pc.max(pc.binary_length(col.dictionary)).as_py() or 0
                    longest[name] = max(longest.get(name, 0), size)
    finally:
        f.close()
        pa.default_memory_pool().release_unused()  # the pages read: before the rows are
    kept, room = [], PLAIN_ROW_BYTES
    for name in sorted(texts, key=lambda c: longest[c]):
        if longest[name] <= room:
            room -= longest[name]
        else:
            kept.append(name)
    return kept


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
