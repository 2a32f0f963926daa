"""Read an Excel 指标表 as a grid of cell texts: merged cells filled from their
top-left cell, numbers as exact text (never through float arithmetic)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.errors import LoadError, UsageError, did_you_mean
from ..base.i18n import _


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
        import openpyxl
        from openpyxl.utils.exceptions import InvalidFileException
    except ImportError:  # pragma: no cover - a declared dependency
        raise UsageError(_("reading .xlsx needs openpyxl: pip install openpyxl")) from None
    import zipfile

    p = Path(path)
    if not p.is_file():
        raise LoadError(_("{path}: no such file").format(path=path))
    if p.suffix.lower() not in (".xlsx", ".xlsm"):
        raise UsageError(
            _("{path}: give an Excel workbook (.xlsx); save other formats as .xlsx").format(
                path=path
            )
        )
    try:
        wb = openpyxl.load_workbook(p, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise LoadError(_("{path}: not a readable .xlsx workbook").format(path=path)) from None
    names = wb.sheetnames
    if sheet is not None and sheet not in names:
        raise UsageError(
            _("--sheet {sheet}: no such sheet in {path}{hint}; sheets: {list}").format(
                sheet=sheet, path=path, hint=did_you_mean(sheet, names), list=", ".join(names)
            )
        )
    ws = wb[sheet or names[0]]
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
