"""One row of a table, picked by its number or by its entity, as one entity's
actuals: what ``score``, ``explain`` and ``whatif`` read with ``--row`` or
``--entity``, so that a row a batch scored can be traced without retyping it.

The row is read as the batch reads it (:func:`~engine.batch.tables.row_document`):
the same cells, marks and positions (``file:row:col``), so its scorecard is the
one the batch's page of charts shows for it."""

from __future__ import annotations

from typing import Any

from ..base.errors import UsageError, did_you_mean
from ..base.i18n import _, option_given
from ..base.text import shown
from ..spec.load import Document
from ..spec.model import Spec
from .summary import entity_key
from .tables import NA_TOKENS, Table, _text, row_document

#: entities named in a message at most, and read for its suggestion
_NAMES_KEPT = 10_000


def picked_document(
    table: Table,
    spec: Spec,
    row: int | None = None,
    entity: str | None = None,
    na_tokens: tuple[str, ...] = NA_TOKENS,
) -> Document:
    """The actuals document of the row numbered ``row`` (as the batch numbers it:
    the header is row 1), or of the one row whose entity is ``entity`` (as written,
    else as the batch compares entities: 县财政局(本级) is 县财政局（本级）)."""
    at = next((c.index - 1 for c in table.columns if c.kind == "entity"), None)
    if entity is not None and at is None:
        raise UsageError(
            _(
                "{file}: the table has no entity column, so no row is found by its entity; "
                "pick it by its number: {option}"
            ).format(file=table.file, option=option_given("row", "N"))
        )
    found: list[tuple[int, list[Any]]] = []
    alike: list[tuple[int, list[Any]]] = []  # its width and spaces aside (entity_key)
    key = entity_key(entity) if entity is not None else None
    names: list[str] = []
    first = last = 0
    for number, cells in table.rows:
        first, last = first or number, number
        if row is not None and number == row:
            found.append((number, cells))
            break
        if entity is not None and at is not None:
            name = _text(cells[at]) if at < len(cells) else ""
            if name == entity:
                found.append((number, cells))
            elif entity_key(name) == key:
                alike.append((number, cells))
            elif len(names) < _NAMES_KEPT:
                names.append(name)
    found = found or alike
    if not found:
        raise _not_found(table, row, entity, names, (first, last))
    if len(found) > 1:
        rows = [number for number, _cells in found]
        raise UsageError(
            _(
                "{file}: entity '{entity}' is on rows {rows} (other periods, or twice); pick "
                "one by its number: {option}"
            ).format(
                file=table.file,
                entity=shown(entity or ""),
                rows=_(", ").join(map(str, rows)),
                option=option_given("row", str(rows[0])),
            )
        )
    number, cells = found[0]
    return row_document(table, spec, number, cells, na_tokens)


def _not_found(
    table: Table, row: int | None, entity: str | None, names: list[str], rows: tuple[int, int]
) -> UsageError:
    if row is not None:
        if rows == (0, 0):
            return UsageError(
                _("{file}: the table has no row below its header").format(file=table.file)
            )
        if rows[0] < row < rows[1]:  # a row the reader passes over: nothing in it
            return UsageError(
                _("{file}: row {row} is blank: nothing in it to score; give another row").format(
                    file=table.file, row=row
                )
            )
        return UsageError(
            _(
                "{file}: no row {row}; the table's rows are {first} to {last} (row 1 is the header)"
            ).format(file=table.file, row=row, first=rows[0], last=rows[1])
        )
    return UsageError(
        _("{file}: no row of entity '{entity}'{hint}").format(
            file=table.file,
            entity=shown(entity or ""),
            hint=did_you_mean(entity or "", [n for n in names if n]),
        )
    )
