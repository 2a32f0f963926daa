"""Arrow arrays made from, and read into, numpy buffers.

pyarrow's conveniences (``pa.array`` on a list or a numpy array, ``pa.scalar``,
a Python value passed to a compute function, ``Array.to_numpy``) import pandas
when it is installed: a fifth of a second on every large batch, and a Ctrl-C
that lands inside that import is swallowed. The arrays here are built from
their buffers instead, which says the same thing without that import.

Only the columnar paths import this module (pyarrow is imported with it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, overload

import numpy as np
import pyarrow as pa


def is_utf8(data: bytes) -> bool:
    """Whether ``data`` is whole UTF-8, by Arrow's validation (no text is made)."""
    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int64))
    raw = pa.Array.from_buffers(pa.large_binary(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        raw.cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


class TextColumn(Sequence[str]):
    """A column of texts (entities, periods, notes) kept as the Arrow string
    array it was read as: the outputs built from Arrow take it as it is, and it
    becomes Python strings only when read as such (once, then kept). A slice
    is a slice of the array."""

    __slots__ = ("_texts", "array")

    def __init__(self, array: Any) -> None:
        self.array = array
        self._texts: list[str] | None = None

    def texts(self) -> list[str]:
        if self._texts is None:
            self._texts = list(self.array.to_pylist())
        return self._texts

    def __len__(self) -> int:
        return len(self.array)

    @overload
    def __getitem__(self, k: int) -> str: ...

    @overload
    def __getitem__(self, k: slice) -> Sequence[str]: ...

    def __getitem__(self, k: int | slice) -> str | Sequence[str]:
        if isinstance(k, slice) and self._texts is None:
            start, stop, step = k.indices(len(self.array))
            if step == 1:
                return TextColumn(self.array.slice(start, max(stop - start, 0)))
        return self.texts()[k]

    def __iter__(self) -> Iterator[str]:
        return iter(self.texts())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, TextColumn):
            other = other.texts()
        if not isinstance(other, list | tuple):  # as a list compares (not to a str)
            return NotImplemented
        return self.texts() == list(other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, tuple[Any]]:
        return TextColumn, (self.array,)


def strings(texts: Sequence[str]) -> Any:
    """A string array of ``texts`` (a :class:`TextColumn`'s own array)."""
    if isinstance(texts, TextColumn):
        return texts.array
    joined = "".join(texts)
    data = joined.encode("utf-8", "surrogatepass")
    n = len(texts)
    offsets = np.zeros(n + 1, dtype=np.int64)
    if len(data) == len(joined):  # ASCII: a character is a byte
        np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=n), out=offsets[1:])
    elif "\0" not in joined:  # cells parted by NUL, found in the bytes
        parted = "\0".join(texts).encode("utf-8", "surrogatepass")
        ends = np.flatnonzero(np.frombuffer(parted, dtype=np.uint8) == 0)
        offsets[1:-1] = ends - np.arange(n - 1)
        offsets[-1] = len(data)
    else:
        counts = (len(t.encode("utf-8", "surrogatepass")) for t in texts)
        np.cumsum(np.fromiter(counts, dtype=np.int64, count=n), out=offsets[1:])
    if offsets[-1] < 1 << 31:
        kind, offsets = pa.string(), offsets.astype(np.int32)
    else:
        kind = pa.large_string()
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(data)]
    return pa.Array.from_buffers(kind, n, buffers)


def optional_strings(texts: Sequence[str | None]) -> Any:
    """A string array of ``texts``, null where a text is None. A column of few
    distinct texts (a status, a grade) is made from them and each cell's code."""
    n = len(texts)
    head = texts[:1024]  # names and the like are seen to be many at once, not counted
    distinct = list(dict.fromkeys(texts)) if len(set(head)) * 4 <= len(head) else None
    if distinct is not None and len(distinct) * 4 <= n:
        at = {t: k for k, t in enumerate(distinct)}
        codes = np.fromiter(map(at.__getitem__, texts), dtype=np.int64, count=n)
        valid = None
        if None in at:
            valid = codes != at[None]
        return strings([t or "" for t in distinct]).take(integers(codes, valid))
    if None not in (texts if distinct is None else distinct):
        return strings(texts)  # type: ignore[arg-type]  # no None among them
    valid = np.fromiter((t is not None for t in texts), dtype=bool, count=n)
    _validity, offsets, data = strings([t or "" for t in texts]).buffers()
    mask = pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.Array.from_buffers(
        pa.string() if len(data or b"") < 1 << 31 else pa.large_string(),
        n,
        [mask, offsets, data],
        null_count=n - int(valid.sum()),
    )


def text(value: str) -> Any:
    """A string scalar, for a compute function's argument."""
    return strings([value])[0]


def flags(mask: Any) -> Any:
    """A boolean array of a numpy array of booleans."""
    mask = np.asarray(mask, dtype=bool)
    bits = np.packbits(mask, bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(mask), [None, pa.py_buffer(bits)])


def integers(values: Any, valid: Any = None) -> Any:
    """An int64 array of a numpy array of integers; null where not ``valid``
    (booleans; a take at a null index gives null)."""
    values = np.ascontiguousarray(values, dtype=np.int64)
    nulls = 0 if valid is None else len(values) - int(np.count_nonzero(valid))
    mask = pa.py_buffer(np.packbits(valid, bitorder="little")) if nulls else None
    return pa.Array.from_buffers(
        pa.int64(), len(values), [mask, pa.py_buffer(values)], null_count=nulls
    )


def valid_only(column: Any, valid: Any) -> Any:
    """The string column with its cells not ``valid`` (booleans) made null, its
    offsets and bytes shared: a kernel such as a cast then passes those cells
    by, which spares copying the others into a new array."""
    start, n = column.offset, len(column)
    bits = np.zeros(start + n, dtype=bool)
    bits[start:] = valid
    if column.null_count:
        bits[start:] &= _bits(column.buffers()[0], start, n)
    _validity, offsets, data = column.buffers()
    mask = pa.py_buffer(np.packbits(bits, bitorder="little"))
    return pa.Array.from_buffers(column.type, n, [mask, offsets, data], offset=start)


def to_numpy(array: Any) -> Any:
    """A primitive Arrow array (numbers, booleans) as numpy, read from its buffers;
    nulls read as 0 (False)."""
    n, start = len(array), array.offset
    validity, data = array.buffers()[:2]
    if pa.types.is_boolean(array.type):
        values = _bits(data, start, n)
    else:
        dtype = {"int32": np.int32, "int64": np.int64, "double": np.float64}[str(array.type)]
        values = np.frombuffer(data, dtype=dtype)[start : start + n]
    if array.null_count:
        values = np.where(_bits(validity, start, n), values, values.dtype.type(0))
    return values


def _bits(buffer: Any, start: int, n: int) -> Any:
    bits = np.unpackbits(np.frombuffer(buffer, dtype=np.uint8), bitorder="little")
    return bits[start : start + n].astype(bool)


def string_buffers(column: Any) -> tuple[Any, Any]:
    """A string column's offsets and the bytes they point into (numpy views)."""
    _validity, offsets_buffer, data = column.buffers()
    wide = pa.types.is_large_string(column.type) or pa.types.is_large_binary(column.type)
    offsets = np.frombuffer(offsets_buffer, dtype=np.int64 if wide else np.int32)[
        column.offset : column.offset + len(column) + 1
    ]
    codes = (
        np.frombuffer(data, dtype=np.uint8)[offsets[0] : offsets[-1]]
        if data
        else np.zeros(0, np.uint8)
    )
    return offsets, codes


def joined(lines: Any) -> bytes:
    """A string array's cells as one UTF-8 text (a slice of its data buffer)."""
    offsets, _codes = string_buffers(lines)
    data = lines.buffers()[2]
    if data is None:
        return b""
    start = int(offsets[0])
    return data.slice(start, int(offsets[-1]) - start).to_pybytes()  # type: ignore[no-any-return]
