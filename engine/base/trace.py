"""Trace steps: how a score was reached, one plain record per step.

Evaluation produces them; renderers only read them.
"""

from __future__ import annotations

from .errors import Pos
from .numbers import Value
from .records import record

#: Kinds of step, in the order they usually appear for one indicator.
STEP_KINDS = (
    "derive",
    "redistribute",
    "formula",
    "band",
    "grade",
    "missing",
    "clamp",
    "aggregate",
    "round",
    "override",
    "grade_total",
)


@record(frozen=True)
class Row:
    """One row of a scale printed whole (a band, a grade): what it is, when it
    applies, what it gives, and whether it is the one that applied."""

    label: str
    condition: str
    outcome: str
    matched: bool = False


@record(frozen=True)
class Step:
    """One step of a derivation.

    ``formula`` is the rule as written (may be empty), ``lines`` the arithmetic
    after it (names substituted, then reduced), ``value`` the result.
    """

    kind: str
    label: str
    value: Value | None
    formula: str = ""
    lines: tuple[str, ...] = ()
    pos: Pos | None = None
    #: short form for a one-line summary, e.g. ``4 × min(3/4, 1)``
    brief: str = ""
    #: the whole scale the step chose from (bands, grades), the chosen row marked
    rows: tuple[Row, ...] = ()
