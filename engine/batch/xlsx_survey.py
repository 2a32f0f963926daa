"""What an XLSX sheet holds, surveyed from its XML before the reader runs: where
its cells reach, how many there are, its rows' order, merged cells and error
values.

The reader takes a sheet as one rectangle, from A1 to its farthest cell: a 5 KB
sheet with one cell at XFD1048576 would become 17 billion cells. The survey
counts the cells first, so the rectangle read stays within a few times the cells
the file holds (memory in proportion to the input). It also finds what the values
alone would hide: an error value such as ``#DIV/0!`` reads as an empty cell,
merged cells show one value across cells that read empty, and two rows with the
same number (a damaged file) would leave one of them unread.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..base.errors import LoadError
from ..base.i18n import _

#: the most rows and columns a sheet has in Excel (row 1048576, column XFD)
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
#: the rectangle read may hold this many cells more than the sheet has, and this
#: many times as many: blank cells inside a table are fine, a stray far cell is not
SPARE_CELLS = 1_000_000
SPARE_FACTOR = 4


class UnreadCell:
    """A cell whose value the reader cannot give (it would read as empty): its row
    fails with :meth:`problem`, and the other rows go on."""

    __slots__ = ()

    def problem(self) -> str:  # pragma: no cover - every kind says its own
        raise NotImplementedError


@dataclass(frozen=True)
class CellError(UnreadCell):
    """An XLSX cell holding an error value (``#DIV/0!``, ``#N/A``)."""

    cell: str
    value: str

    def problem(self) -> str:
        return _(
            "cell {cell} holds the error value {value} (a formula that failed in Excel); "
            "correct it in the workbook, or write the value"
        ).format(cell=self.cell, value=self.value)


@dataclass
class Survey:
    """What the sheet's XML holds."""

    cells: int = 0
    rows: int = 0  # the highest row number
    columns: int = 0  # the highest column number
    far: tuple[int, int, str] = (1, 1, "A1")  # the cell that reaches farthest
    errors: dict[tuple[int, int], CellError] = field(default_factory=dict)
    merged: tuple[int, int, str] | None = None  # the first merged range: row, column, ref
    disorder: tuple[int, int] | None = None  # a row numbered at or before the one above


def column_letters(col: int) -> str:
    """The letters of column ``col`` (1 → A, 28 → AB)."""
    out = ""
    while col:
        col, rest = divmod(col - 1, 26)
        out = chr(65 + rest) + out
    return out


def column_number(letters: str) -> int:
    """The number of a column's letters (A → 1, AB → 28)."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


class _Patterns:
    """The survey's patterns for one namespace prefix (``x:`` in some writers)."""

    def __init__(self, prefix: bytes):
        p = re.escape(prefix)
        self.cell = re.compile(rb"<" + p + rb"c[\s>/]")
        self.ref = re.compile(rb"<" + p + rb'c\s[^>]*?\br="([A-Z]++)([0-9]++)"')
        self.row = re.compile(rb"<" + p + rb'row\b[^>]*?\br="([0-9]++)"')
        self.error = re.compile(
            rb"<" + p + rb'c\s(?=[^>]*\bt="e")[^>]*?\br="([A-Z]++)([0-9]++)"[^>]*>'
            rb"(?:(?!</" + p + rb"c>).)*?<" + p + rb"v>([^<]*+)</" + p + rb"v>",
            re.DOTALL,
        )
        self.merged = re.compile(rb"<" + p + rb'mergeCell\s[^>]*?\bref="([A-Z]++)([0-9]++)[^"]*"')


def survey(pieces: Iterable[bytes]) -> Survey:
    """The survey of a sheet given as pieces of its XML, each cut before a tag."""
    found = Survey()
    patterns: _Patterns | None = None
    last_row = 0
    for body in pieces:
        if patterns is None:
            m = re.search(rb"<([A-Za-z_][\w.-]*:)?worksheet\b", body)
            patterns = _Patterns((m.group(1) or b"") if m else b"")
        found.cells += len(patterns.cell.findall(body))
        for m in patterns.row.finditer(body):
            row = int(m.group(1))
            if row <= last_row and found.disorder is None:
                found.disorder = (row, last_row)
            last_row = max(last_row, row)
        _reach(found, patterns.ref.findall(body))
        # the patterns of error values and merged cells need these words: most
        # sheets have neither, and a search for a word is far quicker
        errors = patterns.error.finditer(body) if b't="e"' in body else ()
        for m in errors:
            letters, row = m.group(1).decode(), int(m.group(2))
            value = m.group(3).decode("utf-8", "replace")
            found.errors[(row, column_number(letters))] = CellError(f"{letters}{row}", value)
        merged = found.merged is None and b"mergeCell" in body
        if merged and (m := patterns.merged.search(body)) is not None:
            letters, row = m.group(1).decode(), int(m.group(2))
            ref = m.group(0).split(b'ref="')[1].rstrip(b'"').decode()
            found.merged = (row, column_number(letters), ref)
    found.rows = max(found.rows, last_row)
    return found


def _reach(found: Survey, refs: list[tuple[bytes, bytes]]) -> None:
    """Widen ``found`` to the cells ``refs`` name (the columns compared once each)."""
    if not refs:
        return
    letters = max({c for c, _ in refs}, key=lambda c: (len(c), c))
    row = max(int(r) for r in {r for _, r in refs})
    col = column_number(letters.decode())
    if col > found.columns or row > found.rows:
        far = next(
            (c, int(r))
            for c, r in reversed(refs)
            if (c == letters and col > found.columns) or (int(r) == row and row > found.rows)
        )
        found.far = (far[1], column_number(far[0].decode()), f"{far[0].decode()}{far[1]}")
    found.columns = max(found.columns, col)
    found.rows = max(found.rows, row)


def check_survey(found: Survey, path: str) -> None:
    """Refuse a sheet whose rectangle is far larger than what it holds, that goes
    beyond Excel's own limits, that is out of order, or that merges cells."""
    row, col, ref = found.far
    if found.columns > MAX_COLUMNS or found.rows > MAX_ROWS:
        raise LoadError(
            _(
                "{path}:{row}:{col}: cell {ref} is beyond the last row or column Excel has "
                "(XFD1048576); the workbook is damaged: save it again from Excel, or as CSV"
            ).format(path=path, row=row, col=col, ref=ref)
        )
    area = found.rows * found.columns
    if area > SPARE_CELLS + SPARE_FACTOR * found.cells:
        raise LoadError(
            _(
                "{path}:{row}:{col}: cell {ref} lies far outside the table: the sheet is "
                "read as one block of {rows:,} rows × {columns:,} columns for its {cells:,} "
                "cells; delete the cells beyond the table (Ctrl+End in Excel goes to the "
                "last one), or save the table as CSV"
            ).format(
                path=path,
                row=row,
                col=col,
                ref=ref,
                rows=found.rows,
                columns=found.columns,
                cells=found.cells,
            )
        )
    if found.disorder is not None:
        row, before = found.disorder
        raise LoadError(
            _(
                "{path}:{row}:1: row {row} comes after row {before} in the sheet's XML (twice, "
                "or out of order); the workbook is damaged: save it again from Excel, or as CSV"
            ).format(path=path, row=row, before=before)
        )
    if found.merged is not None:
        row, col, ref = found.merged
        raise LoadError(
            _(
                "{path}:{row}:{col}: cells {ref} are merged: their value is read in the "
                "first cell only, and the others read as empty; unmerge them and fill each "
                "cell (or save the table as CSV)"
            ).format(path=path, row=row, col=col, ref=ref)
        )
