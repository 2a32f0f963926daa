"""A table's rows checked as a batch reads them, with nothing written: what
``scorecard validate SPEC TABLE`` lists."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.errors import ScorecardError
from ..base.i18n import _
from ..spec.model import Spec

if TYPE_CHECKING:
    from .summary import Summary


def row_problems(
    path: str,
    spec: Spec,
    missing: str = "error",
    encoding: str = "auto",
    sheet: str | None = None,
    na: tuple[str, ...] | None = None,
) -> tuple[list[str], Summary, int]:
    """Each failing row's problems, at their cells, in the order of the rows, the
    summary of the rows scored (its values likely mistyped and its entities given
    twice, which ``batch`` notes) and the entity column's number; the table read
    with ``batch``'s options (``na``: the N/A marks, None for its own)."""
    from .runner import Block, score_blocks
    from .summary import Summary
    from .tables import NA_TOKENS, open_table

    tokens = na if na is not None else NA_TOKENS
    table = open_table(path, spec, encoding, sheet, tokens)
    summary = Summary(spec, keep_totals=False)
    summary.seen(table)
    for item in score_blocks(spec, table, missing, tokens, lean=True):
        if isinstance(item, Block):
            summary.add_block(item)
        else:
            summary.add(item)
    if not summary.scored and not summary.failed:
        raise ScorecardError(
            _("{table}: no rows to score below the header; give the table with its rows").format(
                table=path
            )
        )
    entity = next(c.index for c in table.columns if c.kind == "entity")
    return [line for r in summary.failed for line in r.errors], summary, entity
