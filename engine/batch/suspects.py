"""Values likely mistyped, found column by column in a chunk of a batch (the rule
is :func:`engine.base.suspect.suspect`, which ``score`` and ``review`` apply
value by value): how many rows of each indicator hold one, and the first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..base.suspect import Suspects, fraction_top, hundredfold_from, is_count
from ..spec.model import Spec


def suspects(
    spec: Spec, numbers: dict[str, Any], texts: dict[str, Any], rows: Sequence[int], fast: Any
) -> Suspects:
    """The chunk's likely slips in its ``fast`` rows (the others' are their own:
    :class:`engine.batch.rows.RowResult`); ``numbers``: each value column's
    floats, 0 where a cell holds none; ``texts``: the cells as written; ``rows``:
    the rows' numbers. Floats serve: a note needs no exact boundary."""
    found: Suspects = {}
    for ind in spec.leaves():
        got = numbers.get(ind.id)
        if got is None:
            continue
        v = np.asarray(got[0], dtype=np.float64)
        high = hundredfold_from(ind.unit, ind.standard)
        top = fraction_top(ind.unit, ind.standard, ind.direction)
        kinds = [
            ("negative", v < 0 if is_count(ind.unit) else None),
            ("hundredfold", v >= float(high) if high is not None else None),
            ("fraction", (v > 0) & (v <= float(top)) if top is not None else None),
        ]
        for kind, mask in kinds:
            if mask is None:
                continue
            at = np.flatnonzero(mask & fast)
            if len(at):
                first = int(at[0])
                found[(ind.id, kind)] = (len(at), rows[first], _text(texts.get(ind.id), first))
    return found


def _text(column: Any, i: int) -> str:
    """Cell ``i`` of a column as written (a list, an Arrow array, a typed column)."""
    if column is None:
        return ""
    cell = column[i]
    return str(cell.as_py() if hasattr(cell, "as_py") else cell)
