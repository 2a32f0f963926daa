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
"""

from __future__ import annotations

import re
from collections.abc import Callable
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

    def rows(self, n: int) -> Any:
        """Per row, whether any leaf has no value in it."""
        hit = np.zeros(n, dtype=bool)
        for rows in self.leaves.values():
            hit |= rows
        return hit


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
    patterns, first, inverse = np.unique(bits, axis=0, return_index=True, return_inverse=True)
    key = (table.file, tuple(table.columns), table.width, language(), na_tokens)
    memo = kept.setdefault(("missing", key), {})
    if len(memo) > _KEPT:
        memo.clear()
    out: dict[int, RowResult] = {}
    inverse = inverse.reshape(-1)
    order = np.argsort(inverse, kind="stable")
    ends = np.cumsum(np.bincount(inverse, minlength=len(patterns)))
    for p, bits_row in enumerate(patterns):
        pattern = tuple(k for k, b in zip(names, np.unpackbits(bits_row), strict=False) if b)
        rows = at[order[(ends[p - 1] if p else 0) : ends[p]]].tolist()
        if pattern not in memo:
            i = int(at[first[p]])
            result = exact_row(spec, table, found.rows[i], cells(i), "error", na_tokens)
            out[i] = result
            memo[pattern] = _template(result, table.file)
        errors = memo[pattern]
        for i in rows:
            if i in out:
                continue
            if errors is None:
                out[i] = exact_row(spec, table, found.rows[i], cells(i), "error", na_tokens)
                continue
            row = found.rows[i]
            out[i] = RowResult(
                row,
                found.entities[i],
                found.periods[i],
                errors=tuple(f"{table.file}:{row}:{col}: {text}" for col, text in errors),
                notes=tuple(column[i] for column in found.notes),
            )
    return out


def _template(result: RowResult, file: str) -> tuple[tuple[str, str], ...] | None:
    """A failed row's errors as (column, text), when each is located at a cell of
    its row of ``file`` and names nothing else of the row (its entity); None
    otherwise (its rows then go the exact way one by one)."""
    if result.ok:
        return None
    prefix = f"{file}:{result.row}:"
    errors = []
    for error in result.errors:
        m = _AT.fullmatch(error[len(prefix) :]) if error.startswith(prefix) else None
        if m is None or (result.entity and result.entity in m.group(2)):
            return None
        errors.append((m.group(1), m.group(2)))
    return tuple(errors)
