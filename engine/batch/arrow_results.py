"""Results as an Apache Arrow table: what :func:`engine.score_table` returns and
``--format parquet`` writes.

Scores are exact decimals (``decimal128`` with the spec's places) built from the
fast path's integer units without a Python object per score. Where a score is
not a whole number of units (a spec that rounds only its total, or an
indicator at redistributed full marks that are not), the score columns are
text, as the CSV output writes them; each distinct value becomes text once, and
the columns are gathered from those texts by Arrow.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from ..base.i18n import _
from ..base.numbers import format_fixed, format_units, format_value
from ..spec.model import Spec
from .arrow import need_pyarrow
from .blocks import Block
from .rows import FIXED_COLUMNS, RowResult

#: the text columns of a result, after ``row``
_PLAIN = ("row", "entity", "period", "full_marks", "grade", "status", "error", "flags")
#: those of few distinct texts, gathered as codes (:class:`_Coded`)
_CODED = ("full_marks", "grade", "status", "error", "flags")


def results_table(
    spec: Spec, items: Iterable[Block | RowResult], notes: Sequence[str] = (), files: bool = False
) -> Any:
    """Every row's result as a pyarrow Table: row, entity, period, total,
    full_marks, grade, status, error, flags, one column per indicator (walk
    order), then ``notes.ID`` columns; with ``files`` (a batch of many files),
    each row's file first."""
    pa = need_pyarrow(_("an Arrow table of results"))
    out = _Columns(spec, len(notes))
    for item in items:
        if files:
            out.file.repeat(item.file, len(item) if isinstance(item, Block) else 1)
        if isinstance(item, Block):
            out.block(item)
        else:
            out.one(item)
    return out.table(pa, notes, files)


def _row_meta(r: RowResult) -> dict[str, Any]:
    """A row's cells of the text columns."""
    return {
        "row": r.row,
        "entity": r.entity,
        "period": r.period,
        "full_marks": format_value(r.full_marks, max_places=28)
        if r.ok and r.full_marks is not None
        else None,
        "grade": r.grade if r.ok else None,
        "status": "ok" if r.ok else "error",
        "error": " | ".join(r.errors) if r.errors else None,
        "flags": r.flags or None,  # none: null, as an error is
    }


class _Columns:
    """The result columns, gathered chunk by chunk: text columns as lists, scores
    as integer units (rows × (total, every indicator)) with their validity."""

    def __init__(self, spec: Spec, notes: int):
        self.spec = spec
        self.ids = [i.id for i in spec.walk()]
        self.scale = 10**spec.rounding.places
        self.plain: dict[str, Any] = {k: _Texts() for k in _PLAIN if k not in _CODED}
        self.plain["row"] = []
        self.coded = {k: _Coded() for k in _CODED}
        self.file = _Coded()  # (a batch of many files: a text for each)
        self.notes: list[list[str]] = [[] for _ in range(notes)]
        self.units: list[Any] = []
        self.valid: list[Any] = []
        #: scores that are not a whole number of units, by column: (row, value)
        #: from the exact path's rows, and (rows, distinct (numerator,
        #: denominator) pairs, each row's pair) from blocks with N/A marks;
        #: all scores are then text
        self.odd: dict[int, list[tuple[int, Fraction]]] = {}
        self.odd_cells: dict[int, list[tuple[Any, Any, Any]]] = {}
        self.rows = 0

    def _meta(self, r: RowResult) -> None:
        for key, value in _row_meta(r).items():
            if key in self.coded:
                self.coded[key].append(value)
            else:
                self.plain[key].append(value)
        for column, note in zip(self.notes, r.notes, strict=False):
            column.append(note)

    def _fill(self, units: Any, valid: Any, i: int, r: RowResult) -> None:
        """Row ``i`` of a chunk from a RowResult (the exact path's rows)."""
        values = [r.total, *r.scores] if r.ok else [None] * (1 + len(self.ids))
        for j, x in enumerate(values):
            if x is None:
                valid[j, i] = False
                continue
            scaled = x * self.scale
            if scaled.denominator == 1 and abs(scaled.numerator) < 2**62:
                units[j, i] = scaled.numerator
            else:
                self.odd.setdefault(j, []).append((self.rows + i, x))

    def one(self, r: RowResult) -> None:
        import numpy as np

        self._meta(r)
        units = np.zeros((1 + len(self.ids), 1), dtype=np.int64)
        valid = np.ones((1 + len(self.ids), 1), dtype=bool)
        self._fill(units, valid, 0, r)
        self._add(units, valid)

    def _add(self, units: Any, valid: Any) -> None:
        """A chunk's units and validity, a row per column (total, then each
        indicator): each column is then read in one run of memory."""
        self.units.append(units)
        self.valid.append(valid)
        self.rows += units.shape[1]

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
            p, c = self.plain, self.coded
            p["row"] += b.rows
            p["entity"].extend(b.entities)
            p["period"].extend(b.periods)
            c["full_marks"].repeat(format_value(b.full_marks, max_places=28), n)
            c["grade"].extend(b.grades)
            c["status"].repeat("ok", n)
            c["error"].repeat(None, n)
            c["flags"].repeat(None, n)
            for column, notes in zip(self.notes, b.notes, strict=False):
                column += notes
        units = np.zeros((1 + len(self.ids), n), dtype=np.int64)
        valid = np.ones((1 + len(self.ids), n), dtype=bool)
        if b.fast and len(b.fast) == n:
            units[0] = b.totals
            units[1:] = b.matrix.T
        elif b.fast:
            fast = np.array(b.fast)
            units[0, fast] = np.array(b.totals, dtype=np.int64)[fast]
            units[1:, fast] = b.matrix[fast].T
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
        units = np.zeros((1 + len(self.ids), n), dtype=np.int64)
        valid = np.zeros((1 + len(self.ids), n), dtype=bool)
        units[0] = b.totals
        units[1:] = b.matrix.T
        valid[0] = fast
        valid[1:] = (fast[:, None] & ~m.na).T
        rows, cols = np.nonzero(m.full_cells & fast[:, None])
        for j in np.unique(cols).tolist():
            at = cols == j
            pairs, codes = m.full_pairs(j, rows[at])
            self.odd_cells.setdefault(j + 1, []).append((self.rows + rows[at], pairs, codes))
        pairs, inverse = m.full_marks
        shown = [format_value(Fraction(f, d), max_places=28) for f, d in pairs]
        # (the entities and periods copied only to be changed: an Arrow column stays one)
        meta: dict[str, Sequence[Any]] = {
            "row": list(b.rows),
            "entity": list(b.entities) if b.others else b.entities,
            "period": list(b.periods) if b.others else b.periods,
            "grade": list(b.grades),
        }
        coded: dict[str, tuple[list[Any], Any]] = {
            "full_marks": (shown, np.array(inverse, dtype=np.int64)),  # copies: rows change
            "status": (["ok"], np.zeros(n, dtype=np.int64)),
            "error": ([None], np.zeros(n, dtype=np.int64)),
            "flags": ([t or None for t in m.flag_texts], np.array(m.kinds.rows, dtype=np.int64)),
        }
        notes = [list(column) for column in b.notes]
        for i, other in b.others.items():
            for key, value in _row_meta(other).items():
                if key in meta:
                    meta[key][i] = value  # type: ignore[index]  # a list: copied above
                else:  # a code of its own, past the piece's texts
                    texts, codes = coded[key]
                    codes[i] = len(texts)
                    texts.append(value)
            for column, note in zip(notes, other.notes, strict=False):
                column[i] = note
            valid[:, i] = True  # the exact path's row: empty only where it has no score
            self._fill(units, valid, i, other)
        for key, values in meta.items():
            if key in self.coded:
                self.coded[key].extend(values)
            else:
                self.plain[key].extend(values)
        for key, (texts, codes) in coded.items():
            self.coded[key].add(texts, codes)
        for column, values in zip(self.notes, notes, strict=False):
            column += values
        self._add(units, valid)

    def table(self, pa: Any, notes: Sequence[str], files: bool = False) -> Any:
        import numpy as np

        from .arrowbuf import integers, optional_strings

        width = 1 + len(self.ids)
        units = np.concatenate(self.units, axis=1) if self.units else np.zeros((width, 0), np.int64)
        valid = np.concatenate(self.valid, axis=1) if self.valid else np.zeros((width, 0), bool)
        r = self.spec.rounding
        if r.apply == "each" and not self.odd and not self.odd_cells:
            numbers = _decimals(pa, units, valid, r.places)
        else:
            numbers = [self._column(pa, units[j], valid[j], j) for j in range(width)]
        p = self.plain
        # from buffers: pa.array of a list would import pandas where it is installed
        arrays = [
            *([self.file.array()] if files else []),
            integers(np.array(p["row"], dtype=np.int64)),
            *[p[k].array() for k in ("entity", "period")],
            numbers[0],
            *[self.coded[k].array() for k in _CODED],
            *numbers[1:],
            *[optional_strings(c) for c in self.notes],
        ]
        names = [
            *(["file"] if files else []),
            *FIXED_COLUMNS,
            *self.ids,
            *[f"notes.{n}" for n in notes],
        ]
        return pa.Table.from_arrays(arrays, names=names)

    def _column(self, pa: Any, units: Any, valid: Any, j: int) -> Any:
        import numpy as np

        from .arrowbuf import integers, strings

        r = self.spec.rounding
        distinct, index = _distinct(units)
        apply = "each" if j == 0 else r.apply  # column 0: the total, always rounded
        if apply == "each":  # a whole number of units at the places: from the integer
            texts = [format_units(u, r.places) for u in distinct.tolist()]
        else:
            texts = [_shown(Fraction(u, self.scale), r.places, apply) for u in distinct.tolist()]
        made: dict[Fraction, int] = {}

        def code(x: Fraction) -> int:
            if x not in made:
                made[x] = len(texts)
                texts.append(_shown(x, r.places, apply))
            return made[x]

        for i, x in self.odd.get(j, ()):
            index[i] = code(x)
        for rows, pairs, at in self.odd_cells.get(j, ()):
            index[rows] = np.array([code(Fraction(f, d)) for f, d in pairs], np.int64)[at]
        return strings(texts).take(integers(index, valid))


def _distinct(units: Any) -> tuple[Any, Any]:
    """The distinct values of a column of units, and each row's position among
    them (counted over their range where it is narrow: no sort)."""
    import numpy as np

    low, high = (int(units.min()), int(units.max())) if len(units) else (0, 0)
    if high - low >= 1 << 16:
        distinct, inverse = np.unique(units, return_inverse=True)
        return distinct, inverse.reshape(-1).astype(np.int64)
    present = np.flatnonzero(np.bincount(units - low, minlength=high - low + 1))
    at = np.zeros(high - low + 1, dtype=np.int64)
    at[present] = np.arange(len(present))
    return present + low, at[units - low]


def _shown(x: Fraction, places: int, apply: str) -> str:
    """As the batch's CSV writes it: at the places, or exact to 28 decimals."""
    return format_fixed(x, places, 28) if apply == "each" else format_value(x, max_places=28)


def _decimals(pa: Any, units: Any, valid: Any, places: int) -> list[Any]:
    """decimal128(38, places) columns from integer units (columns × rows), exactly,
    without a Decimal each: each value's 128-bit two's complement, little-endian,
    from its 64-bit units, for every column in one pass."""
    import numpy as np

    width, n = units.shape
    words = np.empty((width, n, 2), dtype=np.int64)
    words[:, :, 0] = units
    np.right_shift(units, 63, out=words[:, :, 1])  # the sign, extended: -1 or 0
    kind = pa.decimal128(38, places)
    columns = []
    for j in range(width):
        nulls = n - int(np.count_nonzero(valid[j]))
        mask = pa.py_buffer(np.packbits(valid[j], bitorder="little")) if nulls else None
        data = pa.py_buffer(words[j])
        columns.append(pa.Array.from_buffers(kind, n, [mask, data], null_count=nulls))
    return columns


class _Texts:
    """A text column of many distinct texts (entities, periods), gathered as the
    blocks' Arrow columns (:class:`~engine.batch.arrowbuf.TextColumn`) where
    they are those, and as lists of texts otherwise."""

    def __init__(self) -> None:
        self.parts: list[Any] = []
        self.listed: list[str | None] = []  # texts given one by one, not yet a part

    def append(self, text: str | None) -> None:
        self.listed.append(text)

    def extend(self, texts: Sequence[str | None]) -> None:
        from .arrowbuf import TextColumn

        if isinstance(texts, TextColumn):
            self._close()
            self.parts.append(texts.array)
        else:
            self.listed.extend(texts)

    def _close(self) -> None:
        from .arrowbuf import optional_strings

        if self.listed:
            self.parts.append(optional_strings(self.listed))
            self.listed = []

    def array(self) -> Any:
        import pyarrow as pa

        from .arrowbuf import string_buffers, strings

        self._close()
        if len(self.parts) == 1:
            return self.parts[0]
        if not self.parts:
            return strings([])
        large = sum(len(string_buffers(p)[1]) for p in self.parts) >= 1 << 31  # bytes of text
        kind = pa.large_string() if large else pa.string()
        return pa.concat_arrays([p.cast(kind) if p.type != kind else p for p in self.parts])


class _Coded:
    """A text column of few distinct texts (a status, a grade, full marks),
    gathered as pieces of texts and each row's code among them: a run of one
    text, or a block's codes, never becomes a list of a text per row."""

    def __init__(self) -> None:
        self.pieces: list[tuple[list[str | None], Any]] = []
        self.listed: list[str | None] = []  # rows given one by one, not yet a piece

    def add(self, texts: list[str | None], codes: Any) -> None:
        self._close()
        self.pieces.append((texts, codes))

    def repeat(self, text: str | None, n: int) -> None:
        import numpy as np

        self.add([text], np.zeros(n, dtype=np.int64))

    def extend(self, texts: Iterable[str | None]) -> None:
        self.listed.extend(texts)

    def append(self, text: str | None) -> None:
        self.listed.append(text)

    def _close(self) -> None:
        import numpy as np

        if self.listed:
            listed, self.listed = self.listed, []
            at = {t: k for k, t in enumerate(dict.fromkeys(listed))}
            codes = np.fromiter(map(at.__getitem__, listed), dtype=np.int64, count=len(listed))
            self.pieces.append((list(at), codes))

    def array(self) -> Any:
        """The column as a string array, null where a text is None."""
        import numpy as np

        from .arrowbuf import integers, strings

        self._close()
        at: dict[str | None, int] = {}
        parts = []
        for texts, codes in self.pieces:
            mapped = [at.setdefault(t, len(at)) for t in texts]
            parts.append(np.asarray(mapped, dtype=np.int64)[codes])
        codes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
        valid = codes != at[None] if None in at else None
        return strings([t or "" for t in at]).take(integers(codes, valid))
