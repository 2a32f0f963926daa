"""Batch results as an XLSX workbook, streamed (openpyxl's write-only mode)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..base.output import AtomicWriter
from ..batch.rows import RowResult
from ..batch.summary import Summary
from ..spec.model import Spec
from ._fmt import column_names
from ._xlsx import save, text_cell
from .batch_view import _score, csv_header, grade_counts


def write_rows(
    path: str,
    spec: Spec,
    rows: Iterable[RowResult],
    summary: Summary,
    notes: Sequence[str] = (),
    header: str = "words",
) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("results")
    ws.append([text_cell(ws, h) for h in csv_header(spec, notes, header)])
    count = sum(1 for _ in spec.walk())
    for r in rows:
        note_cells = [text_cell(ws, t) for t in (r.notes + ("",) * len(notes))[: len(notes)]]
        head = [r.row, text_cell(ws, r.entity), text_cell(ws, r.period)]
        if not r.ok:
            errors = text_cell(ws, " | ".join(r.errors))
            tail = [None, *[None] * count, *note_cells] if notes else []
            ws.append([*head, None, None, None, "error", errors, *tail])
            continue
        ws.append(
            [
                *head,
                _cell(_score(spec, r.total)),
                _cell(_score(spec, r.full_marks)),
                text_cell(ws, r.grade),
                "ok",
                "",
                r.flags,
                *[_cell(_score(spec, x)) for x in r.scores],
                *note_cells,
            ]
        )
    grades = wb.create_sheet("grades")
    grades.append(column_names(["grade", "count"], header))
    for g, n in grade_counts(summary).items():
        grades.append([text_cell(grades, g), n])
    with AtomicWriter(path) as fh:
        save(wb, fh)


def _cell(text: str) -> float | str | None:
    if text in ("—", ""):
        return None
    try:
        return float(text) if "…" not in text else text
    except ValueError:
        return text
