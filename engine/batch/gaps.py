"""Leaves without a value, found column-wise: scored 0 under ``--missing zero``,
their rows told what is missing under ``--missing error``.

A leaf has no value in a row when its cell is empty (or its table has no column
for it), or when an input it reads (:func:`engine.scoring.missing.inputs_read`)
is empty or has no column. Under ``--missing zero`` the exact evaluation scores
it 0 and flags it ``ID:missing``; the fast path scores such rows as it scores
N/A marks (:mod:`engine.batch.patterns`), the leaf's weight kept, instead of
sending them the exact way one at a time.

Under ``--missing error`` the row fails with the exact evaluation's message,
which names the leaves and inputs without a value and the column of the first
empty cell: it depends on which cells are empty, not on what the others hold.
Each pattern of empty cells goes the exact way once, for its first row; every
other row of that pattern (otherwise one the fast path reads) takes the same
errors at its own line (:func:`told`).

A cell the exact reader refuses (a dash for "none", a word, a unit typed after
the number) likewise fails its row with an error its column and text alone
decide, before anything else of the row is read: each pattern of such cells,
by their texts, goes the exact way once (:func:`refused`), under either mode.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..base.i18n import language
from ..base.records import record
from ..spec.model import Spec
from .rows import RowResult, exact_row
from .tables import Table

#: a row's error as the exact path locates it in the table: its column, then the text
_AT = re.compile(r"(\d+): (.*)", re.DOTALL)
#: patterns kept per table before they are forgotten (a bound on memory)
_KEPT = 50_000


@record
class Gaps:
    """A chunk's leaves without a value (leaf id → rows), and the empty cells of
    its value and input columns (id → rows) they come from."""

    leaves: dict[str, Any]
    blanks: dict[str, Any]
    #: per leaf, the rows marked not applicable: with :attr:`blanks`, what says
    #: where the exact path places a missing value or input that has no cell of
    #: its own (:func:`leads`, worked only for rows told so)
    marks: dict[str, Any] | None = None

    def rows(self, n: int) -> Any:
        """Per row, whether any leaf has no value in it."""
        hit = np.zeros(n, dtype=bool)
        for rows in self.leaves.values():
            hit |= rows
        return hit


def leads(table: Table, blanks: dict[str, Any], marks: dict[str, Any], n: int) -> Any:
    """Per row, the first value column and the first input column holding one (not
    empty, not an N/A mark), or 0: where the exact path places a missing value or
    input that has no cell of its own (:func:`told`)."""
    lead = np.zeros((n, 2), dtype=np.int64)
    for k, kind in enumerate(("value", "input")):
        open_ = np.ones(n, dtype=bool)
        for c in sorted((c for c in table.columns if c.kind == kind), key=lambda c: c.index):
            held = np.ones(n, dtype=bool)
            for gone in (blanks.get(c.target), marks.get(c.target) if kind == "value" else None):
                if gone is not None:
                    held &= ~gone
            lead[open_ & held, k] = c.index
            open_ &= ~held
            if not open_.any():
                break
    return lead


def leaf_gaps(
    spec: Spec, present: set[str], blanks: dict[str, Any], n: int, marks: dict[str, Any]
) -> dict[str, Any]:
    """Per leaf (id), the rows where it has no value, for leaves with one or
    more; ``present``: the values and inputs the table has a column for;
    ``blanks``: per such column, its empty cells (absent: none); ``marks``: per
    leaf, the rows where it is marked not applicable, and so needs nothing."""
    from ..scoring.missing import inputs_read

    every = np.ones(n, dtype=bool)
    out: dict[str, Any] = {}
    for leaf in spec.leaves():
        names = sorted(inputs_read(spec, leaf))
        if leaf.derive is None:
            names.append(leaf.id)
        gap: Any = None
        for name in names:
            empty = blanks.get(name) if name in present else every
            if empty is not None:
                gap = empty if gap is None else gap | empty
        if gap is not None and leaf.id in marks:
            gap = gap & ~marks[leaf.id]
        if gap is not None and gap.any():
            out[leaf.id] = gap
    return out


def told(
    spec: Spec,
    table: Table,
    gaps: Gaps,
    at: Any,
    found: Any,
    cells: Callable[[int], list[Any]],
    na_tokens: tuple[str, ...],
    kept: dict[Any, Any],
) -> dict[int, RowResult]:
    """The rows ``at`` (positions in the chunk, each with a leaf without a value)
    as the exact path fails them under ``--missing error``: once per pattern of
    empty cells, the others alike at their own lines (``found``: the chunk's row
    numbers, entities, periods and notes; ``kept``: the patterns' errors, kept
    across the table's chunks)."""
    every = {("leaf", i): r for i, r in gaps.leaves.items()}
    every.update({("cell", i): r for i, r in gaps.blanks.items()})
    names = sorted(every)
    bits = np.packbits(np.stack([every[k][at] for k in names], axis=1), axis=1)
    lead = leads(table, gaps.blanks, gaps.marks or {}, len(found.rows))[at]
    matrix = np.column_stack([bits.astype(np.int64), lead])

    def pattern(row: Any) -> tuple[tuple[Any, ...], set[str] | None]:
        flags = np.unpackbits(row[:-2].astype(np.uint8))
        held = tuple(k for k, b in zip(names, flags, strict=False) if b)
        return (*held, ("lead", *row[-2:].tolist())), None

    alike = _Alike(spec, table, found, cells, "error", na_tokens, kept, "missing")
    return alike.rows(at, matrix, pattern)


@record
class Keyed:
    """A column of what else a row's errors may depend on, beside its refused
    cells: each row's code, each code's name (the same in every chunk) and the
    table column an error may then be located at (None: none)."""

    key: str
    codes: Any
    names: list[Any]
    columns: list[str | None]


def refused(
    spec: Spec,
    table: Table,
    odd: dict[str, tuple[Any, list[str]]],
    at: Any,
    found: Any,
    cells: Callable[[int], list[Any]],
    missing: str,
    na_tokens: tuple[str, ...],
    kept: dict[Any, Any],
    context: Sequence[Keyed] = (),
) -> dict[int, RowResult]:
    """The rows ``at`` (positions in the chunk, each with a cell the fast path
    does not read: ``odd``, per column, each row's code of that cell's text) as
    the exact path scores them. A cell the exact reader refuses fails its row
    with an error at that cell that its column and text alone decide; the row's
    other errors (what it lacks, a grade it does not know) depend on the
    ``context`` of the row. So each pattern of such cells and context goes the
    exact way once, and when its errors are all at those cells, every row of
    the pattern takes them at its own line. A pattern whose first row is scored,
    or fails otherwise, leaves its rows to the exact path one by one."""
    names = sorted(odd)
    where = {c.target: c.index for c in table.columns if c.kind in ("value", "input")}
    columns = [odd[k][0][at] for k in names] + [k.codes[at] for k in context]
    sizes = [len(odd[k][1]) + 1 for k in names] + [len(k.names) for k in context]
    codes = _packed(columns, sizes)

    def pattern(row: Any) -> tuple[tuple[Any, ...], set[str] | None]:
        row_codes = _unpacked(row)
        held = [(k, odd[k][1][c - 1]) for k, c in zip(names, row_codes, strict=False) if c]
        at_cells = {str(where[k]) for k, _ in held}
        others = []
        for k, c in zip(context, row_codes[len(names) :], strict=True):
            others.append((k.key, k.names[c]))
            if k.columns[c] is not None:
                at_cells.add(k.columns[c])  # type: ignore[arg-type]
        return (*held, *others), at_cells

    def _unpacked(row: Any) -> list[int]:
        if codes.ndim == 2:
            return list(row.tolist())
        value, out = int(row), []
        for size in reversed(sizes):
            value, c = divmod(value, size)
            out.append(c)
        return out[::-1]

    alike = _Alike(spec, table, found, cells, missing, na_tokens, kept, "refused")
    return alike.rows(at, codes, pattern)


def _packed(columns: list[Any], sizes: list[int]) -> Any:
    """Columns of codes (column k's below ``sizes[k]``) as one integer a row
    where they fit in one (np.unique is then a sort of integers), otherwise
    stacked as a matrix."""
    span = 1
    for size in sizes:
        span *= size
    if span >= 2**62:
        return np.stack(columns, axis=1)
    packed = np.zeros(len(columns[0]), dtype=np.int64)
    for column, size in zip(columns, sizes, strict=True):
        packed = packed * size + column
    return packed


class _Alike:
    """Rows told alike: the exact path's result for the first row of each pattern
    (a row of a matrix), the same errors for the others at their own lines."""

    def __init__(
        self,
        spec: Spec,
        table: Table,
        found: Any,
        cells: Callable[[int], list[Any]],
        missing: str,
        na_tokens: tuple[str, ...],
        kept: dict[Any, Any],
        kind: str,
    ):
        self.spec, self.table, self.found, self.cells = spec, table, found, cells
        self.missing, self.na_tokens = missing, na_tokens
        key = (table.file, tuple(table.columns), table.width, language(), na_tokens, missing)
        self.memo = kept.setdefault((kind, key), {})
        if len(self.memo) > _KEPT:
            self.memo.clear()

    def exact(self, i: int) -> RowResult:
        row = self.found.rows[i]
        return exact_row(self.spec, self.table, row, self.cells(i), self.missing, self.na_tokens)

    def rows(
        self,
        at: Any,
        matrix: Any,
        pattern: Callable[[Any], tuple[tuple[Any, ...], set[str] | None]],
    ) -> dict[int, RowResult]:
        """The rows ``at``, each with its row of ``matrix`` (or its integer, a
        vector); ``pattern`` names a row of it, with the columns its errors may
        be at (None: any)."""
        patterns, first, inverse = np.unique(
            matrix, axis=0 if matrix.ndim == 2 else None, return_index=True, return_inverse=True
        )
        out: dict[int, RowResult] = {}
        inverse = inverse.reshape(-1)
        order = np.argsort(inverse, kind="stable")
        ends = np.cumsum(np.bincount(inverse, minlength=len(patterns)))
        file, found = self.table.file, self.found
        for p, shape in enumerate(patterns):
            name, columns = pattern(shape)
            rows = at[order[(ends[p - 1] if p else 0) : ends[p]]].tolist()
            if name not in self.memo:
                i = int(at[first[p]])
                out[i] = self.exact(i)
                self.memo[name] = _template(out[i], file, columns)
            errors = self.memo[name]
            for i in rows:
                if i in out:
                    continue
                if errors is None:
                    out[i] = self.exact(i)
                    continue
                row = found.rows[i]
                out[i] = RowResult(
                    row,
                    found.entities[i],
                    found.periods[i],
                    errors=tuple(f"{file}:{row}:{col}: {text}" for col, text in errors),
                    notes=tuple(column[i] for column in found.notes),
                )
        return out


def _template(
    result: RowResult, file: str, columns: set[str] | None = None
) -> tuple[tuple[str, str], ...] | None:
    """A failed row's errors as (column, text), when each is located at a cell of
    its row of ``file`` (one of ``columns``, if given) and names nothing else of
    the row (its entity); None otherwise (its rows then go the exact way one by
    one)."""
    if result.ok:
        return None
    prefix = f"{file}:{result.row}:"
    errors = []
    for error in result.errors:
        m = _AT.fullmatch(error[len(prefix) :]) if error.startswith(prefix) else None
        if m is None or (result.entity and result.entity in m.group(2)):
            return None
        if columns is not None and m.group(1) not in columns:
            return None
        errors.append((m.group(1), m.group(2)))
    return tuple(errors)
