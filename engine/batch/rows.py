"""One row of a batch: its result, and the exact path that scores it.

The exact path is the same evaluation as `score`, without the written
arithmetic: the reference of truth for every faster path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field, replace
from fractions import Fraction
from typing import Any

from ..base.errors import ErrorList, EvaluationError, Pos, ScorecardError
from ..base.i18n import _
from ..base.numbers import format_value
from ..base.records import record
from ..base.suspect import suspect
from ..base.text import shown, visible
from ..scoring.actuals import check_actuals
from ..scoring.evaluate import evaluate
from ..scoring.result import Scorecard
from ..spec.builder import OUTPUT_COLUMNS
from ..spec.load import Document
from ..spec.model import Spec
from .tables import NA_TOKENS, Table, _text, note_columns, row_document
from .xlsx_survey import UnreadCell

#: the columns every batch result table starts with, before one per indicator: those
#: no indicator may be named (:data:`engine.spec.builder.OUTPUT_COLUMNS`), less the
#: ``file`` a batch of many files puts first
FIXED_COLUMNS = list(OUTPUT_COLUMNS[1:])


@record(frozen=True)
class RowResult:
    """One row of a batch, scored or failed: what every output writes."""

    row: int
    entity: str
    period: str
    total: Fraction | None = None
    full_marks: Fraction | None = None
    grade: str | None = None
    #: every indicator's score, in the spec's walk order (None: not applicable)
    scores: tuple[Fraction | None, ...] = ()
    #: every indicator's full marks here, same order
    fulls: tuple[Fraction, ...] = ()
    #: the error lines when the row could not be scored
    errors: tuple[str, ...] = ()
    #: indicators not scored by their rule: "id:missing; id:override; id:not_applicable"
    flags: str = ""
    #: the row's note cells, one per note column of the table (:func:`note_columns`)
    notes: tuple[str, ...] = ()
    #: values likely mistyped, (indicator id, kind, value) (:mod:`engine.base.suspect`)
    suspects: tuple[tuple[str, str, str], ...] = field(default=(), compare=False)
    #: the file the row came from, for a batch of many files (a table in parts,
    #: forms); empty for one table, whose rows need no more than their number
    file: str = ""
    #: what is wrong with the row's claimed scores, located: not scored, said as
    #: notes (only ``review`` reads claims; the row is scored as without them)
    claims: tuple[str, ...] = field(default=(), compare=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    @classmethod
    def of(
        cls, row: int, entity: str, period: str, sc: Scorecard, notes: tuple[str, ...] = ()
    ) -> RowResult:
        results = list(sc.walk())
        return cls(
            row,
            entity or sc.entity,
            period or sc.period,
            sc.total,
            sc.full_marks,
            sc.grade,
            tuple(r.score for r in results),
            tuple(r.full for r in results),
            flags="; ".join(f"{r.id}:{r.status}" for r in results if r.status != "scored"),
            notes=notes,
            suspects=tuple(
                (r.id, kind, format_value(r.actual))
                for r in results
                if isinstance(r.actual, Fraction)
                and r.indicator.derive is None  # a value given, not one worked from inputs
                and (
                    kind := suspect(
                        r.actual, r.indicator.unit, r.indicator.standard, r.indicator.direction
                    )
                )
                is not None
            ),
        )


def row_unit(table: Table, cells: list[Any]) -> tuple[str, str]:
    """A row's entity and period as its cells show them (an unreadable cell as
    what it shows, #N/A), read before anything else of the row."""
    entity = period = ""
    for col in table.columns:
        if col.kind in ("entity", "period") and col.index - 1 < len(cells):
            raw = cells[col.index - 1]  # (an unread cell: what it shows, #N/A)
            text = raw.shown() if isinstance(raw, UnreadCell) else _text(raw)
            if col.kind == "entity":
                entity = text
            else:
                period = text
    return entity, period


def exact_row(
    spec: Spec,
    table: Table,
    row: int,
    cells: list[Any],
    missing: str = "error",
    na_tokens: tuple[str, ...] = NA_TOKENS,
    prepare: Callable[[Document], Document] | None = None,
) -> RowResult:
    """One row through the exact path: the reference of truth; ``prepare`` makes
    the row's actuals ready for the spec (``compare``'s scaling to B's weights)."""
    entity, period = row_unit(table, cells)
    notes = tuple(
        _text(cells[c.index - 1]) if c.index - 1 < len(cells) else "" for c in note_columns(table)
    )
    try:
        doc = row_document(table, spec, row, cells, na_tokens)
        if prepare is not None:
            doc = prepare(doc)
        actuals = check_actuals(doc, spec, missing, schema=False, claims="note")
        sc = evaluate(spec, actuals, trace=False)
    except ErrorList as e:
        return RowResult(
            row,
            entity,
            period,
            errors=tuple(
                _in_row(str(x), x, table, row, entity) for x in e.errors[: ErrorList.SHOWN]
            ),
            notes=notes,
        )
    except ScorecardError as e:
        errors = (_in_row(str(e), e, table, row, entity),)
        return RowResult(row, entity, period, errors=errors, notes=notes)
    except Exception as e:  # a bug: this row's error, and every other row is still scored
        bug = ScorecardError(
            _(
                "internal error scoring this row ({error_type}: {shown}); the other rows "
                "were scored; please report it with the spec and this row"
            ).format(error_type=type(e).__name__, shown=shown(str(e))),
            Pos(table.file, row, 1),
        )
        return RowResult(row, entity, period, errors=(str(bug),), notes=notes)
    scored = RowResult.of(row, entity, period, sc, notes)
    return replace(scored, claims=actuals.claim_notes) if actuals.claim_notes else scored


def _in_row(text: str, err: ScorecardError, table: Table, row: int, entity: str) -> str:
    """An error located outside the table (in the spec) still names its row; a
    formula's that read inputs is located at the cell of one (the first that is
    0, as a divisor of 0 is, else the first given), its formula's place named."""
    if err.pos is not None and err.pos.file == table.file:
        return text
    cell = _input_cell(err, table)
    generic = _("check the actuals ({file})").format(file=table.file)
    if cell is not None and err.pos is not None and err.message.endswith(generic):
        assert isinstance(err, EvaluationError)
        return str(
            ScorecardError(
                err.message[: -len(generic)]
                + _(
                    "the formula is at {spec}; correct the cell, or give a reason in an "
                    "na.{id} column if the indicator does not apply to this entity"
                ).format(spec=err.pos, id=err.indicator),
                Pos(table.file, row, cell),
            )
        )
    where = visible(
        _("row {row} ({entity}) of {file}").format(row=row, entity=entity, file=table.file)
        if entity
        else _("row {row} of {file}").format(row=row, file=table.file)
    )
    if text.endswith(generic):
        return text[: -len(generic)] + _("check {where}").format(where=where)
    return _("{text} (in {where})").format(text=text, where=where)


def _input_cell(err: ScorecardError, table: Table) -> int | None:
    """The table column of the input an evaluation error is best placed at: the
    first read as 0, else the first read; None where the table has none."""
    if not isinstance(err, EvaluationError) or not err.inputs:
        return None
    at = {c.target: c.index for c in table.columns if c.kind == "input"}
    given = [name for name in err.inputs if name in at]
    zero = [name for name in given if err.inputs[name] == 0]
    return at[(zero or given)[0]] if given else None
