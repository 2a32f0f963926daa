"""Rows of the batch CSV made column-wise with Apache Arrow.

A run of rows the fast path scored (:class:`engine.batch.blocks.Block`) is
written as columns: each score column's integer units become their decimal text
through a table of the few values it holds, and the columns are joined into
lines by Arrow's kernels, without a Python string per cell. The text is the
same, byte for byte, as :class:`engine.render.batch_view.CsvRows` writes row by
row; it is used only for runs whose text cells need no quoting or defusing (the
caller checks), and only where pyarrow is already imported (large tables).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

#: widest range of units in a column written through a table of their texts
_SPAN = 1 << 16


def fast_lines(
    block: Any,
    a: int,
    b: int,
    unit_text: Callable[[int], str],
    full: str,
    tails: Sequence[str] | None,
) -> str | None:
    """Rows ``a`` to ``b`` of the block as CSV lines (``tails``: each row's note
    cells, already quoted, each after a comma; None without notes), or
    None when a score column spans too many values for a table of texts."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    totals = _texts(np.asarray(block.totals[a:b], dtype=np.int64), unit_text)
    matrix = block.matrix[a:b]
    scores = [_texts(matrix[:, j], unit_text) for j in range(matrix.shape[1])]
    if totals is None or any(s is None for s in scores):
        return None
    columns = [
        pc.cast(pa.array(block.rows[a:b], pa.int64()), pa.string()),
        pa.array(block.entities[a:b], pa.string()),
        pa.array(block.periods[a:b], pa.string()),
        totals,
        pa.scalar(full),
        pa.array([g or "" for g in block.grades[a:b]], pa.string()),
        pa.scalar("ok,,"),
        *scores,
    ]
    lines = pc.binary_join_element_wise(*columns, ",")
    ends = pa.scalar("\n") if tails is None else pa.array([f"{t}\n" for t in tails], pa.string())
    lines = pc.binary_join_element_wise(lines, ends, "")
    return _joined(lines)


def _texts(units: Any, unit_text: Callable[[int], str]) -> Any:
    """A column of units as their texts (an Arrow string array), or None."""
    import numpy as np
    import pyarrow as pa

    if not len(units):
        return pa.array([], pa.string())
    low, high = int(units.min()), int(units.max())
    if high - low >= _SPAN:
        return None
    index = units - low
    present = np.flatnonzero(np.bincount(index, minlength=high - low + 1)).tolist()
    texts = [""] * (high - low + 1)
    for k in present:
        texts[k] = unit_text(low + k)
    return pa.array(texts, pa.string()).take(pa.array(index))


def _joined(lines: Any) -> str:
    """The lines of a string array, one text (its data buffer, decoded once)."""
    import numpy as np

    _validity, offsets_buffer, data = lines.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)
    start, stop = int(offsets[lines.offset]), int(offsets[lines.offset + len(lines)])
    return data.to_pybytes()[start:stop].decode("utf-8") if data is not None else ""
