"""Leaves without a value, scored 0 under ``--missing zero``, found column-wise.

A leaf has no value in a row when its cell is empty (or its table has no column
for it), or when an input it reads (:func:`engine.scoring.missing.inputs_read`)
is empty or has no column: the exact evaluation scores it 0 and flags it
``ID:missing``. The fast path scores such rows as it scores N/A marks
(:mod:`engine.batch.patterns`), the leaf's weight kept, instead of sending them
the exact way one at a time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..spec.model import Spec


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
