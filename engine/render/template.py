"""The blank 自评表 a department fills in (``scorecard template``): one row per
indicator with its level, name, unit, target and weight; typed input cells with
the unit's number format; grade labels as drop-down lists; a claimed-score column
and a column for reasons and evidence; everything else locked, so rows cannot be
moved or deleted. The layout is :mod:`engine.review.form`'s, which reads it back.
"""

from __future__ import annotations

import io
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..base.numbers import rounded_up
from ..base.text import is_percent
from ..review.form import (
    COLUMNS,
    DIRECTIONS,
    ENTITY_CELL,
    INPUT_COLUMNS,
    LISTS,
    META,
    PERIOD_CELL,
    SHEET,
    Layout,
    cell_number,
    target_cell,
    weight_cell,
)
from ..scoring.not_applicable import ceilings
from ..spec.methods import GradesMethod, compared_labels
from ..spec.model import Indicator, Spec

INPUT_FILL = "FFF8DC"  # where to type: a pale yellow
LEVELS = {1: "一级", 2: "二级", 3: "三级"}


#: the format of a cell where a percentage is typed: 90% and 90 both show (and are
#: read back) as 90%, so what was typed cannot be misread
PERCENT_INPUT = "0.00##%"


def number_format(unit: str) -> str:
    """The cell format of a value in ``unit``: the number as typed, then the unit."""
    unit = unit.replace('"', "")
    if not unit:
        return "General"
    return f'General"{unit}"' if is_percent(unit) else f'General" {unit}"'


def _bound(x: Fraction) -> str:
    """An upper bound for Excel's validation: ``x``, or just above it at 10 places
    (a bound such as 100/3 has no decimal Excel can hold)."""
    units = rounded_up(x, 10) * 10**10  # a whole number
    return format(Decimal(int(units)).scaleb(-10).normalize(), "f")


def template_bytes(spec: Spec) -> bytes:
    """The form for ``spec`` as XLSX bytes."""
    from openpyxl import Workbook

    from ._xlsx import save

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    writer = _Writer(wb, ws, spec)
    layout = writer.write()
    meta = wb.create_sheet(META)
    for key, value in layout.meta_rows():
        meta.append([key, value])
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    ws.protection.sheet = True  # rows cannot be inserted, deleted or sorted
    buf = io.BytesIO()
    save(wb, buf)  # fixed timestamps: the same inputs give the same bytes
    return buf.getvalue()


class _Writer:
    def __init__(self, wb: Any, ws: Any, spec: Spec):
        from openpyxl.styles import Font, PatternFill, Protection

        self.wb, self.ws, self.spec = wb, ws, spec
        #: the most each indicator can be worth (a claim's upper bound)
        self.worth = ceilings(spec)
        self.bold = Font(bold=True)
        self.fill = PatternFill("solid", fgColor=INPUT_FILL)
        self.unlocked = Protection(locked=False)
        self.lists: Any = None

    def write(self) -> Layout:
        from openpyxl.styles import Font

        ws, spec = self.ws, self.spec
        ws["A1"] = spec.title or spec.id
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"], ws["B2"] = "规格", spec.id
        ws["C2"] = f"版本 {spec.version}" if spec.version else ""
        for (row, col), label in ((ENTITY_CELL, "评价对象"), (PERIOD_CELL, "评价年度")):
            ws.cell(row, col - 1, label)
            self.input_cell(row, col)
        inputs = self.inputs(6)
        header = (inputs[1] if inputs[0] else 5) + 2
        first = header + 1
        last = self.indicators(first)
        total = last + 1
        ws.cell(total, COLUMNS["name"][0], "合计").font = self.bold
        ws.cell(total, COLUMNS["weight"][0], cell_number(spec.total)).font = self.bold
        self.input_cell(total, COLUMNS["claimed"][0], number=True, high=spec.total)
        for key, (col, title) in COLUMNS.items():
            ws.cell(header, col, title).font = self.bold
            del key
        self.widths()
        ws.freeze_panes = ws.cell(first, COLUMNS["name"][0] + 1)
        return Layout(spec.id, inputs, (first, last), total)

    def inputs(self, row: int) -> tuple[int, int]:
        """The block of raw inputs (原始数据) from ``row``; (0, 0) when the spec has none."""
        if not self.spec.inputs:
            return 0, 0
        ws = self.ws
        ws.cell(row, 1, "原始数据").font = self.bold
        for title, col in (("编号", 1), ("名称", 2), ("计量单位", 3), ("数值", 4)):
            ws.cell(row + 1, col, title).font = self.bold
        first = row + 2
        for i, inp in enumerate(self.spec.inputs.values()):
            r = first + i
            ws.cell(r, INPUT_COLUMNS["id"], inp.id)
            ws.cell(r, INPUT_COLUMNS["name"], inp.name)
            ws.cell(r, INPUT_COLUMNS["unit"], inp.unit)
            self.input_cell(r, INPUT_COLUMNS["value"], number=True, unit=inp.unit)
        return first, first + len(self.spec.inputs) - 1

    def indicators(self, first: int) -> int:
        row = first
        for top in self.spec.indicators:
            row = self.indicator(top, 1, row)
        return row - 1

    def indicator(self, ind: Indicator, level: int, row: int) -> int:
        ws, c = self.ws, {k: col for k, (col, _) in COLUMNS.items()}
        ws.cell(row, c["level"], LEVELS.get(level, f"{level}级"))
        ws.cell(row, c["id"], ind.id)
        ws.cell(row, c["name"], ("  " * (level - 1)) + ind.name)
        ws.cell(row, c["unit"], ind.unit or None)
        ws.cell(row, c["direction"], DIRECTIONS.get(ind.direction or ""))
        target = ws.cell(row, c["target"], target_cell(ind))
        target.number_format = number_format(ind.unit)
        ws.cell(row, c["weight"], weight_cell(ind))
        self.input_cell(row, c["claimed"], number=True, high=self.worth[ind.id])
        self.input_cell(row, c["na"])
        self.input_cell(row, c["note"])
        if ind.is_group:
            for col in range(1, len(COLUMNS) + 1):
                ws.cell(row, col).font = self.bold
            for child in ind.children:
                row = self.indicator(child, level + 1, row + 1) - 1
            return row + 1
        if ind.derive is not None:
            ws.cell(row, c["actual"], f"由原始数据计算：{ind.derive.text}")
        elif isinstance(ind.method, GradesMethod):
            self.input_cell(row, c["actual"])
            self.grade_list(row, c["actual"], list(ind.method.grades))
            if any(lo != hi for lo, hi in ind.method.grades.values()):
                self.input_cell(row, c["chosen"], number=True, high=ind.weight)
        else:  # a formula's labels (actual == '是') are typed too: no numbers-only rule
            self.input_cell(row, c["actual"], number=not compared_labels(ind.method), unit=ind.unit)
        return row + 1

    def input_cell(
        self, row: int, col: int, number: bool = False, unit: str = "", high: Any = None
    ) -> None:
        """An unlocked, shaded cell; numbers only when ``number`` (at most ``high``)."""
        from openpyxl.worksheet.datavalidation import DataValidation

        cell = self.ws.cell(row, col)
        cell.protection = self.unlocked
        cell.fill = self.fill
        if not number:
            return
        cell.number_format = PERCENT_INPUT if is_percent(unit) else number_format(unit)
        top = _bound(high) if high is not None else "1E+15"
        dv = DataValidation(
            type="decimal",
            operator="between",
            formula1="0" if high is not None else "-1E+15",
            formula2=top,
            showErrorMessage=True,
            errorTitle="数字 / number",
            error=f"请填写数字（{'0 到 ' + top if high is not None else '不带单位'}）",
        )
        self.ws.add_data_validation(dv)
        dv.add(cell)

    def grade_list(self, row: int, col: int, labels: list[str]) -> None:
        """A drop-down list of the grade labels, kept on a hidden sheet."""
        from openpyxl.utils import get_column_letter, quote_sheetname
        from openpyxl.worksheet.datavalidation import DataValidation

        if self.lists is None:
            self.lists = self.wb.create_sheet(LISTS)
            self.lists.sheet_state = "hidden"
        column = self.lists.max_column + (1 if self.lists["A1"].value is not None else 0)
        letter = get_column_letter(column)
        for i, label in enumerate(labels, start=1):
            self.lists.cell(i, column, label).data_type = "s"
        ref = f"{quote_sheetname(LISTS)}!${letter}$1:${letter}${len(labels)}"
        dv = DataValidation(
            type="list",
            formula1=ref,
            showErrorMessage=True,
            errorTitle="等级 / grade",
            error="请从下拉列表中选择：" + "、".join(labels),
        )
        self.ws.add_data_validation(dv)
        dv.add(self.ws.cell(row, col))

    def widths(self) -> None:
        from openpyxl.styles import Alignment

        for col, width in zip(
            "ABCDEFGHIJKL", (6, 20, 30, 8, 10, 12, 8, 14, 10, 10, 20, 36), strict=True
        ):
            self.ws.column_dimensions[col].width = width
        for row in self.ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=True)
