"""Batch results as an XLSX workbook (sheets "results" and "grades", named in the
interface language as the columns are: "结果" and "等级" in Chinese), streamed
as text by :mod:`engine.render.xlsx_stream`: a run of rows the fast path scored
is written from its columns of integers, each distinct score's cell made once."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Sequence
from fractions import Fraction
from itertools import repeat

from ..base.numbers import format_value, nearest_decimal
from ..base.output import AtomicWriter
from ..batch.blocks import Block
from ..batch.rows import RowResult
from ..batch.summary import Summary
from ..spec.model import Spec
from ._fmt import column_names, sheet_name
from .batch_view import _score, csv_header, grade_counts
from .xlsx_stream import (
    EMPTY,
    Sheet,
    integer,
    is_decimal,
    number,
    places_style,
    text,
    write_workbook,
)


def write_rows(
    path: str,
    spec: Spec,
    items: Iterable[RowResult | Block],
    summary: Summary,
    notes: Sequence[str] = (),
    header: str = "words",
    files: bool = False,
) -> None:
    """The batch's rows (results, and blocks of them) and the count of each grade
    (once every row is counted into ``summary``) as a workbook at ``path``; with
    ``files``, each row's file first."""
    head = csv_header(spec, notes, header, files)
    results = ResultRows(spec, notes, Sheet(len(head)), files)

    def result_rows() -> Iterator[str | bytes]:
        yield results.sheet.row([text(h) for h in head])
        for item in items:
            yield from results.texts(item)

    def grade_rows() -> Iterator[str]:
        grades = Sheet(2)
        yield grades.row([text(w) for w in column_names(["grade", "count"], header)])
        for g, n in grade_counts(summary).items():
            yield grades.row([text(g), integer(n)])

    with AtomicWriter(path) as fh:
        sheets = [(sheet_name("results", header), result_rows())]
        sheets.append((sheet_name("grades", header), grade_rows()))
        write_workbook(fh, sheets, path)


#: most rows made into one text (the memory a block's text takes stays small)
PIECE = 2048

#: fewest rows of a run written column-wise (:mod:`engine.render.xlsx_columns`)
_COLUMNS = 256


class ResultRows:
    """Rows of the results sheet as XML text, a row or a block at a time."""

    def __init__(self, spec: Spec, notes: Sequence[str], sheet: Sheet, files: bool = False):
        self.spec = spec
        #: each row's file first (a batch of many files)
        self.files = files
        self.notes = len(notes)
        self.sheet = sheet
        self.count = sum(1 for _ in spec.walk())
        self.scores: dict[Fraction, str] = {}
        self.units: dict[int, _Units] = {}
        r = spec.rounding
        #: scores shown at the spec's places where each is rounded to them
        self.style = places_style(r.places) if r.apply == "each" else ""
        self.ok, self.error = text("ok"), text("error")

    def texts(self, item: RowResult | Block) -> Iterator[str | bytes]:
        """The rows of a result or a block, as texts of at most :data:`PIECE` rows."""
        if not isinstance(item, Block):
            yield self.sheet.row(self.cells(item))
            return
        for run in item.runs():
            if isinstance(run, RowResult):
                yield self.sheet.row(self.cells(run))
                continue
            for a in range(run[0], run[1], PIECE):
                b = min(a + PIECE, run[1])
                if not item.plain(a, b):  # N/A marks: their flags and full marks
                    yield self.sheet.many(map(self.cells, map(item.result, range(a, b))))
                    continue
                columns = b - a >= _COLUMNS and item.matrix is not None
                text = self._columns(item, a, b) if columns and "pyarrow" in sys.modules else None
                yield text if text is not None else self.sheet.many(self._fast(item, a, b))

    def cells(self, r: RowResult) -> list[str]:
        """A row's cells' contents."""
        head = [*self._lead(r.file), integer(r.row), text(r.entity), text(r.period)]
        notes = self._notes(r)
        if not r.ok:
            errors = text(" | ".join(r.errors))
            tail = [EMPTY] * (1 + self.count)
            return [*head, EMPTY, EMPTY, EMPTY, self.error, errors, *tail, *notes]
        score = self.score
        return [
            *head,
            score(r.total),
            score(r.full_marks),
            text(r.grade),
            self.ok,
            EMPTY,
            text(r.flags),
            *map(score, r.scores),
            *notes,
        ]

    def _lead(self, file: str) -> list[str]:
        """The file's cell, first in a row of a batch of many files."""
        return [text(file)] if self.files else []

    def _notes(self, r: RowResult) -> list[str]:
        n = self.notes
        return [text(t) for t in (r.notes + ("",) * n)[:n]]

    def score(self, x: Fraction | None) -> str:
        """A score's cell: a number, the nearest decimal of 28 places where it does
        not end (200/3 after a redistribution): text there would leave it out of
        every SUM in the sheet."""
        if x is None:
            return EMPTY
        cell = self.scores.get(x)
        if cell is None:
            shown = _score(self.spec, x, 28)
            cell = number(shown if is_decimal(shown) else nearest_decimal(x), self.style)
            self.scores[x] = cell
        return cell

    def _units(self, scale: int) -> _Units:
        units = self.units.get(scale)
        if units is None:
            units = self.units[scale] = _Units(scale, self.style)
        return units

    def _columns(self, item: Block, a: int, b: int) -> bytes | None:
        """Rows ``a`` to ``b`` of a block (no N/A mark) made column by column (a
        large table: pyarrow read it), or None where a column has too many values."""
        from .xlsx_columns import fast_rows

        seen: dict[str | None, str] = {}  # periods and grades: a few distinct texts

        def few(texts: list[str | None]) -> list[str]:
            return [seen[t] if t in seen else seen.setdefault(t, text(t)) for t in texts]

        fixed: list[list[str] | str] = [
            [f"><v>{row}</v></c>" for row in item.rows[a:b]],
            list(map(text, item.entities[a:b])),
            few(list(item.periods[a:b])),
            EMPTY,  # the totals' place
            self.score(item.full_marks),
            few(item.grades[a:b]),
            self.ok,
            EMPTY,
            EMPTY,
            *[list(map(text, column[a:b])) for column in item.notes],
        ]
        first = self.sheet.rows + 1
        made = fast_rows(
            item, a, b, first, self._units(item.scale).__getitem__, fixed, self._lead(item.file)
        )
        if made is not None:
            self.sheet.skip(b - a)
        return made

    def _fast(self, item: Block, a: int, b: int) -> Iterator[list[str]]:
        """Rows ``a`` to ``b`` of a block, the fast path's (no N/A mark)."""
        unit = self._units(item.scale).__getitem__
        full = self.score(item.full_marks)
        lead = self._lead(item.file)
        ok = self.ok
        tails: Iterable[Sequence[str]] = repeat((), b - a)
        if self.notes:
            tails = zip(*[list(map(text, column[a:b])) for column in item.notes], strict=True)
        for (row, entity, period, total, grade, scores), tail in zip(
            item.fast_rows(a, b), tails, strict=True
        ):
            yield [
                *lead,
                f"><v>{row}</v></c>",
                text(entity),
                text(period),
                unit(total),
                full,
                text(grade),
                ok,
                EMPTY,
                EMPTY,
                *map(unit, scores),
                *tail,
            ]


class _Units(dict[int, str]):
    """units of 1/scale → their cell, made on first use."""

    def __init__(self, scale: int, style: str):
        super().__init__()
        self.scale = scale
        self.style = style

    def __missing__(self, units: int) -> str:
        cell = self[units] = number(format_value(Fraction(units, self.scale)), self.style)
        return cell


def _cell(text: str) -> float | str | None:
    """A score as shown, as an openpyxl cell value (small workbooks)."""
    if text in ("—", ""):
        return None
    try:
        return float(text.removesuffix("…"))  # 28 decimals: the nearest float
    except ValueError:
        return text
