"""Read an Excel 指标表 as a grid of cell texts: merged cells filled from their
top-left cell, numbers as exact text (never through float arithmetic)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.errors import LoadError, UsageError, did_you_mean
from ..base.i18n import _

#: the largest workbook read whole (a 指标表 or a 自评表 form: a few hundred rows),
#: all its parts uncompressed; a table of entities is read by the table reader
MAX_WORKBOOK_BYTES = 32 * 1024 * 1024
#: the most cells a sheet read whole may span, from A1 to its farthest cell
MAX_SHEET_CELLS = 1_000_000


def open_small_workbook(path: str, unreadable: str, kind: str) -> Any:
    """An .xlsx workbook opened whole with openpyxl, after a check of its size: a
    damaged one is ``unreadable`` (one line), a large one is refused before it fills
    memory. ``kind`` names what was expected, for the message."""
    import zipfile

    import openpyxl

    try:
        with zipfile.ZipFile(path) as z:
            size = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise LoadError(unreadable) from None
    if size > MAX_WORKBOOK_BYTES:
        raise LoadError(
            _(
                "{path}: {size} bytes uncompressed, over the {max} a {kind} may hold; is this "
                "the right file?"
            ).format(path=path, size=size, max=MAX_WORKBOOK_BYTES, kind=kind)
        )
    try:
        return openpyxl.load_workbook(path, data_only=True)
    except Exception:  # openpyxl's and the XML parser's errors on a damaged part
        raise LoadError(unreadable) from None


@dataclass(frozen=True)
class Grid:
    """A sheet's cells as text, 1-based row and column numbers kept for messages."""

    file: str
    sheet: str
    rows: list[list[str]]

    def cell(self, row: int, col: int) -> str:
        r = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        return r[col - 1] if 0 < col <= len(r) else ""


def _text(value: Any, fmt: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        text = repr(value)  # the shortest text that reads back as the same binary value
        if "%" in fmt:
            from ..base.numbers import format_value, parse_number

            return format_value(parse_number(text) * 100) + "%"
        return text[:-2] if text.endswith(".0") else text
    if isinstance(value, int):
        return f"{value}%" if "%" in fmt and value == 0 else str(value)
    return " ".join(str(value).split())


def read_grid(path: str, sheet: str | None = None) -> Grid:
    """The sheet (the first unless named) as a grid of texts."""
    try:
        import openpyxl  # noqa: F401
    except ImportError:  # pragma: no cover - a declared dependency
        raise UsageError(_("reading .xlsx needs openpyxl: pip install openpyxl")) from None
    p = Path(path)
    if not p.is_file():
        raise LoadError(_("{path}: no such file").format(path=path))
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(
            _("{path}: give an Excel workbook (.xlsx); save other formats as .xlsx").format(
                path=path
            )
        )
    unreadable = _("{path}: not a readable .xlsx workbook").format(path=path)
    wb = open_small_workbook(path, unreadable, _("indicator table"))
    names = wb.sheetnames
    if sheet is not None and sheet not in names:
        raise UsageError(
            _("--sheet {sheet}: no such sheet in {path}{hint}; sheets: {list}").format(
                sheet=sheet, path=path, hint=did_you_mean(sheet, names), list=", ".join(names)
            )
        )
    ws = wb[sheet or names[0]]
    if ws.max_row * ws.max_column > MAX_SHEET_CELLS:
        from openpyxl.utils import get_column_letter

        raise LoadError(
            _(
                "{path}:{row}:{col}: the sheet reaches cell {ref}, {cells:,} cells from A1; "
                "an indicator table is far smaller: delete the cells beyond it"
            ).format(
                path=path,
                row=ws.max_row,
                col=ws.max_column,
                ref=f"{get_column_letter(ws.max_column)}{ws.max_row}",
                cells=ws.max_row * ws.max_column,
            )
        )
    rows = [
        [_text(c.value, getattr(c, "number_format", "") or "") for c in row]
        for row in ws.iter_rows()
    ]
    for merged in ws.merged_cells.ranges:
        top = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                rows[r - 1][c - 1] = top
    wb.close()
    return Grid(path, ws.title, rows)
