"""The batch's rows as a Parquet file, written a few thousand rows at a time.

Score columns are exact decimals (``decimal128`` with the spec's places) unless
some score is not a whole number of units (an indicator at full marks that N/A
marks redistributed, such as 100 × 3 / 95): then every score column of the file
is text, as the CSV writes it, as :func:`engine.score_table` gives it for the
whole table. Which of the two it is shows only as the rows come, and a Parquet
file has one schema: the batches go to a scratch file beside the output, and
when text arrives after decimals, the rows written so far are written again
with those columns as text (a decimal's text is the CSV's). The scratch file
then becomes the output.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, Any

from ..batch.blocks import Block
from ..batch.rows import RowResult
from ..spec.model import Spec


def write_parquet(
    output: str,
    spec: Spec,
    items: Iterable[RowResult | Block],
    notes: Sequence[str] = (),
    files: bool = False,
) -> None:
    """The batch's rows (the columns of the CSV output, scores as exact
    decimals or, where one must be, as text) as a Parquet file; with ``files``,
    each row's file first."""
    from ..base.output import AtomicWriter
    from ..batch.arrow import BATCH, need_pyarrow
    from ..batch.arrow_results import results_table

    need_pyarrow("--format parquet")
    with AtomicWriter(output) as fh, _Scratch(output) as sink:
        for group in _groups(items, BATCH):
            sink.write(results_table(spec, group, notes, files))
        sink.copy_to(fh)


def _groups(items: Iterable[RowResult | Block], rows: int) -> Iterator[list[RowResult | Block]]:
    """The items in groups of at least ``rows`` rows (the last may hold fewer);
    one empty group when there are none (the file still has its columns)."""
    group: list[RowResult | Block] = []
    size, any_group = 0, False
    for item in chain(items, [None]):
        if item is not None:
            group.append(item)
            size += len(item) if isinstance(item, Block) else 1
            if size < rows:
                continue
        if group or not any_group:
            yield group
            any_group = True
        group, size = [], 0


class _Scratch:
    """A Parquet file being written beside the output, whose schema turns its
    decimal columns to text when a batch needs text there."""

    def __init__(self, output: str):
        target = Path(output)
        regular = not target.exists() or target.is_file()
        self.folder = str(target.parent) if regular and target.parent.is_dir() else None
        self.path: str | None = None
        self.writer: Any = None

    def __enter__(self) -> _Scratch:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.writer is not None:  # stopped midway: what went wrong is reported
            with contextlib.suppress(Exception):
                self.writer.close()
        if self.path is not None:
            Path(self.path).unlink(missing_ok=True)

    def _open(self, schema: Any) -> None:
        import pyarrow.parquet as pq

        fd, path = tempfile.mkstemp(prefix=".scorecard-", suffix=".parquet", dir=self.folder)
        os.close(fd)
        self.path, self.writer = path, pq.ParquetWriter(path, schema)

    def write(self, table: Any) -> None:
        if self.writer is None:
            self._open(table.schema)
        elif table.schema != self.writer.schema:
            if _wider(self.writer.schema, table.schema):
                self._as_text(table.schema)
            table = table.cast(self.writer.schema)
        self.writer.write_table(table)

    def _as_text(self, schema: Any) -> None:
        """The rows so far written again under ``schema`` (text where they were
        decimals)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        self.writer.close()
        old = self.path
        assert old is not None
        self._open(schema)
        for batch in pq.ParquetFile(old).iter_batches():
            self.writer.write_table(pa.Table.from_batches([batch]).cast(schema))
        Path(old).unlink()

    def copy_to(self, fh: IO[bytes]) -> None:
        assert self.writer is not None and self.path is not None
        self.writer.close()
        self.writer = None
        with open(self.path, "rb") as source:
            shutil.copyfileobj(source, fh, 1 << 20)


def _wider(written: Any, new: Any) -> bool:
    """Whether ``new`` has text where ``written`` has decimals."""
    import pyarrow as pa

    return any(
        pa.types.is_decimal(a.type) and pa.types.is_string(b.type)
        for a, b in zip(written, new, strict=True)
    )
