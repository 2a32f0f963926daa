"""Parquet cells checked before they become Python values: no text longer than a
CSV cell may be (a dictionary page can repeat one 5 MB string in every row of a
5 KB file), bytes only as UTF-8 text, and 32-bit floats as the decimal they were
written as (``100.1``, not ``100.0999984741211``)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from ..base.errors import LoadError
from ..base.i18n import _
from .arrowbuf import integers, to_numpy

#: the most text a piece of rows read together may hold, each row its own copy
MAX_PIECE_TEXT = 256 * 1024**2


def checked_batches(batches: Iterable[Any], path: str, header: list[str]) -> Iterator[Any]:
    """``batches`` with every column checked (and made plain text where it was
    bytes or a 32-bit float); rows counted as a spreadsheet does, the header first."""
    import pyarrow as pa

    from .tables import MAX_TABLE_BYTES

    row = 2
    unpacked = 0  # the bytes of text of the rows so far, once each row has its own copy
    for batch in batches:
        columns = [_column(pa, c, path, row, j + 1, header[j]) for j, c in enumerate(batch.columns)]
        piece = sum(_text_bytes(pa, c) for c in columns)
        if piece > MAX_PIECE_TEXT:  # a piece's rows are read into memory together
            raise LoadError(
                _(
                    "{path}:{row}:1: rows {row} to {last} hold {size} bytes of text, over the "
                    "{max} a piece of a table is read with; is this the right file?"
                ).format(
                    path=path,
                    row=row,
                    last=row + batch.num_rows - 1,
                    size=piece,
                    max=MAX_PIECE_TEXT,
                )
            )
        unpacked += piece
        if unpacked > MAX_TABLE_BYTES:  # as its CSV would be: a dictionary repeats cheaply
            raise LoadError(
                _(
                    "{path}: its data unpack to {size} bytes; a table may hold {max} (as a CSV "
                    "file may); split it"
                ).format(path=path, size=unpacked, max=MAX_TABLE_BYTES)
            )
        yield pa.RecordBatch.from_arrays(columns, schema=None, names=batch.schema.names)
        row += batch.num_rows


def _column(pa: Any, col: Any, path: str, row: int, index: int, name: str) -> Any:
    import pyarrow.compute as pc

    kind = col.type
    if pa.types.is_dictionary(kind):
        # only the entries these rows use: a reader's dictionary holds every value
        # of the row group so far (a million names by its last rows)
        codes = _codes(col.indices, len(col.dictionary), path, row, index)
        valid = codes >= 0
        used = np.unique(codes[valid])
        values = _text(pa, col.dictionary.take(integers(used)), path, index, name)
        if values is None:
            return col
        longest = _too_long(values)
        if longest is not None:
            first = int(np.flatnonzero(codes == used[longest])[0])
            _refuse_long(path, row + first, index, values[longest].as_py())
        indices = integers(np.searchsorted(used, codes), valid if not valid.all() else None)
        return pa.DictionaryArray.from_arrays(indices, values)
    values = _text(pa, col, path, index, name)
    if values is not None:
        at = _too_long(values)
        if at is not None:
            _refuse_long(path, row + at, index, values[at].as_py())
        return values
    if pa.types.is_float16(kind) or pa.types.is_float32(kind):
        texts = pc.cast(col, pa.string())  # the shortest decimal of the 32-bit float
        return pc.if_else(pc.is_nan(col), pa.nulls(len(col), pa.string()), texts)  # NaN: empty
    return col


def _codes(indices: Any, size: int, path: str, row: int, index: int) -> Any:
    """A dictionary column's indices as numpy, -1 where null; a damaged file
    whose indices point outside the dictionary is refused (a dictionary page
    after the pages that use it reads as an empty dictionary)."""
    codes = _indices(indices)
    at = np.flatnonzero((codes < -1) | (codes >= size))
    if len(at):
        raise LoadError(
            _(
                "{path}:{row}:{col}: a damaged Parquet file (the cell's value is not in its "
                "column's dictionary); write the file again"
            ).format(path=path, row=row + int(at[0]), col=index)
        )
    return codes


def _indices(indices: Any) -> Any:
    """Dictionary indices as numpy, -1 where null."""
    codes = _ints(indices)  # nulls read as 0
    if indices.null_count:
        codes = np.where(to_numpy(indices.is_valid()), codes, -1)
    return codes


def _ints(array: Any) -> Any:
    """An integer Arrow array as numpy (read from its buffers: pandas not imported)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return to_numpy(pc.cast(array, pa.int64()))


def _text(pa: Any, col: Any, path: str, index: int, name: str) -> Any:
    """``col`` as text when it holds text or bytes (bytes must be UTF-8), else None."""
    kind = col.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return col
    if not (pa.types.is_binary(kind) or pa.types.is_large_binary(kind)):
        return None
    try:
        return col.cast(pa.string())
    except pa.ArrowInvalid:
        raise LoadError(
            _(
                "{path}:1:{col}: column '{name}' holds bytes that are not UTF-8 text; write "
                "it as a text (string) column"
            ).format(path=path, col=index, name=name)
        ) from None


def _too_long(values: Any) -> int | None:
    """The position of the first text longer than a CSV cell may be, or None."""
    import pyarrow.compute as pc

    if len(values) == 0:
        return None
    over = np.flatnonzero(_ints(pc.utf8_length(values)) > csv.field_size_limit())
    return int(over[0]) if len(over) else None


def _text_bytes(pa: Any, col: Any) -> int:
    """The bytes of text ``col`` holds once every row has its own copy."""
    import pyarrow.compute as pc

    if pa.types.is_dictionary(col.type):
        if not pa.types.is_string(col.type.value_type) or len(col) == 0:
            return 0
        codes = _indices(col.indices)
        return int(_ints(pc.binary_length(col.dictionary))[codes[codes >= 0]].sum())
    if pa.types.is_string(col.type) and len(col):
        return int(_ints(pc.binary_length(col)).sum())
    return 0


def _refuse_long(path: str, row: int, col: int, value: str) -> None:
    raise LoadError(
        _(
            "{path}:{row}:{col}: a cell of {n} characters; cells are read up to {limit} "
            "characters (as in a CSV table); is this the right file?"
        ).format(path=path, row=row, col=col, n=len(value), limit=csv.field_size_limit())
    )
