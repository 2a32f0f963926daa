"""The 自评表 XLSX as a working paper: what an auditor files with it besides the
table, on a second sheet (the rounding rule, and the stamp that ties the table to
its spec, actuals and result)."""

from __future__ import annotations

from typing import Any

from ..scoring.result import Scorecard

ROUNDING_WORDS = {"half_up": "四舍五入", "half_even": "四舍六入五成双", "down": "截尾"}


def rounding_rule(sc: Scorecard) -> str:
    """The spec's rounding rule in words, e.g. ``每个指标得分保留 2 位小数，四舍五入 (half_up)``."""
    r = sc.spec.rounding
    how = f"{ROUNDING_WORDS.get(r.mode, r.mode)} ({r.mode})"
    where = "每个指标得分" if r.apply == "each" else "仅总分"
    return f"{where}保留 {r.places} 位小数，{how}"


def stamp_sheet(wb: Any, sc: Scorecard) -> None:
    """A second sheet ``出处`` with the rounding rule and the full stamp, one per row."""
    from openpyxl.styles import Font

    from ._xlsx import clean
    from .json_out import stamp_lines

    ws = wb.create_sheet("出处")
    ws.append(["项目", "内容"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.append(["rounding", rounding_rule(sc)])
    for key, value in stamp_lines(sc):
        ws.append([key, clean(value)])
    for row in ws.iter_rows():
        for cell in row:
            cell.data_type = "s"
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 72
